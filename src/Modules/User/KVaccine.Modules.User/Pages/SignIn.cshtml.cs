using KVaccine.BuildingBlocks.Web;
using KVaccine.Modules.User.Citizens;
using KVaccine.Pages;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KVaccine.Modules.User.Pages;

/// <summary><c>/</c>: the citizen gives name and RRN once (<see cref="SignIn"/>); from then on <see cref="CitizenCookie"/> says who they are.</summary>
[Overload.OverloadBudget(Overload.Booking)]
internal sealed class SignInPage(IMediator mediator, IStringLocalizer<CitizenText> text) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? UserRegNumber { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        (await HttpContext.AuthenticateAsync(CitizenCookie.Scheme)).Succeeded ? RedirectToPage("/Appointments") : Page();

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken ct)
    {
        var outcome = await this.SendAsync(mediator, new SignIn.Command(UserName, UserRegNumber), text, ct);
        if (outcome?.SignedIn is not { } citizen)
        {
            Response.StatusCode = outcome?.Refusal is { } refusal ? this.Refused(refusal.Problem, text) : StatusCodes.Status400BadRequest;
            return Page();
        }
        await CitizenCookie.SignInAsync(HttpContext, citizen);
        return this.ReturnOr(returnUrl, "/Appointments");
    }
}
