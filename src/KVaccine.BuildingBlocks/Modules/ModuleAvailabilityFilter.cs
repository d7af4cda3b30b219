using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.BuildingBlocks.Modules;

/// <summary>Answers 503 with a ProblemDetails body for every route of a module that is switched off.</summary>
internal sealed class ModuleAvailabilityFilter(string module) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var toggles = context.HttpContext.RequestServices.GetRequiredService<ModuleToggles>();
        if (toggles.IsEnabled(module)) return await next(context);

        context.HttpContext.Response.Headers.RetryAfter = "60";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: $"The {module} module is switched off.",
            detail: "This part of the service is temporarily unavailable. Please try again later.",
            type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4");
    }
}
