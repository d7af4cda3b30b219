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
/// <c>POST /admin/citizens/unlock</c>: an Admin who has seen the citizen's ID card opens an RRN locked by wrong names
/// before its time. Audited.
/// </summary>
internal static class UnlockRegNumber
{
    public static void Map(IEndpointRouteBuilder admin) =>
        admin.MapPost("/unlock", (Command command, ClaimsPrincipal staff, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Staff = RegistrationRecord.StaffOf(staff) }, ct))
            .WithIdempotency("admin/citizens/unlock")
            .WithName("UnlockRegNumber")
            .WithSummary("Lifts the lock that wrong names put on an RRN. Audited.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

    public sealed record Command(string? UserRegNumber, string? Reason) : IRequest<Results<Ok<RegistrationRecord.Record>, ProblemHttpResult>>
    {
        [JsonIgnore]
        public string Staff { get; init; } = "";
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(LocalCalendar calendar)
        {
            RuleFor(x => x.UserRegNumber).RegNumber(calendar);
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
            if (await db.IdentityLocks.FindAsync([hash], ct) is not { } held || !held.IsLocked(calendar.Now))
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "This RRN is not locked.", detail: "Nothing was changed.");

            held.Release(calendar.Now);
            var citizenId = (await db.CitizenWithBookingsAsync(hash, ct))?.Id;
            db.IdentityCorrections.Add(new IdentityCorrection(hash, citizenId, CorrectionAction.Unlocked, null, null, request.Reason!.Trim(), request.Staff, calendar.Now));
            await db.SaveChangesAsync(ct);
            logger.LogInformation("{Staff} unlocked the RRN of citizen {UserId}", request.Staff, citizenId);
            return TypedResults.Ok(await db.RecordOfAsync(hasher, calendar, regNumber, ct));
        }
    }
}
