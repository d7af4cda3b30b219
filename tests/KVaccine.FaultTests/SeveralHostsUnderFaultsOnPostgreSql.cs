using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KVaccine.TestSupport;
using Npgsql;
using Xunit.Abstractions;

namespace KVaccine.FaultTests;

/// <summary>
/// Three real host processes on one PostgreSQL cluster of the test's own, under booking, cancelling and injection
/// load spread over all three, while one host or the database is broken: a host killed while it holds a claimed
/// batch, a host paused past its lease, a host's connections cut, the server restarted and stopped. After each: every
/// acknowledged booking, cancellation and injection settled, each (consumer, event) applied once, order per key held,
/// capacity never exceeded, stock = dashboard = hospital = citizens' records on every host, within the bound below.
/// </summary>
[Collection("fault harness")] // one scenario at a time: each loads the machine on its own
public sealed class SeveralHostsUnderFaultsOnPostgreSql(ITestOutputHelper output)
{
    /// <summary>Once the load stops, the outbox of all three hosts drains within this.</summary>
    private static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task A_host_killed_while_it_holds_a_claimed_batch_loses_nothing_and_the_others_apply_the_batch_once()
    {
        await using var hosts = await Start();
        var victim = hosts[0];
        await hosts.UnderLoadAsync(seed: 1, async driver =>
        {
            var from = victim.Output.Count;
            victim.EditSettings(s => s["FaultInjection"] = new JsonObject { ["HoldClaim"] = new JsonObject { ["Consumer"] = "User", ["Milliseconds"] = 600_000 } });
            var held = await HeldDeliveriesAsync(victim, from, "User");
            driver.MarkDown(victim.BaseAddress);
            await victim.KillAsync();
            var watch = Stopwatch.StartNew();
            await Poll.UntilAsync(async () => await hosts.UndeliveredAsync(held) == 0,
                "the other hosts applied the batch the killed host held", TimeSpan.FromSeconds(30));
            hosts.Report($"killed host held User deliveries {string.Join(',', held)}; applied by the others {watch.ElapsedMilliseconds} ms after the kill (lease {Hosts.LeaseSeconds} s)");

            victim.EditSettings(s => { s.Remove("FaultInjection"); s["Serilog"]!["MinimumLevel"]!["Default"] = "Information"; });
            var mark = victim.Output.Count;
            watch.Restart();
            await victim.StartAsync(TimeSpan.FromSeconds(60));
            driver.MarkUp(victim.BaseAddress);
            hosts.Report($"killed host ready again {watch.ElapsedMilliseconds} ms after its restart; readiness meanwhile: {string.Join("; ", victim.StartProbes)}");
        });
        await hosts.SettledAndConsistentAsync();
    }

    [SkippableFact]
    public async Task A_host_paused_past_its_lease_has_its_late_commit_refused_and_nothing_is_applied_twice()
    {
        await using var hosts = await Start();
        var paused = hosts[0];
        await hosts.UnderLoadAsync(seed: 2, async driver =>
        {
            var from = paused.Output.Count;
            paused.EditSettings(s => s["FaultInjection"] = new JsonObject { ["HoldClaim"] = new JsonObject { ["Consumer"] = "Dashboard", ["Milliseconds"] = 1_500 } });
            var held = await HeldDeliveriesAsync(paused, from, "Dashboard");
            driver.MarkDown(paused.BaseAddress);
            paused.Pause();
            var watch = Stopwatch.StartNew();
            try
            {
                await Poll.UntilAsync(async () => await hosts.UndeliveredAsync(held) == 0,
                    "the other hosts applied the batch the paused host held", TimeSpan.FromSeconds(30));
                paused.EditSettings(s => s.Remove("FaultInjection")); // read once it runs again
            }
            finally
            {
                paused.Resume();
            }
            hosts.Report($"paused host held Dashboard deliveries {string.Join(',', held)}; applied by the others {watch.ElapsedMilliseconds} ms after SIGSTOP (lease {Hosts.LeaseSeconds} s)");
            var refused = await Poll.ForAsync(() => Task.FromResult(paused.Output.Skip(from).FirstOrDefault(l => l.Contains("to Dashboard was taken over by another dispatcher"))),
                line => line is not null, $"the paused host's late commit is refused ({string.Join('\n', paused.Output.TakeLast(10))})", TimeSpan.FromSeconds(30));
            hosts.Report($"resumed: {refused}");
            driver.MarkUp(paused.BaseAddress);
        });
        await hosts.SettledAndConsistentAsync();
    }

