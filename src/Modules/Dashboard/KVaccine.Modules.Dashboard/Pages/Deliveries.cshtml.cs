using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Time;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KVaccine.Modules.Dashboard.Pages;

/// <summary>
/// <c>/dashboard/deliveries</c>, for an Admin: the outbox's health per module (on or off, backlog, age of the oldest
/// pending delivery, dead letters), the deliveries waiting for a retry, and each dead letter with its error and a
/// replay button, through <see cref="OutboxAdministration"/> as <c>/admin/outbox</c> does.
/// </summary>
[Authorize(AuthenticationSchemes = StaffCookie.Scheme, Roles = StaffPolicies.AdminRole)]
internal sealed class DeliveriesPage(OutboxAdministration outbox, IStringLocalizer<DashboardText> text, LocalCalendar calendar) : PageModel
{
    public OutboxStatus Status { get; private set; } = null!;

    /// <summary>What the page just did, from the redirect after it: replayed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public string WallClock(DateTimeOffset instant) => calendar.WallClock(instant);

    public async Task OnGetAsync(CancellationToken ct) => Status = await outbox.StatusAsync(ct);

    public async Task<IActionResult> OnPostReplayAsync(long id, CancellationToken ct)
    {
        if (await outbox.ReplayAsync(id, ct)) return RedirectToPage(new { done = "replayed" });
        ModelState.AddModelError(string.Empty, text["This delivery is no longer a dead letter; it may have been replayed already."]);
        Response.StatusCode = StatusCodes.Status404NotFound;
        Status = await outbox.StatusAsync(ct);
        return Page();
    }
}
