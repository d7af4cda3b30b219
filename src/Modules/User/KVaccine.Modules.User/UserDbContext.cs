using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Modules.User.Bookings;
using KVaccine.Modules.User.Citizens;
using KVaccine.Modules.User.Contracts;
using KVaccine.Modules.User.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace KVaccine.Modules.User;

internal class UserDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Schema = "user";

    private BookingMetrics? _metrics; // a pooled context is built from its options alone: resolved from the host's services

    public override string ModuleName => UserModule.ModuleName;

    public DbSet<Citizen> Citizens => Set<Citizen>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<CitizenNotification> Notifications => Set<CitizenNotification>();
    public DbSet<IdentityLock> IdentityLocks => Set<IdentityLock>();
    public DbSet<IdentityCorrection> IdentityCorrections => Set<IdentityCorrection>();

    /// <summary>
    /// Every booking this save adds or changes is announced as it now stands: User owns the status, and this is how
    /// the other modules learn of it, whichever code path changed it. A renamed citizen's bookings are announced too:
    /// the other modules' copies carry the name.
    /// </summary>
    protected override IEnumerable<Func<IIntegrationEvent>> EventsOfChanges()
    {
        var changed = ChangeTracker.Entries<Booking>().Where(e => e.State is EntityState.Added or EntityState.Modified).Select(e => e.Entity)
            .Concat(ChangeTracker.Entries<Citizen>().Where(e => e.State == EntityState.Modified && e.Property(c => c.Name).IsModified)
                .SelectMany(e => e.Entity.Bookings))
            .Distinct()
            .ToList();
        foreach (var booking in changed)
        {
            yield return () => new BookingStatusChanged(booking.Id, booking.Citizen.Id, CommittedName(booking.Citizen), booking.Citizen.MaskedRegNumber,
                booking.ReserveDate, booking.Status, booking.Reason, booking.VaccineType, booking.InjectDate, booking.CancelDate,
                booking.SiteId, booking.SiteName, booking.SlotTime, booking.SlotMinutes, booking.DoseNumber,
                booking.Offered, booking.EarliestDate, booking.LatestDate, booking.NearestDate);
        }
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        CountMoves();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Every booking this save moves to a status is counted once the save commits; one that rolls back counts none.</summary>
    private void CountMoves()
    {
        foreach (var entry in ChangeTracker.Entries<Booking>())
        {
            if (entry.State != EntityState.Added && !(entry.State == EntityState.Modified && entry.Property(b => b.Status).IsModified)) continue;
            var (status, reason) = (entry.Entity.Status, entry.Entity.Reason);
            AfterCommit(() => (_metrics ??= this.GetService<BookingMetrics>()).Moved(status, reason));
        }
    }

    /// <summary>
    /// The citizen's name as the database has it now, within the save's transaction: an Admin may have corrected it
    /// since this unit of work read it, and the announcement must not hand the old one to every copy. Read once the
    /// booking is written (SQLite: no other writer can commit until this one does) and its key held (PostgreSQL: a
    /// correction announcing the same booking waits for this commit, see OutboxStatements.LockKey).
    /// </summary>
    private string CommittedName(Citizen citizen)
    {
        var entry = Entry(citizen);
        if (entry.State != EntityState.Unchanged) return citizen.Name;
        var name = entry.Property(c => c.Name);
        name.CurrentValue = name.OriginalValue = NameOf.For(this)(this, citizen.Id);
        return citizen.Name;
    }

    // The queries every booking runs, compiled: a LINQ query has its parameters extracted and its plan looked up
    // again on every run.

    /// <summary>The citizen with this RRN hash and all their bookings, tracked; null if there is none.</summary>
    public Task<Citizen?> CitizenWithBookingsAsync(string regNumberHash, CancellationToken ct) => CitizenWithBookings.For(this)(this, regNumberHash, ct);

    /// <summary>The booking with its citizen, tracked.</summary>
    public Task<Booking> BookingWithCitizenAsync(long bookingId, CancellationToken ct) => BookingWithCitizen.For(this)(this, bookingId, ct);

    /// <summary>The booking as committed now, untracked (whatever this context holds of it).</summary>
    public Task<Booking> CommittedBookingAsync(long bookingId, CancellationToken ct) => CommittedBooking.For(this)(this, bookingId, ct);

    private static readonly CompiledQuery<Func<UserDbContext, string, CancellationToken, Task<Citizen?>>> CitizenWithBookings = new(() =>
        EF.CompileAsyncQuery((UserDbContext db, string hash, CancellationToken _) => db.Citizens.Include(c => c.Bookings).SingleOrDefault(c => c.RegNumberHash == hash)));

    private static readonly CompiledQuery<Func<UserDbContext, long, CancellationToken, Task<Booking>>> BookingWithCitizen = new(() =>
        EF.CompileAsyncQuery((UserDbContext db, long id, CancellationToken _) => db.Bookings.Include(b => b.Citizen).Single(b => b.Id == id)));

    private static readonly CompiledQuery<Func<UserDbContext, long, string>> NameOf = new(() =>
        EF.CompileQuery((UserDbContext db, long id) => db.Citizens.Where(c => c.Id == id).Select(c => c.Name).Single()));

    private static readonly CompiledQuery<Func<UserDbContext, long, CancellationToken, Task<Booking>>> CommittedBooking = new(() =>
        EF.CompileAsyncQuery((UserDbContext db, long id, CancellationToken _) => db.Bookings.AsNoTracking().Single(b => b.Id == id)));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Citizen>(c =>
        {
            c.ToTable("user_citizens");
            c.Property(x => x.Name).HasMaxLength(IdentityRules.MaxNameStorage);
            c.Property(x => x.RegNumberHash).HasMaxLength(64);
            c.Property(x => x.MaskedRegNumber).HasMaxLength(14);
            c.Property(x => x.Language).HasMaxLength(CitizenLanguage.MaxLength).HasDefaultValue(CitizenLanguage.Korean);
            c.HasIndex(x => x.RegNumberHash).IsUnique();
            c.HasMany(x => x.Bookings).WithOne(b => b.Citizen).HasForeignKey(b => b.CitizenId);
        });
        modelBuilder.Entity<Booking>(b =>
        {
            b.ToTable("user_bookings");
            // A change writes only if the status and the vaccine, the two things that change on their own, are still
            // what it read (a late event retries and re-reads, a request answers 409): the booking is announced whole,
            // so what is announced must be what the row holds.
            b.Property(x => x.Status).HasConversion<string>().HasMaxLength(10).IsConcurrencyToken();
            b.Property(x => x.Reason).HasMaxLength(40);
            b.Property(x => x.SiteName).HasMaxLength(100);
            b.Property(x => x.SiteId).HasDefaultValue(Appointment.DefaultSiteId);
            b.Property(x => x.DoseNumber).HasDefaultValue(1);
            b.Ignore(x => x.Where);
            b.Ignore(x => x.Offered);
            b.Ignore(x => x.Interval);
            b.Ignore(x => x.Dose);
            b.Property(x => x.OfferedVaccineTypes).HasMaxLength(200);
            b.Property(x => x.MoveRefused).HasMaxLength(40);
            // Two moves asked for at once: one is written, the other answers 409.
            b.Property(x => x.MovingTo).IsConcurrencyToken();
            b.Property(x => x.SecondDosesBooked).IsConcurrencyToken();
            b.Property(x => x.VaccineType).HasMaxLength(50).IsConcurrencyToken();
            // One active booking per citizen and dose, even when two requests race past the aggregate's check.
            b.HasIndex(x => new { x.CitizenId, x.DoseNumber }, "IX_user_bookings_one_active").IsUnique().HasFilter("\"Status\" IN ('PENDING', 'RESERVE')");
            // A citizen's bookings, past ones included. (Unnamed, this would have been the filtered index again.)
            b.HasIndex(x => x.CitizenId, "IX_user_bookings_CitizenId");
        });
        modelBuilder.Entity<IdentityLock>(l =>
        {
            l.ToTable("user_identity_locks");
            l.HasKey(x => x.RegNumberHash);
            l.Property(x => x.RegNumberHash).HasMaxLength(64);
            // Two wrong names at once both count.
            l.Property(x => x.WrongNames).IsConcurrencyToken();
            l.Property(x => x.LockedUntil).IsConcurrencyToken();
            l.HasIndex(x => x.ForgetAfterMs);
        });
        modelBuilder.Entity<IdentityCorrection>(a =>
        {
            a.ToTable("user_identity_corrections");
            a.Property(x => x.RegNumberHash).HasMaxLength(64);
            a.Property(x => x.Action).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.PreviousName).HasMaxLength(IdentityRules.MaxNameStorage);
            a.Property(x => x.NewName).HasMaxLength(IdentityRules.MaxNameStorage);
            a.Property(x => x.Reason).HasMaxLength(IdentityCorrection.MaxReasonLength);
            a.Property(x => x.Staff).HasMaxLength(100);
            a.HasIndex(x => x.RegNumberHash);
        });
        modelBuilder.Entity<CitizenNotification>(n =>
        {
            n.ToTable("user_notifications");
            n.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
            n.Property(x => x.Message).HasMaxLength(500);
            n.HasIndex(x => x.CitizenId);
        });
    }
}

/// <summary>The context on PostgreSQL: a type of its own, for its own migrations (Migrations/PostgreSql).</summary>
internal sealed class PostgreSqlUserDbContext(DbContextOptions<PostgreSqlUserDbContext> options) : UserDbContext(options);

internal sealed class UserDbContextFactory() : DesignTimeFactory<UserDbContext>(UserDbContext.Schema, DatabaseProvider.Sqlite);

internal sealed class PostgreSqlUserDbContextFactory() : DesignTimeFactory<PostgreSqlUserDbContext>(UserDbContext.Schema, DatabaseProvider.PostgreSQL);
