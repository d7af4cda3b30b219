using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KVaccine.Modules.Dashboard;

internal sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options, OutboxServices outbox) : ModuleDbContext(options, outbox)
{
    public const string MigrationsTable = "__ef_migrations_dashboard";

    public override string ModuleName => DashboardModule.ModuleName;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
    }
}

/// <summary>For <c>dotnet ef migrations add</c>: builds the context without the host.</summary>
internal sealed class DashboardDbContextFactory : IDesignTimeDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<DashboardDbContext>();
        Database.Configure(options, Database.DefaultConnectionString, DashboardDbContext.MigrationsTable, typeof(DashboardDbContext).Assembly.GetName().Name!);
        return new DashboardDbContext(options.Options, OutboxServices.DesignTime);
    }
}
