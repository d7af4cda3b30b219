using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.BuildingBlocks.Web;

/// <summary>
/// The service's own words where the framework would use its own: a status answered with no body (no such route, a
/// method the route does not take, no token, a role that may not) and the title of every validation problem.
/// </summary>
public static class ProblemWording
{
    public const string ValidationTitle = "The request is not valid.";

    /// <summary>For <c>CustomizeProblemDetails</c>: one title for a validation problem, whether a validator or a handler found it.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        if (context.ProblemDetails is HttpValidationProblemDetails) context.ProblemDetails.Title = ValidationTitle;
    }

    /// <summary>Status code pages: a 4xx or 5xx answered without a body gets a ProblemDetails saying what it means here.</summary>
    public static IApplicationBuilder UseStatusCodeProblems(this IApplicationBuilder app) => app.UseStatusCodePages(async context =>
    {
        var http = context.HttpContext;
        var (title, detail) = WordsFor(http.Response.StatusCode);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = http.Response.StatusCode, Title = title, Detail = detail },
        });
    });

    internal static (string Title, string Detail) WordsFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => ("Sign in with a staff token.", "This route needs a valid staff token: Authorization: Bearer <token>."),
        StatusCodes.Status403Forbidden => ("Your role does not allow this.", "Your staff role does not allow this route."),
        StatusCodes.Status404NotFound => ("No such route.", "There is nothing at this address."),
        StatusCodes.Status405MethodNotAllowed => ("Wrong method for this route.", "This route does not take this method; the Allow header lists those it does."),
        StatusCodes.Status406NotAcceptable => ("Only JSON is answered.", "This API answers in JSON (application/json or application/problem+json)."),
        StatusCodes.Status413PayloadTooLarge => ("The request body is too large.", $"A request body may have at most {BodySizeLimit.MaxBytes} bytes."),
        StatusCodes.Status415UnsupportedMediaType => ("The request could not be read.", "Send the request body as JSON, with Content-Type: application/json."),
        < 500 => ("The request could not be served.", "The request is not one this route can serve."),
        _ => ("Something went wrong on our side.", "Please try again later."),
    };
}
