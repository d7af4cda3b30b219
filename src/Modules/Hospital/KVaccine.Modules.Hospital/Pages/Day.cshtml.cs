using KVaccine.BuildingBlocks.Time;
using KVaccine.Modules.Hospital.Bookings;
using KVaccine.Modules.Reservation.Contracts;
using KVaccine.Pages;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KVaccine.Modules.Hospital.Pages;

/// <summary>
/// <c>/hospital</c>: the day's appointments at the signed-in member's site (every site for an Admin), by slot,
/// narrowed by a name or the masked RRN. The search is a POST, so nothing typed into it reaches a URL.
/// </summary>
[Authorize(AuthenticationSchemes = StaffCookie.Scheme, Roles = StaffCookie.AnyStaffRole)]
internal sealed class DayPage(IMediator mediator, IStringLocalizer<HospitalText> text, LocalCalendar calendar, IAvailableDates reservation) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Date { get; set; }

    /// <summary>A name, or the first seven digits of an RRN: only those are ever compared or shown again.</summary>
    [BindProperty]
    public string? Search { get; set; }

    /// <summary>What the page just did, from the redirect after it: injected, reported.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public DateOnly Day { get; private set; }

    public DateOnly Today => calendar.Today;

    /// <summary>The member's site; null for an Admin, who sees every site.</summary>
    public string? SiteName { get; private set; }

    public List<BookingsOfTheDay.Row> Rows { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostSearchAsync(CancellationToken ct)
    {
        Search = DaySearch.Normalize(Search);
        ModelState.Remove(nameof(Search)); // else the field shows what was posted, a full RRN included
        return LoadAsync(ct);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var result = await this.SendAsync(mediator, new BookingsOfTheDay.Query(Date, StaffCookie.SiteOf(User)), text, ct);
        Day = BookingsOfTheDay.DayOf(Date, calendar);
        if (StaffCookie.SiteOf(User) is { } site) SiteName = (await reservation.SiteAsync(site, ct))?.Name ?? text["Site {0}", site];
        if (result?.Value is { } rows) Rows = rows.Where(r => DaySearch.Matches(r, Search)).ToList();
        else Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status400BadRequest;
        return Page();
    }
}
