using Microsoft.EntityFrameworkCore;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>The dispatcher's own view of the outbox: claims, retries, dead letters, pruning, and the migrations.</summary>
public sealed class OutboxDbContext(DbContextOptions<OutboxDbContext> options) : DbContext(options)
{
    public const string MigrationsTable = "__ef_migrations_outbox";

    public DbSet<OutboxMessage> Messages => Set<OutboxMessage>();
    public DbSet<OutboxDelivery> Deliveries => Set<OutboxDelivery>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        OutboxModel.Configure(modelBuilder, excludeFromMigrations: false);
}

/// <summary>For <c>dotnet ef migrations add</c>: builds the context without the host.</summary>
internal sealed class OutboxDbContextFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<OutboxDbContext>
{
    public OutboxDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<OutboxDbContext>();
        Persistence.Database.Configure(options, Persistence.Database.DefaultConnectionString, OutboxDbContext.MigrationsTable,
            typeof(OutboxDbContext).Assembly.GetName().Name!);
        return new OutboxDbContext(options.Options);
    }
}
