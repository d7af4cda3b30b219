using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.BuildingBlocks.Modules;

/// <summary>Answers 503 with a ProblemDetails body for every route of a module that is switched off.</summary>
internal sealed class ModuleAvailabilityFilter(ModuleEndpoint module) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var toggles = context.HttpContext.RequestServices.GetRequiredService<ModuleToggles>();
        if (toggles.IsEnabled(module.Module)) return await next(context);

        context.HttpContext.Response.Headers.RetryAfter = ((int)ModuleEndpoint.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(module.SwitchedOff());
    }
}
