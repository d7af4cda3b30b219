using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KVaccine.Modules.Reservation.Sites;

/// <summary>The refusals of an Admin's change of a site, worded once.</summary>
internal static class SiteProblems
{
    public static ProblemHttpResult NoSuchSite(int siteId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such site.", detail: $"There is no site {siteId}.");

    public static ProblemHttpResult WouldLoseBookings(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The change would lose bookings.", detail: detail);
}
