using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Modules.Dashboard.Views;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace KVaccine.Modules.Dashboard;

internal class DashboardDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Schema = "dashboard";

    public override string ModuleName => DashboardModule.ModuleName;

    public DbSet<DashboardRow> Rows => Set<DashboardRow>();

    public DbSet<StatusChange> Changes => Set<StatusChange>();

    // The log's own key in the two-number space of advisory locks, apart from the outbox's one-number keys: the table's oid.
    private const string HoldTheLog = "SELECT pg_advisory_xact_lock('dashboard.status_changes'::regclass::oid::int, 0)";

    /// <summary>
    /// On PostgreSQL a save that appends to the log holds the log's lock from before its insert to its commit, so
    /// positions are taken and committed in one order across hosts: a reader that has seen a position never finds a
    /// lower one appear later (a sequence alone is not enough: a transaction holding 11 can commit after one holding
    /// 12). On SQLite one writer at a time already gives that order.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!Database.IsPostgreSql() || !ChangeTracker.Entries<StatusChange>().Any(c => c.State == EntityState.Added))
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        await Database.ExecuteSqlRawAsync(HoldTheLog, cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (own is not null) await own.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>The log is appended by <see cref="SaveChangesAsync(bool, CancellationToken)"/> only, which holds its order.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        ChangeTracker.Entries<StatusChange>().Any(c => c.State == EntityState.Added)
            ? throw new InvalidOperationException("Status changes are appended with SaveChangesAsync.")
            : base.SaveChanges(acceptAllChangesOnSuccess);

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
        modelBuilder.Entity<StatusChange>(c =>
        {
            c.ToTable("dashboard_status_changes");
            c.HasKey(x => x.Position);
            c.Property(x => x.Position).ValueGeneratedOnAdd();
            // SQLite's rowid, without AUTOINCREMENT's second write per insert: the log is never deleted from, so a
            // position is never reused anyway.
            if (Database.IsSqlite()) c.Property(x => x.Position).Metadata.SetValueGenerationStrategy(SqliteValueGenerationStrategy.None);
            c.Property(x => x.SiteName).HasMaxLength(100);
            c.Property(x => x.VaccineType).HasMaxLength(50);
            c.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
            c.Property(x => x.Reason).HasMaxLength(40);
        });
    }
}

/// <summary>The context on PostgreSQL: a type of its own, for its own migrations (Migrations/PostgreSql).</summary>
internal sealed class PostgreSqlDashboardDbContext(DbContextOptions<PostgreSqlDashboardDbContext> options) : DashboardDbContext(options);

internal sealed class DashboardDbContextFactory() : DesignTimeFactory<DashboardDbContext>(DashboardDbContext.Schema, DatabaseProvider.Sqlite);

internal sealed class PostgreSqlDashboardDbContextFactory() : DesignTimeFactory<PostgreSqlDashboardDbContext>(DashboardDbContext.Schema, DatabaseProvider.PostgreSQL);
