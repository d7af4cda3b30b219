using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KVaccine.TestSupport;
using Npgsql;
using Xunit.Abstractions;
using Yarp.ReverseProxy.Model;

namespace KVaccine.FaultTests;

/// <summary>
/// Hosts on one PostgreSQL cluster of the test's own behind a gateway (<see cref="Gateway"/>), every citizen's and
/// staff member's request through it, while the test does what an orchestrator does: replaces each host by a new one,
/// cuts a host off its database and lets it heal, adds a host. What a client sees through the gateway is what must
/// hold: no request failed but the few a cut host answered 503 with Retry-After before the gateway noticed.
/// </summary>
[Collection("fault harness")] // one scenario at a time: each loads the machine on its own
public sealed class BehindAGatewayOnPostgreSql(ITestOutputHelper output)
{
    private const string Label = "behind a gateway";
    private static readonly string[] Consumers = ["User", "Reservation", "Hospital", "Stock", "Dashboard"];

    [SkippableFact]
    public async Task A_rolling_redeploy_behind_the_gateway_fails_no_request_and_the_old_hosts_exit_cleanly()
    {
        await using var hosts = await StartAsync();
        await using var gateway = await Gateway.StartAsync();
        for (var i = 0; i < hosts.All.Count; i++) gateway.Add(Name(i), hosts[i].BaseAddress);

        await hosts.UnderLoadAsync(seed: 21, async _ =>
        {
            foreach (var old in hosts.All.ToList())
            {
                var oldName = Name(hosts.All.IndexOf(old));
                var watch = Stopwatch.StartNew();
                var fresh = await hosts.AddAsync();
                var freshName = Name(hosts.All.Count - 1);
                var ready = watch.ElapsedMilliseconds;
                gateway.Add(freshName, fresh.BaseAddress);
                await Poll.UntilAsync(() => gateway.Sent(freshName) > 0, $"the gateway sends to {freshName}", TimeSpan.FromSeconds(30));

                watch.Restart();
                var stopping = old.TerminateAsync(TimeSpan.FromSeconds(40));
                await Poll.UntilAsync(() => gateway.Health(oldName) == DestinationHealth.Unhealthy || old.HasExited,
                    $"the gateway takes {oldName} out or it exits", TimeSpan.FromSeconds(40));
                var takenOut = old.HasExited ? "not before it exited" : $"{watch.ElapsedMilliseconds} ms after SIGTERM";
                var sentWhenOut = gateway.Sent(oldName);
                await stopping;
                var exited = watch.ElapsedMilliseconds;
                gateway.Remove(oldName);
                hosts.Report($"rolling: {freshName} ready {ready} ms after its start ({string.Join("; ", fresh.StartProbes)}), then added; {oldName} taken out by the gateway {takenOut}, " +
                    $"exited {old.ExitCode} {exited} ms after SIGTERM, sent {gateway.Sent(oldName) - sentWhenOut} requests after it was taken out");
                old.ExitCode.Should().Be(0, $"{oldName} stops cleanly on SIGTERM:\n{string.Join('\n', old.Output.TakeLast(20))}");
            }
        }, through: gateway.BaseAddress);

        Figures(hosts, gateway, "rolling redeploy");
        NoRequestFailed(hosts, gateway, allowUnavailable: false);
        await hosts.SettledAndConsistentAsync();
    }

