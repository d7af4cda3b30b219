using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Reservation.Sites;

/// <summary><c>GET /admin/sites</c>: every site with its hours, places per slot and closed days.</summary>
internal static class ListSites
{
    public static void Map(IEndpointRouteBuilder sites) =>
        sites.MapGet("", (IMediator mediator, CancellationToken ct) => mediator.Send(new Query(), ct))
            .WithName("AdminSites")
            .WithSummary("Every site, with its hours, places per slot and closed days.");

    internal sealed record Query : IRequest<Ok<List<SiteResponse>>>;

    internal sealed class Handler(ReservationDbContext db) : IRequestHandler<Query, Ok<List<SiteResponse>>>
    {
        public async Task<Ok<List<SiteResponse>>> Handle(Query request, CancellationToken ct) =>
            TypedResults.Ok((await db.Sites.AsNoTracking().Include(s => s.ClosedDays).OrderBy(s => s.Id).ToListAsync(ct)).Select(SiteResponse.Of).ToList());
    }
}
