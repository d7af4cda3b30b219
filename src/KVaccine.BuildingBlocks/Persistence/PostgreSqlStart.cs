using Npgsql;

namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>
/// Start-up on PostgreSQL. The database is created when it is missing (unless it must exist), and hosts starting
/// together migrate and seed it in turns: each holds a session advisory lock, on a connection of its own, while it
/// does. The first applies the migrations; the others find them applied.
/// </summary>
internal static class PostgreSqlStart
{
    /// <summary>The lock's key: any number, the same in every host ("KVMIGR").</summary>
    private const long MigrationLock = 0x4B564D494752;

    /// <summary>Waits for this host's turn to migrate; disposing the result (closing the session) ends it.</summary>
    public static async Task<IAsyncDisposable> TakeTurnAsync(string connectionString, bool mustExist, CancellationToken ct)
    {
        // Unpooled: the lock belongs to the session, which a pooled connection would keep open after it is closed.
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Enlist = false };
        var connection = new NpgsqlConnection(unpooled.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            await connection.DisposeAsync();
            if (mustExist)
                throw new MissingDatabaseException($"the PostgreSQL database {unpooled.Database} does not exist on {unpooled.Host}, and {DatabaseOptions.Section}:{nameof(DatabaseOptions.MustExist)} is set. " +
                                                   $"Restore it from a backup, or correct ConnectionStrings:{Database.ConnectionStringName}.");
            await CreateAsync(unpooled, ct);
            connection = new NpgsqlConnection(unpooled.ConnectionString);
            await connection.OpenAsync(ct);
        }
        await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLock})", connection);
        take.CommandTimeout = 0; // as long as the host before it takes to migrate
        await take.ExecuteNonQueryAsync(ct);
        return connection;
    }

    private static async Task CreateAsync(NpgsqlConnectionStringBuilder target, CancellationToken ct)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(ct);
        var name = target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another host starting at the same moment created it.
        }
    }
}
