using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>
/// The base of every module's context. Events raised on it are written to the outbox by the same SaveChanges that
/// writes the module's state, so either both commit or neither does; the dispatcher is woken once the transaction
/// has committed.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options, OutboxServices outbox) : DbContext(options)
{
    private readonly List<Func<IIntegrationEvent>> _raised = [];
    private readonly HashSet<string> _toWake = [];
    private readonly List<Action> _afterCommit = [];
    private (IReadOnlyCollection<long> Ids, string? Token)? _completing;

    /// <summary>The module's name: the publisher of its events and the consumer of others'.</summary>
    public abstract string ModuleName { get; }

    /// <summary>Queues an event; it is written by the next SaveChanges, in its transaction.</summary>
    public void Raise(IIntegrationEvent e) => _raised.Add(() => e);

    /// <summary>
    /// Queues an event built after the state is saved but before the transaction commits, for events that carry
    /// ids the database assigns (a new booking's id, say).
    /// </summary>
    public void Raise(Func<IIntegrationEvent> afterStateIsSaved) => _raised.Add(afterStateIsSaved);

    /// <summary>Runs once what is being saved has committed (to tell a waiting request, say); dropped on rollback.</summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    /// <summary>
    /// Marks claimed deliveries delivered in the transaction of the next SaveChanges, which applies them: only while
    /// the claim still holds every one of them (still pending, and leased by its token or, without one, by nobody),
    /// or the whole save rolls back.
    /// </summary>
    internal void CompleteDeliveries(IReadOnlyCollection<long> ids, string? claimToken) => _completing = (ids, claimToken);

    /// <summary>Events and completions are written by <see cref="SaveChangesAsync(bool, CancellationToken)"/> only.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (_raised.Count > 0 || _completing is not null)
            throw new InvalidOperationException("A module context with events to write is saved with SaveChangesAsync.");
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        WakeIfCommitted();
        return saved;
    }

    /// <summary>
    /// Saves the state, then the events it raised, in one transaction (the caller's, or one of its own): either
    /// both commit or neither does. A transaction of its own waits for this process's turn to write (see
    /// <see cref="WriteGate"/>); within the caller's, the caller has it.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is not null) return await SaveStateAndEventsAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (_raised.Count == 0 && _completing is null && !ChangeTracker.HasChanges()) return 0;
        using var turn = await outbox.Writers.EnterAsync(cancellationToken);
        return await SaveStateAndEventsAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private async Task<int> SaveStateAndEventsAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        if (_raised.Count == 0 && _completing is null)
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            WakeIfCommitted();
            return saved;
        }
        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await WriteRaisedEventsAsync(cancellationToken);
        await CompleteDeliveriesAsync(cancellationToken);
        if (own is not null) await own.CommitAsync(cancellationToken);
        WakeIfCommitted();
        return written;
    }

    private async Task CompleteDeliveriesAsync(CancellationToken ct)
    {
        if (_completing is not { } completing) return;
        _completing = null;
        var (ids, token) = completing;
        await using var complete = OutboxSql.Command(Database.GetDbConnection(), Database.CurrentTransaction!.GetDbTransaction(), "", "$at", "$token");
        OutboxSql.Bind(complete, outbox.Clock.GetUtcNow().ToUnixTimeMilliseconds(), token);
        complete.CommandText = $"""
            UPDATE outbox_deliveries SET Status = 1, Attempts = Attempts + 1, DeliveredAtMs = $at, LockToken = NULL, LockedUntilMs = NULL
            WHERE Id IN ({OutboxSql.InList(complete, ids)}) AND Status = 0 AND {(token is null ? "LockToken IS NULL" : "LockToken = $token")}
            """;
        var completed = await complete.ExecuteNonQueryAsync(ct);
        if (completed != ids.Count)
            throw new DbUpdateConcurrencyException(
                $"{ids.Count - completed} of {ids.Count} deliveries are no longer held by this claim: its lease ran out and another dispatcher took them over.");
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        OutboxModel.Configure(modelBuilder, excludeFromMigrations: true);

    /// <summary>Called by <see cref="OutboxCommitInterceptor"/> when an explicit transaction commits.</summary>
    internal void OnCommitted()
    {
        foreach (var consumer in _toWake) outbox.Signal.Wake(consumer);
        _toWake.Clear();
        var actions = _afterCommit.ToArray();
        _afterCommit.Clear();
        foreach (var action in actions) action();
    }

    internal void OnRolledBack()
    {
        _toWake.Clear();
        _afterCommit.Clear();
    }

    /// <summary>
    /// One outbox_messages row per event and one outbox_deliveries row per consumer, in the save's transaction. Written
    /// with two prepared statements rather than as tracked entities: every event of every booking passes here, and
    /// EF's per-entity insert costs several times the statement itself.
    /// </summary>
    private async Task WriteRaisedEventsAsync(CancellationToken ct)
    {
        if (_raised.Count == 0) return;
        var now = outbox.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var connection = Database.GetDbConnection();
        var transaction = Database.CurrentTransaction!.GetDbTransaction();
        await using var message = OutboxSql.Command(connection, transaction,
            "INSERT INTO outbox_messages (Type, Payload, CorrelationKey, Publisher, OccurredAtMs) VALUES ($type, $payload, $key, $publisher, $at) RETURNING Id",
            "$type", "$payload", "$key", "$publisher", "$at");
        await using var delivery = OutboxSql.Command(connection, transaction,
            "INSERT INTO outbox_deliveries (MessageId, Consumer, CorrelationKey, Status, Attempts, NextAttemptAtMs) VALUES ($message, $consumer, $key, 0, 0, $at)",
            "$message", "$consumer", "$key", "$at");
        foreach (var e in _raised.Select(raise => raise()))
        {
            OutboxSql.Bind(message, EventRoutes.NameOf(e.GetType()), EventRoutes.Serialize(e), e.CorrelationKey, ModuleName, now);
            var messageId = (long)(await message.ExecuteScalarAsync(ct))!;
            foreach (var consumer in outbox.Routes.ConsumersOf(e.GetType()))
            {
                OutboxSql.Bind(delivery, messageId, consumer, e.CorrelationKey, now);
                await delivery.ExecuteNonQueryAsync(ct);
                _toWake.Add(consumer);
            }
        }
        _raised.Clear();
    }

    private void WakeIfCommitted()
    {
        // Without the caller's transaction we have committed by now; within one, the interceptor wakes on its commit.
        if (Database.CurrentTransaction is null) OnCommitted();
    }
}

/// <summary>What a module context needs from the outbox, resolved from the container.</summary>
public sealed record OutboxServices(EventRoutes Routes, OutboxSignal Signal, TimeProvider Clock, WriteGate Writers)
{
    /// <summary>For design-time tools (migrations), which never save.</summary>
    public static OutboxServices DesignTime { get; } = new(EventRoutes.Empty, new OutboxSignal(), TimeProvider.System, WriteGate.DesignTime);
}
