using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>
/// synchronous=NORMAL is durable in WAL mode against a process crash (a power cut can lose the last commits, never
/// corrupt the file). Set on every connection the pool opens; it takes no lock. WAL itself is a property of the
/// file, set once at start-up (<see cref="Database.EnableWriteAheadLogAsync"/>): asking for it on every open would
/// queue behind another process's write lock.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static SqlitePragmas Instance { get; } = new();

    // busy_timeout: SQLite's own busy handler waits for the write lock in steps of a few milliseconds. Without it
    // Microsoft.Data.Sqlite retries a busy statement only every 150 ms, which turns brief contention between the
    // dispatcher's consumers into long stalls.
    private static string Pragmas(DbConnection connection) =>
        $"PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={((SqliteConnection)connection).DefaultTimeout * 1000};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
