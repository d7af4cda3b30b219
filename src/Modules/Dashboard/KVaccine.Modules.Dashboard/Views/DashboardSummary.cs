using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Dashboard.Views;

/// <summary><c>GET /dashboard/summary</c>: how many bookings there are, by status, by vaccine type, by site and by dose.</summary>
internal static class DashboardSummary
{
    public static void Map(IEndpointRouteBuilder dashboard) =>
        dashboard.MapGet("/summary", (IMediator mediator, CancellationToken ct) => mediator.Send(new Query(), ct))
            .WithName("DashboardSummary")
            .WithSummary("Counts of bookings by status, by vaccine type, by site (with its counts by status) and by dose.");

    public sealed record Query : IRequest<Ok<Summary>>;

    public sealed record Summary(int Total, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<string, int> ByVaccineType,
        IReadOnlyList<SiteCount> BySite, IReadOnlyDictionary<string, int> ByDose);

    /// <summary>A site's bookings: the name is the one its latest booking carried.</summary>
    public sealed record SiteCount(int SiteId, string? SiteName, int Total, IReadOnlyDictionary<string, int> ByStatus);

    internal sealed class Handler(DashboardDbContext db) : IRequestHandler<Query, Ok<Summary>>
    {
        public async Task<Ok<Summary>> Handle(Query request, CancellationToken ct)
        {
            var byStatus = await db.Rows.GroupBy(r => r.ReserveStatus).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key.ToString(), g => g.Count, ct);
            var byType = await db.Rows.Where(r => r.VaccineType != null).GroupBy(r => r.VaccineType!)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            var bySiteAndStatus = await db.Rows.GroupBy(r => new { r.SiteId, r.ReserveStatus })
                .Select(g => new { g.Key.SiteId, g.Key.ReserveStatus, Count = g.Count(), Name = g.Max(r => r.SiteName) }).ToListAsync(ct);
            var bySite = bySiteAndStatus.GroupBy(g => g.SiteId).OrderBy(g => g.Key)
                .Select(g => new SiteCount(g.Key, g.Max(x => x.Name), g.Sum(x => x.Count), g.ToDictionary(x => x.ReserveStatus.ToString(), x => x.Count))).ToList();
            var byDose = await db.Rows.GroupBy(r => r.DoseNumber).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g => g.Count, ct);
            return TypedResults.Ok(new Summary(byStatus.Values.Sum(), byStatus, byType, bySite, byDose));
        }
    }
}
