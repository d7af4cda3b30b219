using KVaccine.BuildingBlocks.Web;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KVaccine.Host.OpenApi;

/// <summary>The answers that come from the host rather than the slice: refused bodies, rate budgets, unavailability.</summary>
internal sealed class CommonProblems : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.RequestBody is not null)
        {
            Problems.Add(operation, context, StatusCodes.Status400BadRequest, "The body is not valid JSON of this shape.");
            Problems.Add(operation, context, StatusCodes.Status413PayloadTooLarge, $"The body is over {BodySizeLimit.MaxBytes} bytes.");
            Problems.Add(operation, context, StatusCodes.Status415UnsupportedMediaType, "The body is not application/json.");
        }
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Overload.OverloadBudget>().Any())
            Problems.AddRetryable(operation, context, StatusCodes.Status429TooManyRequests, "Over this kind of request's rate budget.");
        // Every route reads the database, which can be busy, and all but /admin belong to a module that can be switched off.
        Problems.AddRetryable(operation, context, StatusCodes.Status503ServiceUnavailable,
            "The module is switched off, the database is busy, or a dependency is failing: try again after Retry-After.");
    }
}
