using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>
/// The outbox's meters, per consumer: deliveries ended by outcome (the same words as their spans'), how long a
/// delivery's handlers took, how long after its event's commit it was handled, and, read when they are collected,
/// the backlog, the age of the oldest pending delivery and the dead letters (<see cref="OutboxAdministration"/>'s
/// figures, read once per collection).
/// </summary>
public sealed class OutboxMetrics
{
    public const string MeterName = "KVaccine.Outbox";

    // The three gauges are read one after the other in a collection: one status query serves them all.
    private static readonly TimeSpan StatusFreshFor = TimeSpan.FromSeconds(1);

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly Counter<long> _ended;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _lag;
    private readonly Lock _statusLock = new();
    private (IReadOnlyList<ConsumerBacklog> Consumers, long At)? _status;

    public OutboxMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock)
    {
        (_scopes, _clock) = (scopes, clock);
        var meter = meters.Create(MeterName);
        _ended = meter.CreateCounter<long>("kvaccine.outbox.deliveries", "{delivery}", "Deliveries ended, by consumer and outcome.");
        _duration = meter.CreateHistogram<double>("kvaccine.outbox.delivery.duration", "s", "How long a delivery's handlers took.");
        _lag = meter.CreateHistogram<double>("kvaccine.outbox.delivery.lag", "s", "From the commit of an event to its delivery's.");
        meter.CreateObservableGauge("kvaccine.outbox.backlog", () => Each(c => c.Backlog), "{delivery}", "Pending deliveries.");
        meter.CreateObservableGauge("kvaccine.outbox.oldest_pending_age", () => Each(c => c.OldestPendingAgeSeconds ?? 0), "s", "The age of the oldest pending delivery.");
        meter.CreateObservableGauge("kvaccine.outbox.dead_letters", () => Each(c => c.DeadLetters), "{delivery}", "Dead-lettered deliveries.");
    }

    internal void Applied(string consumer, TimeSpan took) => _duration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("consumer", consumer));

    internal void Ended(string consumer, OutboxDelivery delivery, string outcome)
    {
        _ended.Add(1, new KeyValuePair<string, object?>("consumer", consumer), new KeyValuePair<string, object?>("outcome", outcome));
        if (outcome == OutboxTracing.Delivered && delivery.Message.OccurredAtMs > 0)
            _lag.Record(Math.Max(0, _clock.GetUtcNow().ToUnixTimeMilliseconds() - delivery.Message.OccurredAtMs) / 1000.0, new KeyValuePair<string, object?>("consumer", consumer));
    }

    private IEnumerable<Measurement<T>> Each<T>(Func<ConsumerBacklog, T> figure) where T : struct =>
        Status().Select(c => new Measurement<T>(figure(c), new KeyValuePair<string, object?>("consumer", c.Consumer)));

    private IReadOnlyList<ConsumerBacklog> Status()
    {
        var now = Environment.TickCount64;
        lock (_statusLock)
        {
            if (_status is { } fresh && now - fresh.At < StatusFreshFor.TotalMilliseconds) return fresh.Consumers;
        }
        try
        {
            using var scope = _scopes.CreateScope();
            // A collector's callback cannot await; it runs on the exporter's thread, never a request's.
            var consumers = scope.ServiceProvider.GetRequiredService<OutboxAdministration>().ConsumersAsync(CancellationToken.None).GetAwaiter().GetResult();
            lock (_statusLock) _status = (consumers, now);
            return consumers;
        }
        catch (Exception e) when (Persistence.DatabaseErrors.StorageFailure(e) is not null)
        {
            // The database is down: no figure rather than a stale one (readiness says why).
            return [];
        }
    }
}
