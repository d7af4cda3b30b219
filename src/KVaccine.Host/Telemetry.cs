using KVaccine.BuildingBlocks.Outbox;
using Npgsql;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KVaccine.Host;

/// <summary>
/// Traces with OpenTelemetry: each request (ASP.NET Core), each webhook call (HttpClient), each delivery through the
/// outbox (<see cref="OutboxTracing"/>), so one booking is one trace across the modules, and on PostgreSQL each
/// database command (Npgsql's own instrumentation; SQLite has no maintained one). Sent over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (and the SDK's other <c>OTEL_*</c> variables); <c>Telemetry:Traces</c>
/// turns the recording on without it (a test's in-memory exporter). Off, nothing is recorded and nothing costs.
/// </summary>
internal static class Telemetry
{
    public const string ServiceName = "k-vaccine";

    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!otlp && !builder.Configuration.GetValue<bool>("Telemetry:Traces")) return;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(OutboxTracing.SourceName)
                    // Probes and static assets would bury the bookings.
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments("/assets"))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql();
                if (otlp) tracing.AddOtlpExporter();
            });
    }
}
