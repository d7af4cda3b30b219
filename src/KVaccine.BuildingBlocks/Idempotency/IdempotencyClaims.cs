using KVaccine.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.BuildingBlocks.Idempotency;

/// <summary>
/// The row of one route's key, in statements that cannot fail on an expected outcome: a key already taken is an
/// insert that did nothing, not a constraint violation (which EF logs as an error, stack trace and all). A claim is
/// completed or given back only while it is still the one its request took (its claim time).
/// </summary>
internal sealed class IdempotencyClaims(IdempotencyDbContext db, WriteGate writers, string route, string key)
{
    /// <summary>Far longer than any request runs: its waits are seconds (ConfirmWaitMs at most 30 s, the busy timeout).</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    /// <summary>This request's claim time, or else the request that holds the key (null: one still running).</summary>
    public async Task<(long? ClaimedAt, IdempotentRequest? First)> ClaimAsync(string fingerprint, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        // Again only when the key changed hands between two statements (given back, taken over).
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using (await writers.EnterAsync(ct))
            {
#pragma warning disable EF1002 // the table's name is one of two constants; every value is a parameter
                if (await db.Database.ExecuteSqlRawAsync($$"""
                        INSERT INTO {{Table}} ("Route", "Key", "Fingerprint", "Completed", "StatusCode", "CreatedAtMs")
                        VALUES ({0}, {1}, {2}, FALSE, 0, {3})
                        ON CONFLICT DO NOTHING
                        """, [route, key, fingerprint, now], ct) == 1)
#pragma warning restore EF1002
                    return (now, null);
            }
            var first = await Requests.AsNoTracking().SingleOrDefaultAsync(ct);
            if (first is null) continue;
            var abandoned = !first.Completed && first.CreatedAtMs <= now - (long)AbandonedAfter.TotalMilliseconds;
            if (!abandoned) return (null, first);
            using (await writers.EnterAsync(ct))
            {
                if (await Requests.Where(r => !r.Completed && r.CreatedAtMs == first.CreatedAtMs)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.Fingerprint, fingerprint).SetProperty(r => r.CreatedAtMs, now), ct) == 1)
                    return (now, null);
            }
        }
        return (null, null);
    }

    public Task CompleteAsync(long claimedAt, HttpResponse response, string body) =>
        CompleteAsync(claimedAt, response.StatusCode, response.ContentType, response.Headers.Location.ToString() is { Length: > 0 } given ? given : null, body);

    public async Task CompleteAsync(long claimedAt, int statusCode, string? contentType, string? location, string body)
    {
        using (await writers.EnterAsync(CancellationToken.None))
        {
            await Requests.Where(r => !r.Completed && r.CreatedAtMs == claimedAt).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Completed, true)
                .SetProperty(r => r.StatusCode, statusCode)
                .SetProperty(r => r.ContentType, contentType)
                .SetProperty(r => r.Location, location)
                .SetProperty(r => r.Body, body));
        }
    }

    public async Task ReleaseAsync(long claimedAt)
    {
        using (await writers.EnterAsync(CancellationToken.None))
            await Requests.Where(r => !r.Completed && r.CreatedAtMs == claimedAt).ExecuteDeleteAsync();
    }

    // Where SchemaPerModule puts the table on PostgreSQL.
    private string Table => db.Database.IsPostgreSql() ? "idempotency.requests" : "idempotency_requests";

    private IQueryable<IdempotentRequest> Requests => db.Requests.Where(r => r.Route == route && r.Key == key);
}