    [SkippableFact]
    public async Task A_host_whose_connections_are_killed_listens_again_and_serves_on()
    {
        await using var hosts = await Start();
        var cut = hosts[0];
        await hosts.UnderLoadAsync(seed: 3, async _ =>
        {
            (await hosts.ListenersAsync(0)).Should().Be(1, "the host listens for the others' commits");
            var killed = await hosts.ScalarAsync($"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '{Hosts.ApplicationName(0)}'");
            var watch = Stopwatch.StartNew();
            await Poll.UntilAsync(async () => await hosts.ListenersAsync(0) == 1, "the host listens again", TimeSpan.FromSeconds(30));
            var listening = watch.ElapsedMilliseconds;
            using var http = new HttpClient { BaseAddress = cut.BaseAddress };
            var citizen = Driver.NewCitizen();
            var booked = await Poll.ForAsync(() => http.PostAsJsonAsync("/user/reserve", new { citizen.UserName, citizen.UserRegNumber, reserveDate = hosts.Date(2) }),
                r => r.StatusCode != HttpStatusCode.ServiceUnavailable, "the host takes a booking again", TimeSpan.FromSeconds(30));
            booked.StatusCode.Should().BeOneOf([HttpStatusCode.Created, HttpStatusCode.Accepted], await booked.Content.ReadAsStringAsync());
            hosts.Ledger.Booked[citizen.UserRegNumber] = citizen;
            hosts.Report($"terminated {killed} connections of host 0; listening again after {listening} ms, booking through it after {watch.ElapsedMilliseconds} ms");
        });
        await hosts.SettledAndConsistentAsync();
    }

    [SkippableFact]
    public async Task PostgreSQL_restarted_under_load_and_then_down_gives_503s_burns_no_attempts_and_every_host_recovers_by_itself()
    {
        await using var hosts = await Start();
        await hosts.UnderLoadAsync(seed: 4, async _ =>
        {
            var before = hosts.Ledger.Booked.Count;
            var watch = Stopwatch.StartNew();
            hosts.Cluster.RestartImmediately();
            var restarted = watch.ElapsedMilliseconds;
            await Poll.UntilAsync(() => hosts.Ledger.Booked.Count >= before + 30, "bookings flow again after the restart", TimeSpan.FromSeconds(60));
            hosts.Report($"pg_ctl restart -m immediate took {restarted} ms; 30 bookings acknowledged again {watch.ElapsedMilliseconds} ms after it began");
        });

        // Bookings wait for Reservation's decision (switched off on every host) when the database goes down; Reservation
        // is back on while it is down. Were an unreachable database an attempt, their deliveries would be dead letters
        // within a second (five attempts, 50 ms apart and doubling).
        foreach (var host in hosts.All) host.EditSettings(s => s["Modules"]!["Reservation"]!["Enabled"] = false);
        foreach (var host in hosts.All)
        {
            using var staff = Driver.Staff(host.BaseAddress, Hosts.ClockOffset);
            await Poll.UntilAsync(async () => (await staff.GetFromJsonAsync<Consistency.Outbox>("/admin/outbox"))!.Consumers.Single(c => c.Consumer == "Reservation").Enabled == false,
                "Reservation is off on every host");
        }
        var waiting = new List<Citizen>();
        for (var i = 0; i < 3; i++)
        {
            using var http = new HttpClient { BaseAddress = hosts[i].BaseAddress };
            var citizen = Driver.NewCitizen();
            var booked = await http.PostAsJsonAsync("/user/reserve", new { citizen.UserName, citizen.UserRegNumber, reserveDate = hosts.Date(2) });
            booked.StatusCode.Should().Be(HttpStatusCode.Accepted, await booked.Content.ReadAsStringAsync());
            hosts.Ledger.Booked[citizen.UserRegNumber] = citizen;
            waiting.Add(citizen);
        }

        hosts.Cluster.StopImmediately();
        var down = Stopwatch.StartNew();
        foreach (var host in hosts.All) host.EditSettings(s => s["Modules"]!["Reservation"]!["Enabled"] = true);
        using (var http = new HttpClient { BaseAddress = hosts[1].BaseAddress, Timeout = TimeSpan.FromSeconds(30) })
        {
            var late = Driver.NewCitizen();
            var refused = await http.PostAsJsonAsync("/user/reserve", new { late.UserName, late.UserRegNumber, reserveDate = hosts.Date(2) });
            var answeredIn = down.ElapsedMilliseconds;
            var body = await refused.Content.ReadAsStringAsync();
            var unready = await Poll.ForAsync(() => http.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, "readiness reports the database");
            hosts.Report($"database down: booking {(int)refused.StatusCode} in {answeredIn} ms, Retry-After {refused.Headers.RetryAfter}: {body}; readiness {(int)unready.StatusCode}");
            refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, body);
            refused.Headers.RetryAfter.Should().NotBeNull();
            refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            body.Should().NotContain("Npgsql").And.NotContain("PostgreSQL", "the problem is told in our words");
            answeredIn.Should().BeLessThan(15_000, "requests wait briefly, they do not hang");
        }
        // Long enough for Reservation's loops to meet the dead database many times over.
        await Poll.UntilAsync(() => hosts.All.Any(h => h.Output.Any(l => l.Contains("Reservation") && l.Contains("counting no attempts"))),
            "Reservation's deliveries met the database down", TimeSpan.FromSeconds(30));
        hosts.Cluster.StartAgain();
        var back = Stopwatch.StartNew();

