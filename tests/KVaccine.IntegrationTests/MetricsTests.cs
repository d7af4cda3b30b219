using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Web;
using KVaccine.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace KVaccine.IntegrationTests;

/// <summary>A host serving its metrics, whose deliveries dead-letter at their first failure and whose Dates budget is one query a second.</summary>
public sealed class MeteredApp : KVaccineApp
{
    protected override void Configure(JsonObject settings)
    {
        settings["Telemetry"] = new JsonObject { ["Metrics"] = true };
        settings["Outbox"]!["MaxAttempts"] = 1;
        settings["RateLimits"]!["Dates"] = new JsonObject { ["PerClientPerSecond"] = 1, ["Concurrency"] = 100 };
    }
}

/// <summary>
/// The outbox's gauges move with its backlog and dead letters, its counters with every delivery's outcome, the rate
/// budgets count their refusals, and Prometheus reads them all from an endpoint only an Admin may scrape.
/// </summary>
public sealed class MetricsTests(MeteredApp app) : IClassFixture<MeteredApp>
{
    [Fact]
    public async Task A_dead_letter_shows_in_the_gauges_and_its_replay_takes_it_out_and_counts_the_delivery()
    {
        var meters = app.Services.GetRequiredService<IMeterFactory>();
        using var deadLetters = new MetricCollector<int>(meters, OutboxMetrics.MeterName, "kvaccine.outbox.dead_letters");
        using var ended = new MetricCollector<long>(meters, OutboxMetrics.MeterName, "kvaccine.outbox.deliveries");
        using var lag = new MetricCollector<double>(meters, OutboxMetrics.MeterName, "kvaccine.outbox.delivery.lag");
        var api = app.CreateApi("Admin");
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        app.EditSettings(s => s["FaultInjection"] = new JsonObject { ["Consumer"] = "Dashboard", ["EventType"] = "BookingStatusChanged" });
        await Poll.UntilAsync(() => configuration["FaultInjection:Consumer"] == "Dashboard", "the fault is switched on");

        await api.BookAsync(Citizen.New(), app.FreshDate());
        await Poll.UntilAsync(() => Task.FromResult(DashboardDeadLetters(deadLetters) > 0), "the gauge counts the Dashboard's dead letter");
        ended.GetMeasurementSnapshot().Should().Contain(m => Equals(m.Tags["consumer"], "Dashboard") && Equals(m.Tags["outcome"], "dead_letter"));

        app.EditSettings(s => s.Remove("FaultInjection"));
        await Poll.UntilAsync(() => configuration["FaultInjection:Consumer"] is null, "the fault is switched off");
        foreach (var letter in JsonNode.Parse(await api.Http.GetStringAsync("/admin/outbox"))!["deadLetters"]!.AsArray())
        {
            using var replay = new HttpRequestMessage(HttpMethod.Post, $"/admin/outbox/dead-letters/{letter!["id"]}/replay");
            replay.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            (await api.Http.SendAsync(replay)).IsSuccessStatusCode.Should().BeTrue();
        }
        await Poll.UntilAsync(() => Task.FromResult(DashboardDeadLetters(deadLetters) == 0), "the gauge has no dead letter left");
        ended.GetMeasurementSnapshot().Should().Contain(m => Equals(m.Tags["consumer"], "Dashboard") && Equals(m.Tags["outcome"], "delivered"));
        lag.GetMeasurementSnapshot().Should().Contain(m => Equals(m.Tags["consumer"], "Reservation") && m.Value >= 0);
    }

    [Fact]
    public async Task A_refused_request_is_counted_under_its_budget()
    {
        using var refusals = new MetricCollector<long>(app.Services.GetRequiredService<IMeterFactory>(), OverloadRefusals.MeterName, "kvaccine.rate_limit.refusals");
        var http = app.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            http.PostAsJsonAsync("/user/date", new { userName = "Taeyeon Kim", userRegNumber = "890309-2766876" })));

        var refused = answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        refused.Should().BePositive();
        refusals.GetMeasurementSnapshot().Where(m => Equals(m.Tags["budget"], "Dates")).Sum(m => m.Value).Should().Be(refused);
    }

    [Fact]
    public async Task Prometheus_scrapes_the_metrics_with_an_Admin_s_token_and_finds_no_RRN_in_them()
    {
        var citizen = Citizen.New();
        await app.CreateApi().BookAsync(citizen, app.FreshDate());
        await app.CreateApi().SettledAsync();

        (await app.CreateClient().GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.CreateApi("HospitalStaff").Http.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var scrape = await app.CreateApi("Admin").Http.GetStringAsync("/metrics");

        scrape.Should().Contain("kvaccine_outbox_deliveries").And.Contain("kvaccine_outbox_backlog").And.Contain("http_server_request_duration_seconds")
            .And.MatchRegex("""kvaccine_bookings_total\{[^}]*status="RESERVE"[^}]*\} [1-9]""");
        scrape.Should().NotContain(citizen.UserRegNumber).And.NotContain(citizen.UserRegNumber.Replace("-", ""));
    }

    private static int DashboardDeadLetters(MetricCollector<int> gauge)
    {
        gauge.RecordObservableInstruments();
        return gauge.GetMeasurementSnapshot().LastOrDefault(m => Equals(m.Tags["consumer"], "Dashboard"))?.Value ?? 0;
    }
}
