using System.Text.Json.Serialization;
using FluentValidation;
using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Time;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Contracts;
using KVaccine.Modules.User.Citizens;
using KVaccine.Modules.User.Contracts;
using KVaccine.Modules.User.Integration;
using KVaccine.Modules.User.Notifications;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.User.Bookings;

/// <summary>
/// <c>POST /user/move</c>: the citizen moves their reserved second dose to another date of its interval (and slot) at
/// the same site. Reservation takes the new place and frees the old one in one step; the request waits for its
/// answer up to <c>User:Booking:ConfirmWaitMs</c>: 200 moved, 409 refused (it stays where it was), else 202.
/// </summary>
internal static class MoveAppointment
{
    public static void Map(IEndpointRouteBuilder user) =>
        user.MapPost("/move", (Command command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .WithOverloadBudget(Overload.Booking)
            .WithIdempotency("user/move", (Command c) => c with { UserName = CitizenMeaning.Name(c.UserName), UserRegNumber = CitizenMeaning.RegNumber(c.UserRegNumber) })
            .WithName("MoveAppointment")
            .WithSummary("Moves the second dose to another date of its interval: 200 once moved, 409 if it cannot be (it stays where it was), 202 while Reservation has not answered.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public sealed record Command(string? UserName, string? UserRegNumber, string? ReserveDate, string? SlotTime = null, int? DoseNumber = null)
        : ICitizenRequest, IRequest<Results<Ok<BookingResponse>, Accepted<BookingResponse>, ProblemHttpResult, ProblemAnswer>>
    {
        /// <summary>Set by a page where the citizen signed in; never read from a body.</summary>
        [JsonIgnore]
        public SignedInCitizen? SignedIn { get; init; }

        /// <summary><c>ko</c> or <c>en</c>: what the citizen's notifications are written in from now on (Korean if never asked).</summary>
        public string? Language { get; init; }
    }

    internal sealed class Validator : CitizenRequestValidator<Command>
    {
        public Validator(LocalCalendar calendar) : base(calendar)
        {
            RuleFor(x => x.ReserveDate).Must(d => Bookings.ReserveDate.TryParseDate(d, out _), Shape.Date).WithMessage("Give the date as YYYY-MM-DD.");
            RuleFor(x => x.SlotTime).Must(t => t is null || Bookings.ReserveDate.TryParseTime(t, out _), Shape.Time).WithMessage("Give the slot's time as HH:mm, as the site's slots list it.");
            RuleFor(x => x.DoseNumber).Must(d => d is null or 2).WithMessage("Only a second dose is moved (doseNumber 2); a first dose is cancelled and booked again.");
        }
    }

    internal sealed class Handler(UserDbContext db, CitizenIdentification identification, NotificationText text, WaitingRequests<BookingResponse> answers, LocalCalendar calendar, IOptions<BookingOptions> options)
        : IRequestHandler<Command, Results<Ok<BookingResponse>, Accepted<BookingResponse>, ProblemHttpResult, ProblemAnswer>>
    {
        public async Task<Results<Ok<BookingResponse>, Accepted<BookingResponse>, ProblemHttpResult, ProblemAnswer>> Handle(Command request, CancellationToken ct)
        {
            Bookings.ReserveDate.TryParseDate(request.ReserveDate, out var date);
            TimeOnly? slotTime = Bookings.ReserveDate.TryParseTime(request.SlotTime, out var time) ? time : null;
            var identified = await identification.IdentifyAsync(request, registering: false, ct);
            if (identified.Citizen is not { } citizen) return identified.Refusal!;
            if (citizen.Bookings.Where(b => b.DoseNumber == 2 && b.IsActive).MaxBy(b => b.RequestedAt) is not { } booking)
                return CannotMove("You hold no booking of a second dose to move. Book one with doseNumber 2.");
            if (booking.CannotMoveTo(date, calendar.Today) is { } refusal) return CannotMove(refusal);

            booking.RequestMove(date, slotTime, calendar.Today);
            db.Raise(new AppointmentMoveRequested(booking.Id, booking.SiteId, booking.DoseNumber, date, slotTime, booking.EarliestDate, booking.LatestDate));
            // Registered before the save: Reservation's answer cannot come before the request is committed.
            using var waiter = answers.Register(booking.Id);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return CannotMove("Your second dose changed while you were moving it. Please check its status and try again.");
            }

            await waiter.WaitAsync(TimeSpan.FromMilliseconds(options.Value.ConfirmWaitMs), ct);
            var now = await db.CommittedBookingAsync(booking.Id, ct);
            if (now.MovingTo is not null) return TypedResults.Accepted("/user/status", BookingResponse.Of(now));
            if (now.MoveRefused is { } reason)
                return CannotMove($"Your second dose could not be moved to {date:yyyy-MM-dd} ({text.In(CitizenLanguage.English, t => NotificationText.Reason(t, reason))}); it stays {now.Where}.");
            // Cancelled or rejected while the move was under way: nothing is held to have moved.
            return now.Status == BookingStatus.RESERVE && now.ReserveDate == date
                ? TypedResults.Ok(BookingResponse.Of(now))
                : CannotMove($"Your second dose is {now.Status} now{(now.Reason is null ? "" : $" ({now.Reason})")}, so it was not moved.");
        }

        private static ProblemHttpResult CannotMove(string detail) =>
            TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The appointment cannot be moved.", detail: detail);
    }
}
