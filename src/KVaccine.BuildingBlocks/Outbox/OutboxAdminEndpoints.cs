using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.BuildingBlocks.Outbox;

public sealed record OutboxStatus(IReadOnlyList<ConsumerBacklog> Consumers, IReadOnlyList<RetryingDelivery> Retrying, IReadOnlyList<DeadLetter> DeadLetters);

public sealed record ConsumerBacklog(string Consumer, bool Enabled, int Backlog, double? OldestPendingAgeSeconds, int DeadLetters);

/// <summary>A pending delivery that has failed at least once: why, and when it is tried again.</summary>
public sealed record RetryingDelivery(long Id, string Consumer, string EventType, string CorrelationKey, long MessageId, int Attempts, string? LastError, DateTimeOffset NextAttemptAt);

public sealed record DeadLetter(long Id, string Consumer, string EventType, string CorrelationKey, long MessageId, int Attempts, string? LastError, DateTimeOffset OccurredAt);

/// <summary>The operator's view of the outbox: <c>GET /admin/outbox</c> and the replay of a dead letter.</summary>
public static class OutboxAdminEndpoints
{
    public static RouteGroupBuilder MapOutboxAdmin(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin/outbox").WithTags("Admin");
        group.MapGet("", GetStatus).WithName("GetOutboxStatus")
            .WithSummary("Per consumer: on or off, backlog, age of the oldest pending delivery, dead letters; the deliveries waiting for a retry.");
        group.MapPost("/dead-letters/{id:long}/replay", Replay).WithName("ReplayDeadLetter").WithIdempotency("admin/outbox/replay")
            .WithSummary("Delivers a dead letter again (202); 404 if it is not one.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    internal static async Task<Ok<OutboxStatus>> GetStatus(OutboxDbContext db, EventRoutes routes, ModuleToggles toggles, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        // One statement, so the counts are one snapshot (a test's "settled" means every consumer at once). "Not
        // delivered" as the undelivered index's filter says it, so that it reads that index, not every delivered row.
        var counts = await db.Deliveries
            .Where(d => d.Status != DeliveryStatus.Delivered)
            .GroupBy(d => new { d.Consumer, d.Status })
            .Select(g => new { g.Key.Consumer, g.Key.Status, Count = g.Count(), Oldest = g.Min(d => d.Message.OccurredAtMs) })
            .ToListAsync(ct);
        var consumers = routes.Consumers.Select(c =>
        {
            var pending = counts.SingleOrDefault(x => x.Consumer == c && x.Status == DeliveryStatus.Pending);
            var dead = counts.SingleOrDefault(x => x.Consumer == c && x.Status == DeliveryStatus.DeadLettered);
            return new ConsumerBacklog(c, toggles.IsEnabled(c), pending?.Count ?? 0,
                pending is null ? null : Math.Max(0, now - pending.Oldest) / 1000.0, dead?.Count ?? 0);
        }).ToList();
        var retrying = await db.Deliveries
            .Where(d => d.Status == DeliveryStatus.Pending && d.Attempts > 0)
            .OrderBy(d => d.Consumer).ThenBy(d => d.MessageId) // the pending index's order: ordered by Id, SQLite reads the whole table
            .Take(100)
            .Select(d => new RetryingDelivery(d.Id, d.Consumer, d.Message.Type, d.CorrelationKey, d.MessageId, d.Attempts, d.LastError,
                DateTimeOffset.FromUnixTimeMilliseconds(d.NextAttemptAtMs)))
            .ToListAsync(ct);
        var deadLetters = await db.Deliveries
            .Where(d => d.Status == DeliveryStatus.DeadLettered)
            .OrderBy(d => d.Consumer).ThenBy(d => d.Id) // the dead letters' index order
            .Take(100)
            .Select(d => new { d.Id, d.Consumer, d.Message.Type, d.CorrelationKey, d.MessageId, d.Attempts, d.LastError, d.Message.OccurredAtMs })
            .ToListAsync(ct);
        return TypedResults.Ok(new OutboxStatus(consumers, retrying, deadLetters
            .Select(d => new DeadLetter(d.Id, d.Consumer, d.Type, d.CorrelationKey, d.MessageId, d.Attempts, d.LastError,
                DateTimeOffset.FromUnixTimeMilliseconds(d.OccurredAtMs)))
            .ToList()));
    }

    internal static async Task<Results<Accepted, ProblemHttpResult>> Replay(long id, OutboxDbContext db, OutboxSignal signal, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var consumer = await db.Deliveries.Where(d => d.Id == id && d.Status == DeliveryStatus.DeadLettered)
            .Select(d => d.Consumer).SingleOrDefaultAsync(ct);
        var replayed = consumer is null ? 0 : await db.Deliveries
            .Where(d => d.Id == id && d.Status == DeliveryStatus.DeadLettered)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Pending)
                .SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptAtMs, now), ct);
        if (replayed == 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such dead letter.",
                detail: $"Delivery {id} is not dead-lettered (it may have been replayed already).");
        signal.Wake(consumer!);
        return TypedResults.Accepted($"/admin/outbox");
    }
}
