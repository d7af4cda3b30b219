using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.IntegrationTests;

/// <summary>
/// A host behind a gateway: every request arrives from <see cref="Connection"/>, whose <c>X-Forwarded-For</c> names the
/// client. The Dates budget is one query a second with a burst of two, per client.
/// </summary>
public abstract class GatewayApp : KVaccineApp
{
    public const string Gateway = "10.1.2.3";

    /// <summary>The address the requests come from (the test server has no socket to give one).</summary>
    protected abstract string Connection { get; }

    protected abstract JsonArray KnownProxies { get; }

    protected override void Configure(JsonObject settings)
    {
        settings["RateLimits"]!["Dates"] = new JsonObject { ["PerClientPerSecond"] = 1, ["Concurrency"] = 100 };
        settings["Proxies"] = new JsonObject { ["Known"] = KnownProxies };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new FromAddress(IPAddress.Parse(Connection))));
    }

    private sealed class FromAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, then) =>
            {
                http.Connection.RemoteIpAddress = address;
                return then(http);
            });
            next(app);
        };
    }
}

/// <summary>The gateway is listed, as a network.</summary>
public sealed class BehindAListedGatewayApp : GatewayApp
{
    protected override string Connection => Gateway;

    protected override JsonArray KnownProxies => ["10.1.0.0/16"];
}

/// <summary>Nothing is listed, and the requests come from loopback, which the platform would believe by default.</summary>
public sealed class UnlistedSenderApp : GatewayApp
{
    protected override string Connection => "127.0.0.1";

    protected override JsonArray KnownProxies => [];
}

public sealed class ProxyTests(BehindAListedGatewayApp app) : IClassFixture<BehindAListedGatewayApp>
{
    [Fact]
    public async Task Behind_a_listed_gateway_each_client_has_a_budget_of_its_own()
    {
        var http = app.CreateClient();

        var first = await ProxyFlood.DatesAsync(http, "203.0.113.10");
        var second = await ProxyFlood.DatesAsync(http, "203.0.113.20");

        first.Should().Contain(HttpStatusCode.TooManyRequests, "the first client spent its own budget");
        second.Count(s => s == HttpStatusCode.OK).Should().BeGreaterThanOrEqualTo(2, "the second client's burst is untouched by the first's");
    }
}

public sealed class UnlistedProxyTests(UnlistedSenderApp app) : IClassFixture<UnlistedSenderApp>
{
    [Fact]
    public async Task From_a_sender_that_is_not_listed_the_forwarded_address_is_ignored_and_the_budget_shared()
    {
        var http = app.CreateClient();
        var clock = Stopwatch.StartNew();

        var first = await ProxyFlood.DatesAsync(http, "203.0.113.10");
        var second = await ProxyFlood.DatesAsync(http, "203.0.113.20");

        // One budget for both: its burst of two, and a token for each second the floods took.
        var admitted = first.Concat(second).Count(s => s == HttpStatusCode.OK);
        admitted.Should().BeInRange(1, 2 + (int)Math.Ceiling(clock.Elapsed.TotalSeconds), $"first {string.Join(",", first.Select(s => (int)s))} second {string.Join(",", second.Select(s => (int)s))} in {clock.Elapsed}");
        second.Should().Contain(HttpStatusCode.TooManyRequests);
    }
}

internal static class ProxyFlood
{
    /// <summary>Twenty date queries at once, as a gateway forwards them for the client at <paramref name="client"/>.</summary>
    public static async Task<HttpStatusCode[]> DatesAsync(HttpClient http, string client)
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/user/date")
            {
                Content = JsonContent.Create(new { userName = "Taeyeon Kim", userRegNumber = "890309-2766876" }),
            };
            request.Headers.Add("X-Forwarded-For", client);
            return http.SendAsync(request);
        }));
        return answers.Select(a => a.StatusCode).ToArray();
    }
}
