using KVaccine.BuildingBlocks.Modules;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.BuildingBlocks.Outbox;

public sealed record OutboxStatus(IReadOnlyList<ConsumerBacklog> Consumers, IReadOnlyList<RetryingDelivery> Retrying, IReadOnlyList<DeadLetter> DeadLetters);

public sealed record ConsumerBacklog(string Consumer, bool Enabled, int Backlog, double? OldestPendingAgeSeconds, int DeadLetters);

/// <summary>A pending delivery that has failed at least once: why, and when it is tried again.</summary>
public sealed record RetryingDelivery(long Id, string Consumer, string EventType, string CorrelationKey, long MessageId, int Attempts, string? LastError, DateTimeOffset NextAttemptAt);

public sealed record DeadLetter(long Id, string Consumer, string EventType, string CorrelationKey, long MessageId, int Attempts, string? LastError, DateTimeOffset OccurredAt);

/// <summary>
/// What an operator asks of the outbox, for the API's <c>/admin/outbox</c> and the operators' page alike: per
/// consumer whether it is on, its backlog, the age of its oldest pending delivery and its dead letters; the
/// deliveries waiting for a retry; and a dead letter delivered again.
/// </summary>
public sealed class OutboxAdministration(OutboxDbContext db, EventRoutes routes, ModuleToggles toggles, OutboxSignal signal, TimeProvider clock)
{
    private const int ListLimit = 100;

    public async Task<OutboxStatus> StatusAsync(CancellationToken ct)
    {
        var consumers = await ConsumersAsync(ct);
        var statements = OutboxStatements.For(db.Database);
        var connection = db.Database.GetDbConnection();

        var retrying = new List<RetryingDelivery>();
        await using (var query = OutboxSql.Command(connection, null, statements.Retrying, "@limit"))
        {
            OutboxSql.Bind(query, ListLimit);
            await using var rows = await query.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
                retrying.Add(new RetryingDelivery(rows.GetInt64(0), rows.GetString(1), rows.GetString(2), rows.GetString(3), rows.GetInt64(4), rows.GetInt32(5),
                    rows.IsDBNull(6) ? null : rows.GetString(6), DateTimeOffset.FromUnixTimeMilliseconds(rows.GetInt64(7))));
        }
        var deadLetters = new List<DeadLetter>();
        await using (var query = OutboxSql.Command(connection, null, statements.DeadLetters, "@limit"))
        {
            OutboxSql.Bind(query, ListLimit);
            await using var rows = await query.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
                deadLetters.Add(new DeadLetter(rows.GetInt64(0), rows.GetString(1), rows.GetString(2), rows.GetString(3), rows.GetInt64(4), rows.GetInt32(5),
                    rows.IsDBNull(6) ? null : rows.GetString(6), DateTimeOffset.FromUnixTimeMilliseconds(rows.GetInt64(7))));
        }
        return new OutboxStatus(consumers, retrying, deadLetters);
    }

    /// <summary>Per consumer: whether it is on, its backlog, the age of its oldest pending delivery, its dead letters.</summary>
    public async Task<IReadOnlyList<ConsumerBacklog>> ConsumersAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var statements = OutboxStatements.For(db.Database);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();

        var counts = new List<(string Consumer, DeliveryStatus Status, int Count, long Oldest)>();
        await using (var backlog = OutboxSql.Command(connection, null, statements.Backlog))
        await using (var rows = await backlog.ExecuteReaderAsync(ct))
            while (await rows.ReadAsync(ct))
                counts.Add((rows.GetString(0), (DeliveryStatus)rows.GetInt32(1), Convert.ToInt32(rows.GetInt64(2)), rows.GetInt64(3)));
        return routes.Consumers.Select(c =>
        {
            var pending = counts.FirstOrDefault(x => x.Consumer == c && x.Status == DeliveryStatus.Pending);
            var dead = counts.FirstOrDefault(x => x.Consumer == c && x.Status == DeliveryStatus.DeadLettered);
            return new ConsumerBacklog(c, toggles.IsEnabled(c), pending.Count,
                pending.Consumer is null ? null : Math.Max(0, now - pending.Oldest) / 1000.0, dead.Count);
        }).ToList();
    }

    /// <summary>Makes a dead letter pending again; false when the delivery is not one (any more).</summary>
    public async Task<bool> ReplayAsync(long id, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var replay = OutboxSql.Command(db.Database.GetDbConnection(), null, OutboxStatements.For(db.Database).Replay, "@now", "@id");
        OutboxSql.Bind(replay, clock.GetUtcNow().ToUnixTimeMilliseconds(), id);
        if (await replay.ExecuteScalarAsync(ct) is not string consumer) return false;
        // This host's loop at once; the other hosts' find it by polling.
        signal.Wake(consumer);
        return true;
    }
}
