using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KVaccine.TestSupport;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace KVaccine.FaultTests;

/// <summary>
/// The fault harness: the published host as a real process, driven over HTTP, broken on purpose, and checked
/// through the API. Bounded for CI; <c>KVACCINE_FAULT_ROUNDS</c> and <c>KVACCINE_FAULT_CLIENTS</c> make it bigger.
/// </summary>
[Collection("fault harness")] // one scenario at a time: each loads the machine on its own
public sealed class FaultScenarios(ITestOutputHelper output) : IDisposable
{
    private static readonly int Rounds = int.TryParse(Environment.GetEnvironmentVariable("KVACCINE_FAULT_ROUNDS"), out var r) ? r : 3;
    private static readonly int Clients = int.TryParse(Environment.GetEnvironmentVariable("KVACCINE_FAULT_CLIENTS"), out var c) ? c : 6;
    private const int InitialStock = 1000;

    private readonly TempDatabase _folder = new();

    public void Dispose() => _folder.Dispose();

    private void Report(string scenario, string text)
    {
        var line = $"[{scenario}] {text}";
        output.WriteLine(line);
        var file = Path.Combine(AppContext.BaseDirectory, "fault-report.txt");
        lock (typeof(FaultScenarios)) File.AppendAllText(file, $"{DateTime.UtcNow:O} {line}{Environment.NewLine}");
    }

