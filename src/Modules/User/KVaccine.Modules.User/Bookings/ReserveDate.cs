using System.Globalization;
using System.Text.Json.Serialization;
using FluentValidation;
using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.BuildingBlocks.Settings;
using KVaccine.BuildingBlocks.Time;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Contracts;
using KVaccine.Modules.Reservation.Contracts;
using KVaccine.Modules.User.Citizens;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace KVaccine.Modules.User.Bookings;

/// <summary>
/// <c>POST /user/reserve</c>: the citizen books a site's date and slot; with only a date, as the original did, the
/// first slot of that date with a place at the default site. With <c>doseNumber: 2</c>, a second dose: at the first
/// dose's site, on a date of its interval (it is booked without asking once the first's vaccine is known; this is
/// for booking it again). The booking is saved PENDING, which announces it;
/// Reservation decides through the outbox. The request waits for the decision up to <c>User:Booking:ConfirmWaitMs</c>:
/// 201 once decided (RESERVE or REJECT), else 202 PENDING.
/// </summary>
internal static class ReserveDate
{
    public static void Map(IEndpointRouteBuilder user) =>
        user.MapPost("/reserve", (Command command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .WithOverloadBudget(Overload.Booking)
            .WithIdempotency("user/reserve", (Command c) => c with { UserName = CitizenMeaning.Name(c.UserName), UserRegNumber = CitizenMeaning.RegNumber(c.UserRegNumber) })
            .WithName("ReserveDate")
            .WithSummary("Books a date. 201 once Reservation has decided (RESERVE or REJECT), 202 while it is PENDING.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public sealed record Command(string? UserName, string? UserRegNumber, string? ReserveDate, int? SiteId = null, string? SlotTime = null, int? DoseNumber = null)
        : ICitizenRequest, IRequest<Results<Created<BookingResponse>, Accepted<BookingResponse>, ValidationProblem, ProblemHttpResult, ProblemAnswer>>
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
            RuleFor(x => x.ReserveDate)
                .Must(d => TryParseDate(d, out _), Shape.Date).WithMessage("Give the date as YYYY-MM-DD.");
            RuleFor(x => x.SiteId).GreaterThan(0).WithMessage("Give the id of a site, as GET /user/sites lists them.");
            RuleFor(x => x.SlotTime).Must(t => t is null || TryParseTime(t, out _), Shape.Time).WithMessage("Give the slot's time as HH:mm, as the site's slots list it.");
            RuleFor(x => x.DoseNumber).InclusiveBetween(1, 2).WithMessage("The dose number is 1 or 2.");
        }
    }

    public static bool TryParseDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryParseTime(string? value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    internal sealed class Handler(UserDbContext db, CitizenIdentification identification, WaitingRequests<BookingResponse> decisions, LocalCalendar calendar, IAvailableDates dates, DatesCircuit circuit, IOptions<BookingOptions> options, IOptions<VaccineSchedules> schedules)
        : IRequestHandler<Command, Results<Created<BookingResponse>, Accepted<BookingResponse>, ValidationProblem, ProblemHttpResult, ProblemAnswer>>
    {
        public async Task<Results<Created<BookingResponse>, Accepted<BookingResponse>, ValidationProblem, ProblemHttpResult, ProblemAnswer>> Handle(Command request, CancellationToken ct)
        {
            TryParseDate(request.ReserveDate, out var date);
            var dose = request.DoseNumber ?? 1;
            var siteId = request.SiteId ?? Appointment.DefaultSiteId;
            Citizen? known = null;
            if (dose > 1)
            {
                // A second dose is the first's to place: who the citizen is comes first.
                var found = await identification.IdentifyAsync(request, registering: false, ct);
                if (found.Citizen is not { } withFirst) return found.Refusal!;
                if (withFirst.SecondDoseRefusal(schedules.Value) is { } refusal) return CannotBook(refusal);
                known = withFirst;
                siteId = request.SiteId ?? withFirst.OfDose(1)!.SiteId;
            }
            // Reservation decides for good (the window moves at midnight); this only spares an obviously bad request.
            else if (!dates.Window.Contains(date))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["reserveDate"] = [$"Choose a date from {dates.Window.First:yyyy-MM-dd} to {dates.Window.Last:yyyy-MM-dd}."],
                });
            }
            var (appointment, site, wrong) = await AppointmentAsync(request, siteId, date, dose, ct);
            if (wrong is not null) return TypedResults.ValidationProblem(wrong);
            // Told before anything is written: none of the site's vaccines is for the citizen's age on the day.
            if (dose == 1 && site is not null && IdentityRules.BirthDateOf(request) is { } birthDate
                && schedules.Value.Eligible(site.VaccineTypes, birthDate, date).Count == 0)
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No vaccine at this site for your age.",
                    detail: schedules.Value.NotEligible(site.VaccineTypes, birthDate, date));

