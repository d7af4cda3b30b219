using System.Net;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace KVaccine.Host;

/// <summary>
/// <c>Proxies:Known</c>: the gateways and ingresses in front of this host, each an address (<c>10.0.0.5</c>) or a
/// network (<c>10.0.0.0/8</c>). Behind them every request comes from a proxy's address, so every citizen would share
/// one rate budget; from a listed proxy the client's address is taken from <c>X-Forwarded-For</c> (and the scheme
/// from <c>X-Forwarded-Proto</c>, so HSTS rides on what the proxy served over TLS). From anyone else both headers are
/// ignored: a client cannot name itself another to dodge its budget. None by default, for a host facing the internet.
/// </summary>
internal sealed class ProxyOptions
{
    public const string Section = "Proxies";

    public List<string> Known { get; set; } = [];

    internal sealed class Validator : IValidateOptions<ProxyOptions>
    {
        public ValidateOptionsResult Validate(string? name, ProxyOptions options) =>
            options.Known.Select((entry, i) => (entry, i))
                    .Where(e => !IPNetwork.TryParse(e.entry, out _) && !IPAddress.TryParse(e.entry, out _))
                    .Select(e => $"{Section}:Known:{e.i}: '{e.entry}' is not an address (10.0.0.5) or a network (10.0.0.0/8).")
                    .ToList() is { Count: > 0 } wrong
                ? ValidateOptionsResult.Fail(wrong)
                : ValidateOptionsResult.Success;
    }
}

internal static class Proxies
{
    public static void AddProxies(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>().Bind(builder.Configuration.GetSection(ProxyOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ProxyOptions>, ProxyOptions.Validator>();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((o, proxies) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Not even loopback by default; and through a chain of listed proxies, each hop is believed only from the one before it.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            o.ForwardLimit = null;
            foreach (var entry in proxies.Value.Known)
            {
                if (IPAddress.TryParse(entry, out var address)) o.KnownProxies.Add(address);
                else if (IPNetwork.TryParse(entry, out var network)) o.KnownIPNetworks.Add(network);
            }
        });
    }

    /// <summary>
    /// Only where a proxy is listed: with both of its lists empty the platform's middleware believes every sender.
    /// </summary>
    public static void UseProxies(this WebApplication app)
    {
        if (app.Configuration.GetSection($"{ProxyOptions.Section}:Known").GetChildren().Any()) app.UseForwardedHeaders();
    }
}
