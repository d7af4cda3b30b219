using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace KVaccine.FaultTests;

/// <summary>
/// A gateway in front of the hosts, as a load balancer or an ingress stands in production: YARP in the test's own
/// process on a loopback port, one route to one cluster whose destinations the test, as the orchestrator, adds and
/// removes while it runs. Each destination is probed on <c>/health/ready</c> every half second and left out after two
/// failed probes; the requests sent to each are counted, so that a test can say where the traffic went.
/// </summary>
/// <remarks>
/// YARP sends to a destination whose health is still unknown, so the orchestrator adds a host only once it is ready,
/// as Kubernetes adds a pod to a service's endpoints only once its readiness probe passes.
/// </remarks>
public sealed class Gateway : IAsyncDisposable
{
    private const string Cluster = "hosts";

    private readonly WebApplication _app;
    private readonly InMemoryConfigProvider _config;
    private readonly Dictionary<string, Uri> _destinations = [];
    private readonly ConcurrentDictionary<string, StrongBox> _sent = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private Gateway(WebApplication app, InMemoryConfigProvider config) => (_app, _config) = (app, config);

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What the gateway could not forward (a destination refused, reset or timed out), with the destination.</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    public static async Task<Gateway> StartAsync()
    {
        var config = new InMemoryConfigProvider(Routes, [ClusterOf(new Dictionary<string, Uri>())]);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear(); // not the test folder's appsettings.json, nor ASPNETCORE_URLS
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<IProxyConfigProvider>(config);
        builder.Services.AddReverseProxy();
        var app = builder.Build();
        var gateway = new Gateway(app, config);
        app.MapReverseProxy(proxy =>
        {
            proxy.UseLoadBalancing();
            proxy.Use(gateway.CountAsync);
        });
        await app.StartAsync();
        gateway.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return gateway;
    }

    /// <summary>Sends to the host from now on, under <paramref name="name"/>.</summary>
    public void Add(string name, Uri host)
    {
        lock (_destinations)
        {
            _destinations[name] = host;
            _config.Update(Routes, [ClusterOf(_destinations)]);
        }
    }

    /// <summary>Sends nothing more to the host; what it holds it finishes.</summary>
    public void Remove(string name)
    {
        lock (_destinations)
        {
            _destinations.Remove(name);
            _config.Update(Routes, [ClusterOf(_destinations)]);
        }
    }

    /// <summary>How many requests the gateway sent to the destination.</summary>
    public long Sent(string name) => _sent.TryGetValue(name, out var count) ? Interlocked.Read(ref count.Value) : 0;

    /// <summary>Every destination's count, by name, for the report.</summary>
    public string SentPerDestination => string.Join(", ", _sent.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {Interlocked.Read(ref s.Value.Value)}"));

    /// <summary>What the active health check last made of the destination.</summary>
    public DestinationHealth Health(string name) =>
        _app.Services.GetRequiredService<IProxyStateLookup>().TryGetCluster(Cluster, out var cluster)
        && cluster.Destinations.TryGetValue(name, out var destination)
            ? destination.Health.Active
            : DestinationHealth.Unknown;

    /// <summary>Counted once load balancing has picked the one destination, before forwarding: a request still in flight is already where it went.</summary>
    private async Task CountAsync(HttpContext context, Func<Task> next)
    {
        var picked = context.GetReverseProxyFeature().AvailableDestinations;
        var name = picked.Count == 1 ? picked[0].DestinationId : null;
        if (name is not null) Interlocked.Increment(ref _sent.GetOrAdd(name, _ => new StrongBox()).Value);
        await next();
        if (context.Features.Get<IForwarderErrorFeature>() is { } failed && _errors.Count < 50)
            _errors.Enqueue($"{name} {context.Request.Path}: {failed.Error} {failed.Exception?.GetType().Name} {failed.Exception?.Message}");
    }

    private static readonly IReadOnlyList<RouteConfig> Routes =
        [new RouteConfig { RouteId = "everything", ClusterId = Cluster, Match = new RouteMatch { Path = "{**path}" } }];

    private static ClusterConfig ClusterOf(IReadOnlyDictionary<string, Uri> destinations) => new()
    {
        ClusterId = Cluster,
        LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
        HealthCheck = new HealthCheckConfig
        {
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = TimeSpan.FromMilliseconds(500),
                // A probe slowed by the load, not by a failure, is one failure; the second in a row takes the host out.
                Timeout = TimeSpan.FromSeconds(2),
                Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                Path = "/health/ready",
            },
        },
        Metadata = new Dictionary<string, string> { [ConsecutiveFailuresHealthPolicyOptions.ThresholdMetadataName] = "2" },
        Destinations = destinations.ToDictionary(d => d.Key, d => new DestinationConfig { Address = d.Value.ToString() }),
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class StrongBox
    {
        public long Value;
    }
}
