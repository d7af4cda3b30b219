using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Modules.Stock.Inventory;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Stock;

internal sealed class StockDbContext(DbContextOptions<StockDbContext> options) : ModuleDbContext(options)
{
    public const string MigrationsTable = "__ef_migrations_stock";

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

internal sealed class StockDbContextFactory() : DesignTimeFactory<StockDbContext>(StockDbContext.MigrationsTable);
