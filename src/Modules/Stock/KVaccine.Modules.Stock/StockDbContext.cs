using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Modules.Stock.Inventory;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Stock;

internal class StockDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Schema = "stock";

    public override string ModuleName => StockModule.ModuleName;

    public DbSet<VaccineStock> Stocks => Set<VaccineStock>();
    public DbSet<LedgerEntry> Ledger => Set<LedgerEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<VaccineStock>(s =>
        {
            s.ToTable("stock_levels", t => t.HasCheckConstraint("CK_stock_levels_count_not_negative", "\"Count\" >= 0"));
            s.HasKey(x => x.VaccineType);
            s.Property(x => x.VaccineType).HasMaxLength(50).UseCollation("NOCASE");
            s.Property(x => x.Count).IsConcurrencyToken();
        });
        modelBuilder.Entity<LedgerEntry>(l =>
        {
            l.ToTable("stock_ledger");
            l.Property(x => x.VaccineType).HasMaxLength(50).UseCollation("NOCASE");
            l.Property(x => x.Kind).HasConversion<string>().HasMaxLength(10);
            l.HasIndex(x => new { x.BookingId, x.VaccineType });
            l.HasIndex(x => x.VaccineType);
        });
    }
}

/// <summary>The context on PostgreSQL: a type of its own, for its own migrations (Migrations/PostgreSql).</summary>
internal sealed class PostgreSqlStockDbContext(DbContextOptions<PostgreSqlStockDbContext> options) : StockDbContext(options);

internal sealed class StockDbContextFactory() : DesignTimeFactory<StockDbContext>(StockDbContext.Schema, DatabaseProvider.Sqlite);

internal sealed class PostgreSqlStockDbContextFactory() : DesignTimeFactory<PostgreSqlStockDbContext>(StockDbContext.Schema, DatabaseProvider.PostgreSQL);
