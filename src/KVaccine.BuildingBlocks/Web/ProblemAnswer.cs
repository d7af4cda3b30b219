using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace KVaccine.BuildingBlocks.Web;

/// <summary>
/// A ProblemDetails answer that may say when to try again (<c>Retry-After</c>): a refusal that waiting can lift is not
/// final, so an idempotent request answered so gives its key back.
/// </summary>
public sealed class ProblemAnswer(ProblemDetails problem, TimeSpan? retryAfter = null) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => problem.Status;

    public ProblemDetails Problem => problem;

    public TimeSpan? RetryAfter => retryAfter;

    public Task ExecuteAsync(HttpContext http)
    {
        if (retryAfter is { } wait)
            http.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(problem).ExecuteAsync(http);
    }
}
