using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Modules.Reservation.Calendar;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Reservation;

internal class ReservationDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Schema = "reservation";

    public override string ModuleName => ReservationModule.ModuleName;

    public DbSet<Slot> Slots => Set<Slot>();
    public DbSet<ReservationRecord> Reservations => Set<ReservationRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Slot>(s =>
        {
            s.ToTable("reservation_slots");
            s.HasKey(x => x.Date);
            s.Property(x => x.Booked).IsConcurrencyToken();
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
