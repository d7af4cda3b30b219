using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KVaccine.TestSupport;
using Npgsql;
using Xunit.Abstractions;

namespace KVaccine.FaultTests;

/// <summary>
/// A PostgreSQL cluster of the test's own, its database, the hosts on it (more may join while a scenario runs) and
/// what their clients were told; the day's bookings made and every clock a day on, so that staff can inject them.
/// </summary>
internal sealed class HostsOnPostgreSql : IAsyncDisposable
{
    public const int LeaseSeconds = 4;
    private const int InitialStock = 1000;
    private const int DailyCapacity = 200;
    private const int Clients = 6;
    private const int DueToday = 120;

    /// <summary>The hosts' clocks run a day ahead once the day's bookings are made, so that staff can inject them.</summary>
    public static readonly TimeSpan ClockOffset = TimeSpan.FromDays(1);

    /// <summary>Once the load stops, the outbox of every host drains within this.</summary>
    public static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(30);

    private readonly ITestOutputHelper _output;
    private readonly string _label;
    private readonly Action<int, JsonObject, NpgsqlConnectionStringBuilder>? _configure;
    private readonly List<TempDatabase> _folders = [];
    private readonly string _connectionString;
    private bool _dayOn;

    private HostsOnPostgreSql(ITestOutputHelper output, string label, PostgreSqlCluster cluster, Action<int, JsonObject, NpgsqlConnectionStringBuilder>? configure)
    {
        (_output, _label, _configure) = (output, label, configure);
        Cluster = cluster;
        _connectionString = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = "kvaccine", Pooling = false }.ConnectionString;
    }

    public PostgreSqlCluster Cluster { get; }
    /// <summary>Every host started, in order, the stopped ones included.</summary>
    public List<HostProcess> All { get; } = [];
    /// <summary>The hosts still running: the ones a check can ask.</summary>
    public List<HostProcess> Running => All.Where(h => !h.HasExited).ToList();
    public Ledger Ledger { get; } = new();
    public HostProcess this[int i] => All[i];

    public static string ApplicationName(int host) => $"kvaccine-host-{host}";

    /// <summary>A date <paramref name="days"/> after the hosts' today, as the API spells it.</summary>
    public string Date(int days) => Today.AddDays(days).ToString("yyyy-MM-dd");

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9) + ClockOffset);

    /// <param name="label">How the scenario's lines in the report begin.</param>
    /// <param name="configure">A host's settings (by its index) and its connection to the database, before it starts.</param>
    public static async Task<HostsOnPostgreSql> StartAsync(ITestOutputHelper output, string label, int count,
        Action<int, JsonObject, NpgsqlConnectionStringBuilder>? configure = null)
    {
        // Crash-safe: the scenarios crash the server, and an acknowledged booking must survive that.
        var hosts = new HostsOnPostgreSql(output, label, PostgreSqlCluster.Start(crashSafe: true), configure);
        try
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < count; i++) hosts.All.Add(hosts.NewHost(i));
            await Task.WhenAll(hosts.All.Select(h => h.StartAsync(TimeSpan.FromSeconds(120))));
            var started = watch.ElapsedMilliseconds;
            await hosts.BookTheDayAsync();
            hosts.Report($"{count} hosts ready {started} ms after the cluster was, the day's {DueToday} bookings made and settled {watch.ElapsedMilliseconds - started} ms later");
            return hosts;
        }
        catch
        {
            await hosts.DisposeAsync();
            throw;
        }
    }

    /// <summary>One more host on the same database, in a folder of its own, started: it returns once the host is ready.</summary>
    public async Task<HostProcess> AddAsync()
    {
        var host = NewHost(All.Count);
        All.Add(host);
        await host.StartAsync(TimeSpan.FromSeconds(120));
        return host;
    }

    private HostProcess NewHost(int i)
    {
        var folder = new TempDatabase();
        _folders.Add(folder);
        return new HostProcess(folder.Folder, s =>
        {
            var database = new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = true, ApplicationName = ApplicationName(i) };
            s["Database"] = new JsonObject { ["Provider"] = "PostgreSQL" };
            s["Outbox"]!["LeaseSeconds"] = LeaseSeconds;
            s["Outbox"]!["MaxAttempts"] = 5; // a storage failure counted as an attempt would soon be a dead letter
            TestSites.OneSlotADay(s, DailyCapacity);
            // A claim lost to another dispatcher is said at Information: the paused host's scenario reads it.
            s["Serilog"]!["MinimumLevel"]!["Override"]!["KVaccine.BuildingBlocks.Outbox.OutboxDispatcher"] = "Information";
            if (_dayOn) s["Testing"] = new JsonObject { ["ClockOffset"] = "1.00:00:00" };
            _configure?.Invoke(i, s, database);
            s["ConnectionStrings"]!["KVaccine"] = database.ConnectionString;
        });
    }

    /// <summary>
    /// Books <see cref="DueToday"/> citizens for tomorrow through every host, then moves every host's clock a day on:
    /// those bookings are today's, for staff to inject while the scenario runs.
    /// </summary>
    private async Task BookTheDayAsync()
    {
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(1);
        var clients = All.Select(h => new HttpClient { BaseAddress = h.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }).ToList();
        await Parallel.ForEachAsync(Enumerable.Range(0, DueToday), new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (i, ct) =>
        {
            var citizen = Driver.NewCitizen();
            var booked = await clients[i % clients.Count].PostAsJsonAsync("/user/reserve", new { citizen.UserName, citizen.UserRegNumber, reserveDate = tomorrow.ToString("yyyy-MM-dd") }, ct);
            booked.StatusCode.Should().BeOneOf([HttpStatusCode.Created, HttpStatusCode.Accepted], await booked.Content.ReadAsStringAsync(ct));
            var answer = await booked.Content.ReadFromJsonAsync<JsonObject>(ct);
            Ledger.Booked[citizen.UserRegNumber] = citizen;
            Ledger.Bookings[citizen.UserRegNumber] = (answer!["userId"]!.GetValue<long>(), tomorrow);
        });
        foreach (var client in clients) client.Dispose();
        using (var staff = Driver.Staff(All[0].BaseAddress))
            await Consistency.DrainedAsync(staff, DrainBound);

        _dayOn = true;
        foreach (var host in All) host.EditSettings(s => s["Testing"] = new JsonObject { ["ClockOffset"] = "1.00:00:00" });
        foreach (var host in All)
        {
            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            await Poll.UntilAsync(async () => (await (await http.PostAsJsonAsync("/user/date", Driver.NewCitizen())).Content.ReadFromJsonAsync<List<Consistency.AvailableDate>>())!
                .First().ReserveDate > tomorrow, "every host's clock is a day on");
        }
    }

    /// <summary>
    /// Citizens book and cancel through every host and staff inject today's bookings, from before the fault until
    /// a while after it; then the load stops.
    /// </summary>
    /// <param name="through">A gateway every request goes through (citizens then also look up dates and their status), instead of the hosts at random.</param>
    public async Task UnderLoadAsync(int seed, Func<Driver, Task> fault, Uri? through = null)
    {
        using var stop = new CancellationTokenSource();
        using var staff = Driver.Staff(through ?? All[^1].BaseAddress, ClockOffset);
        var driver = through is null
            ? new Driver(All.Select(h => h.BaseAddress).ToList(), seed, daysAhead: 3, ClockOffset)
            : new Driver([through], seed, daysAhead: 3, ClockOffset, queries: true);
        var load = Task.WhenAll(driver.RunAsync(Ledger, Clients, stop.Token),
            driver.InjectAsync(Ledger, Today, staff, stop.Token, perRound: 2, paceMs: 150));
        try
        {
            var before = Ledger.Booked.Count;
            await Poll.UntilAsync(() => Ledger.Booked.Count >= before + 50, "the load is running", TimeSpan.FromSeconds(60));
            await fault(driver);
            var after = Ledger.Booked.Count;
            await Poll.UntilAsync(() => Ledger.Booked.Count >= after + 50, "the load runs on after the fault", TimeSpan.FromSeconds(60));
        }
        finally
        {
            stop.Cancel();
            await load;
        }
        Report($"load: requests {Ledger.Requests}, bookings {Ledger.Booked.Count}, cancellations {Ledger.Cancelled.Count}, injections {Ledger.Injected.Count}, " +
            $"503 with Retry-After {Ledger.Unavailable}, other 5xx {Ledger.ServerErrors}, unanswered {Ledger.Unanswered}, 429 {Ledger.Refused}, longest wait {Ledger.LongestWaitMs} ms");
    }

    /// <summary>What the hosts logged of the requests they answered 500, for the failure message: the exception is the finding.</summary>
    private string UnhandledErrors() => string.Join("\n", All.SelectMany((host, i) => host.Output
        .SkipWhile(line => !line.Contains("Unhandled exception", StringComparison.Ordinal)).Take(40).Select(line => $"host {i}: {line}")));

    /// <summary>The end state: drained within the bound, consistent through the API on every host, and in the outbox's own rows each event applied once per consumer, in order per key.</summary>
    public async Task SettledAndConsistentAsync()
    {
        var watch = Stopwatch.StartNew();
        var running = Running;
        using (var staff = Driver.Staff(running[0].BaseAddress, ClockOffset))
            await Consistency.DrainedAsync(staff, DrainBound);
        var drained = watch.ElapsedMilliseconds;
        var report = await Consistency.CheckAsync(running[0].BaseAddress, Ledger, InitialStock, DailyCapacity, ClockOffset, running.Skip(1).Select(h => h.BaseAddress).ToList());

        var problems = new List<string>(report.Problems);
        var notDelivered = await ScalarAsync("""SELECT count(*) FROM outbox.deliveries WHERE "Status" <> 1""");
        if (notDelivered > 0) problems.Add($"{notDelivered} deliveries not delivered");
        var twice = await ScalarAsync("""SELECT count(*) FROM (SELECT 1 FROM outbox.deliveries GROUP BY "Consumer", "MessageId" HAVING count(*) > 1) AS x""");
        if (twice > 0) problems.Add($"{twice} (consumer, event) pairs with more than one delivery");
        // A key's later event applied before an earlier one shows as an earlier delivery time: each is completed in
        // the transaction that applies it, and the next of its key is claimed only once that has committed.
        var outOfOrder = await ScalarAsync("""
            SELECT count(*) FROM (
              SELECT "DeliveredAtMs" < max("DeliveredAtMs") OVER (PARTITION BY "Consumer", "CorrelationKey" ORDER BY "MessageId"
                                                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS early
              FROM outbox.deliveries) AS x WHERE early
            """);
        if (outOfOrder > 0) problems.Add($"{outOfOrder} deliveries applied before an earlier event of their key");
        // A citizen is told of every change of their booking (a RESERVE is told again once its vaccine is picked), each once.
        var notifiedTwice = await ScalarAsync("""SELECT count(*) FROM (SELECT 1 FROM "user".notifications GROUP BY "BookingId", "Message" HAVING count(*) > 1) AS x""");
        if (notifiedTwice > 0) problems.Add($"{notifiedTwice} bookings notified twice of one change");
        var applied = await RowsAsync("""SELECT "Consumer", count(*), count(*) FILTER (WHERE "Attempts" > 1) FROM outbox.deliveries GROUP BY "Consumer" ORDER BY 1""");

        Report($"settled: drained {drained} ms after the load stopped (bound {DrainBound.TotalSeconds:0} s); applied once each: " +
            $"{string.Join(", ", applied.Select(a => $"{a[0]} {a[1]} ({a[2]} after a failed try)"))}; {report}" +
            (problems.Count > report.Problems.Count ? "; " + string.Join("; ", problems.Skip(report.Problems.Count)) : ""));
        Ledger.Booked.Should().NotBeEmpty();
        Ledger.Injected.Should().NotBeEmpty("staff injected today's bookings during the scenario");
        Ledger.ServerErrors.Should().Be(0, string.Join("\n", Ledger.ServerErrorBodies.Take(5)) + "\n" + UnhandledErrors());
        problems.Should().BeEmpty();
    }

    /// <summary>How many of the deliveries are not delivered yet.</summary>
    public async Task<long> UndeliveredAsync(long[] ids) =>
        await ScalarAsync($"""SELECT count(*) FROM outbox.deliveries WHERE "Id" IN ({string.Join(',', ids)}) AND "Status" <> 1""");

    /// <summary>The host's connections listening for the others' commits.</summary>
    public async Task<long> ListenersAsync(int host) =>
        await ScalarAsync($"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{ApplicationName(host)}' AND query LIKE 'LISTEN%'");

    public async Task<long> ScalarAsync(string sql)
    {
        await using var db = new NpgsqlConnection(_connectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task<List<object[]>> RowsAsync(string sql)
    {
        await using var db = new NpgsqlConnection(_connectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }

    public void Report(string text)
    {
        var line = $"[{_label}] {text}";
        _output.WriteLine(line);
        var file = Path.Combine(AppContext.BaseDirectory, "fault-report.txt");
        lock (typeof(FaultScenarios)) File.AppendAllText(file, $"{DateTime.UtcNow:O} {line}{Environment.NewLine}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in All) await host.DisposeAsync();
        foreach (var folder in _folders) folder.Dispose();
        Cluster.Dispose();
    }
}
