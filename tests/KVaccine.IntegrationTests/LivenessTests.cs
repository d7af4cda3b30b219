using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using KVaccine.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.IntegrationTests;

public sealed class StallingApp : KVaccineApp
{
    public const int StalledAfterSeconds = 60;

    protected override void Configure(JsonObject settings) => settings["Outbox"]!["StalledAfterSeconds"] = StalledAfterSeconds;
}

/// <summary>
/// What fails <c>/health/live</c>: an outbox loop that has stopped moving, which only a restart ends. The fault
/// harness's hold (<c>FaultInjection:HoldClaim</c>) keeps Dashboard's loop in one claim, as a handler that never
/// returns would; the host's clock is moved past the limit while it holds.
/// </summary>
public sealed class LivenessTests(StallingApp app) : IClassFixture<StallingApp>
{
    private readonly Api _api = app.CreateApi();

    [DatabaseFact]
    public async Task A_stalled_outbox_loop_fails_liveness_naming_its_consumer_and_passes_again_once_it_moves()
    {
        await Poll.UntilAsync(async () => (await _api.Http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "ready");
        (await ProbeAsync("/health/live")).Status.Should().Be(HttpStatusCode.OK);

        var configuration = app.Services.GetRequiredService<IConfiguration>();
        app.EditSettings(s => s["FaultInjection"] = new JsonObject { ["HoldClaim"] = new JsonObject { ["Consumer"] = "Dashboard", ["Milliseconds"] = 10_000 } });
        await Poll.UntilAsync(() => configuration["FaultInjection:HoldClaim:Consumer"] == "Dashboard", "the hold is switched on");
        await _api.ReserveAsync(Citizen.New(), app.FreshDate());

        // Time passes for every loop; those that come round are fresh again, the held one is not.
        var stalled = await Poll.ForAsync(async () =>
        {
            app.Clock.Advance(TimeSpan.FromSeconds(StallingApp.StalledAfterSeconds + 1));
            return await ProbeAsync("/health/live");
        }, probe => probe.Status == HttpStatusCode.ServiceUnavailable && probe.Description.Contains("Dashboard"), "Dashboard's loop is stalled");
        stalled.Description.Should().StartWith("The outbox loop of ").And.EndWith($" has not moved for {StallingApp.StalledAfterSeconds} s.");
        (await ProbeAsync("/health/ready")).Status.Should().Be(HttpStatusCode.OK, "a stalled loop is for a restart, not a reason to turn requests away");

        app.EditSettings(s => s.Remove("FaultInjection"));
        await Poll.ForAsync(() => ProbeAsync("/health/live"), probe => probe.Status == HttpStatusCode.OK, "live again once the hold is over", TimeSpan.FromSeconds(30));
    }

    private async Task<(HttpStatusCode Status, string Description)> ProbeAsync(string path)
    {
        var response = await _api.Http.GetAsync(path);
        var check = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks")
            .EnumerateObject().Select(c => c.Value.GetProperty("description").GetString()).FirstOrDefault(d => d is not null);
        return (response.StatusCode, check ?? "");
    }
}
