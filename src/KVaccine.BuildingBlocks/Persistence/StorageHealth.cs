using System.Data.Common;
using System.Globalization;
using KVaccine.BuildingBlocks.Outbox;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>
/// Whether the database takes writes, as this host last found out. Whoever meets a storage failure (see
/// <see cref="DatabaseErrors"/>) reports it here; from then on readiness says so and the dispatcher waits, each
/// trying <see cref="ProbeAsync"/>, until a real write succeeds again.
/// </summary>
/// <remarks>
/// A report also drops the pooled connections. SQLite opens a file it may not write read-only and keeps it so for
/// the connection's life: without this, a connection opened while the disk was read-only would go on failing
/// from the pool long after the disk came back.
/// </remarks>
public sealed class StorageHealth(IServiceScopeFactory scopes, WriteGate writers, IConfiguration configuration, TimeProvider clock, ILogger<StorageHealth> logger)
{
    private readonly DatabaseSettings _database = Database.Settings(configuration);
    private Outage? _outage;

    /// <summary>Why the database takes no writes, and since when; null while it does.</summary>
    public sealed record Outage(string Reason, DateTimeOffset Since);

    public Outage? Current => Volatile.Read(ref _outage);

    public void Failed(DbException failure)
    {
        if (Interlocked.CompareExchange(ref _outage, new Outage(failure.Message, clock.GetUtcNow()), null) is null)
            logger.LogError(failure, "The database takes no writes: {Reason}; requests that write get 503 until it does", failure.Message);
        if (_database.IsPostgreSql)
        {
            ClearPostgreSqlPool(_database.ConnectionString);
        }
        else
        {
            using var pooled = new SqliteConnection(_database.ConnectionString);
            SqliteConnection.ClearPool(pooled);
        }
    }

    // Connections a restarted server closed would fail once each on their next use. Apart, so that SQLite never loads Npgsql.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ClearPostgreSqlPool(string connectionString)
    {
        using var pooled = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(pooled);
    }

    /// <summary>
    /// A write that changes nothing: on SQLite one value of the file's header rewritten as it is, on PostgreSQL a
    /// transaction id taken (which a server that cannot write refuses). Null when it succeeded.
    /// </summary>
    public async Task<Outage?> ProbeAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OutboxDbContext>();
            await db.Database.OpenConnectionAsync(ct);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            if (_database.IsPostgreSql)
            {
                command.CommandText = "SELECT pg_current_xact_id()";
                await command.ExecuteScalarAsync(ct);
            }
            else
            {
                command.CommandText = "PRAGMA user_version";
                var version = Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
                command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {version}");
                using (await writers.EnterAsync(ct))
                    await command.ExecuteNonQueryAsync(ct);
            }
        }
        catch (Exception e) when (DatabaseErrors.StorageFailure(e) is { } failure)
        {
            Failed(failure);
            return Current;
        }
        if (Interlocked.Exchange(ref _outage, null) is { } ended)
            logger.LogInformation("The database takes writes again, after {Duration}", clock.GetUtcNow() - ended.Since);
        return null;
    }
}
