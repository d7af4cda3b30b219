using System.Globalization;
using System.Security.Claims;
using KVaccine.BuildingBlocks.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.Pages;

/// <summary>
/// Staff and operators on the pages: a <see cref="PageCookie"/> beside the API's bearer tokens, with the same
/// roles, gone after <see cref="Lifetime"/> without a visit. The API never reads it (its routes take only bearer
/// tokens), so a page's cookie cannot be ridden to the API.
/// </summary>
public static class StaffCookie
{
    public const string Scheme = "Staff";

    public const string SignInPath = "/staff/sign-in";

    /// <summary>Who may see the staff's pages: hospital staff and Admins (an Admin at every site).</summary>
    public const string AnyStaffRole = $"{StaffPolicies.HospitalStaffRole},{StaffPolicies.AdminRole}";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private const string SiteClaim = "kv:site";

    public static IServiceCollection AddStaffCookie(this IServiceCollection services) =>
        services.AddPageCookie(Scheme, "kv-staff", Lifetime, SignInPath, deniedPath: "/staff/denied");

    public static Task SignInAsync(HttpContext http, string userName, string role, int? siteId)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, userName), new(ClaimTypes.Role, role) };
        if (siteId is { } site) claims.Add(new Claim(SiteClaim, site.ToString(CultureInfo.InvariantCulture)));
        return http.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme)));
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);

    /// <summary>The site a member of hospital staff works at; null for an Admin.</summary>
    public static int? SiteOf(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(SiteClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var site) ? site : null;
}
