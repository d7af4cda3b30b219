using KVaccine.BuildingBlocks.Web;
using KVaccine.Contracts;
using KVaccine.Modules.Reservation.Contracts;
using KVaccine.Modules.User.Bookings;
using KVaccine.Pages;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KVaccine.Modules.User.Pages;

/// <summary>
/// <c>/book</c>: a site (by region), a date with places left, a slot, then book, each step a link or a form so it
/// works without JavaScript. For a second dose: its first dose's site and the days of its interval; a second dose
/// already booked is moved instead.
/// </summary>
[Authorize(AuthenticationSchemes = CitizenCookie.Scheme)]
[Overload.OverloadBudget(Overload.Dates, Posts = Overload.Booking)]
internal sealed class BookPage(IMediator mediator, IStringLocalizer<CitizenText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? SiteId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReserveDate { get; set; }

    [BindProperty(SupportsGet = true)]
    public int DoseNumber { get; set; } = 1;

    [BindProperty]
    public string? SlotTime { get; set; }

    public IReadOnlyList<SiteInfo> Sites { get; private set; } = [];

    public SiteInfo? Site { get; private set; }

    public IReadOnlyList<AvailableDate> Dates { get; private set; } = [];

    public IReadOnlyList<AvailableSlot> Slots { get; private set; } = [];

    /// <summary>The second dose due, when that is what is booked: its days, and whether it is booked already (then it is moved).</summary>
    public CitizenStatus.NextDoseResponse? SecondDose { get; private set; }

    public IReadOnlyList<string> Regions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var citizen = CitizenCookie.Of(User);
        await LoadStatusAsync(ct);
        // Without a time the API books the first free one; a page always asks.
        if (string.IsNullOrEmpty(SlotTime))
        {
            ModelState.AddModelError(nameof(SlotTime), text["Choose a time."]);
            return await RefusedAsync(StatusCodes.Status400BadRequest, ct);
        }
        if (DoseNumber == 2 && SecondDose is { Booked: true })
        {
            var moved = await this.SendAsync(mediator, new MoveAppointment.Command(null, null, ReserveDate, SlotTime, 2) { SignedIn = citizen, Language = CitizenText.Language }, text, ct);
            var (answer, status) = this.Answer<BookingResponse>(moved?.Result, text);
            if (answer is not null) return RedirectToPage("/Appointments", new { done = status == StatusCodes.Status202Accepted ? "pending" : "moved" });
            return await RefusedAsync(status, ct);
        }

        var booked = await this.SendAsync(mediator, new ReserveDate.Command(null, null, ReserveDate, SiteId, SlotTime, DoseNumber) { SignedIn = citizen, Language = CitizenText.Language }, text, ct);
        var (booking, code) = this.Answer<BookingResponse>(booked?.Result, text);
        if (booking is null) return await RefusedAsync(code, ct);
        return booking.ReserveStatus switch
        {
            BookingStatus.RESERVE => RedirectToPage("/Appointments", new { done = "booked" }),
            BookingStatus.PENDING => RedirectToPage("/Appointments", new { done = "pending" }),
            // Reservation said no (the last place went a moment ago): say why here, with the choices as they are now.
            _ => await RefusedAsync(StatusCodes.Status409Conflict, ct, CitizenText.Reason(text, booking.Reason)),
        };
    }

    private async Task<IActionResult> RefusedAsync(int status, CancellationToken ct, string? why = null)
    {
        if (why is not null) ModelState.AddModelError(string.Empty, why);
        Response.StatusCode = status;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Only a second dose depends on the citizen's record (its site and days); a first dose's steps are everyone's, and ask nothing of it.</summary>
    private async Task LoadStatusAsync(CancellationToken ct)
    {
        if (DoseNumber != 2) return;
        var result = await mediator.Send(new CitizenStatus.Query(null, null) { SignedIn = CitizenCookie.Of(User) }, ct);
        if (result.Result is Ok<CitizenStatus.StatusResponse> { Value: { } status })
        {
            SecondDose = status.NextDose;
            // A second dose is given where the first was.
            if (status.Appointments.FirstOrDefault(a => a.DoseNumber == 1 && a.ReserveStatus != BookingStatus.CANCEL) is { } first) SiteId = first.SiteId;
        }
    }

    /// <summary>The step the query has reached: the sites, a site's dates, a date's slots. Asked of Reservation as the REST routes ask.</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        if (SecondDose is null) await LoadStatusAsync(ct);
        Site = SiteId is { } chosen ? await mediator.Send(new Bookings.Sites.SiteQuery(chosen), ct) : null;
        if (Site is null)
        {
            var all = (await mediator.Send(new Bookings.Sites.ListQuery(null), ct)).Value ?? [];
            Regions = all.Select(s => s.Region).Distinct().Order().ToList();
            Sites = all.Where(s => string.IsNullOrEmpty(Region) || s.Region == Region).ToList();
            return;
        }

        var dates = await this.SendAsync(mediator, new Bookings.Sites.DatesQuery(Site.SiteId, DoseNumber), text, ct);
        Dates = (dates?.Result as Ok<IReadOnlyList<AvailableDate>>)?.Value ?? [];
        if (SecondDose is { } due) Dates = Dates.Where(d => d.ReserveDate >= due.EarliestDate && d.ReserveDate <= due.LatestDate).ToList();
        if (ReserveDate is null) return;

        var slots = await this.SendAsync(mediator, new Bookings.Sites.SlotsQuery(Site.SiteId, ReserveDate, DoseNumber), text, ct);
        Slots = (slots?.Result as Ok<IReadOnlyList<AvailableSlot>>)?.Value ?? [];
    }

    private string? _here;

    /// <summary>The link to a step, keeping what was chosen before it; a date's is this step's with the date added (the page lists dozens).</summary>
    public string Link(int? siteId = null, string? date = null)
    {
        if (siteId is not null) return LinkTo(siteId);
        _here ??= LinkTo(SiteId);
        return date is null ? _here : $"{_here}{(_here.Contains('?') ? '&' : '?')}reserveDate={Uri.EscapeDataString(date)}";
    }

    private string LinkTo(int? siteId) =>
        "/book" + QueryString.Create(new Dictionary<string, string?>
        {
            ["doseNumber"] = DoseNumber == 2 ? "2" : null,
            ["region"] = string.IsNullOrEmpty(Region) ? null : Region,
            ["siteId"] = siteId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => p.Value is not null)).ToString();
}
