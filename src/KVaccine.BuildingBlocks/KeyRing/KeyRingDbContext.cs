using KVaccine.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.BuildingBlocks.KeyRing;

/// <summary>
/// The keys that seal the pages' cookies and form tokens (ASP.NET Core Data Protection), kept in the database every
/// host shares: a citizen's or staff member's cookie made by one host opens on another, and on the host that replaces
/// it. Kept in a home folder, they died with each container and differed from host to host.
/// </summary>
public class KeyRingDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public const string Schema = "keyring";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<DataProtectionKey>().ToTable("keyring_keys");

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => SchemaPerModule.AddTo(configurationBuilder, this);
}

/// <summary>The context on PostgreSQL: a type of its own, for its own migrations (Migrations/PostgreSql).</summary>
public sealed class PostgreSqlKeyRingDbContext(DbContextOptions<PostgreSqlKeyRingDbContext> options) : KeyRingDbContext(options);

/// <summary>For <c>dotnet ef migrations add</c>: builds the context without the host.</summary>
internal sealed class KeyRingDbContextFactory() : DesignTimeFactory<KeyRingDbContext>(KeyRingDbContext.Schema, DatabaseProvider.Sqlite);

internal sealed class PostgreSqlKeyRingDbContextFactory() : DesignTimeFactory<PostgreSqlKeyRingDbContext>(KeyRingDbContext.Schema, DatabaseProvider.PostgreSQL);
