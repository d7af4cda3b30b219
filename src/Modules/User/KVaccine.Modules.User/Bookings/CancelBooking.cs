using System.Text.Json.Serialization;
using FluentValidation;
using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.Time;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Modules.User.Citizens;
using KVaccine.Modules.User.Notifications;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.User.Bookings;

/// <summary>
/// <c>POST /user/cancel</c>: the citizen cancels their active booking, or with <c>doseNumber</c> that dose's (a first
/// dose's cancellation cancels its second too). It is CANCEL at once; Reservation frees the place and Hospital
/// returns the dose when they see the change. The answer is the booking asked for.
/// </summary>
internal static class CancelBooking
{
    public static void Map(IEndpointRouteBuilder user) =>
        user.MapPost("/cancel", (Command command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .WithOverloadBudget(Overload.Booking)
            .WithIdempotency("user/cancel", (Command c) => c with { UserName = CitizenMeaning.Name(c.UserName), UserRegNumber = CitizenMeaning.RegNumber(c.UserRegNumber) })
            .WithName("CancelBooking")
            .WithSummary("Cancels the citizen's active booking.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public sealed record Command(string? UserName, string? UserRegNumber, int? DoseNumber = null) : ICitizenRequest, IRequest<Results<Ok<BookingResponse>, ProblemHttpResult, ProblemAnswer>>
    {
        /// <summary>Set by a page where the citizen signed in; never read from a body.</summary>
        [JsonIgnore]
        public SignedInCitizen? SignedIn { get; init; }

        /// <summary><c>ko</c> or <c>en</c>: what the citizen's notifications are written in from now on (Korean if never asked).</summary>
        public string? Language { get; init; }
    }

    internal sealed class Validator : CitizenRequestValidator<Command>
    {
        public Validator(LocalCalendar calendar) : base(calendar) =>
            RuleFor(x => x.DoseNumber).InclusiveBetween(1, 2).WithMessage("The dose number is 1 or 2.");
    }

    internal sealed class Handler(UserDbContext db, CitizenIdentification identification, Notifier notifier, LocalCalendar calendar)
        : IRequestHandler<Command, Results<Ok<BookingResponse>, ProblemHttpResult, ProblemAnswer>>
    {
        public async Task<Results<Ok<BookingResponse>, ProblemHttpResult, ProblemAnswer>> Handle(Command request, CancellationToken ct)
        {
            for (var attempt = 1; ; attempt++)
            {
                var identified = await identification.IdentifyAsync(request, registering: false, ct);
                if (identified.Citizen is not { } citizen) return identified.Refusal!;
                var (cancelled, refusal) = citizen.ToCancel(request.DoseNumber);
                if (refusal is not null) return NothingToCancel(refusal);

                foreach (var each in cancelled)
                {
                    each.Cancel(calendar.Today);
                    notifier.Notify(each, t => each.DoseNumber <= 1
                        ? t["{0}, your vaccination booking ({1}) is cancelled.", citizen.Name, each.Where]
                        : t["{0}, your second dose ({1}) is cancelled.", citizen.Name, each.Where]);
                }
                var booking = cancelled[0];
                try
                {
                    await db.SaveChangesAsync(ct);
                    return TypedResults.Ok(BookingResponse.Of(booking));
                }
                catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
                {
                    // The booking changed between our read and our write (its vaccine was assigned, the hospital's
                    // injection was recorded): decide again on what it is now.
                    db.ChangeTracker.Clear();
                }
                catch (DbUpdateConcurrencyException)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Your booking just changed.",
                        detail: "Your booking was updated while you were cancelling it. Please check its status and try again.");
                }
            }
        }

        private const int MaxAttempts = 3;

        private static ProblemHttpResult NothingToCancel(string detail) =>
            TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing to cancel.", detail: detail);
    }
}
