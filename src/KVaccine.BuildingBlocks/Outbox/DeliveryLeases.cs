using System.Data.Common;
using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>A batch of deliveries one dispatcher holds; completing or failing any of them needs <see cref="Token"/>.</summary>
/// <param name="Token">The lease's token where hosts share the database; null where one host serves it (no lease).</param>
/// <param name="NextDueAtMs">When nothing is due now: when the earliest waiting retry falls due, if any.</param>
public sealed record Claim(string? Token, long LockedUntilMs, IReadOnlyList<OutboxDelivery> Deliveries, long? NextDueAtMs = null);

/// <summary>What became of a failed attempt: retried after <see cref="RetryIn"/>, dead-lettered, or neither because
/// the claim no longer held the delivery (another dispatcher delivered it).</summary>
public sealed record FailedAttempt(TimeSpan? RetryIn, bool DeadLettered = false)
{
    public static FailedAttempt Dead { get; } = new(RetryIn: null, DeadLettered: true);
    public static FailedAttempt NotHeld { get; } = new(RetryIn: null);
}

/// <summary>
/// The leases on deliveries and the attempts made under them: claim, fail (retry or dead-letter), release.
/// Completion is not here: it is written by the consumer's own SaveChanges, in the transaction that applies the
/// event (see OutboxDispatcher).
/// </summary>
/// <remarks>
/// The search for due rows is a plain read: every consumer looks after every commit, and on SQLite a write
/// transaction per look would queue them all behind one lock. Where one host serves the database that read is the
/// whole claim: the host runs one loop per consumer, which finishes a batch before it looks again, so nothing else
/// can apply the rows it found, and a lease would only cost every hop of every booking a second turn at the lock.
/// Completing still requires the rows to be pending and unleased, so a second host started by mistake on the same
/// file cannot apply an event twice: the slower completion matches no row and its transaction rolls back.
/// <para>
/// Where several hosts share the database (<see cref="OutboxOptions.SharedDatabase"/>), a consumer that found work
/// takes a lease: a conditional update (pending, unleased) with a token, and every later write is conditional on the
/// token, so no delivery is applied by two dispatchers: if a lease runs out and another host takes over, the slower
/// one's completion matches no row and rolls back. On PostgreSQL the same statements hold under READ COMMITTED
/// because the UPDATE re-checks its predicate on the locked row; a provider-specific `FOR UPDATE SKIP LOCKED` select
/// would only cut contention, not change correctness.
/// </para>
/// </remarks>
public sealed class DeliveryLeases(IServiceScopeFactory scopes, IOptionsMonitor<OutboxOptions> options, TimeProvider clock, WriteGate writers)
{
    private OutboxStatements? _statements; // one provider per host

    private OutboxStatements Statements(OutboxDbContext db) => _statements ??= OutboxStatements.For(db.Database);

