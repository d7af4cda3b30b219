using KVaccine.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KVaccine.Modules.Hospital.Pages;

/// <summary>
/// <c>/staff/sign-out</c>, where every staff page's sign-out button posts. Authorized by the staff's cookie like the
/// pages the button is on, so the form's antiforgery token, made for the signed-in member, is checked against them.
/// </summary>
[Authorize(AuthenticationSchemes = StaffCookie.Scheme)]
internal sealed class StaffSignOutPage : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Day");

    public async Task<IActionResult> OnPostAsync()
    {
        await StaffCookie.SignOutAsync(HttpContext);
        return RedirectToPage("/StaffSignIn");
    }
}
