using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KVaccine.Modules.Hospital;

internal sealed class HospitalDbContext(DbContextOptions<HospitalDbContext> options, OutboxServices outbox) : ModuleDbContext(options, outbox)
{
    public const string MigrationsTable = "__ef_migrations_hospital";

    public override string ModuleName => HospitalModule.ModuleName;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
    }
}

/// <summary>For <c>dotnet ef migrations add</c>: builds the context without the host.</summary>
internal sealed class HospitalDbContextFactory : IDesignTimeDbContextFactory<HospitalDbContext>
{
    public HospitalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<HospitalDbContext>();
        Database.Configure(options, Database.DefaultConnectionString, HospitalDbContext.MigrationsTable, typeof(HospitalDbContext).Assembly.GetName().Name!);
        return new HospitalDbContext(options.Options, OutboxServices.DesignTime);
    }
}
