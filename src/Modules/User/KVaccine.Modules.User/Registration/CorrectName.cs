using System.Security.Claims;
using System.Text.Json.Serialization;
using FluentValidation;
using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.Time;
using KVaccine.Modules.User.Citizens;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace KVaccine.Modules.User.Registration;

/// <summary>
/// <c>POST /admin/citizens/name</c>: an Admin who has seen the citizen's ID card gives their RRN the name on it. This is
/// how a number someone else booked with becomes its owner's again: the booking made with it is theirs to keep or
/// cancel. The lock is lifted too; the correction is audited with the previous name, the reason and the Admin.
/// </summary>
internal static class CorrectName
{
    public static void Map(IEndpointRouteBuilder admin) =>
        admin.MapPost("/name", (Command command, ClaimsPrincipal staff, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Staff = RegistrationRecord.StaffOf(staff) }, ct))
            .WithIdempotency("admin/citizens/name")
            .WithName("CorrectRegisteredName")
            .WithSummary("Gives a registered RRN the name on the citizen's ID card, and lifts its lock. Audited.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    public sealed record Command(string? UserRegNumber, string? UserName, string? Reason) : IRequest<Results<Ok<RegistrationRecord.Record>, ProblemHttpResult>>
    {
        [JsonIgnore]
        public string Staff { get; init; } = "";
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(LocalCalendar calendar)
        {
            RuleFor(x => x.UserRegNumber).RegNumber(calendar);
            RuleFor(x => x.UserName).CitizenName();
            RuleFor(x => x.Reason).CorrectionReason();
        }
    }

    internal sealed class Handler(UserDbContext db, RegNumberHasher hasher, LocalCalendar calendar, ILogger<Command> logger)
        : IRequestHandler<Command, Results<Ok<RegistrationRecord.Record>, ProblemHttpResult>>
    {
        public async Task<Results<Ok<RegistrationRecord.Record>, ProblemHttpResult>> Handle(Command request, CancellationToken ct)
        {
            var regNumber = IdentityRules.ParseRegNumber(request.UserRegNumber);
            var hash = hasher.Hash(regNumber);
            var citizen = await db.CitizenWithBookingsAsync(hash, ct);
            if (citizen is null)
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "This RRN is not registered.",
                    detail: "No booking was ever made with it: the citizen can book under their own name.");

            var previous = citizen.Name;
            citizen.Rename(request.UserName!);
            (await db.IdentityLocks.FindAsync([hash], ct))?.Release(calendar.Now);
            db.IdentityCorrections.Add(new IdentityCorrection(hash, citizen.Id, CorrectionAction.NameCorrected, previous, citizen.Name,
                request.Reason!.Trim(), request.Staff, calendar.Now));
            await db.SaveChangesAsync(ct);
            logger.LogInformation("{Staff} corrected the registered name of citizen {UserId}", request.Staff, citizen.Id);
            return TypedResults.Ok(await db.RecordOfAsync(hasher, calendar, regNumber, ct));
        }
    }
}
