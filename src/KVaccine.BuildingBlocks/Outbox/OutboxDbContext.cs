using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>The dispatcher's own view of the outbox: claims, retries, dead letters, pruning, and the migrations.</summary>
public class OutboxDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Schema = "outbox";

    public DbSet<OutboxMessage> Messages => Set<OutboxMessage>();
    public DbSet<OutboxDelivery> Deliveries => Set<OutboxDelivery>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        OutboxModel.Configure(modelBuilder, excludeFromMigrations: false, OutboxStatements.For(Database));

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => SchemaPerModule.AddTo(configurationBuilder, this);
}

/// <summary>The outbox's context on PostgreSQL: a type of its own, for its own migrations (Migrations/PostgreSql).</summary>
public sealed class PostgreSqlOutboxDbContext(DbContextOptions<PostgreSqlOutboxDbContext> options) : OutboxDbContext(options);

/// <summary>For <c>dotnet ef migrations add</c>: builds the context without the host.</summary>
internal sealed class OutboxDbContextFactory() : Persistence.DesignTimeFactory<OutboxDbContext>(OutboxDbContext.Schema, Persistence.DatabaseProvider.Sqlite);

internal sealed class PostgreSqlOutboxDbContextFactory() : Persistence.DesignTimeFactory<PostgreSqlOutboxDbContext>(OutboxDbContext.Schema, Persistence.DatabaseProvider.PostgreSQL);
