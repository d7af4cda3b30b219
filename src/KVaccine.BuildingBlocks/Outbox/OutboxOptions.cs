using System.ComponentModel.DataAnnotations;

namespace KVaccine.BuildingBlocks.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Whether this host runs the dispatcher. A host with it off still writes events; another delivers them.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>
    /// Whether several hosts' dispatchers share the database. Then a claim takes a lease (a write, in its own turn at
    /// the lock) so that two hosts never apply the same delivery. A SQLite file is served by one host (the default):
    /// its one dispatcher loop per consumer cannot race itself, so it claims by reading, and leases a crashed process
    /// left are dropped at start.
    /// </summary>
    public bool SharedDatabase { get; set; }

    /// <summary>The fallback when no commit wakes a consumer (another host wrote, or a retry fell due).</summary>
    [Range(10, 600_000)]
    public int PollIntervalMs { get; set; } = 1000;

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>With <see cref="SharedDatabase"/>: how long a claim is held before another dispatcher may take it over.</summary>
    [Range(1, 3600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>
    /// A consumer's loop that has neither come round nor started a delivery for this long is stuck (a handler or a
    /// call that never returns): liveness fails, so that the host is restarted, and its claims are taken over.
    /// </summary>
    [Range(1, 86_400)]
    public int StalledAfterSeconds { get; set; } = 120;

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry waits this long; each next one twice as long, up to <see cref="MaxRetryDelayMs"/>.</summary>
    [Range(1, 3_600_000)]
    public int RetryBaseDelayMs { get; set; } = 500;

    [Range(1, 86_400_000)]
    public int MaxRetryDelayMs { get; set; } = 60_000;

    /// <summary>Delivered rows older than this are pruned.</summary>
    [Range(0, 24 * 365)]
    public double RetentionHours { get; set; } = 72;

    [Range(1, 86_400)]
    public int PruneIntervalSeconds { get; set; } = 300;

    public TimeSpan RetryDelay(int attempts)
    {
        var delay = RetryBaseDelayMs * Math.Pow(2, Math.Max(0, attempts - 1));
        return TimeSpan.FromMilliseconds(Math.Min(delay, MaxRetryDelayMs));
    }
}
