using KVaccine.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.BuildingBlocks.Modules;

/// <summary>
/// Answers 503 with a ProblemDetails body for every route of a module that is switched off; a group's filters also
/// wrap the gRPC methods a module maps, which get it as a status (<see cref="IRefusalWriter"/>).
/// </summary>
internal sealed class ModuleAvailabilityFilter(string module) : IEndpointFilter
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(60);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var toggles = http.RequestServices.GetRequiredService<ModuleToggles>();
        if (toggles.IsEnabled(module)) return await next(context);

        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = $"The {module} module is switched off.",
            Detail = "This part of the service is temporarily unavailable. Please try again later.",
            Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
        };
        foreach (var writer in http.RequestServices.GetServices<IRefusalWriter>())
            if (writer.Answers(http))
            {
                await writer.WriteAsync(http, problem, RetryAfter);
                return Results.Empty;
            }
        http.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(problem);
    }
}
