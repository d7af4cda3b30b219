using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>
/// The base of every module's context. Events raised on it are written to the outbox by the same SaveChanges that
/// writes the module's state, so either both commit or neither does; the dispatcher is woken once the transaction
/// has committed.
/// </summary>
/// <remarks>
/// Contexts are pooled (<see cref="Persistence.Database.AddModuleDbContext{TContext}"/>). What a unit of work has
/// raised but not yet saved belongs to its lease of the instance, so a request that raised events and failed before
/// saving cannot hand them to the next user of the instance.
/// </remarks>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    private UnitOfWork? _work;
    private int _workLease;
    private OutboxServices? _outbox;
    private OutboxStatements? _statements;

    // Resolved from the host's services, not injected: a pooled context is built from its options alone.
    private OutboxServices Outbox => _outbox ??= this.GetService<OutboxServices>();

    private OutboxStatements Statements => _statements ??= OutboxStatements.For(Database);

    private UnitOfWork Work
    {
        get
        {
            if (_work is null || _workLease != ContextId.Lease) (_work, _workLease) = (new UnitOfWork(), ContextId.Lease);
            return _work;
        }
    }

    private sealed class UnitOfWork
    {
        public readonly List<RaisedEvent> Raised = [];
        public readonly HashSet<string> ToWake = [];
        public readonly List<Action> AfterCommit = [];
        public readonly List<(string Channel, string Payload)> Notices = [];
        public (IReadOnlyCollection<long> Ids, string? Token)? Completing;
    }

    /// <summary>The module's name: the publisher of its events and the consumer of others'.</summary>
    public abstract string ModuleName { get; }

    /// <summary>Queues an event; it is written by the next SaveChanges, in its transaction.</summary>
    public void Raise(IIntegrationEvent e) => Work.Raised.Add(new(() => e, OutboxTracing.Current()));

    /// <summary>
    /// Queues an event built after the state is saved but before the transaction commits, for events that carry
    /// ids the database assigns (a new booking's id, say).
    /// </summary>
    public void Raise(Func<IIntegrationEvent> afterStateIsSaved) => Work.Raised.Add(new(afterStateIsSaved, OutboxTracing.Current()));

    /// <summary>An event to build at the save, and the trace context of the work that raised it.</summary>
    private readonly record struct RaisedEvent(Func<IIntegrationEvent> Build, string? TraceParent);

    /// <summary>
    /// The events that follow from the state being saved, asked for by every save and written in its transaction:
    /// for a module whose aggregate announces each change of itself, so that no code path can change it silently.
    /// Each is built once the state is saved, so it can carry the ids the database assigns.
    /// </summary>
    protected virtual IEnumerable<Func<IIntegrationEvent>> EventsOfChanges() => [];

    /// <summary>Runs once what is being saved has committed (to tell a waiting request, say); dropped on rollback.</summary>
    public void AfterCommit(Action action) => Work.AfterCommit.Add(action);

    /// <summary>
    /// Tells the other hosts sharing the database, once what is being saved has committed (see <see cref="HostNotices"/>);
    /// where one host serves the database there is nobody to tell. What this host does on the commit is an
    /// <see cref="AfterCommit"/>.
    /// </summary>
    public void TellOtherHosts(string channel, string payload)
    {
        if (Statements.Notify is not null) Work.Notices.Add((channel, payload));
    }

    /// <summary>
    /// Marks claimed deliveries delivered in the transaction of the next SaveChanges, which applies them: only while
    /// the claim still holds every one of them (still pending, and leased by its token or, without one, by nobody),
    /// or the whole save rolls back.
    /// </summary>
    internal void CompleteDeliveries(IReadOnlyCollection<long> ids, string? claimToken) => Work.Completing = (ids, claimToken);

    /// <summary>Events and completions are written by <see cref="SaveChangesAsync(bool, CancellationToken)"/> only.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (Work.Raised.Count > 0 || Work.Completing is not null || EventsOfChanges().Any())
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
        if (Work.Raised.Count == 0 && Work.Completing is null && !ChangeTracker.HasChanges()) return 0;
        using var turn = await Outbox.Writers.EnterAsync(cancellationToken);
        return await SaveStateAndEventsAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private async Task<int> SaveStateAndEventsAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        try
        {
            var events = Work.Raised.Concat(EventsOfChanges().Select(build => new RaisedEvent(build, OutboxTracing.Current()))).ToList();
            if (events.Count == 0 && Work.Completing is null && Work.Notices.Count == 0)
            {
                var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
                WakeIfCommitted();
                return saved;
            }
            await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await CompleteDeliveriesAsync(cancellationToken);
            await WriteEventsAsync(events, cancellationToken);
            Work.Raised.Clear();
            await SendNoticesAsync(cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
            WakeIfCommitted();
            return written;
        }
        catch
        {
            // What was raised belongs to the attempt that failed: a caller that tries again on fresh state raises anew.
            OnRolledBack();
            Work.Raised.Clear();
            Work.Completing = null;
            Work.Notices.Clear();
            throw;
        }
    }

    private async Task CompleteDeliveriesAsync(CancellationToken ct)
    {
        if (Work.Completing is not { } completing) return;
        Work.Completing = null;
        var (ids, token) = completing;
        await using var complete = token is null
            ? OutboxSql.Command(Database.GetDbConnection(), Database.CurrentTransaction!.GetDbTransaction(), "", "@at")
            : OutboxSql.Command(Database.GetDbConnection(), Database.CurrentTransaction!.GetDbTransaction(), "", "@at", "@token");
        OutboxSql.Bind(complete, token is null ? [Outbox.Clock.GetUtcNow().ToUnixTimeMilliseconds()] : [Outbox.Clock.GetUtcNow().ToUnixTimeMilliseconds(), token]);
        complete.CommandText = string.Format(token is null ? Statements.CompleteUnleased : Statements.CompleteLeased, OutboxSql.InList(complete, ids));
        var completed = await complete.ExecuteNonQueryAsync(ct);
        if (completed != ids.Count)
            throw new DbUpdateConcurrencyException(
                $"{ids.Count - completed} of {ids.Count} deliveries are no longer held by this claim: its lease ran out and another dispatcher took them over.");
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        OutboxModel.Configure(modelBuilder, excludeFromMigrations: true, Statements);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => SchemaPerModule.AddTo(configurationBuilder, this);

    /// <summary>Called by <see cref="OutboxCommitInterceptor"/> when an explicit transaction commits.</summary>
    internal void OnCommitted()
    {
        var work = Work;
        foreach (var consumer in work.ToWake) Outbox.Signal.Wake(consumer);
        work.ToWake.Clear();
        var actions = work.AfterCommit.ToArray();
        work.AfterCommit.Clear();
        foreach (var action in actions) action();
    }

    internal void OnRolledBack()
    {
        Work.ToWake.Clear();
        Work.AfterCommit.Clear();
        Work.Notices.Clear();
    }

    /// <summary>
    /// One outbox_messages row per event and one outbox_deliveries row per consumer, in the save's transaction. Written
    /// with two prepared statements rather than as tracked entities: every event of every booking passes here, and EF
    /// tracks each entity and builds its insert anew, where a prepared statement is only bound again. Where the
    /// provider needs it, the events' keys are held first (ids in commit order per key) and each consumer is woken in
    /// every host by the commit (<see cref="OutboxStatements"/>).
    /// </summary>
    private async Task WriteEventsAsync(List<RaisedEvent> raised, CancellationToken ct)
    {
        var work = Work;
        if (raised.Count == 0) return;
        var events = raised.Select(raise => raise.Build()).ToList();
        var now = Outbox.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var connection = Database.GetDbConnection();
        var transaction = Database.CurrentTransaction!.GetDbTransaction();
        var statements = Statements;
        if (statements.LockKey is { } lockKey)
        {
            await using var hold = OutboxSql.Command(connection, transaction, lockKey, "@key");
            foreach (var key in events.Select(e => e.CorrelationKey).Distinct().Order(StringComparer.Ordinal))
            {
                OutboxSql.Bind(hold, key);
                await hold.ExecuteNonQueryAsync(ct);
            }
            // Built again now that their keys are held: what an event reads of the database is then what another
            // transaction writing the same key has committed (it waited for the key, or this one did).
            events = raised.Select(raise => raise.Build()).ToList();
        }
        await using var message = OutboxSql.Command(connection, transaction, statements.InsertMessage, "@type", "@payload", "@key", "@publisher", "@at", "@trace");
        await using var delivery = OutboxSql.Command(connection, transaction, statements.InsertDelivery, "@message", "@consumer", "@key", "@at");
        foreach (var (e, trace) in events.Zip(raised.Select(r => r.TraceParent)))
        {
            OutboxSql.Bind(message, StoredEvent.NameOf(e.GetType()), StoredEvent.Serialize(e), e.CorrelationKey, ModuleName, now, trace);
            var messageId = Convert.ToInt64(await message.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            foreach (var consumer in Outbox.Routes.ConsumersOf(e))
            {
                OutboxSql.Bind(delivery, messageId, consumer, e.CorrelationKey, now);
                await delivery.ExecuteNonQueryAsync(ct);
                work.ToWake.Add(consumer);
            }
        }
    }

    /// <summary>
    /// The notices for the other hosts, sent in the save's transaction (delivered with its commit, or never): the
    /// consumers this commit wakes, and the modules' own. PostgreSQL sends a notice repeated in one transaction once.
    /// </summary>
    private async Task SendNoticesAsync(CancellationToken ct)
    {
        var work = Work;
        if (Statements.Notify is not { } notify || work.Notices.Count == 0 && work.ToWake.Count == 0) return;
        await using var command = OutboxSql.Command(Database.GetDbConnection(), Database.CurrentTransaction!.GetDbTransaction(), notify, "@channel", "@payload");
        foreach (var (channel, payload) in work.ToWake.Select(consumer => (OutboxStatements.WakeChannel, consumer)).Concat(work.Notices))
        {
            OutboxSql.Bind(command, channel, Outbox.Notices.Tag(payload));
            await command.ExecuteNonQueryAsync(ct);
        }
        work.Notices.Clear();
    }

    private void WakeIfCommitted()
    {
        // Without the caller's transaction we have committed by now; within one, the interceptor wakes on its commit.
        if (Database.CurrentTransaction is null) OnCommitted();
    }
}

/// <summary>What a module context needs from the outbox, resolved from the host's services.</summary>
public sealed record OutboxServices(EventRoutes Routes, OutboxSignal Signal, TimeProvider Clock, WriteGate Writers, HostNotices Notices);
