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
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();

        var due = new List<long>(o.BatchSize);
        await using (var find = OutboxSql.Command(connection, null, DueSql, "$consumer", "$now", "$limit"))
        {
            OutboxSql.Bind(find, consumer, now, o.BatchSize);
            await using var rows = await find.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct)) due.Add(rows.GetInt64(0));
        }
        if (due.Count == 0)
        {
            await using var next = OutboxSql.Command(connection, null, NextDueSql, "$consumer", "$now");
            OutboxSql.Bind(next, consumer, now);
            return claim with { NextDueAtMs = await next.ExecuteScalarAsync(ct) as long? };
        }

        // One conditional statement: of the rows found due, only those still pending and unleased are taken, and
        // come back with their messages.
        var claimed = new List<OutboxDelivery>(due.Count);
        using (await writers.EnterAsync(ct))
        {
            await using var take = OutboxSql.Command(connection, null, "", "$token", "$until", "$now");
            OutboxSql.Bind(take, claim.Token, claim.LockedUntilMs, now);
            take.CommandText = string.Format(TakeSql, OutboxSql.InList(take, due));
            await using var rows = await take.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
            {
                var key = rows.GetString(2);
                claimed.Add(new OutboxDelivery
                {
                    Id = rows.GetInt64(0),
                    MessageId = rows.GetInt64(1),
                    Consumer = consumer,
                    CorrelationKey = key,
                    Attempts = rows.GetInt32(3),
                    LockToken = claim.Token,
                    LockedUntilMs = claim.LockedUntilMs,
                    Message = new OutboxMessage { Id = rows.GetInt64(1), Type = rows.GetString(4), Payload = rows.GetString(5), CorrelationKey = key, Publisher = rows.GetString(6) },
                });
            }
        }
        claimed.Sort((a, b) => a.MessageId.CompareTo(b.MessageId));
        return claim with { Deliveries = claimed };
    }

    // The due head of every key: pending, its retry due, unleased, and no earlier delivery of its key undelivered.
    private const string DueSql = """
        SELECT d.Id FROM outbox_deliveries AS d
        WHERE d.Consumer = $consumer AND d.Status = 0 AND d.NextAttemptAtMs <= $now
          AND (d.LockedUntilMs IS NULL OR d.LockedUntilMs < $now)
          AND NOT EXISTS (SELECT 1 FROM outbox_deliveries AS earlier
                          WHERE earlier.Consumer = $consumer AND earlier.CorrelationKey = d.CorrelationKey
                            AND earlier.Status <> 1 AND earlier.MessageId < d.MessageId)
        ORDER BY d.MessageId
        LIMIT $limit
        """;

    private const string NextDueSql =
        "SELECT MIN(NextAttemptAtMs) FROM outbox_deliveries WHERE Consumer = $consumer AND Status = 0 AND NextAttemptAtMs > $now";

    private const string TakeSql = """
        UPDATE outbox_deliveries SET LockToken = $token, LockedUntilMs = $until
        WHERE Id IN ({0}) AND Status = 0 AND (LockedUntilMs IS NULL OR LockedUntilMs < $now)
        RETURNING Id, MessageId, CorrelationKey, Attempts,
          (SELECT m.Type FROM outbox_messages AS m WHERE m.Id = outbox_deliveries.MessageId),
          (SELECT m.Payload FROM outbox_messages AS m WHERE m.Id = outbox_deliveries.MessageId),
          (SELECT m.Publisher FROM outbox_messages AS m WHERE m.Id = outbox_deliveries.MessageId)
        """;

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
