using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Modules.Dashboard.Views;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Dashboard;

internal class DashboardDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Schema = "dashboard";

    public override string ModuleName => DashboardModule.ModuleName;

    public DbSet<DashboardRow> Rows => Set<DashboardRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<DashboardRow>(r =>
        {
            r.ToTable("dashboard_bookings");
            r.HasKey(x => x.BookingId);
            r.Property(x => x.BookingId).ValueGeneratedNever();
            r.Property(x => x.UserName).HasMaxLength(50);
            r.Property(x => x.MaskedRegNumber).HasMaxLength(14);
            r.Property(x => x.ReserveStatus).HasConversion<string>().HasMaxLength(10);
            r.Property(x => x.Reason).HasMaxLength(40);
            r.Property(x => x.VaccineType).HasMaxLength(50);
            r.Property(x => x.SiteName).HasMaxLength(100);
            r.Property(x => x.SiteId).HasDefaultValue(1);
            r.Property(x => x.DoseNumber).HasDefaultValue(1);
            r.HasIndex(x => x.VaccineType);
            r.HasIndex(x => x.SiteId);
            r.HasIndex(x => x.ReserveStatus);
        });
    }
}

/// <summary>The context on PostgreSQL: a type of its own, for its own migrations (Migrations/PostgreSql).</summary>
internal sealed class PostgreSqlDashboardDbContext(DbContextOptions<PostgreSqlDashboardDbContext> options) : DashboardDbContext(options);

internal sealed class DashboardDbContextFactory() : DesignTimeFactory<DashboardDbContext>(DashboardDbContext.Schema, DatabaseProvider.Sqlite);

internal sealed class PostgreSqlDashboardDbContextFactory() : DesignTimeFactory<PostgreSqlDashboardDbContext>(DashboardDbContext.Schema, DatabaseProvider.PostgreSQL);
