using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KVaccine.Pages;

/// <summary>The language switch: a link on every page, so it works without JavaScript; back to the page it was on.</summary>
public sealed class LanguagePage : PageModel
{
    public IActionResult OnGet(string? culture, string? returnUrl)
    {
        var chosen = PageComposition.Cultures.FirstOrDefault(c => c.Name == culture) ?? PageComposition.Cultures[0];
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
