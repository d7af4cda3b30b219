using KVaccine.BuildingBlocks.Settings;
using KVaccine.Modules.Dashboard.Views;
using KVaccine.Pages;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Dashboard.Pages;

/// <summary>
/// <c>/dashboard/bookings</c>: every booking (or one vaccine type's) a page at a time, by booking id, through the
/// same use case as <c>GET /dashboard/list?limit=&amp;after=</c>: pages by key, right while bookings are added.
/// </summary>
[Authorize(AuthenticationSchemes = StaffCookie.Scheme, Roles = StaffCookie.AnyStaffRole)]
internal sealed class BookingsPage(IMediator mediator, IStringLocalizer<DashboardText> text, IOptions<VaccineTypes> known) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? VaccineType { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Limit { get; set; }

    public IReadOnlyList<string> VaccineTypes => known.Value.All;

    public List<DashboardList.Row> Rows { get; private set; } = [];

    /// <summary>The booking id the next page starts after; null on the last page.</summary>
    public long? NextAfter { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(VaccineType)) VaccineType = null; // the filter's "every type"
        var listing = await this.SendAsync(mediator, new DashboardList.Query(VaccineType, After, Limit ?? PageSize), text, ct);
        if (listing is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await foreach (var row in listing.Rows.WithCancellation(ct)) Rows.Add(row);
        NextAfter = listing.NextAfter;
        return Page();
    }
}
