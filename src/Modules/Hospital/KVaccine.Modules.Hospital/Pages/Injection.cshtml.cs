using KVaccine.Contracts;
using KVaccine.Modules.Hospital.Bookings;
using KVaccine.Pages;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KVaccine.Modules.Hospital.Pages;

/// <summary>
/// <c>/hospital/inject/{bookingId}</c>: one of today's appointments at the member's site, and the confirmation that
/// the citizen was injected. The confirmation is the use case <see cref="Inject"/>, limited to the member's site.
/// </summary>
[Authorize(AuthenticationSchemes = StaffCookie.Scheme, Roles = StaffCookie.AnyStaffRole)]
internal sealed class InjectionPage(IMediator mediator, IStringLocalizer<HospitalText> text) : PageModel
{
    public BookingsOfTheDay.Row? Booking { get; private set; }

    /// <summary>What the use case would refuse anyway, so the page offers no button it would refuse.</summary>
    public bool CanInject => Booking is { ReserveStatus: BookingStatus.RESERVE, VaccineType: not null };

    public async Task<IActionResult> OnGetAsync(long bookingId, CancellationToken ct)
    {
        await FindAsync(bookingId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long bookingId, CancellationToken ct)
    {
        if (!await FindAsync(bookingId, ct)) return Page();
        var result = await this.SendAsync(mediator, new Inject.Command(Booking!.UserId) { AtSite = StaffCookie.SiteOf(User) }, text, ct);
        var (recorded, status) = this.Answer<Inject.InjectionResponse>(result?.Result, text);
        if (recorded is not null) return RedirectToPage("/Day", new { done = status == StatusCodes.Status202Accepted ? "reported" : "injected" });
        Response.StatusCode = status;
        await FindAsync(bookingId, ct); // the booking as it stands after the refusal
        return Page();
    }

    /// <summary>Today's appointment with this number at the member's site (any site for an Admin).</summary>
    private async Task<bool> FindAsync(long bookingId, CancellationToken ct)
    {
        var today = await mediator.Send(new BookingsOfTheDay.Query(null, StaffCookie.SiteOf(User)), ct);
        Booking = today.Value!.FirstOrDefault(r => r.BookingId == bookingId);
        if (Booking is not null) return true;
        ModelState.AddModelError(string.Empty, text["No appointment today at your site has this number."]);
        Response.StatusCode = StatusCodes.Status404NotFound;
        return false;
    }
}
