using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.Pages;

/// <summary>
/// What every sign-in of the pages (a citizen's, staff's) keeps alike: a cookie encrypted and signed by data
/// protection, HttpOnly, SameSite=Strict, Secure over HTTPS, gone after its lifetime without a visit; and, once
/// signed in, back to the page that asked for it when that page is this site's.
/// </summary>
public static class PageCookie
{
    public static IServiceCollection AddPageCookie(this IServiceCollection services, string scheme, string name, TimeSpan lifetime,
        string signInPath, string? deniedPath = null)
    {
        services.AddAuthentication().AddCookie(scheme, cookie =>
        {
            cookie.Cookie.Name = name;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.IsEssential = true;
            cookie.ExpireTimeSpan = lifetime;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = signInPath;
            if (deniedPath is not null) cookie.AccessDeniedPath = deniedPath;
            cookie.ReturnUrlParameter = "returnUrl";
        });
        return services;
    }

    /// <summary>After a sign-in: the page that sent the visitor here, if it is one of this site's, else the first page.</summary>
    public static IActionResult ReturnOr(this PageModel page, string? returnUrl, string firstPage) =>
        page.Url.IsLocalUrl(returnUrl) ? page.LocalRedirect(returnUrl) : page.RedirectToPage(firstPage);
}
