using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.BuildingBlocks.Idempotency;

/// <summary>A request made with an <c>Idempotency-Key</c>, and the answer it got, to give again to a retry.</summary>
public sealed class IdempotentRequest
{
    public required string Route { get; set; }
    public required string Key { get; set; }

    /// <summary>HMAC of what the request means (<see cref="RequestFingerprint"/>): tells a retry from another request that reuses the key, without storing the request.</summary>
    public required string Fingerprint { get; set; }
    public bool Completed { get; set; }
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Body { get; set; }
    public string? Location { get; set; }

    /// <summary>When the key was claimed; also the claim's token, so that only its own request completes or gives it back.</summary>
    public long CreatedAtMs { get; set; }
}

public class IdempotencyDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Schema = "idempotency";

    public DbSet<IdempotentRequest> Requests => Set<IdempotentRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<IdempotentRequest>(r =>
    {
        r.ToTable("idempotency_requests");
        r.HasKey(x => new { x.Route, x.Key });
        r.Property(x => x.Route).HasMaxLength(100);
        r.Property(x => x.Key).HasMaxLength(IdempotencyFilter.MaxKeyLength);
        r.Property(x => x.Fingerprint).HasMaxLength(64);
        r.Property(x => x.ContentType).HasMaxLength(100);
        r.Property(x => x.Location).HasMaxLength(200);
        r.HasIndex(x => x.CreatedAtMs);
    });

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => SchemaPerModule.AddTo(configurationBuilder, this);
}

/// <summary>The context on PostgreSQL: a type of its own, for its own migrations (Migrations/PostgreSql).</summary>
public sealed class PostgreSqlIdempotencyDbContext(DbContextOptions<PostgreSqlIdempotencyDbContext> options) : IdempotencyDbContext(options);

/// <summary>For <c>dotnet ef migrations add</c>: builds the context without the host.</summary>
internal sealed class IdempotencyDbContextFactory() : DesignTimeFactory<IdempotencyDbContext>(IdempotencyDbContext.Schema, DatabaseProvider.Sqlite);

internal sealed class PostgreSqlIdempotencyDbContextFactory() : DesignTimeFactory<PostgreSqlIdempotencyDbContext>(IdempotencyDbContext.Schema, DatabaseProvider.PostgreSQL);