        foreach (var (host, i) in hosts.All.Select((h, i) => (h, i)))
        {
            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            await Poll.UntilAsync(async () => (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, $"host {i} is ready again", TimeSpan.FromSeconds(30));
            var again = Driver.NewCitizen();
            var rebooked = await Poll.ForAsync(() => http.PostAsJsonAsync("/user/reserve", new { again.UserName, again.UserRegNumber, reserveDate = hosts.Date(3) }),
                r => r.StatusCode != HttpStatusCode.ServiceUnavailable, $"host {i} takes a booking again", TimeSpan.FromSeconds(30));
            rebooked.StatusCode.Should().BeOneOf([HttpStatusCode.Created, HttpStatusCode.Accepted], await rebooked.Content.ReadAsStringAsync());
            hosts.Ledger.Booked[again.UserRegNumber] = again;
        }
        var servingAfter = back.ElapsedMilliseconds;
        using (var http = new HttpClient { BaseAddress = hosts[2].BaseAddress })
            foreach (var citizen in waiting)
                await Poll.UntilAsync(async () => (await (await http.PostAsJsonAsync("/user/status", citizen)).Content.ReadFromJsonAsync<Consistency.Status>())!.ReserveStatus == "RESERVE",
                    $"{citizen.UserName}'s waiting booking is decided", TimeSpan.FromSeconds(30));
        hosts.Report($"database back: every host ready and booking {servingAfter} ms after the start, the {waiting.Count} waiting bookings decided {back.ElapsedMilliseconds} ms after it, with no replay");
        await hosts.SettledAndConsistentAsync();
    }

    private async Task<Hosts> Start()
    {
        Skip.If(PostgreSqlCluster.Unavailable is not null, $"Skipped: the scenario restarts a PostgreSQL cluster of its own. {PostgreSqlCluster.Unavailable}");
        return await Hosts.StartAsync(output);
    }

    /// <summary>Waits for the host to say it holds a claim of the consumer's (the test-only hook) and returns the delivery ids.</summary>
    private static async Task<long[]> HeldDeliveriesAsync(HostProcess host, int from, string consumer)
    {
        var pattern = new Regex($@"holding a claim of deliveries ""?([0-9,]+)""? to ""?{consumer}\b");
        var line = await Poll.ForAsync(() => Task.FromResult(host.Output.Skip(from).FirstOrDefault(pattern.IsMatch)), l => l is not null,
            $"the host holds a claim of {consumer}'s ({string.Join('\n', host.Output.TakeLast(10))})", TimeSpan.FromSeconds(30));
        return pattern.Match(line!).Groups[1].Value.Split(',').Select(long.Parse).ToArray();
    }

    /// <summary>The cluster, its database, the three hosts on it and what their clients were told.</summary>
    private sealed class Hosts : IAsyncDisposable
    {
        public const int LeaseSeconds = 4;
        private const int Count = 3;
        private const int InitialStock = 1000;
        private const int DailyCapacity = 200;
        private const int Clients = 6;
        private const int DueToday = 120;

        /// <summary>The hosts' clocks run a day ahead once the day's bookings are made, so that staff can inject them.</summary>
        public static readonly TimeSpan ClockOffset = TimeSpan.FromDays(1);

        private readonly ITestOutputHelper _output;
        private readonly List<TempDatabase> _folders = [];
        private readonly string _connectionString;

        private Hosts(ITestOutputHelper output, PostgreSqlCluster cluster)
        {
            _output = output;
            Cluster = cluster;
            _connectionString = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = "kvaccine", Pooling = false }.ConnectionString;
        }

