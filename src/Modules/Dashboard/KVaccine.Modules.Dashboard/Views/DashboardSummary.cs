using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Dashboard.Views;

/// <summary><c>GET /dashboard/summary</c>: how many bookings there are, by status and by vaccine type.</summary>
internal static class DashboardSummary
{
    public static void Map(IEndpointRouteBuilder dashboard) =>
        dashboard.MapGet("/summary", (IMediator mediator, CancellationToken ct) => mediator.Send(new Query(), ct))
            .WithName("DashboardSummary")
            .WithSummary("Counts of bookings by status and by vaccine type.");

    public sealed record Query : IRequest<Ok<Summary>>;

    public sealed record Summary(int Total, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<string, int> ByVaccineType);

    internal sealed class Handler(DashboardDbContext db) : IRequestHandler<Query, Ok<Summary>>
    {
        public async Task<Ok<Summary>> Handle(Query request, CancellationToken ct)
        {
            var byStatus = await db.Rows.GroupBy(r => r.ReserveStatus).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key.ToString(), g => g.Count, ct);
            var byType = await db.Rows.Where(r => r.VaccineType != null).GroupBy(r => r.VaccineType!)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            return TypedResults.Ok(new Summary(byStatus.Values.Sum(), byStatus, byType));
        }
    }
}
