using System.Security.Claims;
using FluentValidation;
using KVaccine.BuildingBlocks.Time;
using KVaccine.Modules.User.Citizens;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.User.Registration;

/// <summary>
/// <c>POST /admin/citizens/lookup</c>: what the service holds of an RRN, for the Admin who has the citizen's ID card
/// in front of them: the registered name, the wrong names counted and any lock, and every correction made. The RRN
/// comes in the body, never the URL.
/// </summary>
internal static class RegistrationRecord
{
    public static void Map(IEndpointRouteBuilder admin) =>
        admin.MapPost("/lookup", (Query query, IMediator mediator, CancellationToken ct) => mediator.Send(query, ct))
            .WithName("LookUpRegistration")
            .WithSummary("The registration of an RRN: its name, its lock, and the corrections made to it.")
            .ProducesValidationProblem();

    public sealed record Query(string? UserRegNumber) : IRequest<Ok<Record>>;

    public sealed record Record(bool Registered, long? UserId, string? UserName, string MaskedRegNumber, int WrongNames, DateTimeOffset? LockedUntil,
        IReadOnlyList<Correction> Corrections);

    public sealed record Correction(CorrectionAction Action, string? PreviousName, string? NewName, string Reason, string Staff, DateTimeOffset At);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator(LocalCalendar calendar) => RuleFor(x => x.UserRegNumber).RegNumber(calendar);
    }

    internal sealed class Handler(UserDbContext db, RegNumberHasher hasher, LocalCalendar calendar) : IRequestHandler<Query, Ok<Record>>
    {
        public async Task<Ok<Record>> Handle(Query request, CancellationToken ct) =>
            TypedResults.Ok(await db.RecordOfAsync(hasher, calendar, IdentityRules.ParseRegNumber(request.UserRegNumber), ct));
    }

    public static async Task<Record> RecordOfAsync(this UserDbContext db, RegNumberHasher hasher, LocalCalendar calendar, RegNumber regNumber, CancellationToken ct)
    {
        var hash = hasher.Hash(regNumber);
        var citizen = await db.Citizens.AsNoTracking().SingleOrDefaultAsync(c => c.RegNumberHash == hash, ct);
        var held = await db.IdentityLocks.AsNoTracking().SingleOrDefaultAsync(l => l.RegNumberHash == hash, ct);
        var corrections = await db.IdentityCorrections.AsNoTracking().Where(c => c.RegNumberHash == hash).OrderBy(c => c.Id)
            .Select(c => new Correction(c.Action, c.PreviousName, c.NewName, c.Reason, c.Staff, c.At)).ToListAsync(ct);
        var locked = held is not null && held.IsLocked(calendar.Now);
        return new Record(citizen is not null, citizen?.Id, citizen?.Name, regNumber.Masked, locked ? 0 : held?.WrongNames ?? 0,
            locked ? held!.LockedUntil : null, corrections);
    }

    /// <summary>Who made a correction: the staff token's subject.</summary>
    public static string StaffOf(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") ?? user.Identity?.Name ?? "unknown";
}
