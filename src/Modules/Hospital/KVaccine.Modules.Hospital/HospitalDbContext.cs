using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Modules.Hospital.Bookings;
using KVaccine.Modules.Hospital.Staff;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Hospital;

internal class HospitalDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Schema = "hospital";

    public override string ModuleName => HospitalModule.ModuleName;

    public DbSet<HospitalBooking> Bookings => Set<HospitalBooking>();

    public DbSet<StaffAccount> StaffAccounts => Set<StaffAccount>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<HospitalBooking>(b =>
        {
            b.ToTable("hospital_bookings");
            b.HasKey(x => x.BookingId);
            b.Property(x => x.BookingId).ValueGeneratedNever();
            b.Property(x => x.UserName).HasMaxLength(50);
            b.Property(x => x.MaskedRegNumber).HasMaxLength(14);
            b.Property(x => x.VaccineType).HasMaxLength(50);
            b.Property(x => x.TriedTypes).HasMaxLength(500);
            b.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
            b.Ignore(x => x.Tried);
            b.Property(x => x.OfferedTypes).HasMaxLength(500).HasDefaultValue("");
            b.Ignore(x => x.Offered);
            b.Property(x => x.SiteName).HasMaxLength(100);
            b.Property(x => x.SiteId).HasDefaultValue(1);
            b.Property(x => x.DoseNumber).HasDefaultValue(1);
            b.HasIndex(x => x.ReserveDate);
            b.HasIndex(x => new { x.SiteId, x.ReserveDate });
            b.HasIndex(x => x.UserId);
        });
        modelBuilder.Entity<StaffAccount>(a =>
        {
            a.ToTable("staff_accounts");
            a.HasKey(x => x.Id);
            a.Property(x => x.UserName).HasMaxLength(StaffAccountRules.MaxUserName);
            a.HasIndex(x => x.UserName).IsUnique();
            a.Property(x => x.Role).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.PasswordHash).HasMaxLength(200);
        });
    }
}

/// <summary>The context on PostgreSQL: a type of its own, for its own migrations (Migrations/PostgreSql).</summary>
internal sealed class PostgreSqlHospitalDbContext(DbContextOptions<PostgreSqlHospitalDbContext> options) : HospitalDbContext(options);

internal sealed class HospitalDbContextFactory() : DesignTimeFactory<HospitalDbContext>(HospitalDbContext.Schema, DatabaseProvider.Sqlite);

internal sealed class PostgreSqlHospitalDbContextFactory() : DesignTimeFactory<PostgreSqlHospitalDbContext>(HospitalDbContext.Schema, DatabaseProvider.PostgreSQL);
