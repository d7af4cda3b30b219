using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Contracts;
using KVaccine.TestSupport;
using Microsoft.AspNetCore.Hosting;
using OpenTelemetry.Trace;

namespace KVaccine.IntegrationTests;

/// <summary>The host recording its traces into <see cref="Spans"/> (OpenTelemetry's in-memory exporter).</summary>
public class TracedApp : KVaccineApp
{
    public RecordedSpans Spans { get; } = new();

    /// <summary>The host's log file.</summary>
    public string LogFile { get; } = Path.Combine(Path.GetTempPath(), $"kvaccine-traced-{Guid.NewGuid():N}.log");

    protected override void Configure(JsonObject settings)
    {
        settings["Telemetry"] = new JsonObject { ["Traces"] = true };
        settings["Logging"] = new JsonObject { ["File"] = LogFile };
        settings["Serilog"]!["MinimumLevel"]!["Default"] = "Information";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(LogFile);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)));
    }
}

public sealed class TracedAppOnPostgreSql : TracedApp
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}

/// <summary>Spans as they end, from whichever thread ends them.</summary>
public sealed class RecordedSpans : Collection<Activity>
{
    private readonly Lock _lock = new();

    public IReadOnlyList<Activity> Snapshot()
    {
        lock (_lock) return [.. this];
    }

    protected override void InsertItem(int index, Activity item)
    {
        lock (_lock) base.InsertItem(index, item);
    }
}

/// <summary>
/// One booking is one trace: the request, then every module's delivery of the events it caused, each a consumer span
/// of the trace naming its consumer, event type, correlation key, attempt and outcome; and no span holds the RRN.
/// </summary>
public abstract class TracingTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TracedApp, new()
{
    private static readonly string[] Modules = ["Reservation", "User", "Hospital", "Stock", "Dashboard"];

    [DatabaseFact]
    public async Task A_booking_is_one_trace_from_its_request_through_every_module_and_no_span_holds_the_RRN()
    {
        var api = app.CreateApi();
        var citizen = Citizen.New();
        // The booking's trace is the test's own (a client's traceparent): other hosts in this process trace too.
        var traceId = ActivityTraceId.CreateRandom();
        using var reserve = new HttpRequestMessage(HttpMethod.Post, "/user/reserve")
        {
            Content = JsonContent.Create(new { citizen.UserName, citizen.UserRegNumber, reserveDate = app.FreshDate().ToString("yyyy-MM-dd") }),
        };
        reserve.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        var booked = (await Api.ReadAsync<BookingAnswer>(await api.Http.SendAsync(reserve), HttpStatusCode.Created))!;
        await api.SettledAsync();

        var request = app.Spans.Snapshot().Single(s => s.TraceId == traceId && s.Kind == ActivityKind.Server);
        request.GetTagItem("http.route").Should().Be("/user/reserve");
        IReadOnlyList<Activity> deliveries = [];
        await Poll.UntilAsync(() =>
        {
            deliveries = app.Spans.Snapshot().Where(s => s.TraceId == traceId && s.Source.Name == OutboxTracing.SourceName && s.Kind == ActivityKind.Consumer).ToList();
            return Task.FromResult(Modules.All(m => deliveries.Any(d => Equals(d.GetTagItem("messaging.destination.name"), m))));
        }, "every module has handled an event of the booking's trace");

        deliveries.Should().OnlyContain(d => Equals(d.GetTagItem("kvaccine.delivery.outcome"), "delivered"));
        deliveries.Should().OnlyContain(d => d.GetTagItem("kvaccine.event.type") is string && d.GetTagItem("kvaccine.correlation_key") is string);
        deliveries.Should().OnlyContain(d => Equals(d.GetTagItem("kvaccine.delivery.attempt"), 1));
        deliveries.Should().Contain(d => Equals(d.GetTagItem("kvaccine.correlation_key"), BookingKey.Of(booked.BookingId)), "a delivery names the booking it is about");
        // A tree: every span of the trace hangs from another of its spans, back to the request.
        var trace = app.Spans.Snapshot().Where(s => s.TraceId == traceId).ToList();
        trace.Where(s => s != request).Should().OnlyContain(s => trace.Any(parent => parent.SpanId == s.ParentSpanId));
        if (app is TracedAppOnPostgreSql) trace.Should().Contain(s => s.Source.Name == "Npgsql", "PostgreSQL's commands are spans of the work that sent them");

        // The log's lines of that work carry its trace id: the request's, and the citizen's notification written by User's delivery.
        await Poll.UntilAsync(async () => (await ReadSharedAsync(app.LogFile)).Split('\n').Count(l => l.Contains(traceId.ToString()) && (l.Contains("/user/reserve") || l.Contains("Notification to citizen"))) >= 2,
            $"the log has the booking request's line and a notification's with its trace id {traceId}: {string.Join("\n", (await ReadSharedAsync(app.LogFile)).Split('\n').Where(l => l.Contains("reserve") || l.Contains("Notification")).Take(4))}");
        (await ReadSharedAsync(app.LogFile)).Should().NotContain(citizen.UserRegNumber);

        var digits = citizen.UserRegNumber.Replace("-", "");
        foreach (var span in app.Spans.Snapshot())
        {
            var said = string.Join('\n', [span.DisplayName, .. span.TagObjects.Select(t => $"{t.Key}={t.Value}"), .. span.Events.Select(e => e.Name)]);
            said.Should().NotContain(citizen.UserRegNumber).And.NotContain(digits).And.NotContain(digits[..6] + "-");
        }
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        if (!File.Exists(path)) return "";
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return await new StreamReader(file).ReadToEndAsync();
    }
}

public sealed class TracingTests(TracedApp app) : TracingTests<TracedApp>(app);

public sealed class TracingTestsOnPostgreSql(TracedAppOnPostgreSql app) : TracingTests<TracedAppOnPostgreSql>(app);
