using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>
/// Deletes, every <see cref="Interval"/> on the host's clock, rows that have run out; a failed pass is logged and
/// tried again at the next one, so a busy database never stops pruning for good.
/// </summary>
public abstract class PeriodicPruner(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock => clock;

    protected abstract TimeSpan Interval { get; }

    /// <summary>What is pruned, for the log: "the outbox", "idempotency keys".</summary>
    protected abstract string What { get; }

    public abstract Task<int> PruneAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try { await PruneAsync(stoppingToken); }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Pruning {What} failed; it is tried again in {Interval}", What, Interval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
