using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KVaccine.Modules.Reservation;

internal sealed class ReservationDbContext(DbContextOptions<ReservationDbContext> options, OutboxServices outbox) : ModuleDbContext(options, outbox)
{
    public const string MigrationsTable = "__ef_migrations_reservation";

    public override string ModuleName => ReservationModule.ModuleName;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
    }
}

/// <summary>For <c>dotnet ef migrations add</c>: builds the context without the host.</summary>
internal sealed class ReservationDbContextFactory : IDesignTimeDbContextFactory<ReservationDbContext>
{
    public ReservationDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ReservationDbContext>();
        Database.Configure(options, Database.DefaultConnectionString, ReservationDbContext.MigrationsTable, typeof(ReservationDbContext).Assembly.GetName().Name!);
        return new ReservationDbContext(options.Options, OutboxServices.DesignTime);
    }
}
