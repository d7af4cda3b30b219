using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

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

public sealed class IdempotencyDbContext(DbContextOptions<IdempotencyDbContext> options) : DbContext(options)
{
    public const string MigrationsTable = "__ef_migrations_idempotency";

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
}

/// <summary>For <c>dotnet ef migrations add</c>: builds the context without the host.</summary>
internal sealed class IdempotencyDbContextFactory : IDesignTimeDbContextFactory<IdempotencyDbContext>
{
    public IdempotencyDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<IdempotencyDbContext>();
        Database.Configure(options, Database.DefaultConnectionString, IdempotencyDbContext.MigrationsTable, typeof(IdempotencyDbContext).Assembly.GetName().Name!);
        return new IdempotencyDbContext(options.Options);
    }
}
