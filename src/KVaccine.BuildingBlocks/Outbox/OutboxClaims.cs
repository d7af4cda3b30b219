using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>A batch of deliveries one dispatcher holds; completing or failing any of them needs <see cref="Token"/>.</summary>
/// <param name="NextDueAtMs">When nothing is due now: when the earliest waiting retry falls due, if any.</param>
public sealed record Claim(string Token, long LockedUntilMs, IReadOnlyList<OutboxDelivery> Deliveries, long? NextDueAtMs = null);

/// <summary>
/// The life of a delivery's lease: claim, fail (retry or dead-letter), release. Completion is not here: it is
/// written by the consumer's own SaveChanges, in the transaction that applies the event (see OutboxDispatcher).
/// </summary>
/// <remarks>
/// Several hosts may share one database. A claim is a conditional update (pending, unleased) inside a transaction,
/// and every later write is conditional on the claim's token, so no delivery is applied by two dispatchers: if a
/// lease runs out and another host takes over, the slower one's completion matches no row and rolls back. On
/// PostgreSQL the same statements hold under READ COMMITTED because the UPDATE re-checks its predicate on the locked
/// row; a provider-specific `FOR UPDATE SKIP LOCKED` select would only cut contention, not change correctness.
/// The search for due rows is a plain read: every consumer looks after every commit, and on SQLite a write
/// transaction per look would queue them all behind one lock. Only a consumer that found work takes the lock.
/// </remarks>
public sealed class OutboxClaims(IServiceScopeFactory scopes, IOptionsMonitor<OutboxOptions> options, TimeProvider clock, WriteGate writers)
{
    /// <summary>
    /// Claims up to a batch of due deliveries for a consumer, at most one per correlation key: the oldest one not yet
    /// delivered. A later event of a key waits while an earlier one is in flight, waiting for a retry, or
    /// dead-lettered (until it is replayed): applying it out of order would be wrong, and other keys go on.
    /// </summary>
    public async Task<Claim> ClaimAsync(string consumer, CancellationToken ct)
    {
        var o = options.CurrentValue;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var claim = new Claim(Guid.NewGuid().ToString("N"), now + o.LeaseSeconds * 1000L, []);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OutboxDbContext>();

        var due = await db.Deliveries
            .Where(d => d.Consumer == consumer && d.Status == DeliveryStatus.Pending && d.NextAttemptAtMs <= now
                        && (d.LockedUntilMs == null || d.LockedUntilMs < now)
                        && !db.Deliveries.Any(earlier => earlier.Consumer == consumer
                                                         && earlier.CorrelationKey == d.CorrelationKey
                                                         && earlier.Status != DeliveryStatus.Delivered
                                                         && earlier.MessageId < d.MessageId))
            .OrderBy(d => d.MessageId)
            .Select(d => d.Id)
            .Take(o.BatchSize)
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            var nextDue = await db.Deliveries
                .Where(d => d.Consumer == consumer && d.Status == DeliveryStatus.Pending && d.NextAttemptAtMs > now)
                .MinAsync(d => (long?)d.NextAttemptAtMs, ct);
            return claim with { NextDueAtMs = nextDue };
        }

        // One conditional statement: of the rows found due, only those still pending and unleased are taken.
        int taken;
        using (await writers.EnterAsync(ct))
        {
            taken = await db.Deliveries
                .Where(d => due.Contains(d.Id) && d.Status == DeliveryStatus.Pending && (d.LockedUntilMs == null || d.LockedUntilMs < now))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LockToken, claim.Token).SetProperty(d => d.LockedUntilMs, claim.LockedUntilMs), ct);
        }
        if (taken == 0) return claim;
        var claimed = await db.Deliveries.AsNoTracking()
            .Include(d => d.Message)
            .Where(d => due.Contains(d.Id) && d.LockToken == claim.Token) // by key: the token has no index
            .OrderBy(d => d.MessageId)
            .ToListAsync(ct);
        return claim with { Deliveries = claimed };
    }

    /// <summary>Records a failed attempt: retried after an exponential backoff, or dead-lettered after the last one.</summary>
    /// <returns>When the retry falls due, or null when the delivery was dead-lettered or the claim was lost.</returns>
    public async Task<TimeSpan?> FailAsync(OutboxDelivery delivery, string token, Exception error, CancellationToken ct)
    {
        var o = options.CurrentValue;
        var attempts = delivery.Attempts + 1;
        var deadLetter = attempts >= o.MaxAttempts;
        var delay = o.RetryDelay(attempts);
        var retryAt = clock.GetUtcNow().Add(delay).ToUnixTimeMilliseconds();
        var message = Describe(error);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OutboxDbContext>();
        using var turn = await writers.EnterAsync(ct);
        var updated = await db.Deliveries
            .Where(d => d.Id == delivery.Id && d.LockToken == token && d.Status == DeliveryStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.Status, deadLetter ? DeliveryStatus.DeadLettered : DeliveryStatus.Pending)
                .SetProperty(d => d.NextAttemptAtMs, retryAt)
                .SetProperty(d => d.LastError, message)
                .SetProperty(d => d.LockToken, (string?)null)
                .SetProperty(d => d.LockedUntilMs, (long?)null), ct);
        return updated == 1 && !deadLetter ? delay : null;
    }

    /// <summary>Hands back deliveries claimed but not attempted (shutdown, or the consumer was switched off).</summary>
    public async Task ReleaseAsync(IEnumerable<OutboxDelivery> deliveries, string token, CancellationToken ct)
    {
        var ids = deliveries.Select(d => d.Id).ToList();
        if (ids.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OutboxDbContext>();
        using var turn = await writers.EnterAsync(ct);
        await db.Deliveries
            .Where(d => ids.Contains(d.Id) && d.LockToken == token)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LockToken, (string?)null).SetProperty(d => d.LockedUntilMs, (long?)null), ct);
    }

    /// <summary>
    /// A SQLite file is served by one host, so leases left by a crashed process can be dropped at once instead of
    /// waiting for them to run out. Never call this where several hosts share the database.
    /// </summary>
    public async Task ReleaseAllAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OutboxDbContext>();
        await db.Deliveries
            .Where(d => d.Status == DeliveryStatus.Pending && d.LockToken != null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LockToken, (string?)null).SetProperty(d => d.LockedUntilMs, (long?)null), ct);
    }

    private static string Describe(Exception error)
    {
        var text = $"{error.GetType().Name}: {error.Message}";
        if (error.InnerException is { } inner) text += $" ---> {inner.GetType().Name}: {inner.Message}";
        return text.Length <= 2000 ? text : text[..2000];
    }
}
