using KVaccine.Modules.Hospital.Staff;
using KVaccine.Pages;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KVaccine.Modules.Hospital.Pages;

/// <summary><c>/staff/sign-in</c>: a member of staff or an Admin gives name and password (<see cref="StaffSignIn"/>); <see cref="StaffCookie"/> holds who they are.</summary>
internal sealed class StaffSignInPage(IMediator mediator, IStringLocalizer<HospitalText> text) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        (await HttpContext.AuthenticateAsync(StaffCookie.Scheme)).Succeeded ? RedirectToPage("/Day") : Page();

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken ct)
    {
        var outcome = await this.SendAsync(mediator, new StaffSignIn.Command(UserName, Password), text, ct);
        if (outcome?.SignedIn is not { } account)
        {
            Response.StatusCode = outcome?.Refusal is { } refusal ? this.Refused(refusal, text) : StatusCodes.Status400BadRequest;
            return Page();
        }
        await StaffCookie.SignInAsync(HttpContext, account.UserName, account.Role.ToString(), account.SiteId);
        return this.ReturnOr(returnUrl, "/Day");
    }
}
