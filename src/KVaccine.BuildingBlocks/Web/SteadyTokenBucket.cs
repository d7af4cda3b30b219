using System.Threading.RateLimiting;

namespace KVaccine.BuildingBlocks.Web;

/// <summary>
/// A client's budget: the platform's token bucket, with a burst of two seconds' worth, topped up whenever it is asked
/// for a token, so that the budget comes back one token at a time at its rate.
/// </summary>
/// <remarks>
/// A partitioned limiter tops its buckets up on a 100 ms timer, so a client flooding its budget is let in a tenth of
/// a second's worth at a time: those requests queue behind each other, and one stall of the process delays them all.
/// Topped up on every request, the budget lets them in one at a time, as each token comes back.
/// </remarks>
internal sealed class SteadyTokenBucket(int perSecond) : ReplenishingRateLimiter
{
    private readonly TokenBucketRateLimiter _bucket = new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = perSecond * 2,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromTicks(Math.Max(1, TimeSpan.TicksPerSecond / perSecond)),
        QueueLimit = 0,
        AutoReplenishment = false,
    });

    public override bool IsAutoReplenishing => false;

    public override TimeSpan ReplenishmentPeriod => _bucket.ReplenishmentPeriod;

    public override TimeSpan? IdleDuration => _bucket.IdleDuration;

    public override bool TryReplenish() => _bucket.TryReplenish();

    public override RateLimiterStatistics? GetStatistics() => _bucket.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        _bucket.TryReplenish();
        return _bucket.AttemptAcquire(permitCount);
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        _bucket.TryReplenish();
        return _bucket.AcquireAsync(permitCount, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _bucket.Dispose();
        base.Dispose(disposing);
    }

    protected override ValueTask DisposeAsyncCore() => _bucket.DisposeAsync();
}
