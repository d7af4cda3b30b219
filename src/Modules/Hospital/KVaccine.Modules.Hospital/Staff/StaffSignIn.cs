using FluentValidation;
using KVaccine.BuildingBlocks.Time;
using KVaccine.BuildingBlocks.Web;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Hospital.Staff;

/// <summary>
/// A member of staff signs in on a page with user name and password. A wrong name and a wrong password are refused
/// alike (and take as long: an unknown name's password is checked against a hash too), so that the refusal does not
/// tell which accounts exist; wrong passwords count towards the account's lock.
/// </summary>
internal static class StaffSignIn
{
    public sealed record Command(string? UserName, string? Password) : IRequest<Outcome>;

    public sealed record Outcome(StaffAccount? SignedIn, ProblemDetails? Refusal);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.UserName).NotEmpty().WithMessage("Give your user name.").MaximumLength(StaffAccountRules.MaxUserName);
            RuleFor(x => x.Password).NotEmpty().WithMessage("Give your password.").MaximumLength(StaffAccountRules.MaxPassword);
        }
    }

    internal sealed class Handler(HospitalDbContext db, IPasswordHasher<StaffAccount> hasher, LocalCalendar calendar) : IRequestHandler<Command, Outcome>
    {
        // A hash to check an unknown name's password against, so that it takes as long as a known one's.
        private static readonly Lazy<string> Decoy = new(() => new PasswordHasher<StaffAccount>().HashPassword(null!, Guid.NewGuid().ToString()));

        public async Task<Outcome> Handle(Command request, CancellationToken ct)
        {
            var now = calendar.Now;
            var name = StaffAccount.Normalize(request.UserName!);
            var account = await db.StaffAccounts.SingleOrDefaultAsync(a => a.UserName == name, ct);
            if (account is null)
            {
                hasher.VerifyHashedPassword(null!, Decoy.Value, request.Password!);
                return Refused(WrongPassword);
            }
            if (account.IsLocked(now)) return Refused(Locked(account, calendar));

            var verdict = hasher.VerifyHashedPassword(account, account.PasswordHash, request.Password!);
            if (verdict == PasswordVerificationResult.Failed)
            {
                account.FailedSignIn(now);
                await db.SaveChangesAsync(ct);
                return Refused(account.IsLocked(now) ? Locked(account, calendar) : WrongPassword);
            }
            if (verdict == PasswordVerificationResult.SuccessRehashNeeded) account.SetPasswordHash(hasher.HashPassword(account, request.Password!));
            account.SignedIn();
            await db.SaveChangesAsync(ct);
            return new Outcome(account, null);
        }

        private static Outcome Refused(ProblemDetails problem) => new(null, problem);
    }

    private static ProblemDetails WrongPassword => new()
    {
        Status = StatusCodes.Status401Unauthorized,
        Title = "The user name or the password is wrong.",
        Detail = $"After {StaffAccount.MaxFailedSignIns} wrong passwords in a row the account is locked for {StaffAccount.LockoutTime.TotalMinutes:0} minutes.",
    };

    private static ProblemDetails Locked(StaffAccount account, LocalCalendar calendar) => new()
    {
        Status = StatusCodes.Status429TooManyRequests,
        Title = "This account is locked after repeated wrong passwords.",
        Detail = $"Try again after {calendar.WallClock(account.LockedUntil!.Value)}, or ask an Admin to unlock it.",
    };
}
