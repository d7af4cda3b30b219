using System.Globalization;
using System.Text.Json.Serialization;
using FluentValidation;
using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Time;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Contracts;
using KVaccine.Modules.Hospital.Contracts;
using KVaccine.Modules.User.Contracts;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Hospital.Bookings;

/// <summary>
/// <c>POST /hospital/inject</c>: staff record that the citizen was injected, on the booked day. The hospital reports
/// it to User, which owns the booking's status and records it unless the citizen cancelled first; the request
/// waits for that answer up to <c>Hospital:ConfirmWaitMs</c>: 200 recorded, 409 refused, else 202 (recorded when
/// User applies it).
/// </summary>
internal static class Inject
{
    public static void Map(IEndpointRouteBuilder hospital) =>
        hospital.MapPost("/inject", (Command command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .WithOverloadBudget(Overload.Injection)
            .WithIdempotency("hospital/inject")
            .WithName("Inject")
            .WithSummary("Records the injection of a booked citizen, on the booked day: 200 once User has recorded it, 202 while it has not yet.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public sealed record Command(long? UserId) : IRequest<Results<Ok<InjectionResponse>, Accepted<InjectionResponse>, ProblemHttpResult>>
    {
        /// <summary>Set by a page for a member of staff of one site, who records injections there only; never read from a body.</summary>
        [JsonIgnore]
        public int? AtSite { get; init; }
    }

    public sealed record InjectionResponse(long UserId, long BookingId, string VaccineType, DateOnly InjectDate, BookingStatus ReserveStatus);

    /// <summary>User's answer to a reported injection: null refusal when it is recorded.</summary>
    public sealed record Outcome(string? Refusal);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.UserId).NotNull().WithMessage("Give the citizen's userId.").GreaterThan(0);
    }

    internal sealed class Handler(HospitalDbContext db, LocalCalendar calendar, WaitingRequests<Outcome> outcomes, IOptions<HospitalOptions> options)
        : IRequestHandler<Command, Results<Ok<InjectionResponse>, Accepted<InjectionResponse>, ProblemHttpResult>>
    {
        public async Task<Results<Ok<InjectionResponse>, Accepted<InjectionResponse>, ProblemHttpResult>> Handle(Command request, CancellationToken ct)
        {
            var today = calendar.Today;
            // The citizen's booking due today, if one is; else the latest, whose refusal says why it cannot be injected.
            var booking = await db.Bookings.AsNoTracking()
                .Where(b => b.UserId == request.UserId && (request.AtSite == null || b.SiteId == request.AtSite))
                .OrderByDescending(b => b.ReserveDate == today && b.Status == BookingStatus.RESERVE)
                .ThenByDescending(b => b.BookingId)
                .FirstOrDefaultAsync(ct);
            if (booking is null)
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No booking at this hospital.",
                    detail: $"The hospital holds no booking for user {request.UserId}.");

            if (booking.CannotInject(today) is { } refusal) return Refused(refusal);

            using var waiter = outcomes.Register(booking.BookingId);
            db.Raise(new InjectionReported(booking.BookingId, booking.VaccineType!, today));
            await db.SaveChangesAsync(ct);

            var outcome = await waiter.WaitAsync(TimeSpan.FromMilliseconds(options.Value.ConfirmWaitMs), ct);
            if (outcome?.Refusal is { } refused) return Refused(refused);
            return outcome is null
                ? TypedResults.Accepted("/hospital/bookings", new InjectionResponse(booking.UserId, booking.BookingId, booking.VaccineType!, today, booking.Status))
                : TypedResults.Ok(new InjectionResponse(booking.UserId, booking.BookingId, booking.VaccineType!, today, BookingStatus.INJECT));
        }

        private static ProblemHttpResult Refused(string detail) =>
            TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The injection cannot be recorded.", detail: detail);
    }

    /// <summary>
    /// Hands User's answer to the waiting request once the hospital's copy of the booking shows it: in this host, or
    /// in the host the request came to (hosts sharing a PostgreSQL database), told by <see cref="OnOtherHosts"/>.
    /// </summary>
    internal sealed class Outcomes(HospitalDbContext db, WaitingRequests<Outcome> outcomes) :
        INotificationHandler<BookingStatusChanged>,
        INotificationHandler<InjectionRefused>,
        IWantsOnly<BookingStatusChanged>
    {
        public static bool Wants(BookingStatusChanged e) => e.Status == BookingStatus.INJECT;

        public Task Handle(BookingStatusChanged e, CancellationToken ct)
        {
            Tell(e.BookingId, new Outcome(Refusal: null));
            return Task.CompletedTask;
        }

        public Task Handle(InjectionRefused e, CancellationToken ct)
        {
            Tell(e.BookingId, new Outcome(e.Reason));
            return Task.CompletedTask;
        }

        private void Tell(long bookingId, Outcome outcome)
        {
            db.AfterCommit(() => outcomes.Complete(bookingId, outcome));
            db.TellOtherHosts(OnOtherHosts.NoticeChannel, OnOtherHosts.Payload(bookingId, outcome));
        }
    }

    /// <summary>An injection's outcome applied by another host, for the request waiting for it in this one.</summary>
    internal sealed class OnOtherHosts(WaitingRequests<Outcome> outcomes) : IHostNoticeHandler
    {
        public const string NoticeChannel = "kvaccine_injected";

        public string Channel => NoticeChannel;

        // The booking's id, and the refusal's reason after a colon: no personal data.
        public static string Payload(long bookingId, Outcome outcome) =>
            outcome.Refusal is null ? bookingId.ToString(CultureInfo.InvariantCulture) : $"{bookingId.ToString(CultureInfo.InvariantCulture)}:{outcome.Refusal}";

        public void Handle(string payload)
        {
            var split = payload.IndexOf(':', StringComparison.Ordinal);
            if (long.TryParse(split < 0 ? payload : payload[..split], NumberStyles.None, CultureInfo.InvariantCulture, out var bookingId))
                outcomes.Complete(bookingId, new Outcome(split < 0 ? null : payload[(split + 1)..]));
        }

        // A notice missed is no loss: the request answers 202 when its wait ends, and the hospital's list shows the outcome.
        public void Resync()
        {
        }
    }
}
