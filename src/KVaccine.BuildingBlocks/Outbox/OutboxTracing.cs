using System.Diagnostics;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>
/// One booking's work as one trace across the outbox: an event keeps the W3C trace context of the work that raised
/// it (<see cref="OutboxMessage.TraceParent"/>), and each delivery is a consumer span in that trace, naming its
/// consumer, event type, correlation key, attempt and outcome. A batch applied in one save is a span of its own,
/// linked to each of its deliveries (one delivery: its child); the events the save builds carry the batch's context.
/// </summary>
public static class OutboxTracing
{
    public const string SourceName = "KVaccine.Outbox";

    private static readonly ActivitySource Source = new(SourceName);

    // How a delivery ended, in its span and its metrics' outcome.
    internal const string Delivered = "delivered";
    internal const string Retry = "retry";
    internal const string DeadLetter = "dead_letter";
    internal const string TakenOver = "taken_over";
    internal const string AppliedAgain = "applied_again";
    internal const string StorageFailure = "storage_failure";

    /// <summary>The context of the work in progress, when anyone is recording it.</summary>
    internal static string? Current() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } work ? work.Id : null;

    internal static Activity? Delivery(string consumer, OutboxDelivery delivery)
    {
        // Nobody recording (tracing off): not even the stored context is parsed, on the dispatcher's every delivery.
        if (!Source.HasListeners()) return null;
        var span = Source.StartActivity(ActivityKind.Consumer, ContextOf(delivery), name: $"{consumer} process {delivery.Message.Type}");
        span?.SetTag("messaging.system", "kvaccine.outbox")
            .SetTag("messaging.operation.type", "process")
            .SetTag("messaging.destination.name", consumer)
            .SetTag("messaging.message.id", delivery.MessageId)
            .SetTag("kvaccine.event.type", delivery.Message.Type)
            .SetTag("kvaccine.event.publisher", delivery.Message.Publisher)
            .SetTag("kvaccine.correlation_key", delivery.CorrelationKey)
            .SetTag("kvaccine.delivery.attempt", delivery.Attempts + 1);
        return span;
    }

    /// <summary>The save of a batch: a child of its delivery's span when it holds one, else linked to each.</summary>
    internal static Activity? Save(string consumer, IReadOnlyList<Activity?> deliveries)
    {
        if (!Source.HasListeners()) return null;
        var only = deliveries is [{ } one] ? one.Context : default;
        var links = deliveries.Count == 1 ? null : deliveries.OfType<Activity>().Select(d => new ActivityLink(d.Context)).ToList();
        return Source.StartActivity(ActivityKind.Internal, only, links: links, name: $"{consumer} save")
            ?.SetTag("messaging.destination.name", consumer)
            .SetTag("messaging.batch.message_count", deliveries.Count);
    }

    internal static void Outcome(Activity? span, string outcome, Exception? error = null)
    {
        if (span is null) return;
        span.SetTag("kvaccine.delivery.outcome", outcome);
        if (error is not null) span.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
    }

    private static ActivityContext ContextOf(OutboxDelivery delivery) =>
        ActivityContext.TryParse(delivery.Message.TraceParent, null, out var context) ? context : default;
}
