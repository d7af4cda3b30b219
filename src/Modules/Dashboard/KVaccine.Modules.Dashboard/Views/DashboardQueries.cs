using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Dashboard.Views;

/// <summary>The original's <c>/dashboard/list</c> routes, and a summary by status and vaccine type.</summary>
internal static class DashboardQueries
{
    public sealed record Summary(int Total, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<string, int> ByVaccineType);

    // Streamed as they are read, so a long list costs the host neither the memory of the whole list nor the wait for it.
    public static Ok<IAsyncEnumerable<DashboardRow>> List(DashboardDbContext db) =>
        TypedResults.Ok(db.Rows.AsNoTracking().OrderBy(r => r.BookingId).AsAsyncEnumerable());

    public static Ok<IAsyncEnumerable<DashboardRow>> ListByVaccineType(string vaccineType, DashboardDbContext db) =>
        TypedResults.Ok(db.Rows.AsNoTracking().Where(r => r.VaccineType == vaccineType).OrderBy(r => r.BookingId).AsAsyncEnumerable());

    public static async Task<Ok<Summary>> GetSummary(DashboardDbContext db, CancellationToken ct)
    {
        var byStatus = await db.Rows.GroupBy(r => r.ReserveStatus).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key.ToString(), g => g.Count, ct);
        var byType = await db.Rows.Where(r => r.VaccineType != null).GroupBy(r => r.VaccineType!)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return TypedResults.Ok(new Summary(byStatus.Values.Sum(), byStatus, byType));
    }
}
