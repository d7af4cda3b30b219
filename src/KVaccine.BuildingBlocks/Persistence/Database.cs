using System.Runtime.CompilerServices;
using KVaccine.BuildingBlocks.Outbox;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>
/// The one database every module's context and the outbox share (each over its own tables; on PostgreSQL each in its
/// own schema): sharing it is what lets a module's state and its outgoing events commit in one transaction.
/// </summary>
public static class Database
{
    public const string ConnectionStringName = "KVaccine";
    public const string ProviderKey = "Database:Provider";
    public const string DefaultConnectionString = "Data Source=data/kvaccine.db";
    private const string ConnectionStringKey = $"ConnectionStrings:{ConnectionStringName}";

    /// <summary>The provider and connection string the settings give, refused with a message naming the key when unusable.</summary>
    public static DatabaseSettings Settings(IConfiguration configuration)
    {
        var provider = configuration[ProviderKey] switch
        {
            null or "" => DatabaseProvider.Sqlite,
            var named when string.Equals(named, nameof(DatabaseProvider.Sqlite), StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
            var named when string.Equals(named, nameof(DatabaseProvider.PostgreSQL), StringComparison.OrdinalIgnoreCase) => DatabaseProvider.PostgreSQL,
            var named => throw new InvalidDatabaseSettingException(
                $"{ProviderKey}: '{named}' is not a database K-Vaccine runs on. Use Sqlite (the default: one file, one host) or PostgreSQL (several hosts)."),
        };
        var configured = configuration.GetConnectionString(ConnectionStringName);
        return provider == DatabaseProvider.Sqlite
            ? new(provider, SqliteConnectionString(configured ?? DefaultConnectionString))
            : new(provider, PostgreSqlConnectionString(configured));
    }

    public static string ConnectionString(IConfiguration configuration) => Settings(configuration).ConnectionString;

    private static string SqliteConnectionString(string configured)
    {
        SqliteConnectionStringBuilder builder;
        try { builder = new SqliteConnectionStringBuilder(configured); }
        catch (ArgumentException e) { throw new InvalidDatabaseSettingException($"{ConnectionStringKey}: not a SQLite connection string ({e.Message})."); }
        // Writers queue on SQLite's lock for at most this long before the request fails with 503. (A Sqlite builder
        // "contains" every keyword it knows; the plain builder tells whether the string set it.)
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured };
        if (!given.ContainsKey("Default Timeout") && !given.ContainsKey("Command Timeout")) builder.DefaultTimeout = 5;
        // A file that is not there is not created behind the host's back: it was deleted while the host ran, and an
        // empty one in its place would answer every citizen "not found". Only start-up creates it (EnableWriteAheadLogAsync).
        if (!given.ContainsKey("Mode")) builder.Mode = SqliteOpenMode.ReadWrite;
        return builder.ToString();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string PostgreSqlConnectionString(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured) || configured.Contains("Data Source=", StringComparison.OrdinalIgnoreCase))
            throw new InvalidDatabaseSettingException(
                $"{ConnectionStringKey}: {ProviderKey} is PostgreSQL, so this must be a PostgreSQL connection string (Host=…;Database=kvaccine;Username=…;Password=…).");
        NpgsqlConnectionStringBuilder builder;
        try { builder = new NpgsqlConnectionStringBuilder(configured); }
        catch (ArgumentException e) { throw new InvalidDatabaseSettingException($"{ConnectionStringKey}: not a PostgreSQL connection string ({e.Message})."); }
        if (string.IsNullOrEmpty(builder.Host))
            throw new InvalidDatabaseSettingException($"{ConnectionStringKey}: a PostgreSQL connection string needs a Host.");
        if (string.IsNullOrEmpty(builder.Database))
            throw new InvalidDatabaseSettingException($"{ConnectionStringKey}: a PostgreSQL connection string needs a Database.");
        // Every hop of every booking runs the same few dozen statements: prepared once per connection, PostgreSQL
        // stops parsing and planning them each time, which was most of its work (bench/README.md). Unless the string
        // says otherwise.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        return builder.ConnectionString;
    }

    /// <summary>
    /// Registers a module's context over the shared database, with its own migrations-history table: on SQLite
    /// <typeparamref name="TContext"/> with the migrations in the module's Migrations folder, on PostgreSQL
    /// <typeparamref name="TPostgreSqlContext"/> (the same model in schema <paramref name="schema"/>) with those in
    /// Migrations/PostgreSql.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext, TPostgreSqlContext>(this IServiceCollection services, IConfiguration configuration, string schema)
        where TContext : DbContext
        where TPostgreSqlContext : TContext
    {
        var settings = Settings(configuration);
        var assembly = typeof(TContext).Assembly.GetName().Name!;
        // Pooled: every request and every hop of the outbox takes a context, so setting up a fresh one's internal
        // services each time would be paid several times over for every booking.
        if (settings.IsPostgreSql)
            services.AddDbContextPool<TContext, TPostgreSqlContext>(o => Configure(o, settings, schema, assembly).AddInterceptors(OutboxCommitInterceptor.Instance));
        else
            services.AddDbContextPool<TContext>(o => Configure(o, settings, schema, assembly).AddInterceptors(OutboxCommitInterceptor.Instance));
        return services;
    }

    /// <summary>The migrations-history table of a schema's context: on SQLite one table per module in the one file.</summary>
    public static string SqliteMigrationsTable(string schema) => $"__ef_migrations_{schema}";

    public const string PostgreSqlMigrationsTable = "__ef_migrations";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseSettings settings, string schema, string migrationsAssembly)
    {
        if (settings.IsPostgreSql)
        {
            UseNpgsql(options, settings, schema, migrationsAssembly);
        }
        else
        {
            options
                .UseSqlite(settings.ConnectionString, sqlite => sqlite
                    .MigrationsHistoryTable(SqliteMigrationsTable(schema))
                    .MigrationsAssembly(migrationsAssembly)
                    // EF sets each command's timeout, which is also how long SQLite waits on a lock: keep the connection string's.
                    .CommandTimeout(new SqliteConnectionStringBuilder(settings.ConnectionString).DefaultTimeout))
                .AddInterceptors(SqlitePragmas.Instance, DatabaseFileGuard.Instance);
        }
        // A failed save or command is always thrown to our code, which alone knows whether it lost a race (answered,
        // or applied again: an expected outcome) or failed (logged as an error where it is handled).
        return options.ConfigureWarnings(w => w.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug), (RelationalEventId.CommandError, LogLevel.Debug)));
    }

    // Apart, as everything that names Npgsql's types is, so that a host on SQLite never loads its assemblies.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UseNpgsql(DbContextOptionsBuilder options, DatabaseSettings settings, string schema, string migrationsAssembly) =>
        options.UseNpgsql(settings.ConnectionString, npgsql => npgsql
            .MigrationsHistoryTable(PostgreSqlMigrationsTable, schema)
            .MigrationsAssembly(migrationsAssembly));

    /// <summary>
    /// Whether a context runs on PostgreSQL, by its provider's name: Npgsql's own IsNpgsql would load its assemblies
    /// into a host that runs on SQLite.
    /// </summary>
    public static bool IsPostgreSql(this DatabaseFacade database) => database.ProviderName == PostgreSqlProviderName;

    private const string PostgreSqlProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";

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
