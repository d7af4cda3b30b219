using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.Outbox;

/// <summary>
/// Drains the outbox: one loop per consuming module, so a consumer that is off, slow or failing holds up only
/// itself. Each loop claims the due head of every correlation key and applies the claimed batch in one scope, marking
/// each delivery delivered in the same SaveChanges that writes the consumer's changes: a crash before that commit
/// leaves them pending (delivered again), and after it nothing is delivered again, so each event is applied once.
/// </summary>
/// <remarks>
/// Handlers change tracked state and raise events; they do not save. The dispatcher saves once per batch, so no
/// database lock is held while a handler awaits, and a busy consumer pays for one scope, one transaction and one
/// write lock per batch rather than per event (the batch holds at most one event per key, so its events never
/// depend on each other). A handler that throws costs only its own delivery an attempt: the batch is thrown away
/// unsaved and the rest applied again without it. When the batch's save fails, which event caused it is unknown, so
/// its deliveries are applied one by one. Either way a handler may run again for an event that was never committed;
/// only an outside effect (a webhook) can be seen twice, as with any retry.
/// </remarks>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEnumerable<ConsumerModule> modules,
    EventRoutes routes,
    DeliveryLeases leases,
    OutboxSignal signal,
    ModuleToggles toggles,
    FaultInjection faults,
    StorageHealth storage,
    IOptionsMonitor<OutboxOptions> options,
    TimeProvider clock,
    OutboxMetrics metrics,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>How often a batch is applied again at once after losing a race with a request, before that counts as a failure.</summary>
    private const int ConflictsBeforeBackoff = 3;

    public bool IsRunning { get; private set; }

    /// <summary>When each running consumer's loop last came round or started a delivery (unix ms, the host's clock).</summary>
    private readonly ConcurrentDictionary<string, long> _turnedAt = new();

    /// <summary>The consumers whose loop has not moved for <see cref="OutboxOptions.StalledAfterSeconds"/>.</summary>
    public IReadOnlyList<string> StalledConsumers()
    {
        var since = clock.GetUtcNow().ToUnixTimeMilliseconds() - options.CurrentValue.StalledAfterSeconds * 1000L;
        return [.. _turnedAt.Where(t => t.Value < since).Select(t => t.Key).Order(StringComparer.Ordinal)];
    }

    private void Turned(string consumer) => _turnedAt[consumer] = clock.GetUtcNow().ToUnixTimeMilliseconds();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.DispatcherEnabled)
        {
            logger.LogInformation("The outbox dispatcher is switched off in this host (Outbox:DispatcherEnabled)");
            return;
        }

        if (!options.CurrentValue.SharedDatabase) await leases.ReleaseAllAsync(stoppingToken);
        toggles.Changed += signal.WakeAll;
        var consumers = modules.Where(m => routes.Consumers.Contains(m.Name)).ToList();
        IsRunning = true;
        logger.LogInformation("Outbox dispatcher started for {Consumers}", consumers.Select(c => c.Name));
        try
        {
            await Task.WhenAll(consumers.Select(c => Task.Run(() => RunAsync(c, stoppingToken), CancellationToken.None)));
        }
        finally
        {
            IsRunning = false;
            toggles.Changed -= signal.WakeAll;
        }
    }

    private async Task RunAsync(ConsumerModule consumer, CancellationToken stopping)
    {
        var storageWaits = 0;
        while (!stopping.IsCancellationRequested)
        {
            Turned(consumer.Name);
            var pollInterval = TimeSpan.FromMilliseconds(options.CurrentValue.PollIntervalMs);
            try
            {
                if (!toggles.IsEnabled(consumer.Name))
                {
                    await signal.WaitAsync(consumer.Name, pollInterval, stopping);
                    continue;
                }

                // While the database takes no writes, a batch would fail at its save after its handlers ran (a
                // webhook sent again on every try): the loop waits for a write to succeed instead.
                if (storage.Current is not null && await storage.ProbeAsync(stopping) is { } outage)
                {
                    await WaitForStorageAsync(consumer, ++storageWaits, outage.Reason, pollInterval, stopping);
                    continue;
                }
                storageWaits = 0;

                var claim = await leases.ClaimAsync(consumer.Name, stopping);
                if (claim.Deliveries.Count == 0)
                {
                    await signal.WaitAsync(consumer.Name, UntilDue(claim, pollInterval), stopping);
                    continue;
                }

                await faults.HoldIfAskedAsync(consumer.Name, claim, stopping);
                await DeliverBatchAsync(consumer, claim, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (DatabaseErrors.StorageFailure(ex) is { } failure)
            {
                storage.Failed(failure);
                try { await WaitForStorageAsync(consumer, ++storageWaits, failure.Message, pollInterval, stopping); }
                catch (OperationCanceledException) { break; }
            }
            catch (Exception ex)
            {
                // The database itself is in trouble (locked, gone): back off and try again; nothing is lost.
                logger.LogError(ex, "Outbox loop for {Consumer} failed; retrying", consumer.Name);
                try { await Task.Delay(pollInterval, clock, stopping); }
                catch (OperationCanceledException) { break; }
            }
        }
        _turnedAt.TryRemove(consumer.Name, out _);
    }

    /// <summary>
    /// A storage failure is no delivery's fault: the consumer's deliveries keep their attempts and wait, trying again
    /// after the retry delays (no longer apart than the polling interval, so that it resumes soon after the disk does),
    /// or as soon as a commit for the consumer shows that the database takes writes again.
    /// </summary>
    private async Task WaitForStorageAsync(ConsumerModule consumer, int waits, string reason, TimeSpan pollInterval, CancellationToken stopping)
    {
        if (waits == 1)
            logger.LogWarning("The database takes no writes ({Reason}): {Consumer}'s deliveries wait for it, counting no attempts", reason, consumer.Name);
        var delay = options.CurrentValue.RetryDelay(waits);
        await signal.WaitAsync(consumer.Name, delay < pollInterval ? delay : pollInterval, stopping);
    }

    /// <summary>
    /// Applies the claimed deliveries in one scope and one SaveChanges. Stopping, or the consumer being switched off,
    /// ends the batch after the delivery in flight: what was applied is saved, the rest handed back.
    /// </summary>
    // In-flight deliveries run to the end even when the host is stopping (no token): shutdown waits for them, so
    // nothing is left half-applied.
    private async Task DeliverBatchAsync(ConsumerModule consumer, Claim claim, CancellationToken stopping)
    {
        var pending = claim.Deliveries.ToList();
        var conflicts = 0;
        var loop = Activity.Current;
        while (pending.Count > 0)
        {
            // Each delivery's span stays open until its batch is saved, when its outcome is known.
            var spans = new Dictionary<OutboxDelivery, Activity?>();
            using var ended = new SpansEnded(spans.Values);
            await using var scope = scopes.CreateAsyncScope();
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(consumer.DbContextType);
            // One connection for the handlers' reads and the save, instead of one per query; the pool closes it.
            await db.Database.OpenConnectionAsync(CancellationToken.None);
            var applied = new List<OutboxDelivery>(pending.Count);
            (OutboxDelivery Delivery, Exception Error)? failed = null;
            foreach (var delivery in pending)
            {
                if (stopping.IsCancellationRequested || !toggles.IsEnabled(consumer.Name)) break;
                spans[delivery] = OutboxTracing.Delivery(consumer.Name, delivery);
                try
                {
                    await ApplyAsync(consumer, delivery, scope.ServiceProvider);
                    applied.Add(delivery);
                }
                catch (Exception ex)
                {
                    failed = (delivery, ex);
                    break;
                }
                finally
                {
                    Activity.Current = loop;
                }
            }

            if (failed is { } failure)
            {
                await FailAsync(consumer, failure.Delivery, claim, failure.Error, spans[failure.Delivery]);
                foreach (var delivery in applied) Ended(spans[delivery], consumer.Name, delivery, OutboxTracing.AppliedAgain);
                pending.Remove(failure.Delivery);
                continue;
            }

            var unattempted = pending.Except(applied).ToList();
            if (applied.Count > 0)
            {
                try
                {
                    using (OutboxTracing.Save(consumer.Name, applied.Select(d => spans[d]).ToList()))
                    {
                        db.CompleteDeliveries(applied.Select(d => d.Id).ToList(), claim.Token);
                        await db.SaveChangesAsync(CancellationToken.None);
                    }
                    foreach (var delivery in applied) Ended(spans[delivery], consumer.Name, delivery, OutboxTracing.Delivered);
                }
                // A request changed a row the handlers had read (a citizen cancels while the hospital's answer is
                // applied), or created one they meant to (an Admin's change writes the slots a decision books):
                // nothing was saved, and applying the batch again on fresh state is the whole remedy, not a failed
                // attempt to back off from. (A claim another dispatcher took over fails with no entries.)
                catch (DbUpdateException ex) when ((ex is DbUpdateConcurrencyException { Entries.Count: > 0 } || DatabaseErrors.IsUniqueViolation(ex))
                    && ++conflicts <= ConflictsBeforeBackoff)
                {
                    logger.LogDebug("A batch of {Count} deliveries to {Consumer} met a concurrent change; applying it again", applied.Count, consumer.Name);
                    foreach (var delivery in applied) Ended(spans[delivery], consumer.Name, delivery, OutboxTracing.AppliedAgain);
                    continue;
                }
                // The claim is no longer this dispatcher's: another one has the deliveries, and applies them once.
                catch (DbUpdateConcurrencyException ex) when (ex.Entries.Count == 0)
                {
                    logger.LogInformation("A batch of {Count} deliveries to {Consumer} was taken over by another dispatcher meanwhile (this host's lease ran out); this attempt is dropped",
                        applied.Count, consumer.Name);
                    foreach (var delivery in applied) Ended(spans[delivery], consumer.Name, delivery, OutboxTracing.TakenOver);
                }
                catch (Exception ex) when (applied.Count == 1)
                {
                    await FailAsync(consumer, applied[0], claim, ex, spans[applied[0]]);
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Saving a batch of {Count} deliveries to {Consumer} failed; applying them one by one", applied.Count, consumer.Name);
                    foreach (var delivery in applied) Ended(spans[delivery], consumer.Name, delivery, OutboxTracing.AppliedAgain);
                    foreach (var delivery in applied) await DeliverAsync(consumer, delivery, claim);
                }
            }
            if (unattempted.Count > 0) await leases.ReleaseAsync(unattempted, claim.Token, CancellationToken.None);
            return;
        }
    }

    /// <summary>Applies one delivery in a scope of its own.</summary>
    private async Task DeliverAsync(ConsumerModule consumer, OutboxDelivery delivery, Claim claim)
    {
        using var span = OutboxTracing.Delivery(consumer.Name, delivery);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(consumer.DbContextType);
            await ApplyAsync(consumer, delivery, scope.ServiceProvider);
            db.CompleteDeliveries([delivery.Id], claim.Token);
            await db.SaveChangesAsync(CancellationToken.None);
            Ended(span, consumer.Name, delivery, OutboxTracing.Delivered);
        }
        catch (Exception ex)
        {
            await FailAsync(consumer, delivery, claim, ex, span);
        }
    }

    /// <summary>Calls the consumer's handlers for the delivery's event; they change the scope's tracked state.</summary>
    private async Task ApplyAsync(ConsumerModule consumer, OutboxDelivery delivery, IServiceProvider scope)
    {
        using var logScope = logger.BeginScope(new Dictionary<string, object>
        {
            ["CorrelationKey"] = delivery.CorrelationKey,
            ["Consumer"] = consumer.Name,
            ["MessageId"] = delivery.MessageId,
            ["EventType"] = delivery.Message.Type,
        });
        Turned(consumer.Name);
        var started = Stopwatch.GetTimestamp();
        faults.ThrowIfPoisoned(consumer.Name, delivery);
        var e = StoredEvent.Deserialize(routes.TypeNamed(delivery.Message.Type), delivery.Message.Payload);
        await routes.HandleAsync(consumer.Name, e, scope, CancellationToken.None);
        metrics.Applied(consumer.Name, Stopwatch.GetElapsedTime(started));
    }

    private async Task FailAsync(ConsumerModule consumer, OutboxDelivery delivery, Claim claim, Exception ex, Activity? span)
    {
        // Not an attempt: the loop waits for the storage with every delivery still pending (WaitForStorageAsync).
        if (DatabaseErrors.StorageFailure(ex) is not null)
        {
            Ended(span, consumer.Name, delivery, OutboxTracing.StorageFailure, ex);
            ExceptionDispatchInfo.Throw(ex);
        }
        var attempt = await leases.FailAsync(delivery, claim.Token, ex, CancellationToken.None);
        Ended(span, consumer.Name, delivery, attempt.RetryIn is not null ? OutboxTracing.Retry : attempt.DeadLettered ? OutboxTracing.DeadLetter : OutboxTracing.TakenOver, ex);
        if (attempt.RetryIn is { } delay)
        {
            logger.LogWarning(ex, "Delivery {DeliveryId} of {EventType} to {Consumer} failed (attempt {Attempt}); retrying in {RetryDelay}",
                delivery.Id, delivery.Message.Type, consumer.Name, delivery.Attempts + 1, delay);
        }
        else if (attempt.DeadLettered)
        {
            logger.LogError(ex, "Delivery {DeliveryId} of {EventType} to {Consumer} is dead-lettered after {Attempts} attempts",
                delivery.Id, delivery.Message.Type, consumer.Name, delivery.Attempts + 1);
        }
        else
        {
            // Not a failure of this delivery: another dispatcher holds it, and its attempt is the one that counts.
            logger.LogInformation("Delivery {DeliveryId} of {EventType} to {Consumer} was taken over by another dispatcher meanwhile (this host's lease ran out); this attempt is dropped",
                delivery.Id, delivery.Message.Type, consumer.Name);
        }
    }

    /// <summary>Sleeps until a retry falls due, or the polling interval, whichever is sooner.</summary>
    private TimeSpan UntilDue(Claim claim, TimeSpan pollInterval)
    {
        if (claim.NextDueAtMs is not { } due) return pollInterval;
        var wait = TimeSpan.FromMilliseconds(due - clock.GetUtcNow().ToUnixTimeMilliseconds() + 1);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait < pollInterval ? wait : pollInterval;
    }

    private void Ended(Activity? span, string consumer, OutboxDelivery delivery, string outcome, Exception? error = null)
    {
        OutboxTracing.Outcome(span, outcome, error);
        metrics.Ended(consumer, delivery, outcome);
    }

    /// <summary>Ends a batch's delivery spans however its attempt ends.</summary>
    private sealed class SpansEnded(IEnumerable<Activity?> spans) : IDisposable
    {
        public void Dispose()
        {
            foreach (var span in spans) span?.Dispose();
        }
    }
}
