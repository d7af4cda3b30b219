using System.Text.Json;
using System.Text.Json.Nodes;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Host.Auth;
using KVaccine.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace KVaccine.IntegrationTests;

/// <summary>
/// The real host over a real SQLite file in a folder of its own (or, for a fixture whose <see cref="Provider"/> is
/// PostgreSQL, a database of its own on the tests' PostgreSQL: <see cref="PostgreSqlServer"/>), configured by a copy
/// of the repository's appsettings.json that a test may edit while the host runs. Time is a <see cref="FakeTimeProvider"/>, starting
/// at <see cref="Start"/> (10:00 in Seoul), and the choice of vaccine a seeded <see cref="Random"/>.
/// <para>
/// The tests of a class share one host, so they share its dates and its clock. A test takes its dates from
/// <see cref="FreshDate"/>, so no other test's bookings are on them. Time only moves forward: a test that moves the
/// clock a day or more (to its booked day, or past the outbox's retention) has a host of its own, or is the only test
/// of its class, so every test sharing a host sees today as the day of <see cref="Start"/>.
/// </para>
/// </summary>
public class KVaccineApp : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);

    /// <summary>How many days, from tomorrow, may be booked: appsettings.json's <c>Reservation:BookingWindowDays</c>.</summary>
    public const int BookingWindowDays = 30;

    private static readonly TimeSpan Seoul = TimeSpan.FromHours(9);

    private readonly TempDatabase _database = new();
    private string? _postgreSql;
    private readonly HashSet<DateOnly> _handedOut = [];

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>Tomorrow in Seoul: the first bookable date.</summary>
    public static DateOnly Tomorrow => new(2026, 11, 26);

    /// <summary>
    /// A bookable date that no other test of this host has been given, so the places a test counts on it are its own.
    /// It is taken from the window as it stands on the host's clock, leaving out the window's first day (a test that
    /// reaches its booked day by moving the clock on books it, as does one that takes the first date offered) and its
    /// last (whose untouched places a test checks), so it stays bookable after the clock has moved a day on.
    /// </summary>
    public DateOnly FreshDate()
    {
        var tomorrow = DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(Seoul).DateTime).AddDays(1);
        lock (_handedOut)
        {
            for (var day = 1; day < BookingWindowDays - 1; day++)
            {
                if (_handedOut.Add(tomorrow.AddDays(day))) return tomorrow.AddDays(day);
            }
        }
        throw new InvalidOperationException($"Every date of the booking window from {tomorrow:yyyy-MM-dd} was handed to a test of this host: give some tests a host of their own.");
    }

    public string SettingsFile => Path.Combine(_database.Folder, "appsettings.json");

    /// <summary>The places for first doses a date of the default site has, summed over its slots, as this host's settings give them.</summary>
    public int DailyCapacity => TestSites.DailyCapacity(JsonNode.Parse(File.ReadAllText(SettingsFile))!.AsObject());

    /// <summary>The SQLite file; a test that reads it runs on SQLite only.</summary>
    public string DatabaseFile => Provider == DatabaseProvider.Sqlite ? _database.FilePath
        : throw new InvalidOperationException("This host runs on PostgreSQL: it has no database file.");

    /// <summary>Every row of every table of the host's database, summed: a test that nothing was written compares two counts.</summary>
    public async Task<long> CountRowsAsync()
    {
        await using var connection = Provider == DatabaseProvider.Sqlite
            ? (System.Data.Common.DbConnection)new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabaseFile};Mode=ReadOnly;Pooling=False")
            : new Npgsql.NpgsqlConnection(PostgreSqlConnectionString);
        await connection.OpenAsync();
        long total = 0;
        foreach (var table in await TablesAsync(connection))
            total += Convert.ToInt64(await ScalarAsync(connection, $"SELECT COUNT(*) FROM {table}"));
        return total;
    }

    /// <summary>Every row of every table of the host's PostgreSQL database as PostgreSQL writes it out, for a scan of what is stored.</summary>
    public async Task<string> PostgreSqlRowsAsTextAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(PostgreSqlConnectionString);
        await connection.OpenAsync();
        var text = new System.Text.StringBuilder();
        foreach (var table in await TablesAsync(connection))
            text.AppendLine(table).AppendLine((string)(await ScalarAsync(connection, $"SELECT COALESCE(string_agg(t::text, E'\\n'), '') FROM {table} AS t"))!);
        return text.ToString();
    }

    /// <summary>The database's tables, each named as a statement may name it.</summary>
    private async Task<List<string>> TablesAsync(System.Data.Common.DbConnection connection)
    {
        var tables = new List<string>();
        await using var list = connection.CreateCommand();
        list.CommandText = Provider == DatabaseProvider.Sqlite
            ? "SELECT '\"' || name || '\"' FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')";
        await using var reader = await list.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Whether this fixture's host runs on PostgreSQL.</summary>
    public bool OnPostgreSql => Provider == DatabaseProvider.PostgreSQL;

    /// <summary>The database this fixture's host runs on; a fixture for PostgreSQL overrides it.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>The connection string of this host's PostgreSQL database (a fixture whose <see cref="Provider"/> is PostgreSQL).</summary>
    public string PostgreSqlConnectionString => Beside?.PostgreSqlConnectionString ?? (_postgreSql ??= PostgreSqlServer.CreateDatabase());

    /// <summary>Another host whose PostgreSQL database this one shares (and leaves for it to drop): several hosts, one database.</summary>
    public KVaccineApp? Beside { get; init; }

    /// <summary>Settings of this one host, written after the class's own (<see cref="Configure"/>).</summary>
    public Action<JsonObject>? With { get; init; }

    /// <summary>Settings the test class needs, written into its copy of appsettings.json before the host starts.</summary>
    protected virtual void Configure(JsonObject settings)
    {
    }

    /// <summary>Writes to the host's database before the host starts (and migrates it): data as an older version left it.</summary>
    protected virtual void BeforeStart(DatabaseSettings database)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = JsonNode.Parse(File.ReadAllText(RepositoryFile("appsettings.json")))!.AsObject();
        if (Provider == DatabaseProvider.PostgreSQL)
        {
            settings["Database"] = new JsonObject { ["Provider"] = nameof(DatabaseProvider.PostgreSQL) };
            settings["ConnectionStrings"]!["KVaccine"] = PostgreSqlConnectionString;
        }
        else
        {
            settings["ConnectionStrings"]!["KVaccine"] = _database.ConnectionString;
        }
        settings["Outbox"]!["RetryBaseDelayMs"] = 20;
        settings["Outbox"]!["MaxRetryDelayMs"] = 200;
        settings["Serilog"]!["MinimumLevel"]!["Default"] = "Warning";
        // Tests share one client address; only the overload tests set real budgets.
        foreach (var budget in new[] { "Dates", "Booking", "Injection" })
            settings["RateLimits"]![budget] = new JsonObject { ["PerClientPerSecond"] = 100_000, ["Concurrency"] = 10_000 };
        Configure(settings);
        With?.Invoke(settings);
        BeforeStart(new DatabaseSettings(Provider, settings["ConnectionStrings"]!["KVaccine"]!.GetValue<string>()));
        File.WriteAllText(SettingsFile, settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        builder.UseContentRoot(_database.Folder);
        builder.UseEnvironment("Development");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<Random>();
            services.AddSingleton(new Random(7));
        });
    }

    /// <summary>
    /// A client of the API. Citizen routes need no token; with roles, the client carries a staff token signed with the
    /// host's configured key. By default it has both staff roles.
    /// </summary>
    public Api CreateApi(params string[] roles)
    {
        if (roles is ["anonymous"]) return new Api(CreateClient());
        if (roles.Length == 0) roles = [StaffPolicies.AdminRole, StaffPolicies.HospitalStaffRole];
        return new Api(CreateDefaultClient(new FreshToken(() => TokenFor(roles))));
    }

    /// <summary>A token issued for each request, on the host's clock, so a test that moves time on keeps a valid one.</summary>
    private sealed class FreshToken(Func<string> issue) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", issue());
            return base.SendAsync(request, cancellationToken);
        }
    }

    public string TokenFor(params string[] roles)
    {
        var auth = JsonNode.Parse(File.ReadAllText(SettingsFile))!["Auth"]!.Deserialize<AuthOptions>()!;
        return StaffTokens.Issue(auth, "test-staff", roles, Clock);
    }

    /// <summary>Edits the running host's configuration file, as an operator would.</summary>
    public void EditSettings(Action<JsonObject> edit)
    {
        var settings = JsonNode.Parse(File.ReadAllText(SettingsFile))!.AsObject();
        edit(settings);
        File.WriteAllText(SettingsFile, settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public void SetModuleEnabled(string module, bool enabled) => EditSettings(s => s["Modules"]![module]!["Enabled"] = enabled);

    public static string RepositoryFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KVaccine.sln"))) return Path.Combine(dir.FullName, name);
        }
        throw new FileNotFoundException("The repository root (KVaccine.sln) was not found above the test's folder.");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
        if (_postgreSql is not null) PostgreSqlServer.DropDatabase(_postgreSql);
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same host on PostgreSQL, in a database of its own.</summary>
public sealed class KVaccineAppOnPostgreSql : KVaccineApp
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}
