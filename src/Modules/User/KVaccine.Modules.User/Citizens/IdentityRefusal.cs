using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace KVaccine.Modules.User.Citizens;

/// <summary>Why the service would not take this name and RRN: a ProblemDetails, with Retry-After when waiting helps.</summary>
internal sealed class IdentityRefusal(ProblemDetails problem, TimeSpan? retryAfter = null) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => problem.Status;

    public ProblemDetails Problem => problem;

    public Task ExecuteAsync(HttpContext http)
    {
        if (retryAfter is { } wait)
            http.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(problem).ExecuteAsync(http);
    }

    /// <summary>The one answer for an unknown RRN and for a known RRN under another name, where telling them apart would tell who has booked.</summary>
    public static IdentityRefusal NotFound() => new(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = "Citizen not found.",
        Detail = "No citizen matches this name and resident registration number. Check both as written on your ID card; "
                 + "if they are right and still refused, a health centre can check your registration.",
    });

    public static IdentityRefusal RegisteredUnderAnotherName() => new(new ProblemDetails
    {
        Status = StatusCodes.Status409Conflict,
        Title = "This resident registration number is registered under another name.",
        Detail = "Check that your name is written as on your ID card. If it is, someone may have booked with your number: "
                 + "bring your ID card to a health centre, where staff correct the registration and it becomes yours.",
    });

    public static IdentityRefusal Locked(DateTimeOffset until, DateTimeOffset now, string localTime) => new(new ProblemDetails
    {
        Status = StatusCodes.Status429TooManyRequests,
        Title = "Too many names that do not match this resident registration number were tried.",
        Detail = $"To protect it, this number is locked until {localTime}. If you did not try them, a health centre can unlock it "
                 + "once it has seen your ID card.",
    }, until - now);

    public static IdentityRefusal RegisterUnavailable() => new(new ProblemDetails
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "Your identity cannot be checked right now.",
        Detail = "The identity register does not answer. Nothing was changed; please try again in a minute.",
    }, TimeSpan.FromSeconds(30));
}
