using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>
/// synchronous=NORMAL is durable in WAL mode against a process crash (a power cut can lose the last commits, never
/// corrupt the file). Set on every connection the pool opens; it takes no lock. WAL itself is a property of the
/// file, set once at start-up (<see cref="Database.EnableWriteAheadLogAsync"/>): asking for it on every open would
/// queue behind another process's write lock.
/// </summary>
/// <remarks>
/// EF opens a pooled connection for every query outside a transaction, so the pragmas run once per physical
/// connection (its native handle), not on every open, where they would add their statements to nearly every query.
/// </remarks>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static SqlitePragmas Instance { get; } = new();

    private static readonly ConditionalWeakTable<sqlite3, object> Prepared = new();

    // busy_timeout: SQLite's own busy handler waits for the write lock in steps of a few milliseconds. Without it
    // Microsoft.Data.Sqlite retries a busy statement only every 150 ms, which turns brief contention between the
    // dispatcher's consumers into long stalls.
    private static string Pragmas(SqliteConnection connection) =>
        $"PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={connection.DefaultTimeout * 1000};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        var sqlite = (SqliteConnection)connection;
        if (IsPrepared(sqlite)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas(sqlite);
        command.ExecuteNonQuery();
        MarkPrepared(sqlite);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var sqlite = (SqliteConnection)connection;
        if (IsPrepared(sqlite)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas(sqlite);
        await command.ExecuteNonQueryAsync(cancellationToken);
        MarkPrepared(sqlite);
    }

    private static bool IsPrepared(SqliteConnection connection) => connection.Handle is { } handle && Prepared.TryGetValue(handle, out _);

    private static void MarkPrepared(SqliteConnection connection)
    {
        if (connection.Handle is { } handle) Prepared.TryAdd(handle, Prepared);
    }
}
