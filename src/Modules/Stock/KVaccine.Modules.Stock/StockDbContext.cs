using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KVaccine.Modules.Stock;

internal sealed class StockDbContext(DbContextOptions<StockDbContext> options, OutboxServices outbox) : ModuleDbContext(options, outbox)
{
    public const string MigrationsTable = "__ef_migrations_stock";

    public override string ModuleName => StockModule.ModuleName;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
    }
}

/// <summary>For <c>dotnet ef migrations add</c>: builds the context without the host.</summary>
internal sealed class StockDbContextFactory : IDesignTimeDbContextFactory<StockDbContext>
{
    public StockDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<StockDbContext>();
        Database.Configure(options, Database.DefaultConnectionString, StockDbContext.MigrationsTable, typeof(StockDbContext).Assembly.GetName().Name!);
        return new StockDbContext(options.Options, OutboxServices.DesignTime);
    }
}
