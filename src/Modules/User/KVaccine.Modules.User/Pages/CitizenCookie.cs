using System.Security.Claims;
using KVaccine.Modules.User.Citizens;
using Microsoft.AspNetCore.Authentication;
using KVaccine.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.Modules.User.Pages;

/// <summary>
/// Who the citizen is between pages: a <see cref="PageCookie"/>, gone after <see cref="Lifetime"/> without a visit.
/// It holds the name, the RRN's keyed hash and its masked form; never the RRN.
/// </summary>
internal static class CitizenCookie
{
    public const string Scheme = "Citizen";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private const string HashClaim = "kv:rrn-hmac";
    private const string MaskedClaim = "kv:rrn-masked";

    public static void AddCitizenCookie(this IServiceCollection services) =>
        services.AddPageCookie(Scheme, "kv-citizen", Lifetime, signInPath: "/");

    public static Task SignInAsync(HttpContext http, SignedInCitizen citizen) =>
        http.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, citizen.Name), new Claim(HashClaim, citizen.RegNumberHash), new Claim(MaskedClaim, citizen.MaskedRegNumber)],
            Scheme)));

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);

    /// <summary>The citizen a page's request comes from; the page is authorized for <see cref="Scheme"/>, so there is one.</summary>
    public static SignedInCitizen Of(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.Name) ?? throw new InvalidOperationException("The citizen's cookie holds no name."),
        user.FindFirstValue(HashClaim) ?? throw new InvalidOperationException("The citizen's cookie holds no key."),
        user.FindFirstValue(MaskedClaim) ?? throw new InvalidOperationException("The citizen's cookie holds no masked number."));
}
