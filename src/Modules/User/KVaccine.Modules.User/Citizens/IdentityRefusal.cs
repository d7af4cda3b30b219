using KVaccine.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace KVaccine.Modules.User.Citizens;

/// <summary>Why the service would not take this name and RRN.</summary>
internal static class IdentityRefusal
{
    /// <summary>The one answer for an unknown RRN and for a known RRN under another name, where telling them apart would tell who has booked.</summary>
    public static ProblemAnswer NotFound() => new(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = "Citizen not found.",
        Detail = "No citizen matches this name and resident registration number. Check both as written on your ID card; "
                 + "if they are right and still refused, a health centre can check your registration.",
    });

    public static ProblemAnswer RegisteredUnderAnotherName() => new(new ProblemDetails
    {
        Status = StatusCodes.Status409Conflict,
        Title = "This resident registration number is registered under another name.",
        Detail = "Check that your name is written as on your ID card. If it is, someone may have booked with your number: "
                 + "bring your ID card to a health centre, where staff correct the registration and it becomes yours.",
    });

    public static ProblemAnswer Locked(DateTimeOffset until, DateTimeOffset now, string localTime) => new(new ProblemDetails
    {
        Status = StatusCodes.Status429TooManyRequests,
        Title = "Too many names that do not match this resident registration number were tried.",
        Detail = $"To protect it, this number is locked until {localTime}. If you did not try them, a health centre can unlock it "
                 + "once it has seen your ID card.",
    }, until - now);

    public static ProblemAnswer RegisterUnavailable() => new(new ProblemDetails
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "Your identity cannot be checked right now.",
        Detail = "The identity register does not answer. Nothing was changed; please try again in a minute.",
    }, TimeSpan.FromSeconds(30));
}