    [SkippableFact]
    public async Task A_host_cut_off_its_database_is_taken_out_by_the_gateway_and_comes_back_by_itself()
    {
        TcpRelay? relay = null;
        await using var hosts = await StartAsync(configure: (i, _, database) =>
        {
            if (i != 0) return;
            relay = new TcpRelay(database.Host!, database.Port);
            database.Port = relay.Port;
        });
        await using var relayed = relay!;
        await using var gateway = await Gateway.StartAsync();
        for (var i = 0; i < hosts.All.Count; i++) gateway.Add(Name(i), hosts[i].BaseAddress);
        var cut = hosts[0];
        var pid = cut.ProcessId;

        await hosts.UnderLoadAsync(seed: 22, async _ =>
        {
            using var probe = new HttpClient { BaseAddress = cut.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            var watch = Stopwatch.StartNew();
            relayed.Cut();
            var unready = await Poll.ForAsync(() => ProbeAsync(probe, "/health/ready"), p => p.Status == HttpStatusCode.ServiceUnavailable,
                "the cut host says it is not ready", TimeSpan.FromSeconds(30));
            var unreadyAfter = watch.ElapsedMilliseconds;
            var database = JsonNode.Parse(unready.Body)!["checks"]!["database"]!;
            database["status"]!.GetValue<string>().Should().Be("Unhealthy", unready.Body);
            database["description"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace("the probe says why: " + unready.Body);
            (await ProbeAsync(probe, "/health/live")).Status.Should().Be(HttpStatusCode.OK, "a host waiting for its database is alive: no restart is wanted");

            await Poll.UntilAsync(() => gateway.Health(Name(0)) == DestinationHealth.Unhealthy, "the gateway takes the cut host out", TimeSpan.FromSeconds(30));
            var takenOut = watch.ElapsedMilliseconds;
            var frozen = gateway.Sent(Name(0));
            var other = gateway.Sent(Name(1));
            await Poll.UntilAsync(() => gateway.Sent(Name(1)) >= other + 200, "requests go on through the other host", TimeSpan.FromSeconds(60));
            gateway.Sent(Name(0)).Should().Be(frozen, "the gateway sends nothing to a host its health check took out");
            (await ProbeAsync(probe, "/health/live")).Status.Should().Be(HttpStatusCode.OK);
            cut.ProcessId.Should().Be(pid, "the host was not restarted");
            cut.HasExited.Should().BeFalse();

            relayed.Restore();
            watch.Restart();
            await Poll.UntilAsync(async () => (await ProbeAsync(probe, "/health/ready")).Status == HttpStatusCode.OK, "the host is ready again by itself", TimeSpan.FromSeconds(60));
            var readyAgain = watch.ElapsedMilliseconds;
            await Poll.UntilAsync(() => gateway.Sent(Name(0)) > frozen, "the gateway sends to it again", TimeSpan.FromSeconds(30));
            var backInService = watch.ElapsedMilliseconds;
            cut.ProcessId.Should().Be(pid, "the host healed without a restart");
            hosts.Report($"self-healing: cut; unready after {unreadyAfter} ms ({database["description"]}), taken out by the gateway after {takenOut} ms, " +
                $"{relayed.Refused} connections refused meanwhile, sent nothing while out (the other host served {gateway.Sent(Name(1)) - other}); " +
                $"restored; ready again after {readyAgain} ms and sent to again after {backInService} ms, same process {pid}");
        }, through: gateway.BaseAddress);

        Figures(hosts, gateway, "self-healing");
        NoRequestFailed(hosts, gateway, allowUnavailable: true);
        await hosts.SettledAndConsistentAsync();
    }

    [SkippableFact]
    public async Task A_host_added_under_load_delivers_for_every_module_and_nothing_is_applied_twice()
    {
        await using var hosts = await StartAsync(configure: (_, settings, _) => settings["Telemetry"] = new JsonObject { ["Metrics"] = true });
        await using var gateway = await Gateway.StartAsync();
        for (var i = 0; i < hosts.All.Count; i++) gateway.Add(Name(i), hosts[i].BaseAddress);

        await hosts.UnderLoadAsync(seed: 23, async _ =>
        {
            var watch = Stopwatch.StartNew();
            var third = await hosts.AddAsync();
            var ready = watch.ElapsedMilliseconds;
            gateway.Add(Name(2), third.BaseAddress);
            // The load goes on until the new host has taken a share of every module's deliveries.
            await Poll.UntilAsync(async () => await DeliveredAsync(third) is var mine && Consumers.All(c => mine.GetValueOrDefault(c) > 0),
                "the third host delivers for every module", TimeSpan.FromSeconds(60));
            hosts.Report($"scale-out: the third host ready {ready} ms after its start ({string.Join("; ", third.StartProbes)}), then added; delivering for every module {watch.ElapsedMilliseconds} ms after its start");
        }, through: gateway.BaseAddress);

        Figures(hosts, gateway, "scale-out");
        NoRequestFailed(hosts, gateway, allowUnavailable: false);
        await hosts.SettledAndConsistentAsync();

        var rows = (await hosts.RowsAsync("""SELECT "Consumer", count(*) FROM outbox.deliveries WHERE "Status" = 1 GROUP BY "Consumer" """))
            .ToDictionary(r => (string)r[0], r => Convert.ToInt64(r[1]));
        // A delivery is counted once its completion has committed; the scrape may lag that by its cache, never by more.
        var perHost = await Poll.ForAsync(async () => await Task.WhenAll(hosts.All.Select(DeliveredAsync)),
            counts => Consumers.All(c => counts.Sum(h => h.GetValueOrDefault(c)) >= rows.GetValueOrDefault(c)),
            "every host's counters have caught up with the rows", TimeSpan.FromSeconds(10));
        hosts.Report($"scale-out: deliveries ended \"delivered\" ({_deliveredMetric}) per host (host 0 / host 1 / host 2 = sum; delivered rows): " + string.Join(", ", Consumers.Select(c =>
            $"{c} {string.Join(" / ", perHost.Select(h => h.GetValueOrDefault(c)))} = {perHost.Sum(h => h.GetValueOrDefault(c))}; {rows.GetValueOrDefault(c)}")));
        foreach (var consumer in Consumers)
        {
            perHost[2].GetValueOrDefault(consumer).Should().BePositive($"the host added under load delivered for {consumer}");
            perHost.Sum(h => h.GetValueOrDefault(consumer)).Should().Be(rows.GetValueOrDefault(consumer),
                $"each of {consumer}'s deliveries was applied by one host once (a delivery applied twice would count twice against one row)");
        }
    }

    private async Task<HostsOnPostgreSql> StartAsync(Action<int, JsonObject, NpgsqlConnectionStringBuilder>? configure = null)
    {
        Skip.If(PostgreSqlCluster.Unavailable is not null, $"Skipped: the scenario starts a PostgreSQL cluster of its own. {PostgreSqlCluster.Unavailable}");
        return await HostsOnPostgreSql.StartAsync(output, Label, count: 2, (i, settings, database) =>
        {
            // Every request comes from the gateway: the client's address is its X-Forwarded-For, each client its own rate budget.
            settings["Proxies"] = new JsonObject { ["Known"] = new JsonArray("127.0.0.1") };
            configure?.Invoke(i, settings, database);
        });
    }

    private static string Name(int host) => $"host-{host}";

    private static async Task<(HttpStatusCode? Status, string Body)> ProbeAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (null, e.Message);
        }
    }

