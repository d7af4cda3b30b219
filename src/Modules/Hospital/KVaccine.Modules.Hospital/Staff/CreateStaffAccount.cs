using FluentValidation;
using KVaccine.BuildingBlocks.Time;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Modules.Reservation.Contracts;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Hospital.Staff;

/// <summary>
/// An account for a member of staff (at a site) or an Admin (at none): by the host's <c>staff</c> command for the
/// first Admin, then by an Admin on the accounts page. The site is checked against Reservation's sites.
/// </summary>
internal static class CreateStaffAccount
{
    public sealed record Command(string? UserName, string? Password, string? Role, int? SiteId) : IRequest<Outcome>;

    /// <summary>The account made, or why not.</summary>
    public sealed record Outcome(StaffAccount? Created, ProblemDetails? Refusal);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.UserName).StaffUserName();
            RuleFor(x => x.Password).StaffPassword();
            RuleFor(x => x.Role).NotEmpty().WithMessage("Choose a role.")
                .IsEnumName(typeof(StaffRole), caseSensitive: true).WithMessage($"The role is {string.Join(" or ", Enum.GetNames<StaffRole>())}.");
            RuleFor(x => x.SiteId).NotNull().WithMessage("Hospital staff work at a site: choose it.").GreaterThan(0)
                .When(x => x.Role == nameof(StaffRole.HospitalStaff));
            RuleFor(x => x.SiteId).Null().WithMessage("An Admin works at every site: choose none.")
                .When(x => x.Role == nameof(StaffRole.Admin));
        }
    }

    internal sealed class Handler(HospitalDbContext db, IPasswordHasher<StaffAccount> hasher, IAvailableDates sites, LocalCalendar calendar)
        : IRequestHandler<Command, Outcome>
    {
        public async Task<Outcome> Handle(Command request, CancellationToken ct)
        {
            var role = Enum.Parse<StaffRole>(request.Role!);
            if (request.SiteId is { } siteId && await sites.SiteAsync(siteId, ct) is null)
                return Refused(StatusCodes.Status400BadRequest, "There is no such site.", $"No site has the id {siteId}.");
            var name = StaffAccount.Normalize(request.UserName!);
            if (await db.StaffAccounts.AnyAsync(a => a.UserName == name, ct))
                return Refused(StatusCodes.Status409Conflict, "This user name is taken.", "Choose another user name.");

            var account = new StaffAccount(name, role, request.SiteId, calendar.Now);
            account.SetPasswordHash(hasher.HashPassword(account, request.Password!));
            db.StaffAccounts.Add(account);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The unique index decided a race between two Admins choosing the same name.
                db.ChangeTracker.Clear();
                if (await db.StaffAccounts.AnyAsync(a => a.UserName == name, CancellationToken.None))
                    return Refused(StatusCodes.Status409Conflict, "This user name is taken.", "Choose another user name.");
                throw;
            }
            return new Outcome(account, null);
        }

        private static Outcome Refused(int status, string title, string detail) => new(null, new ProblemDetails { Status = status, Title = title, Detail = detail });
    }
}
