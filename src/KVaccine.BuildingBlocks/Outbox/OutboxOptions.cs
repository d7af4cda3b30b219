using System.ComponentModel.DataAnnotations;

namespace KVaccine.BuildingBlocks.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Whether this host runs the dispatcher. A host with it off still writes events; another delivers them.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>
    /// Drop every lease at start-up, so deliveries a crashed process held are taken up at once rather than when their
    /// lease runs out. Right for a SQLite file, which one host serves; set it to false where several hosts share the
    /// database, or a starting host would take deliveries from under a running one.
    /// </summary>
    public bool ReleaseLeasesOnStart { get; set; } = true;

    /// <summary>The fallback when no commit wakes a consumer (another host wrote, or a retry fell due).</summary>
    [Range(10, 600_000)]
    public int PollIntervalMs { get; set; } = 1000;

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a claim is held before another dispatcher may take the delivery over.</summary>
    [Range(1, 3600)]
    public int LeaseSeconds { get; set; } = 30;

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
