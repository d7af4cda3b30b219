using KVaccine.BuildingBlocks.Time;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Modules.Hospital.Staff;
using KVaccine.Modules.Reservation.Contracts;
using KVaccine.Pages;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KVaccine.Modules.Hospital.Pages;

/// <summary>
/// <c>/staff/accounts</c>, for an Admin: every account with its role, site and lock; a new account for a member of
/// staff at a site or another Admin (<see cref="CreateStaffAccount"/>); a lock lifted (<see cref="StaffAccounts.Unlock"/>).
/// </summary>
[Authorize(AuthenticationSchemes = StaffCookie.Scheme, Roles = StaffPolicies.AdminRole)]
internal sealed class AccountsPage(IMediator mediator, IStringLocalizer<HospitalText> text, IAvailableDates reservation, LocalCalendar calendar) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    /// <summary>Never written back into the page.</summary>
    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Role { get; set; } = nameof(StaffRole.HospitalStaff);

    [BindProperty]
    public int? SiteId { get; set; }

    /// <summary>What the page just did, from the redirect after it: created, unlocked.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public List<StaffAccounts.Row> Accounts { get; private set; } = [];

    public IReadOnlyList<SiteInfo> Sites { get; private set; } = [];

    public string? SiteName(int? siteId) => siteId is null ? null : Sites.FirstOrDefault(s => s.SiteId == siteId)?.Name ?? text["Site {0}", siteId];

    public string WallClock(DateTimeOffset instant) => calendar.WallClock(instant);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var outcome = await this.SendAsync(mediator, new CreateStaffAccount.Command(UserName, Password, Role, SiteId), text, ct);
        if (outcome?.Created is not null) return RedirectToPage(new { done = "created" });
        Response.StatusCode = outcome?.Refusal is { } refusal ? this.Refused(refusal, text) : StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostUnlockAsync(long id, CancellationToken ct)
    {
        if (await mediator.Send(new StaffAccounts.Unlock(id), ct)) return RedirectToPage(new { done = "unlocked" });
        ModelState.AddModelError(string.Empty, text["There is no such account."]);
        Response.StatusCode = StatusCodes.Status404NotFound;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Accounts = await mediator.Send(new StaffAccounts.Query(), ct);
        Sites = await reservation.SitesAsync(region: null, ct);
    }
}
