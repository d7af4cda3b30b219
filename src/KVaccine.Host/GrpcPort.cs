using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace KVaccine.Host;

/// <summary>
/// <c>Grpc:Port</c>: where partners' gRPC clients connect without TLS (HTTP/2 with prior knowledge), since a
/// cleartext port speaks one protocol or guesses; 0 (the default) opens none. Behind a TLS gateway, or with an
/// https URL, gRPC also works on the main port. The port is added to the URLs the host was given (<c>--urls</c>,
/// <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>), on the first one's interface, with HTTP/2 only.
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
        // Out of range: the options' validation says so before anything listens. Declared endpoints declare their own.
        if (port is <= 0 or > 65535 || builder.Configuration.GetSection("Kestrel:Endpoints").Exists()) return;

        var urls = Urls(builder.Configuration);
        builder.Configuration[WebHostDefaults.ServerUrlsKey] = string.Join(';', [.. urls, $"http://{BindingAddress.Parse(urls[0]).Host}:{port}"]);
        builder.Configuration[WebHostDefaults.HttpPortsKey] = null;
        builder.Configuration[WebHostDefaults.HttpsPortsKey] = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
        {
            if (listen.IPEndPoint?.Port == port) listen.Protocols = HttpProtocols.Http2;
        }));
    }

    private static string[] Urls(IConfiguration configuration)
    {
        static string[] Split(string list) => list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls) return Split(urls);
        var http = Split(configuration[WebHostDefaults.HttpPortsKey] ?? "").Select(p => $"http://*:{p}");
        var https = Split(configuration[WebHostDefaults.HttpsPortsKey] ?? "").Select(p => $"https://*:{p}");
        string[] ports = [.. http, .. https];
        return ports.Length > 0 ? ports : ["http://localhost:5000"];
    }
}
