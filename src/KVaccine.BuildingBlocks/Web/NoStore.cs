using Microsoft.AspNetCore.Builder;

namespace KVaccine.BuildingBlocks.Web;

/// <summary>
/// Every answer is <c>Cache-Control: no-store</c>, so no proxy, browser or shared terminal keeps a copy: most carry
/// personal data (names, masked RRNs, bookings, statuses), the rest are live counts a cache could only serve stale,
/// and one rule for every answer cannot miss a route added later.
/// </summary>
public static class NoStore
{
    public static IApplicationBuilder UseNoStore(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.Headers.CacheControl = "no-store";
        return next(http);
    });
}