    [Fact]
    public async Task Crash_under_load_loses_no_acknowledged_booking()
    {
        var random = new Random(20261125);
        var ledger = new Ledger();
        var offset = TimeSpan.Zero;
        await using var host = new HostProcess(_folder.Folder);
        for (var round = 1; round <= Rounds; round++)
        {
            if (round == 2)
            {
                // From now on the host's clock is a day on (a test-only switch): the bookings made for tomorrow are
                // due today, and staff inject them while citizens go on booking and cancelling.
                offset = TimeSpan.FromDays(1);
                host.EditSettings(s => s["Testing"] = new JsonObject { ["ClockOffset"] = "1.00:00:00" });
            }
            await host.StartAsync();
            using var stop = new CancellationTokenSource();
            using var staff = Driver.Staff(host.BaseAddress, offset);
            var driver = new Driver(host.BaseAddress, round, daysAhead: 3);
            var load = Task.WhenAll(
                driver.RunAsync(ledger, Clients, stop.Token),
                offset == TimeSpan.Zero ? Task.CompletedTask
                    : driver.InjectAsync(ledger, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9) + offset), staff, stop.Token));
            if (round == 1)
            {
                // The later rounds inject what this one booked for tomorrow: on a busy machine the first crash could
                // otherwise come before any such booking, leaving nothing to inject.
                var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(1);
                await Poll.UntilAsync(() => ledger.Bookings.Count(b => b.Value.Date == tomorrow && !ledger.Cancelled.ContainsKey(b.Key)) >= 3,
                    "three bookings for tomorrow before the first crash", TimeSpan.FromSeconds(60));
            }
            var killAfter = TimeSpan.FromMilliseconds(500 + random.Next(2000));
            await Task.Delay(killAfter); // the load runs for a random while before the crash: that is the scenario, not a wait for a result
            await host.KillAsync();
            stop.Cancel();
            await load;
            Report("crash", $"round {round}: SIGKILL after {killAfter.TotalMilliseconds:0} ms; {ledger.Booked.Count} bookings, {ledger.Injected.Count} injections acknowledged so far");
        }

        await host.StartAsync();
        using (var staff = Driver.Staff(host.BaseAddress, offset))
            await Consistency.DrainedAsync(staff, TimeSpan.FromSeconds(60));
        var report = await Consistency.CheckAsync(host.BaseAddress, ledger, InitialStock, host.DailyCapacity, offset);
        Report("crash", $"{Rounds} crashes survived; requests {ledger.Requests}, unanswered (in flight at a crash) {ledger.Unanswered}, 5xx {ledger.ServerErrors}; {report}");

        ledger.Booked.Should().NotBeEmpty();
        if (Rounds > 1) ledger.Injected.Should().NotBeEmpty("staff injected the day's bookings between crashes");
        ledger.ServerErrors.Should().Be(0, string.Join("\n", ledger.ServerErrorBodies.Take(5)));
        ledger.Unavailable.Should().Be(0, "the database was never out of reach");
        report.Problems.Should().BeEmpty();
    }

    [Fact]
    public async Task Switching_a_module_off_keeps_bookings_flowing_and_it_converges_when_back()
    {
        var ledger = new Ledger();
        await using var host = new HostProcess(_folder.Folder);
        await host.StartAsync();
        using var staff = Driver.Staff(host.BaseAddress);
        await MeasureAsync(host, ledger, seed: 0); // warm-up: the first seconds of a process are JIT
        var baseline = await MeasureAsync(host, ledger, seed: 1);
        Report("outage", $"all modules on: {baseline:0} bookings/s");

        foreach (var module in new[] { "Hospital", "Stock", "Dashboard" })
        {
            host.EditSettings(s => s["Modules"]![module]!["Enabled"] = false);
            await Poll.UntilAsync(async () => (await staff.GetFromJsonAsync<Consistency.Outbox>("/admin/outbox"))!.Consumers.Single(c => c.Consumer == module).Enabled == false,
                $"{module} is off");
            var rate = await MeasureAsync(host, ledger, seed: module.Length);
            var backlog = (await staff.GetFromJsonAsync<Consistency.Outbox>("/admin/outbox"))!.Consumers.Single(c => c.Consumer == module).Backlog;
            Report("outage", $"{module} off: {rate:0} bookings/s ({rate / baseline:0.00} of all-on), its backlog {backlog}");
            // A generous bound: the machine is shared and noisy; what must not happen is bookings stalling.
            rate.Should().BeGreaterThan(baseline * 0.3, $"bookings keep their throughput while {module} is off");

            host.EditSettings(s => s["Modules"]![module]!["Enabled"] = true);
            await Consistency.DrainedAsync(staff, TimeSpan.FromSeconds(60));
        }

        var report = await Consistency.CheckAsync(host.BaseAddress, ledger, InitialStock, host.DailyCapacity);
        Report("outage", $"5xx {ledger.ServerErrors}; {report}");
        ledger.ServerErrors.Should().Be(0, string.Join("\n", ledger.ServerErrorBodies.Take(5)));
        ledger.Unavailable.Should().Be(0, "the database was never out of reach");
        report.Problems.Should().BeEmpty();
    }

    [Fact]
    public async Task A_poison_event_is_retried_dead_lettered_holds_up_nothing_else_and_replays_once()
    {
        // Dashboard cannot project the first booking's request (a test-only switch, set before the host starts).
        await using var host = new HostProcess(_folder.Folder, s =>
        {
            s["Outbox"]!["MaxAttempts"] = 3;
            s["FaultInjection"] = new JsonObject { ["Consumer"] = "Dashboard", ["EventType"] = "BookingStatusChanged", ["CorrelationKey"] = "booking-1" };
        });
        await host.StartAsync();
        using var staff = Driver.Staff(host.BaseAddress);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(3).ToString("yyyy-MM-dd");

        // Every other booking, and every other module, goes on.
        var victim = Driver.NewCitizen();
        (await http.PostAsJsonAsync("/user/reserve", new { victim.UserName, victim.UserRegNumber, reserveDate = date })).EnsureSuccessStatusCode();
        var others = Enumerable.Range(0, 5).Select(_ => Driver.NewCitizen()).ToList();
        foreach (var other in others) (await http.PostAsJsonAsync("/user/reserve", new { other.UserName, other.UserRegNumber, reserveDate = date })).EnsureSuccessStatusCode();

        var status = await Poll.ForAsync(() => staff.GetFromJsonAsync<AdminOutbox>("/admin/outbox")!, s => s!.DeadLetters.Count == 1,
            $"the poison delivery is dead-lettered ({string.Join('\n', host.Output.TakeLast(10))})", TimeSpan.FromSeconds(30));
        var dead = status!.DeadLetters.Single();
        dead.Consumer.Should().Be("Dashboard");
        dead.Attempts.Should().Be(3);
        dead.LastError.Should().Contain("Injected fault");
        await Poll.UntilAsync(async () => (await staff.GetFromJsonAsync<List<Consistency.Row>>("/dashboard/list"))!.Count(r => r.DoseNumber == 1 && r.ReserveStatus != "PENDING") == 5,
            "the other bookings are on the dashboard");
        var heldBack = (await staff.GetFromJsonAsync<AdminOutbox>("/admin/outbox"))!.Consumers.Single(c => c.Consumer == "Dashboard").Backlog;
        Report("poison", $"dead letter {dead.Id} after {dead.Attempts} attempts: {dead.LastError}; other bookings projected: 5; Dashboard backlog behind the poison key: {heldBack}");

        host.EditSettings(s => s.Remove("FaultInjection"));
        // Replay until it takes: a replay sent before the host has reloaded its settings fails and is dead-lettered again.
        var replays = 0;
        await Poll.UntilAsync(async () =>
        {
            var now = (await staff.GetFromJsonAsync<AdminOutbox>("/admin/outbox"))!;
            foreach (var letter in now.DeadLetters)
            {
                if ((await staff.PostAsync($"/admin/outbox/dead-letters/{letter.Id}/replay", null)).StatusCode == HttpStatusCode.Accepted) replays++;
            }
            return now.DeadLetters.Count == 0 && now.Consumers.All(c => c.Backlog == 0);
        }, "the replayed delivery was applied", TimeSpan.FromSeconds(30));

        // First doses: a two-dose vaccine's second appointments are on the dashboard too.
        var rows = (await staff.GetFromJsonAsync<List<Consistency.Row>>("/dashboard/list"))!.Where(r => r.DoseNumber == 1).ToList();
        rows.Should().HaveCount(6);
        rows.Should().ContainSingle(r => r.UserName == victim.UserName).Which.ReserveStatus.Should().Be("RESERVE", "the replay applied it once and the later events of its key followed");
        (await staff.PostAsync($"/admin/outbox/dead-letters/{dead.Id}/replay", null)).StatusCode.Should().Be(HttpStatusCode.NotFound, "a replayed delivery is not replayed twice");
        Report("poison", $"after the fix, {replays} replay(s): {rows.Count} dashboard rows, victim {rows.Single(r => r.UserName == victim.UserName).ReserveStatus}");
    }

    [Fact]
    public async Task SIGTERM_under_load_stops_within_the_timeout_without_failing_accepted_requests()
    {
        var ledger = new Ledger();
        await using var host = new HostProcess(_folder.Folder);
        await host.StartAsync();
        using var stop = new CancellationTokenSource();
        var load = new Driver(host.BaseAddress, 7).RunAsync(ledger, Clients, stop.Token);
        await Poll.UntilAsync(() => ledger.Booked.Count >= 50, "the load is running");

        // First the drain (Shutdown:DrainSeconds, 5 s): not ready, so a gateway stops sending, but still serving and still live.
        var stopping = host.TerminateAsync(TimeSpan.FromSeconds(30));
        using var probe = new HttpClient { BaseAddress = host.BaseAddress };
        var notReady = await Poll.ForAsync(() => probe.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, "not ready once told to stop");
        (await notReady.Content.ReadAsStringAsync()).Should().Contain("The host is stopping");
        (await probe.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        var answered = ledger.Requests;
        await Poll.UntilAsync(() => ledger.Requests >= answered + 20, "requests are still served while draining");
        (await probe.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        var took = await stopping;
        stop.Cancel();
        await load;
        Report("sigterm", $"stopped {took.TotalMilliseconds:0} ms after SIGTERM with exit code {host.ExitCode}; requests {ledger.Requests}, 5xx {ledger.ServerErrors}, unanswered {ledger.Unanswered}");
        took.Should().BeGreaterThan(TimeSpan.FromSeconds(5), "the drain comes first").And.BeLessThan(TimeSpan.FromSeconds(30), "Shutdown:DrainSeconds is 5 s, HostOptions:ShutdownTimeout 20 s");
        host.ExitCode.Should().Be(0);
        host.Output.Should().NotContain(line => line.Contains("Health check stopping"), "a planned stop is not an error on every probe");
        ledger.ServerErrors.Should().Be(0, string.Join("\n", ledger.ServerErrorBodies.Take(5)));
        ledger.Unavailable.Should().Be(0, "the database was never out of reach");

        await host.StartAsync();
        using var staff = Driver.Staff(host.BaseAddress);
        await Consistency.DrainedAsync(staff, TimeSpan.FromSeconds(60));
        var report = await Consistency.CheckAsync(host.BaseAddress, ledger, InitialStock, host.DailyCapacity);
        Report("sigterm", report.ToString());
        report.Problems.Should().BeEmpty();
    }

    [Fact]
    public async Task A_database_locked_by_another_process_gives_503_not_500_and_the_service_recovers()
    {
        await using var host = new HostProcess(_folder.Folder);
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var staff = Driver.Staff(host.BaseAddress);
        var date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(2).ToString("yyyy-MM-dd");

        HttpResponseMessage blocked;
        var watch = Stopwatch.StartNew();
        await using (var locker = new SqliteConnection($"Data Source={host.DatabaseFile};Pooling=False"))
        {
            await locker.OpenAsync();
            await using (var begin = locker.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE"; // another writer holds the lock
                await begin.ExecuteNonQueryAsync();
            }
            var citizen = Driver.NewCitizen();
            blocked = await http.PostAsJsonAsync("/user/reserve", new { citizen.UserName, citizen.UserRegNumber, reserveDate = date });
            watch.Stop();
            // The lock is released with the connection.
        }

        var body = await blocked.Content.ReadAsStringAsync();
        Report("db-busy", $"while locked: {(int)blocked.StatusCode} after {watch.Elapsed.TotalMilliseconds:0} ms, Retry-After {blocked.Headers.RetryAfter}: {body}");
        blocked.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, body);
        blocked.Headers.RetryAfter.Should().NotBeNull();
        blocked.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "requests wait briefly, they do not hang");

        var after = Driver.NewCitizen();
        var response = await http.PostAsJsonAsync("/user/reserve", new { after.UserName, after.UserRegNumber, reserveDate = date });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        await Consistency.DrainedAsync(staff, TimeSpan.FromSeconds(30));
        var ledger = new Ledger();
        ledger.Booked[after.UserRegNumber] = after;
        var report = await Consistency.CheckAsync(host.BaseAddress, ledger, InitialStock, host.DailyCapacity);
        Report("db-busy", $"after release: booking {(int)response.StatusCode}, outbox drained; {report}");
        report.Problems.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task A_database_gone_read_only_answers_503_is_unready_costs_no_attempts_and_the_host_recovers_by_itself()
    {
        var unavailable = ReadOnlyFiles.WhyUnavailable(_folder.Folder);
        Skip.If(unavailable is not null, unavailable);
        await using var host = new HostProcess(_folder.Folder, s =>
        {
            s["Outbox"]!["MaxAttempts"] = 3; // were a storage failure an attempt, the waiting deliveries would be dead within a second
            s["User"]!["Booking"]!["ConfirmWaitMs"] = 200;
        });
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var staff = Driver.Staff(host.BaseAddress);
        var date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(2).ToString("yyyy-MM-dd");
        var ledger = new Ledger();

        // Bookings that wait for Reservation's decision when the disk goes read-only.
        host.EditSettings(s => s["Modules"]!["Reservation"]!["Enabled"] = false);
        await Poll.UntilAsync(async () => (await staff.GetFromJsonAsync<Consistency.Outbox>("/admin/outbox"))!.Consumers.Single(c => c.Consumer == "Reservation").Enabled == false,
            "Reservation is off");
        var waiting = Enumerable.Range(0, 3).Select(_ => Driver.NewCitizen()).ToList();
        foreach (var citizen in waiting)
        {
            var booked = await http.PostAsJsonAsync("/user/reserve", new { citizen.UserName, citizen.UserRegNumber, reserveDate = date });
            booked.StatusCode.Should().Be(HttpStatusCode.Accepted, await booked.Content.ReadAsStringAsync());
            ledger.Booked[citizen.UserRegNumber] = citizen;
        }

        HttpResponseMessage refused, cancelRefused, unready;
        var watch = new Stopwatch();
        using (ReadOnlyFiles.Apply(host.DatabaseFile, host.DatabaseFile + "-wal"))
        {
            // Reservation comes back meanwhile: its deliveries meet the read-only database.
            host.EditSettings(s => s["Modules"]!["Reservation"]!["Enabled"] = true);
            var late = Driver.NewCitizen();
            refused = await http.PostAsJsonAsync("/user/reserve", new { late.UserName, late.UserRegNumber, reserveDate = date });
            cancelRefused = await http.PostAsJsonAsync("/user/cancel", new { waiting[0].UserName, waiting[0].UserRegNumber });
            unready = await Poll.ForAsync(() => http.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, "readiness reports the database");
            await Poll.UntilAsync(() => host.Output.Any(line => line.Contains("Reservation") && line.Contains("counting no attempts")),
                $"Reservation's deliveries met the read-only database ({string.Join('\n', host.Output.TakeLast(10))})", TimeSpan.FromSeconds(30));
            watch.Start(); // the files are writable again as this block ends
        }

        var refusal = await refused.Content.ReadAsStringAsync();
        var readiness = await unready.Content.ReadAsStringAsync();
        Report("read-only", $"booking while read-only: {(int)refused.StatusCode}, Retry-After {refused.Headers.RetryAfter}: {refusal}; cancel {(int)cancelRefused.StatusCode}; readiness {(int)unready.StatusCode}: {readiness}");
        refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, refusal);
        refused.Headers.RetryAfter.Should().NotBeNull();
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        refusal.Should().Contain("cannot save").And.NotContain("SQLite", "the problem is told in our words");
        cancelRefused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, await cancelRefused.Content.ReadAsStringAsync());
        readiness.Should().Contain("database").And.Contain("cannot be written");

        // Recovered by itself: no restart, no replay.
        await Poll.UntilAsync(async () => (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "readiness is back", TimeSpan.FromSeconds(30));
        var readyAfter = watch.Elapsed;
        var again = Driver.NewCitizen();
        var rebooked = await Poll.ForAsync(() => http.PostAsJsonAsync("/user/reserve", new { again.UserName, again.UserRegNumber, reserveDate = date }),
            r => r.StatusCode != HttpStatusCode.ServiceUnavailable, "a booking is taken again", TimeSpan.FromSeconds(30));
        var bookedAfter = watch.Elapsed;
        rebooked.StatusCode.Should().BeOneOf([HttpStatusCode.Created, HttpStatusCode.Accepted], await rebooked.Content.ReadAsStringAsync());
        ledger.Booked[again.UserRegNumber] = again;
        foreach (var citizen in waiting)
        {
            await Poll.UntilAsync(async () => (await (await http.PostAsJsonAsync("/user/status", citizen)).Content.ReadFromJsonAsync<Consistency.Status>())!.ReserveStatus == "RESERVE",
                $"{citizen.UserName}'s waiting booking is decided", TimeSpan.FromSeconds(30));
        }
        var decidedAfter = watch.Elapsed;
        await Consistency.DrainedAsync(staff, TimeSpan.FromSeconds(30));
        var report = await Consistency.CheckAsync(host.BaseAddress, ledger, InitialStock, host.DailyCapacity);
        Report("read-only", $"writable again: ready after {readyAfter.TotalMilliseconds:0} ms, a booking taken after {bookedAfter.TotalMilliseconds:0} ms, " +
            $"the {waiting.Count} waiting bookings decided after {decidedAfter.TotalMilliseconds:0} ms; {report}");
        report.Problems.Should().BeEmpty("the waiting deliveries were applied without a replay");
    }

    /// <summary>Bookings acknowledged per second by the driver's clients over two seconds.</summary>
    private static async Task<double> MeasureAsync(HostProcess host, Ledger ledger, int seed)
    {
        var before = ledger.Booked.Count;
        var watch = Stopwatch.StartNew();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
            await new Driver(host.BaseAddress, seed).RunAsync(ledger, Clients, stop.Token);
        return (ledger.Booked.Count - before) / watch.Elapsed.TotalSeconds;
    }

    private sealed record DeadLetter(long Id, string Consumer, int Attempts, string? LastError);
    private sealed record AdminOutbox(List<Consistency.ConsumerState> Consumers, List<DeadLetter> DeadLetters);
}