    private static readonly Regex DeliveredLine = new("""^(?<name>kvaccine_outbox_deliveries\w*)\{(?<labels>[^}]*)\}\s+(?<value>\S+)""", RegexOptions.Multiline);
    private static readonly Regex Labels = new("(\\w+)=\"([^\"]*)\"");

    /// <summary>The counter's name in Prometheus's words, as read in a scrape, for the report.</summary>
    private static string? _deliveredMetric;

    /// <summary>The host's deliveries ended "delivered" per consumer, from its Prometheus scrape.</summary>
    private static async Task<Dictionary<string, long>> DeliveredAsync(HostProcess host)
    {
        using var admin = Driver.Staff(host.BaseAddress, HostsOnPostgreSql.ClockOffset);
        var scrape = await admin.GetStringAsync("/metrics");
        var delivered = new Dictionary<string, long>();
        foreach (Match line in DeliveredLine.Matches(scrape))
        {
            _deliveredMetric = line.Groups["name"].Value;
            var labels = Labels.Matches(line.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value);
            if (labels.GetValueOrDefault("outcome") != "delivered" || labels.GetValueOrDefault("consumer") is not { } consumer) continue;
            delivered[consumer] = delivered.GetValueOrDefault(consumer) + (long)double.Parse(line.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return delivered;
    }

    private static void Figures(HostsOnPostgreSql hosts, Gateway gateway, string scenario)
    {
        var ledger = hosts.Ledger;
        hosts.Report($"{scenario} through the gateway: requests {ledger.Requests}, failed {ledger.ServerErrors + ledger.Unanswered + ledger.Unavailable} " +
            $"(503 with Retry-After {ledger.Unavailable}, other 5xx {ledger.ServerErrors}, unanswered {ledger.Unanswered}), 429 {ledger.Refused}, " +
            $"longest wait {ledger.LongestWaitMs} ms; sent per destination: {gateway.SentPerDestination}; not forwarded by the gateway: {gateway.Errors.Count}" +
            (gateway.Errors.Count > 0 ? "\n  " + string.Join("\n  ", gateway.Errors.Take(10)) : ""));
    }

    /// <param name="allowUnavailable">Whether 503s with Retry-After are allowed (a host cut off its database answers them until the gateway takes it out).</param>
    private static void NoRequestFailed(HostsOnPostgreSql hosts, Gateway gateway, bool allowUnavailable)
    {
        var ledger = hosts.Ledger;
        var why = string.Join("\n", ledger.ServerErrorBodies.Take(5).Concat(ledger.UnansweredReasons.Take(5)).Concat(gateway.Errors.Take(5)));
        ledger.ServerErrors.Should().Be(0, why);
        ledger.Unanswered.Should().Be(0, why);
        if (!allowUnavailable) ledger.Unavailable.Should().Be(0, why);
    }
}
