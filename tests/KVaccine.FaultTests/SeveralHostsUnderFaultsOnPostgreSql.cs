using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KVaccine.TestSupport;
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
            hosts.Report($"killed host held User deliveries {string.Join(',', held)}; applied by the others {watch.ElapsedMilliseconds} ms after the kill (lease {HostsOnPostgreSql.LeaseSeconds} s)");

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
            hosts.Report($"paused host held Dashboard deliveries {string.Join(',', held)}; applied by the others {watch.ElapsedMilliseconds} ms after SIGSTOP (lease {HostsOnPostgreSql.LeaseSeconds} s)");
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
            var killed = await hosts.ScalarAsync($"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '{HostsOnPostgreSql.ApplicationName(0)}'");
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
            using var staff = Driver.Staff(host.BaseAddress, HostsOnPostgreSql.ClockOffset);
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

    private async Task<HostsOnPostgreSql> Start()
    {
        Skip.If(PostgreSqlCluster.Unavailable is not null, $"Skipped: the scenario restarts a PostgreSQL cluster of its own. {PostgreSqlCluster.Unavailable}");
        return await HostsOnPostgreSql.StartAsync(output, "several hosts", count: 3);
    }

    /// <summary>Waits for the host to say it holds a claim of the consumer's (the test-only hook) and returns the delivery ids.</summary>
    private static async Task<long[]> HeldDeliveriesAsync(HostProcess host, int from, string consumer)
    {
        var pattern = new Regex($@"holding a claim of deliveries ""?([0-9,]+)""? to ""?{consumer}\b");
        var line = await Poll.ForAsync(() => Task.FromResult(host.Output.Skip(from).FirstOrDefault(pattern.IsMatch)), l => l is not null,
            $"the host holds a claim of {consumer}'s ({string.Join('\n', host.Output.TakeLast(10))})", TimeSpan.FromSeconds(30));
        return pattern.Match(line!).Groups[1].Value.Split(',').Select(long.Parse).ToArray();
    }
}
