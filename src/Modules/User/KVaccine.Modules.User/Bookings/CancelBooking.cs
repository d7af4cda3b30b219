using FluentValidation;
using KVaccine.BuildingBlocks.Modules;
using KVaccine.Modules.User.Citizens;
using KVaccine.Modules.User.Contracts;
using KVaccine.Modules.User.Notifications;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.User.Bookings;

/// <summary>
/// <c>POST /user/cancel</c>: the citizen cancels their active booking. It is CANCEL at once; Reservation frees the
/// place and Hospital returns the dose through the outbox.
/// </summary>
internal static class CancelBooking
{
    public sealed record Command(string? UserName, string? UserRegNumber) : IRequest<Results<Ok<BookingResponse>, ProblemHttpResult>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.UserName).CitizenName();
            RuleFor(x => x.UserRegNumber).RegNumber();
        }
    }

    internal sealed class Handler(UserDbContext db, RegNumberHasher hasher, Notifier notifier, LocalCalendar calendar)
        : IRequestHandler<Command, Results<Ok<BookingResponse>, ProblemHttpResult>>
    {
        public async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> Handle(Command request, CancellationToken ct)
        {
            var citizen = await db.FindCitizenAsync(hasher, request.UserName!, request.UserRegNumber!, ct);
            if (citizen is null) return BookingStatus.NotFound();
            if (citizen.Active is not { } booking)
            {
                var detail = citizen.Current?.Status == ReserveStatus.INJECT
                    ? "Your vaccination has already been given; there is nothing to cancel."
                    : "You hold no booking to cancel.";
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing to cancel.", detail: detail);
            }

            booking.Cancel(calendar.Today);
            notifier.Notify(booking, $"{citizen.Name}, your vaccination booking for {booking.ReserveDate:yyyy-MM-dd} is cancelled.");
            db.Raise(new BookingCancelled(booking.Id, citizen.Id, calendar.Today));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Your booking just changed.",
                    detail: "Your booking was updated while you were cancelling it. Please check its status and try again.");
            }
            return TypedResults.Ok(new BookingResponse(citizen.Id, booking.ReserveDate, booking.Status, booking.Reason));
        }
    }
}
