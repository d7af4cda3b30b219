using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KVaccine.BuildingBlocks.Web;

/// <summary>
/// The one map from exceptions to RFC 9457 ProblemDetails. Expected outcomes are results, not exceptions; what
/// lands here is bad input the framework rejected, a validation failure, an overloaded or failing database, or a bug.
/// </summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = Describe(http, exception, logger);
        http.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// The problem an exception is, logged as it deserves, with <c>Retry-After</c> set on the response where waiting
    /// helps; shared with the gRPC adapter, which answers the same problem as a status.
    /// </summary>
    public static ProblemDetails Describe(HttpContext http, Exception exception, ILogger logger)
    {
        ProblemDetails problem = exception switch
        {
            ValidationException v => new HttpValidationProblemDetails(v.Errors
                .GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
            },
            BadHttpRequestException bad => UnreadableRequest.Describe(http, bad),
            _ when Persistence.DatabaseErrors.IsBusy(exception) => Busy(http, "The database is busy right now. Please try again in a moment."),
            Modules.ModuleUnavailableException unavailable => Busy(http, unavailable.Message),
            Polly.CircuitBreaker.BrokenCircuitException broken => Busy(http, "Too many people are looking up dates right now. Please try again shortly.", broken.RetryAfter),
            Polly.Timeout.TimeoutRejectedException => Busy(http, "Looking up dates is slow right now. Please try again shortly."),
            _ when Persistence.DatabaseErrors.StorageFailure(exception) is { } storage => StorageDown(http, storage),
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Something went wrong on our side.",
                Detail = "The error has been logged. Please try again later.",
            },
        };
        if (problem.Status == 500)
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", http.Request.Method, http.Request.Path);
        // EF reports a failed command only at Debug (see Database.Configure), so a database too busy to serve is said here.
        else if (Persistence.DatabaseErrors.ProviderError(exception) is { } database)
            logger.LogWarning("The database could not serve {Method} {Path} (error {DatabaseError}); answered {Status}",
                http.Request.Method, http.Request.Path, Persistence.DatabaseErrors.CodeOf(database), problem.Status);
        return problem;
    }

    private static ProblemDetails Busy(HttpContext http, string detail, TimeSpan? retryAfter = null)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((retryAfter ?? TimeSpan.FromSeconds(2)).TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The service is busy.",
            Detail = detail,
        };
    }

    // The disk, not the request: nothing was saved. Readiness and the dispatcher learn of it too (StorageHealth).
    private static ProblemDetails StorageDown(HttpContext http, System.Data.Common.DbException failure)
    {
        http.RequestServices.GetRequiredService<Persistence.StorageHealth>().Failed(failure);
        http.Response.Headers.RetryAfter = "30";
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The service cannot save anything right now.",
            Detail = "Our database is not taking changes at the moment, so nothing was saved. Please try again in a few minutes.",
        };
    }
}
