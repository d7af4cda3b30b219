using Microsoft.EntityFrameworkCore;

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

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (_raised.Count == 0)
        {
            var saved = base.SaveChanges(acceptAllChangesOnSuccess);
            WakeIfCommitted();
            return saved;
        }
        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var written = base.SaveChanges(acceptAllChangesOnSuccess);
        WriteRaisedEvents();
        written += base.SaveChanges(acceptAllChangesOnSuccess);
        own?.Commit();
        WakeIfCommitted();
        return written;
    }

    /// <summary>
    /// Saves the state, then the events it raised, in one transaction (the caller's, or one of its own): either
    /// both commit or neither does.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (_raised.Count == 0)
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            WakeIfCommitted();
            return saved;
        }
        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        WriteRaisedEvents();
        written += await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (own is not null) await own.CommitAsync(cancellationToken);
        WakeIfCommitted();
        return written;
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

    private void WriteRaisedEvents()
    {
        if (_raised.Count == 0) return;
        var now = outbox.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var e in _raised.Select(raise => raise()))
        {
            var message = new OutboxMessage
            {
                Type = EventRoutes.NameOf(e.GetType()),
                Payload = EventRoutes.Serialize(e),
                CorrelationKey = e.CorrelationKey,
                Publisher = ModuleName,
                OccurredAtMs = now,
            };
            foreach (var consumer in outbox.Routes.ConsumersOf(e.GetType()))
            {
                message.Deliveries.Add(new OutboxDelivery
                {
                    Consumer = consumer,
                    CorrelationKey = e.CorrelationKey,
                    NextAttemptAtMs = now,
                });
                _toWake.Add(consumer);
            }
            Add(message);
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
public sealed record OutboxServices(EventRoutes Routes, OutboxSignal Signal, TimeProvider Clock)
{
    /// <summary>For design-time tools (migrations), which never save.</summary>
    public static OutboxServices DesignTime { get; } = new(EventRoutes.Empty, new OutboxSignal(), TimeProvider.System);
}
