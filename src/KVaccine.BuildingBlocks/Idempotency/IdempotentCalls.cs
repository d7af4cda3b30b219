using KVaccine.BuildingBlocks.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.Idempotency;

/// <summary>
/// The REST routes' idempotency for a caller that is not one (the gRPC adapter's request ids): the same table, claims
/// and keyed fingerprints as <see cref="IdempotencyFilter"/>, with the answer kept as the caller writes it. Only a
/// success holds a key: a refusal changed nothing, so its retry is simply asked again.
/// </summary>
public sealed class IdempotentCalls(IdempotencyDbContext db, WriteGate writers, TimeProvider clock, IOptions<IdempotencyOptions> options,
    IHostApplicationLifetime lifetime, ILogger<IdempotentCalls> logger)
{
    public const int MaxKeyLength = IdempotentRoute.MaxKeyLength;

    public static bool IsValidKey(string key) => key.Length is > 0 and <= MaxKeyLength && key.All(c => c is >= (char)0x21 and <= (char)0x7e);

    /// <summary>
    /// Runs <paramref name="work"/> once for a key: a retry that means the same gets the kept answer again
    /// (<paramref name="replay"/> of what <paramref name="keep"/> wrote). Once claimed, the work runs to its end even if
    /// the caller goes away, so that its retry gets its answer rather than running it twice.
    /// </summary>
    public async Task<T> RunAsync<T>(string route, string key, object meaning, Func<CancellationToken, Task<T>> work,
        Func<T, string> keep, Func<string, T> replay, CancellationToken ct)
    {
        if (!IsValidKey(key)) throw new ArgumentException($"Use 1 to {MaxKeyLength} printable ASCII characters, for example a UUID.", nameof(key));
        var claims = new IdempotencyClaims(db, writers, route, key);
        var print = RequestFingerprint.Of(route, meaning, options.Value.FingerprintKey);
        var (claimedAt, first) = await claims.ClaimAsync(print, clock, ct);
        if (claimedAt is not { } claim)
        {
            if (first is not null && first.Fingerprint != print) throw new IdempotencyRefusal(IdempotencyRefusal.Kinds.AnotherRequest);
            if (first is not { Completed: true, Body: { } body }) throw new IdempotencyRefusal(IdempotencyRefusal.Kinds.StillRunning);
            return replay(body);
        }

        T answer;
        try
        {
            answer = await work(lifetime.ApplicationStopping);
        }
        catch
        {
            await GiveBackAsync(claims, claim);
            throw;
        }
        try
        {
            await claims.CompleteAsync(claim, 200, "application/grpc", null, keep(answer));
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not keep the answer under a request id; a retry after {AbandonedAfter} runs the request again", IdempotencyClaims.AbandonedAfter);
        }
        return answer;
    }

    private async Task GiveBackAsync(IdempotencyClaims claims, long claim)
    {
        try
        {
            await claims.ReleaseAsync(claim);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not give back a request id after a request that failed; it is taken over after {AbandonedAfter}", IdempotencyClaims.AbandonedAfter);
        }
    }
}

/// <summary>A request id that cannot run now: used before for another request, or its first request is still running.</summary>
public sealed class IdempotencyRefusal(IdempotencyRefusal.Kinds kind) : Exception(kind == Kinds.AnotherRequest
    ? "This request id was used for another request. A retry must send the same request as the first; use a new id for a new request."
    : "The first request with this request id is still being processed. Try again in a moment to get its answer.")
{
    public enum Kinds { AnotherRequest, StillRunning }

    public Kinds Kind => kind;
}
