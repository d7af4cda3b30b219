using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace KVaccine.Host;

/// <summary>
/// <c>Grpc:Port</c>: where partners' gRPC clients connect without TLS (HTTP/2 with prior knowledge), since a
/// cleartext port speaks one protocol or guesses; 0 (the default) opens none. Behind a TLS gateway, or with an
/// https URL, gRPC also works on the main port. Setting it declares the host's ports in code, which would replace
/// the URLs it was given (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>), so those are
/// declared again here, and the gRPC port listens where the first of them does.
/// </summary>
internal sealed class GrpcOptions
{
    public const string Section = "Grpc";

    [Range(0, 65535)]
    public int Port { get; set; }
}

internal static class GrpcPort
{
    public static void AddGrpcPort(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GrpcOptions>().Bind(builder.Configuration.GetSection(GrpcOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var port = builder.Configuration.GetValue<int?>($"{GrpcOptions.Section}:Port") ?? 0;
        // Out of range: the options' validation says so before anything listens.
        if (port is <= 0 or > 65535 || builder.Configuration.GetSection("Kestrel:Endpoints").Exists()) return;

        var addresses = Addresses(builder.Configuration);
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, "").UseSetting(WebHostDefaults.HttpPortsKey, "").UseSetting(WebHostDefaults.HttpsPortsKey, "");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var address in addresses)
                Listen(kestrel, address.Host, address.Port, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    if (address.Scheme == "https") listen.UseHttps();
                });
            Listen(kestrel, addresses[0].Host, port, listen => listen.Protocols = HttpProtocols.Http2);
        });
    }

    private static List<BindingAddress> Addresses(IConfiguration configuration)
    {
        var urls = configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } given ? given.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : configuration[WebHostDefaults.HttpPortsKey] is { Length: > 0 } ports ? ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"http://*:{p}").ToArray()
            : ["http://localhost:5000"];
        return urls.Select(BindingAddress.Parse).ToList();
    }

    private static void Listen(KestrelServerOptions kestrel, string host, int port, Action<ListenOptions> configure)
    {
        if (host == "localhost") kestrel.ListenLocalhost(port, configure);
        else if (IPAddress.TryParse(host.Trim('[', ']'), out var ip)) kestrel.Listen(ip, port, configure);
        else kestrel.ListenAnyIP(port, configure); // *, + or a host name, as Kestrel binds them
    }
}
