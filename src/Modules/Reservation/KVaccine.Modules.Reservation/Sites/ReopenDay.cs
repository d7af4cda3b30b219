using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Modules.Reservation.Calendar;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Reservation.Sites;

/// <summary><c>DELETE /admin/sites/{siteId}/closed-days/{date}</c>: the site opens on the date again, its slots with the site's places.</summary>
internal static class ReopenDay
{
    public static void Map(IEndpointRouteBuilder sites) =>
        sites.MapDelete("/{siteId:int}/closed-days/{date}", ([AsParameters] Command command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .WithIdempotency("admin/sites/reopen")
            .WithName("ReopenDay")
            .WithSummary("Opens a closed date again.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal sealed record Command(int SiteId, DateOnly Date) : IRequest<Results<Ok<SiteResponse>, ProblemHttpResult>>;

    internal sealed class Handler(ReservationDbContext db, SlotBoard board) : IRequestHandler<Command, Results<Ok<SiteResponse>, ProblemHttpResult>>
    {
        public async Task<Results<Ok<SiteResponse>, ProblemHttpResult>> Handle(Command request, CancellationToken ct)
        {
            var site = await db.Sites.Include(s => s.ClosedDays).SingleOrDefaultAsync(s => s.Id == request.SiteId, ct);
            if (site is null) return SiteProblems.NoSuchSite(request.SiteId);
            if (site.ClosedDays.FirstOrDefault(d => d.Date == request.Date) is not { } closed) return TypedResults.Ok(SiteResponse.Of(site));

            var stored = await db.StoredSlotsAsync(site.Id, request.Date, ct);
            if (stored.FirstOrDefault(s => s.Booked > 0) is { } busy)
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The day's cancellations are still being applied.",
                    detail: $"{request.Date:yyyy-MM-dd} {SlotTimes.Start(busy)} still holds {busy.Booked} cancelled booking(s) that have not given their place back yet. Try again in a moment.");
            site.ClosedDays.Remove(closed);
            foreach (var slot in stored)
            {
                if (slot.IsWholeDay || !site.SlotTimesOn(request.Date).Contains(slot.Start)) db.Slots.Remove(slot);
                else slot.TrySetCapacities(site.FirstDoseCapacity, site.SecondDoseCapacity);
            }
            board.ReloadOnCommit(db);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The day just changed.", detail: "The site's day changed while it was being reopened. Please try again.");
            }
            return TypedResults.Ok(SiteResponse.Of(site));
        }
    }
}