        public PostgreSqlCluster Cluster { get; }
        public List<HostProcess> All { get; } = [];
        public Ledger Ledger { get; } = new();
        public HostProcess this[int i] => All[i];

        public static string ApplicationName(int host) => $"kvaccine-host-{host}";

        /// <summary>A date <paramref name="days"/> after the hosts' today, as the API spells it.</summary>
        public string Date(int days) => Today.AddDays(days).ToString("yyyy-MM-dd");

        private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9) + ClockOffset);

        public static async Task<Hosts> StartAsync(ITestOutputHelper output)
        {
            // Crash-safe: the scenarios crash the server, and an acknowledged booking must survive that.
            var hosts = new Hosts(output, PostgreSqlCluster.Start(crashSafe: true));
            try
            {
                for (var i = 0; i < Count; i++)
                {
                    var folder = new TempDatabase();
                    hosts._folders.Add(folder);
                    var connectionString = new NpgsqlConnectionStringBuilder(hosts._connectionString) { Pooling = true, ApplicationName = ApplicationName(i) }.ConnectionString;
                    hosts.All.Add(new HostProcess(folder.Folder, s =>
                    {
                        s["Database"] = new JsonObject { ["Provider"] = "PostgreSQL" };
                        s["ConnectionStrings"]!["KVaccine"] = connectionString;
                        s["Outbox"]!["LeaseSeconds"] = LeaseSeconds;
                        s["Outbox"]!["MaxAttempts"] = 5; // a storage failure counted as an attempt would soon be a dead letter
                        TestSites.OneSlotADay(s, DailyCapacity);
                        // A claim lost to another dispatcher is said at Information: the paused host's scenario reads it.
                        s["Serilog"]!["MinimumLevel"]!["Override"]!["KVaccine.BuildingBlocks.Outbox.OutboxDispatcher"] = "Information";
                    }));
                }
                await Task.WhenAll(hosts.All.Select(h => h.StartAsync(TimeSpan.FromSeconds(120))));
                await hosts.BookTheDayAsync();
                return hosts;
            }
            catch
            {
                await hosts.DisposeAsync();
                throw;
            }
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
                var booked = await clients[i % Count].PostAsJsonAsync("/user/reserve", new { citizen.UserName, citizen.UserRegNumber, reserveDate = tomorrow.ToString("yyyy-MM-dd") }, ct);
                booked.StatusCode.Should().BeOneOf([HttpStatusCode.Created, HttpStatusCode.Accepted], await booked.Content.ReadAsStringAsync(ct));
                var answer = await booked.Content.ReadFromJsonAsync<JsonObject>(ct);
                Ledger.Booked[citizen.UserRegNumber] = citizen;
                Ledger.Bookings[citizen.UserRegNumber] = (answer!["userId"]!.GetValue<long>(), tomorrow);
            });
            foreach (var client in clients) client.Dispose();
            using (var staff = Driver.Staff(All[0].BaseAddress))
                await Consistency.DrainedAsync(staff, DrainBound);

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
        public async Task UnderLoadAsync(int seed, Func<Driver, Task> fault)
        {
            using var stop = new CancellationTokenSource();
            using var staff = Driver.Staff(All[^1].BaseAddress, ClockOffset);
            var driver = new Driver(All.Select(h => h.BaseAddress).ToList(), seed, daysAhead: 3, ClockOffset);
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
                $"503 with Retry-After {Ledger.Unavailable}, other 5xx {Ledger.ServerErrors}, unanswered {Ledger.Unanswered}");
        }

        /// <summary>What the hosts logged of the requests they answered 500, for the failure message: the exception is the finding.</summary>
        private string UnhandledErrors() => string.Join("\n", All.SelectMany((host, i) => host.Output
            .SkipWhile(line => !line.Contains("Unhandled exception", StringComparison.Ordinal)).Take(40).Select(line => $"host {i}: {line}")));

        /// <summary>The end state: drained within the bound, consistent through the API on every host, and in the outbox's own rows each event applied once per consumer, in order per key.</summary>
        public async Task SettledAndConsistentAsync()
        {
            var watch = Stopwatch.StartNew();
            using (var staff = Driver.Staff(All[0].BaseAddress, ClockOffset))
                await Consistency.DrainedAsync(staff, DrainBound);
            var drained = watch.ElapsedMilliseconds;
            var report = await Consistency.CheckAsync(All[0].BaseAddress, Ledger, InitialStock, DailyCapacity, ClockOffset, All.Skip(1).Select(h => h.BaseAddress).ToList());

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

        private async Task<List<object[]>> RowsAsync(string sql)
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
            var line = $"[several hosts] {text}";
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
}
