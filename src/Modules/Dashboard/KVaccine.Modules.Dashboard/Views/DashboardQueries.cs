using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Dashboard.Views;

/// <summary>The original's <c>/dashboard/list</c> routes, and a summary by status and vaccine type.</summary>
internal static class DashboardQueries
{
    public sealed record Summary(int Total, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<string, int> ByVaccineType);

    public static async Task<Ok<List<DashboardRow>>> List(DashboardDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Rows.AsNoTracking().OrderBy(r => r.BookingId).ToListAsync(ct));

    public static async Task<Ok<List<DashboardRow>>> ListByVaccineType(string vaccineType, DashboardDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Rows.AsNoTracking().Where(r => r.VaccineType == vaccineType).OrderBy(r => r.BookingId).ToListAsync(ct));

    public static async Task<Ok<Summary>> GetSummary(DashboardDbContext db, CancellationToken ct)
    {
        var byStatus = await db.Rows.GroupBy(r => r.ReserveStatus).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var byType = await db.Rows.Where(r => r.VaccineType != null).GroupBy(r => r.VaccineType!)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return TypedResults.Ok(new Summary(byStatus.Values.Sum(), byStatus, byType));
    }
}
