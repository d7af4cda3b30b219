using Microsoft.EntityFrameworkCore;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>
/// The base of every module's context. Events raised on it are written to the outbox by the same SaveChanges that
/// writes the module's state, so either both commit or neither does; the dispatcher is woken once the transaction
/// has committed.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options, OutboxServices outbox) : DbContext(options)
{
    private readonly List<IIntegrationEvent> _raised = [];
    private readonly HashSet<string> _toWake = [];

    /// <summary>The module's name: the publisher of its events and the consumer of others'.</summary>
    public abstract string ModuleName { get; }

    /// <summary>Queues an event; it is written by the next SaveChanges, in its transaction.</summary>
    public void Raise(IIntegrationEvent e) => _raised.Add(e);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        WriteRaisedEvents();
        var written = base.SaveChanges(acceptAllChangesOnSuccess);
        WakeIfCommitted();
        return written;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        WriteRaisedEvents();
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
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
    }

    internal void OnRolledBack() => _toWake.Clear();

    private void WriteRaisedEvents()
    {
        if (_raised.Count == 0) return;
        var now = outbox.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var e in _raised)
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
        // Without an explicit transaction SaveChanges has committed by now; with one, the interceptor wakes on commit.
        if (Database.CurrentTransaction is null) OnCommitted();
    }
}

/// <summary>What a module context needs from the outbox, resolved from the container.</summary>
public sealed record OutboxServices(EventRoutes Routes, OutboxSignal Signal, TimeProvider Clock)
{
    /// <summary>For design-time tools (migrations), which never save.</summary>
    public static OutboxServices DesignTime { get; } = new(EventRoutes.Empty, new OutboxSignal(), TimeProvider.System);
}
