using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace KVaccine.BuildingBlocks.Tests.Persistence;

/// <summary>A pooled connection whose file was deleted or replaced since it opened is refused, not used to answer into a lost file.</summary>
[Collection(PooledConnections.Name)]
public sealed class DatabaseFileGuardTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Theory]
    [InlineData("deleted")]
    [InlineData("replaced")]
    public async Task A_connection_to_a_database_file_deleted_or_replaced_since_it_opened_is_refused(string what)
    {
        var connectionString = Database.ConnectionString(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:KVaccine"] = _database.ConnectionString }).Build());
        await Database.EnableWriteAheadLogAsync(connectionString, CancellationToken.None);
        var options = Database.Configure(new DbContextOptionsBuilder<OutboxDbContext>(), new DatabaseSettings(DatabaseProvider.Sqlite, connectionString), OutboxDbContext.Schema, "KVaccine.BuildingBlocks");
        await using var db = new OutboxDbContext((DbContextOptions<OutboxDbContext>)options.Options);
        await db.Database.ExecuteSqlRawAsync("SELECT 1"); // the pool now holds a connection to the file

        if (what == "deleted") File.Delete(_database.FilePath);
        else
        {
            var other = Path.Combine(_database.Folder, "other.db");
            await Database.EnableWriteAheadLogAsync($"Data Source={other};Pooling=False", CancellationToken.None);
            File.Move(other, _database.FilePath, overwrite: true);
        }

        var refused = await FluentActions.Awaiting(() => db.Database.ExecuteSqlRawAsync("SELECT 1")).Should().ThrowAsync<SqliteException>();
        refused.Which.Message.Should().Contain("deleted or replaced");
        DatabaseErrors.StorageFailure(refused.Which).Should().NotBeNull("it is answered as a failing disk is: 503, and readiness says why");
    }
}

/// <summary>
/// Tests about a connection SQLite's pool keeps, run alone: another test's <see cref="TempDatabase"/> empties every
/// pool when it is disposed, and the connection would be opened anew.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PooledConnections
{
    public const string Name = "pooled SQLite connections";
}
