using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.IntegrationTests;

/// <summary>A webhook endpoint that is down for a while: answers 503 until told to recover, and records what it got.</summary>
public sealed class FlakyWebhook : HttpMessageHandler
{
    public volatile bool Down = true;
    public ConcurrentQueue<JsonObject> Received { get; } = new();
    public int Refused;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Down)
        {
            Interlocked.Increment(ref Refused);
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        }
        Received.Enqueue(JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject());
        return new HttpResponseMessage(HttpStatusCode.NoContent);
    }
}

public class WebhookApp : KVaccineApp
{
    public FlakyWebhook Webhook { get; } = new();

    protected override void Configure(JsonObject settings)
    {
        settings["User"]!["Notifications"]!["WebhookUrl"] = "http://notifications.test/kakao";
        settings["Outbox"]!["MaxAttempts"] = 50;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The real sender and HttpClient; only the network under them is the test's.
        builder.ConfigureTestServices(services => services.AddHttpClient("WebhookNotificationSender").ConfigurePrimaryHttpMessageHandler(() => Webhook));
    }
}

public sealed class WebhookAppOnPostgreSql : WebhookApp
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}

/// <summary>Notifications go to a webhook when one is set, retried through the outbox; a dead webhook blocks no booking.</summary>
public abstract class WebhookTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : WebhookApp, new()
{
    private readonly Api _api = app.CreateApi();

    [DatabaseFact]
    public async Task A_dead_webhook_blocks_no_booking_and_every_notification_arrives_once_it_recovers()
    {
        var citizen = Citizen.New("Webhook Citizen");

        var booked = await _api.BookAsync(citizen, app.FreshDate());
        booked.ReserveStatus.Should().Be("RESERVE", "the booking does not wait for the notification");
        await Poll.UntilAsync(() => app.Webhook.Refused >= 2, "the webhook refused a few attempts");

        app.Webhook.Down = false;
        // The retries' backoff runs on the service's clock; an attempt already under way when the webhook recovered
        // may still fail and schedule its retry after one advance, so the clock moves until the backlog is gone.
        await Poll.UntilAsync(async () =>
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1)); // longer than the longest backoff here (200 ms)
            return (await _api.OutboxAsync()).Consumers.All(c => c.Backlog == 0);
        }, "every notification has been delivered");

        var sent = app.Webhook.Received.Where(n => (long)n["userId"]! == booked.UserId).ToList();
        var vaccine = (await _api.StatusOfAsync(citizen)).VaccineType!;
        sent.Select(n => (string)n["reserveStatus"]!).Should().BeEquivalentTo(Enumerable.Repeat("RESERVE", 1 + Schedule.Doses(vaccine)),
            "booked, then the vaccine assigned, then (for a two-dose vaccine) the second dose booked");
        sent.Select(n => (long)n["notificationId"]!).Should().OnlyHaveUniqueItems();
        JsonSerializer.Serialize(sent).Should().NotContain(citizen.UserRegNumber[..6] + citizen.UserRegNumber[7..]).And.NotContain(citizen.UserRegNumber);
    }
}

public sealed class WebhookTests(WebhookApp app) : WebhookTests<WebhookApp>(app);

public sealed class WebhookTestsOnPostgreSql(WebhookAppOnPostgreSql app) : WebhookTests<WebhookAppOnPostgreSql>(app);

