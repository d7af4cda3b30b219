using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KVaccine.TestSupport;
using Npgsql;

namespace KVaccine.FaultTests;

/// <summary>
/// Several real host processes started at the same moment on one PostgreSQL database that does not exist yet: one
/// creates it, they migrate and seed it in turns, each migration and each seed is applied once, and all of them serve.
/// </summary>
[Collection("fault harness")] // host processes of its own; not while a fault scenario loads the machine
public sealed class HostsStartingTogetherOnPostgreSql : IAsyncLifetime
{
    private const int Hosts = 3;
    private static readonly string[] Schemas = ["outbox", "idempotency", "user", "reservation", "hospital", "stock", "dashboard"];

    private readonly List<TempDatabase> _folders = [];
    private readonly List<HostProcess> _hosts = [];
    private string? _connectionString;

    public Task InitializeAsync() => Task.CompletedTask;

    [DatabaseFact]
    public async Task Three_hosts_started_together_on_a_missing_database_create_it_migrate_it_once_and_all_serve()
    {
        // A database nobody has created: the first host to start creates it.
        _connectionString = new NpgsqlConnectionStringBuilder(PostgreSqlServer.ConnectionString) { Database = $"kv_{Guid.NewGuid():N}" }.ConnectionString;
        for (var i = 0; i < Hosts; i++)
        {
            var folder = new TempDatabase();
            _folders.Add(folder);
            _hosts.Add(new HostProcess(folder.Folder, s =>
            {
                s["Database"] = new JsonObject { ["Provider"] = "PostgreSQL" };
                s["ConnectionStrings"]!["KVaccine"] = _connectionString;
            }));
        }

        await Task.WhenAll(_hosts.Select(h => h.StartAsync(TimeSpan.FromSeconds(120))));

        await using var db = new NpgsqlConnection(_connectionString);
        await db.OpenAsync();
        foreach (var schema in Schemas)
        {
            var applied = await QueryAsync(db, $"SELECT \"MigrationId\", COUNT(*) FROM \"{schema}\".__ef_migrations GROUP BY \"MigrationId\"");
            applied.Should().NotBeEmpty($"{schema}'s migrations are applied");
            applied.Should().OnlyContain(m => m.Count == 1, $"each of {schema}'s migrations is applied once");
        }
        var levels = await QueryAsync(db, "SELECT \"VaccineType\", COUNT(*) FROM stock.levels GROUP BY \"VaccineType\"");
        levels.Should().HaveCount(4, "each vaccine type's stock is seeded").And.OnlyContain(l => l.Count == 1, "and seeded once");

        // Every host serves the same database: a booking made through one is the citizen's status through another.
        using var first = new HttpClient { BaseAddress = _hosts[0].BaseAddress };
        using var last = new HttpClient { BaseAddress = _hosts[^1].BaseAddress };
        var citizen = new { userName = "Minji Park", userRegNumber = "950101-2345678" };
        var dates = await first.PostAsJsonAsync("/user/date", citizen);
        dates.StatusCode.Should().Be(HttpStatusCode.OK);
        var date = (await dates.Content.ReadFromJsonAsync<JsonArray>())![0]!["reserveDate"]!.GetValue<string>();
        var booked = await first.PostAsJsonAsync("/user/reserve", new { citizen.userName, citizen.userRegNumber, reserveDate = date });
        booked.StatusCode.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.Accepted);
        var status = await last.PostAsJsonAsync("/user/status", citizen);
        status.StatusCode.Should().Be(HttpStatusCode.OK);
        (await status.Content.ReadFromJsonAsync<JsonObject>())!["reserveDate"]!.GetValue<string>().Should().Be(date);
    }

    private static async Task<List<(string Key, long Count)>> QueryAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetInt64(1)));
        return rows;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        foreach (var folder in _folders) folder.Dispose();
        if (_connectionString is not null) PostgreSqlServer.DropDatabase(_connectionString);
    }
}
