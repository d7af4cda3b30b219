using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Modules.Reservation.Calendar;
using KVaccine.Modules.Reservation.Sites;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Reservation;

internal class ReservationDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Schema = "reservation";

    public override string ModuleName => ReservationModule.ModuleName;

    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Slot> Slots => Set<Slot>();
    public DbSet<ReservationRecord> Reservations => Set<ReservationRecord>();

    /// <summary>The slots of a site's date stored so far, tracked.</summary>
    /// <remarks>
    /// A day is only ever read whole, so one this context tracks a slot of was read already, its slots added since by
    /// an earlier event of the same batch included (the dispatcher applies a batch in one context): it is not read again.
    /// </remarks>
    public async Task<List<Slot>> StoredSlotsAsync(int siteId, DateOnly date, CancellationToken ct)
    {
        var tracked = Slots.Local.Where(s => s.SiteId == siteId && s.Date == date).ToList();
        return tracked.Count > 0 ? tracked : await StoredSlots.For(this)(this, siteId, date).ToListAsync(ct);
    }

    private static readonly CompiledQuery<Func<ReservationDbContext, int, DateOnly, IAsyncEnumerable<Slot>>> StoredSlots = new(() =>
        EF.CompileAsyncQuery((ReservationDbContext db, int siteId, DateOnly date) => db.Slots.Where(s => s.SiteId == siteId && s.Date == date)));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Site>(s =>
        {
            s.ToTable("reservation_sites");
            s.Property(x => x.Name).HasMaxLength(Site.MaxNameLength);
            s.Property(x => x.Region).HasMaxLength(Site.MaxRegionLength);
            s.Property(x => x.VaccineTypes).HasMaxLength(500);
            s.Property(x => x.Hours).HasConversion(h => h.ToString(), text => WeeklyHours.Parse(text)).HasMaxLength(500);
            s.HasMany(x => x.ClosedDays).WithOne().HasForeignKey(d => d.SiteId);
            s.Ignore(x => x.VaccineTypeList);
        });
        modelBuilder.Entity<ClosedDay>(d =>
        {
            d.ToTable("reservation_closed_days");
            d.HasKey(x => new { x.SiteId, x.Date });
        });
        modelBuilder.Entity<Slot>(s =>
        {
            s.ToTable("reservation_slots");
            s.HasKey(x => new { x.SiteId, x.Date, x.Start });
            s.Property(x => x.FirstBooked).IsConcurrencyToken();
            s.Property(x => x.SecondBooked).IsConcurrencyToken();
            s.Ignore(x => x.IsWholeDay);
            s.Ignore(x => x.Booked);
        });
        modelBuilder.Entity<ReservationRecord>(r =>
        {
            r.ToTable("reservation_records");
            r.HasKey(x => x.BookingId);
            r.Property(x => x.BookingId).ValueGeneratedNever();
            r.Property(x => x.State).HasConversion<string>().HasMaxLength(10);
            r.Property(x => x.Reason).HasMaxLength(40);
        });
    }
}

/// <summary>The context on PostgreSQL: a type of its own, for its own migrations (Migrations/PostgreSql).</summary>
internal sealed class PostgreSqlReservationDbContext(DbContextOptions<PostgreSqlReservationDbContext> options) : ReservationDbContext(options);

internal sealed class ReservationDbContextFactory() : DesignTimeFactory<ReservationDbContext>(ReservationDbContext.Schema, DatabaseProvider.Sqlite);

internal sealed class PostgreSqlReservationDbContextFactory() : DesignTimeFactory<PostgreSqlReservationDbContext>(ReservationDbContext.Schema, DatabaseProvider.PostgreSQL);