    /// <summary>
    /// Claims up to a batch of due deliveries for a consumer, at most one per correlation key: the oldest one not yet
    /// delivered. A later event of a key waits while an earlier one is in flight, waiting for a retry, or
    /// dead-lettered (until it is replayed): applying it out of order would be wrong, and other keys go on.
    /// </summary>
    public async Task<Claim> ClaimAsync(string consumer, CancellationToken ct)
    {
        var o = options.CurrentValue;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var claim = new Claim(o.SharedDatabase ? Guid.NewGuid().ToString("N") : null, now + o.LeaseSeconds * 1000L, []);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OutboxDbContext>();
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var statements = Statements(db);

        var due = new List<OutboxDelivery>(o.BatchSize);
        await using (var find = OutboxSql.Command(connection, null, statements.Due, "@consumer", "@now", "@limit"))
        {
            OutboxSql.Bind(find, consumer, now, o.BatchSize);
            await using var rows = await find.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct)) due.Add(Delivery(rows, consumer));
        }
        if (due.Count == 0)
        {
            await using var next = OutboxSql.Command(connection, null, statements.NextDue, "@consumer", "@now");
            OutboxSql.Bind(next, consumer, now);
            return claim with { NextDueAtMs = await next.ExecuteScalarAsync(ct) is long at ? at : null };
        }
        if (claim.Token is null) return claim with { Deliveries = due };

        // One conditional statement: of the rows found due, only those still due, pending and unleased are taken.
        var taken = new Dictionary<long, int>(due.Count);
        using (await writers.EnterAsync(ct))
        {
            await using var take = OutboxSql.Command(connection, null, "", "@token", "@until", "@now");
            OutboxSql.Bind(take, claim.Token, claim.LockedUntilMs, now);
            take.CommandText = string.Format(statements.Take, OutboxSql.InList(take, due.Select(d => d.Id).ToList()));
            await using var rows = await take.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct)) taken[rows.GetInt64(0)] = rows.GetInt32(1);
        }
        var claimed = due.Where(d => taken.ContainsKey(d.Id)).ToList();
        foreach (var delivery in claimed)
        {
            delivery.Attempts = taken[delivery.Id]; // as the lease found it, should another host have tried it since
            delivery.LockToken = claim.Token;
            delivery.LockedUntilMs = claim.LockedUntilMs;
        }
        return claim with { Deliveries = claimed };
    }

    private static OutboxDelivery Delivery(DbDataReader row, string consumer)
    {
        var key = row.GetString(2);
        return new OutboxDelivery
        {
            Id = row.GetInt64(0),
            MessageId = row.GetInt64(1),
            Consumer = consumer,
            CorrelationKey = key,
            Attempts = row.GetInt32(3),
            Message = new OutboxMessage { Id = row.GetInt64(1), Type = row.GetString(4), Payload = row.GetString(5), CorrelationKey = key, Publisher = row.GetString(6),
                TraceParent = row.IsDBNull(7) ? null : row.GetString(7), OccurredAtMs = row.GetInt64(8) },
        };
    }

    /// <summary>Records a failed attempt: retried after an exponential backoff, or dead-lettered after the last one.</summary>
    public async Task<FailedAttempt> FailAsync(OutboxDelivery delivery, string? token, Exception error, CancellationToken ct)
    {
        var o = options.CurrentValue;
        var attempts = delivery.Attempts + 1;
        var deadLetter = attempts >= o.MaxAttempts;
        var delay = o.RetryDelay(attempts);
        var retryAt = clock.GetUtcNow().Add(delay).ToUnixTimeMilliseconds();
        var message = Describe(error);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OutboxDbContext>();
        var statements = Statements(db);
        await db.Database.OpenConnectionAsync(ct);
        await using var fail = token is null
            ? OutboxSql.Command(db.Database.GetDbConnection(), null, statements.FailUnleased, "@attempts", "@status", "@retryAt", "@error", "@id")
            : OutboxSql.Command(db.Database.GetDbConnection(), null, statements.FailLeased, "@attempts", "@status", "@retryAt", "@error", "@id", "@token");
        object?[] values = [attempts, (int)(deadLetter ? DeliveryStatus.DeadLettered : DeliveryStatus.Pending), retryAt, message, delivery.Id, token];
        OutboxSql.Bind(fail, token is null ? values[..^1] : values);
        using var turn = await writers.EnterAsync(ct);
        var updated = await fail.ExecuteNonQueryAsync(ct);
        return updated == 0 ? FailedAttempt.NotHeld : deadLetter ? FailedAttempt.Dead : new FailedAttempt(delay);
    }

    /// <summary>Hands back deliveries claimed but not attempted (shutdown, or the consumer was switched off).</summary>
    public async Task ReleaseAsync(IEnumerable<OutboxDelivery> deliveries, string? token, CancellationToken ct)
    {
        var ids = deliveries.Select(d => d.Id).ToList();
        if (ids.Count == 0 || token is null) return; // not leased: they are due again as they are
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OutboxDbContext>();
        await db.Database.OpenConnectionAsync(ct);
        await using var release = OutboxSql.Command(db.Database.GetDbConnection(), null, "", "@token");
        OutboxSql.Bind(release, token);
        release.CommandText = string.Format(Statements(db).Release, OutboxSql.InList(release, ids));
        using var turn = await writers.EnterAsync(ct);
        await release.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// A SQLite file is served by one host, so leases left by a crashed process can be dropped at once instead of
    /// waiting for them to run out. Never call this where several hosts share the database.
    /// </summary>
    public async Task ReleaseAllAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OutboxDbContext>();
        await db.Database.OpenConnectionAsync(ct);
        await using var release = OutboxSql.Command(db.Database.GetDbConnection(), null, Statements(db).ReleaseAll);
        await release.ExecuteNonQueryAsync(ct);
    }

    private static string Describe(Exception error)
    {
        var text = $"{error.GetType().Name}: {error.Message}";
        if (error.InnerException is { } inner) text += $" ---> {inner.GetType().Name}: {inner.Message}";
        return text.Length <= 2000 ? text : text[..2000];
    }
}