            Citizen citizen;
            if (known is not null) citizen = known;
            else
            {
                var identified = await identification.IdentifyAsync(request, registering: true, ct);
                if (identified.Citizen is null) return identified.Refusal!;
                citizen = identified.Citizen;
            }

            var attempt = dose == 1
                ? citizen.RequestBooking(appointment!, schedules.Value, calendar.Now)
                : citizen.RequestSecondDose(appointment!, schedules.Value, calendar.Now);
            if (attempt.Booking is not { } booking) return CannotBook(attempt.Refusal!);

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A second dose booked while its first was being cancelled: the cancellation wins, and this is asked again on what it left.
                return CannotBook("Your bookings changed while you were booking. Please check your status and try again.");
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
            {
                // The unique indexes caught a concurrent request for the same citizen: its outcome is the answer, in a moment. (A failing disk is no race: a 503.)
                return new ProblemAnswer(new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict, Title = "You cannot book now.", Detail = "Another booking request for you is being processed.",
                }, retryAfter: TimeSpan.FromSeconds(1));
            }

            var decided = await WaitForDecisionAsync(booking.Id, ct);
            return decided.ReserveStatus == BookingStatus.PENDING
                ? TypedResults.Accepted("/user/status", decided)
                : TypedResults.Created("/user/status", decided);
        }

        private static ProblemHttpResult CannotBook(string detail) =>
            TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "You cannot book now.", detail: detail);

        /// <summary>
        /// The site, date and slot asked for, once the calendar shows they exist: a site of that id, open on the date,
        /// with a slot at that time. Reservation decides for good; while it cannot be asked, the booking waits for it
        /// (and the site is null).
        /// </summary>
        private async Task<(Appointment? Appointment, SiteInfo? Site, Dictionary<string, string[]>? Wrong)> AppointmentAsync(Command request, int siteId, DateOnly date, int dose, CancellationToken ct)
        {
            TimeOnly? slotTime = TryParseTime(request.SlotTime, out var time) ? time : null;
            try
            {
                if (await circuit.AskAsync(dates, (c, t) => c.SiteAsync(siteId, t), ct) is not { } site)
                    return (null, null, Wrong("siteId", $"There is no site {siteId}. GET /user/sites lists them."));
                var slots = await circuit.AskAsync(dates, (c, t) => c.SlotsAsync(siteId, date, dose, t), ct) ?? [];
                if (slots.Count == 0)
                    return (null, null, Wrong("reserveDate", $"{site.Name} is not open on {date:yyyy-MM-dd} ({date.DayOfWeek}). Choose another date or site."));
                if (request.SlotTime is { } chosen && slots.All(s => s.SlotTime != chosen))
                    return (null, null, Wrong("slotTime", $"{site.Name} has no slot at {chosen} on {date:yyyy-MM-dd}. Its slots start at {string.Join(", ", slots.Select(s => s.SlotTime))}."));
                return (new Appointment(siteId, site.Name, date, slotTime), site, null);
            }
            catch (Exception e) when (e is ModuleUnavailableException or BrokenCircuitException or TimeoutRejectedException)
            {
                return (new Appointment(siteId, null, date, slotTime), null, null);
            }
        }

        private static Dictionary<string, string[]> Wrong(string field, string message) => new() { [field] = [message] };

        /// <summary>Reservation's decision, as soon as User has applied it; PENDING if it takes longer than <c>ConfirmWaitMs</c>.</summary>
        private async Task<BookingResponse> WaitForDecisionAsync(long bookingId, CancellationToken ct)
        {
            using var waiter = decisions.Register(bookingId);
            // A decision applied before the waiter was registered told nobody.
            var current = await db.CommittedBookingAsync(bookingId, ct);
            if (current.Status != BookingStatus.PENDING) return BookingResponse.Of(current);
            return await waiter.WaitAsync(TimeSpan.FromMilliseconds(options.Value.ConfirmWaitMs), ct)
                ?? BookingResponse.Of(await db.CommittedBookingAsync(bookingId, ct));
        }
    }
}
