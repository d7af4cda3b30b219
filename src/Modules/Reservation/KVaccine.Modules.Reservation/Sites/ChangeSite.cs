using System.Text.Json.Serialization;
using FluentValidation;
using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.BuildingBlocks.Settings;
using KVaccine.Modules.Reservation.Calendar;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Reservation.Sites;

/// <summary>
/// <c>PUT /admin/sites/{siteId}</c>: a site's new name, region, vaccine types, hours, slot length or places per slot.
/// Its slots still to come follow at once, unless one would lose a booking: fewer places than it has booked, or no
/// longer a slot under the new hours. Then nothing changes, and the answer says where and how many.
/// </summary>
internal static class ChangeSite
{
    public static void Map(IEndpointRouteBuilder sites) =>
        sites.MapPut("/{siteId:int}", (int siteId, Command command, IMediator mediator, CancellationToken ct) => mediator.Send(command with { SiteId = siteId }, ct))
            .WithIdempotency("admin/sites/change")
            .WithName("ChangeSite")
            .WithSummary("Changes a site; refused (409) when a slot still to come would lose a booking.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal sealed record Command : SiteDefinition, IRequest<Results<Ok<SiteResponse>, ProblemHttpResult>>
    {
        [JsonIgnore]
        public int SiteId { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IOptions<VaccineTypes> known) => Include(new SiteDefinition.Validator(known));
    }

    internal sealed class Handler(ReservationDbContext db, IOptions<VaccineTypes> known, SlotsToCome toCome, SlotBoard board)
        : IRequestHandler<Command, Results<Ok<SiteResponse>, ProblemHttpResult>>
    {
        public async Task<Results<Ok<SiteResponse>, ProblemHttpResult>> Handle(Command request, CancellationToken ct)
        {
            // A decision that took a place meanwhile wrote one of the rows this change writes: read them again.
            for (var attempt = 1; ; attempt++)
            {
                var site = await db.Sites.Include(s => s.ClosedDays).SingleOrDefaultAsync(s => s.Id == request.SiteId, ct);
                if (site is null) return SiteProblems.NoSuchSite(request.SiteId);
                request.ApplyTo(site, known.Value);

                var stored = await toCome.StoredAsync(site.Id, ct);
                foreach (var row in stored.SelectMany(d => d).Where(r => !r.IsWholeDay && !site.IsClosedOn(r.Date)))
                {
                    if (!site.SlotTimesOn(row.Date).Contains(row.Start))
                    {
                        if (row.Booked > 0) return SiteProblems.WouldLoseBookings($"{row.Date:yyyy-MM-dd} {SlotTimes.Start(row)} holds {row.Booked} booking(s) and would no longer be a slot under the new hours or slot length.");
                        db.Slots.Remove(row);
                    }
                    else if (!row.TrySetCapacities(site.FirstDoseCapacity, site.SecondDoseCapacity))
                    {
                        return SiteProblems.WouldLoseBookings($"{row.Date:yyyy-MM-dd} {SlotTimes.Start(row)} has {row.FirstBooked} first-dose and {row.SecondBooked} second-dose booking(s): "
                            + $"its places cannot go below them (asked: {site.FirstDoseCapacity} and {site.SecondDoseCapacity}).");
                    }
                }
                toCome.AddMissing(site, stored);
                board.ReloadOnCommit(db);
                try
                {
                    await db.SaveChangesAsync(ct);
                    return TypedResults.Ok(SiteResponse.Of(site));
                }
                catch (DbUpdateException e) when (attempt < 5 && (e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e)))
                {
                    db.ChangeTracker.Clear();
                }
            }
        }
    }
}
