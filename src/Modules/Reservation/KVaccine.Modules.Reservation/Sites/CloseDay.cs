using FluentValidation;
using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.BuildingBlocks.Time;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Modules.Reservation.Calendar;
using KVaccine.Modules.Reservation.Contracts;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Reservation.Sites;

/// <summary>
/// <c>PUT /admin/sites/{siteId}/closed-days/{date}?cancelBookings=</c>: the site does not open on a date. A date that holds bookings is
/// refused, saying how many, unless <c>cancelBookings</c> is true: then the day closes and each of its bookings is
/// cancelled, and its citizen told, in the same commit (see <see cref="BookingCancelledBySite"/>).
/// </summary>
internal static class CloseDay
{
    public static void Map(IEndpointRouteBuilder sites) =>
        sites.MapPut("/{siteId:int}/closed-days/{date}", ([AsParameters] Command command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .WithIdempotency("admin/sites/closed-days")
            .WithName("CloseDay")
            .WithSummary("Closes a site on a date; refused (409) when it holds bookings, unless cancelBookings is true.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal sealed record Command(int SiteId, string Date, bool? CancelBookings) : IRequest<Results<Ok<SiteResponse>, ProblemHttpResult>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(LocalCalendar calendar) => RuleFor(x => x.Date)
            .Must(d => SiteSettings.TryParseDate(d ?? "", out _), Shape.Date).WithMessage("Give the date as YYYY-MM-DD.")
            .Must(d => !SiteSettings.TryParseDate(d ?? "", out var date) || date >= calendar.Today).WithMessage("A day already past cannot be closed.");
    }

    internal sealed class Handler(ReservationDbContext db, SlotBoard board) : IRequestHandler<Command, Results<Ok<SiteResponse>, ProblemHttpResult>>
    {
        public async Task<Results<Ok<SiteResponse>, ProblemHttpResult>> Handle(Command request, CancellationToken ct)
        {
            SiteSettings.TryParseDate(request.Date, out var date);
            // A decision that took a place meanwhile wrote one of the rows this change writes: read them again.
            for (var attempt = 1; ; attempt++)
            {
                var site = await db.Sites.Include(s => s.ClosedDays).SingleOrDefaultAsync(s => s.Id == request.SiteId, ct);
                if (site is null) return SiteProblems.NoSuchSite(request.SiteId);
                if (site.IsClosedOn(date)) return TypedResults.Ok(SiteResponse.Of(site));

                var held = await db.Reservations
                    .Where(r => r.SiteId == site.Id && r.ReserveDate == date && r.State == ReservationState.Accepted)
                    .Select(r => r.BookingId).ToListAsync(ct);
                if (held.Count > 0 && request.CancelBookings != true)
                    return SiteProblems.WouldLoseBookings($"{site.Name} holds {held.Count} booking(s) on {date:yyyy-MM-dd}. "
                        + "To close the day and cancel them, telling each citizen, ask again with cancelBookings=true.");

                // Every slot of the day is written with no places, so a decision taking one at this moment is retried and refused.
                var stored = await db.StoredSlotsAsync(site.Id, date, ct);
                foreach (var slot in SiteDay.Slots(site, date, stored))
                {
                    slot.Close();
                    if (!db.Slots.Local.Contains(slot)) db.Slots.Add(slot);
                }
                site.ClosedDays.Add(new ClosedDay { SiteId = site.Id, Date = date });
                foreach (var bookingId in held) db.Raise(new BookingCancelledBySite(bookingId, site.Id, date));
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
