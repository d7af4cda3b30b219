using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Web;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KVaccine.Host;

/// <summary>
/// OpenTelemetry. Traces: each request (ASP.NET Core), each webhook call (HttpClient), each delivery through the
/// outbox (<see cref="OutboxTracing"/>), so one booking is one trace across the modules, and on PostgreSQL each
/// database command (Npgsql's own instrumentation; SQLite has no maintained one). Metrics: the outbox's
/// (<see cref="OutboxMetrics"/>), the rate budgets' refusals (<see cref="OverloadRefusals"/>), bookings by outcome
/// (User's), and the platform's HTTP, Kestrel and runtime meters.
/// Sent over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (and the SDK's other <c>OTEL_*</c> variables);
/// <c>Telemetry:Traces</c> records traces without it, <c>Telemetry:Metrics</c> serves the metrics to Prometheus at
/// <c>GET /metrics</c> (an Admin's token, as the outbox's other figures). Off, nothing is recorded and nothing costs.
/// </summary>
internal static class Telemetry
{
    public const string ServiceName = "k-vaccine";

    public const string MetricsPath = "/metrics";

    private static bool Otlp(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    private static bool Traces(IConfiguration configuration) => Otlp(configuration) || configuration.GetValue<bool>("Telemetry:Traces");

    private static bool Metrics(IConfiguration configuration) => Otlp(configuration) || configuration.GetValue<bool>("Telemetry:Metrics");

    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!Traces(configuration) && !Metrics(configuration)) return;
        var otel = builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(ServiceName));
        if (Traces(configuration))
        {
            otel.WithTracing(tracing =>
            {
                tracing.AddSource(OutboxTracing.SourceName)
                    // Probes, static assets and scrapes would bury the bookings.
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health")
                        && !http.Request.Path.StartsWithSegments("/assets") && !http.Request.Path.StartsWithSegments(MetricsPath))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql();
                if (Otlp(configuration)) tracing.AddOtlpExporter();
            });
        }
        if (Metrics(configuration))
        {
            otel.WithMetrics(metrics =>
            {
                // Ours by prefix (the outbox's, the rate budgets', the modules' own: bookings by outcome).
                metrics.AddMeter("KVaccine.*", "Microsoft.AspNetCore.Server.Kestrel")
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (Otlp(configuration)) metrics.AddOtlpExporter();
            });
        }
    }

    public static void MapTelemetry(this WebApplication app)
    {
        if (Metrics(app.Configuration)) app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(StaffPolicies.Admin).ExcludeFromDescription();
    }
}
