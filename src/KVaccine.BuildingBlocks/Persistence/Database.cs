using KVaccine.BuildingBlocks.Outbox;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>
/// The one database every module's context and the outbox share (each over its own tables): sharing it is what
/// lets a module's state and its outgoing events commit in one transaction.
/// </summary>
public static class Database
{
    public const string ConnectionStringName = "KVaccine";
    public const string DefaultConnectionString = "Data Source=data/kvaccine.db";

    public static string ConnectionString(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName) ?? DefaultConnectionString;
        var builder = new SqliteConnectionStringBuilder(configured);
        // Writers queue on SQLite's lock for at most this long before the request fails with 503. (A Sqlite builder
        // "contains" every keyword it knows; the plain builder tells whether the string set it.)
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured };
        if (!given.ContainsKey("Default Timeout") && !given.ContainsKey("Command Timeout")) builder.DefaultTimeout = 5;
        // A file that is not there is not created behind the host's back: it was deleted while the host ran, and an
        // empty one in its place would answer every citizen "not found". Only start-up creates it (EnableWriteAheadLogAsync).
        if (!given.ContainsKey("Mode")) builder.Mode = SqliteOpenMode.ReadWrite;
        return builder.ToString();
    }

    /// <summary>Registers a module's context over the shared database, with its own migrations-history table.</summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services, IConfiguration configuration, string migrationsTable)
        where TContext : ModuleDbContext
    {
        var connectionString = ConnectionString(configuration);
        // Pooled: every request and every hop of the outbox takes a context, so setting up a fresh one's internal
        // services each time would be paid several times over for every booking.
        services.AddDbContextPool<TContext>(o => Configure(o, connectionString, migrationsTable, typeof(TContext).Assembly.GetName().Name!)
            .AddInterceptors(OutboxCommitInterceptor.Instance));
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString, string migrationsTable, string migrationsAssembly) =>
        options
            .UseSqlite(connectionString, sqlite => sqlite
                .MigrationsHistoryTable(migrationsTable)
                .MigrationsAssembly(migrationsAssembly)
                // EF sets each command's timeout, which is also how long SQLite waits on a lock: keep the connection string's.
                .CommandTimeout(new SqliteConnectionStringBuilder(connectionString).DefaultTimeout))
            // A failed save or command is always thrown to our code, which alone knows whether it lost a race (answered,
            // or applied again: an expected outcome) or failed (logged as an error where it is handled).
            .ConfigureWarnings(w => w.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug), (RelationalEventId.CommandError, LogLevel.Debug)))
            .AddInterceptors(SqlitePragmas.Instance, DatabaseFileGuard.Instance);

    /// <summary>
    /// WAL lets readers run beside the one writer. It is kept in the file, so once is enough; this is also where a
    /// first start creates the file.
    /// </summary>
    public static async Task EnableWriteAheadLogAsync(string connectionString, CancellationToken ct)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.ReadWrite) builder.Mode = SqliteOpenMode.ReadWriteCreate;
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Creates the database file's folder, so a fresh clone runs without setup.</summary>
    public static void EnsureDirectory(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:") return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}
