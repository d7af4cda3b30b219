using KVaccine.BuildingBlocks.Web;
using KVaccine.Contracts;
using KVaccine.Modules.User.Bookings;
using KVaccine.Pages;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KVaccine.Modules.User.Pages;

/// <summary>
/// <c>/appointments</c>: every appointment of the signed-in citizen with its status, vaccine and place, what they
/// were told, and what they can do next (book, book or move the second dose, cancel, sign out).
/// </summary>
[Authorize(AuthenticationSchemes = CitizenCookie.Scheme)]
[Overload.OverloadBudget(Overload.Booking)]
internal sealed class AppointmentsPage(IMediator mediator, IStringLocalizer<CitizenText> text) : PageModel
{
    public CitizenStatus.StatusResponse? Status { get; private set; }

    /// <summary>What the page just did, from the redirect after it: booked, pending, cancelled, moved.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(int doseNumber, CancellationToken ct)
    {
        var result = await this.SendAsync(mediator, new CancelBooking.Command(null, null, doseNumber) { SignedIn = CitizenCookie.Of(User), Language = CitizenText.Language }, text, ct);
        var (cancelled, status) = this.Answer<BookingResponse>(result?.Result, text);
        if (cancelled is not null) return RedirectToPage(new { done = "cancelled" });
        Response.StatusCode = status;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await CitizenCookie.SignOutAsync(HttpContext);
        return RedirectToPage("/SignIn");
    }

    /// <summary>The citizen's status; a citizen who has never booked has none yet, and may book.</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new CitizenStatus.Query(null, null) { SignedIn = CitizenCookie.Of(User) }, ct);
        if (result.Result is Microsoft.AspNetCore.Http.HttpResults.Ok<CitizenStatus.StatusResponse> { Value: { } status }) Status = status;
    }

    public string Name => Status?.UserName ?? CitizenCookie.Of(User).Name;

    public string MaskedRegNumber => Status?.MaskedRegNumber ?? CitizenCookie.Of(User).MaskedRegNumber;

    /// <summary>A first dose can be booked when no appointment is active and none was given.</summary>
    public bool CanBookFirstDose => Status is null || Status.Appointments.All(a => a.ReserveStatus is BookingStatus.REJECT or BookingStatus.CANCEL);

    public static bool IsActive(CitizenStatus.AppointmentResponse a) => a.ReserveStatus is BookingStatus.PENDING or BookingStatus.RESERVE;
}
