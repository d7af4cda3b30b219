using KVaccine.BuildingBlocks.Idempotency;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KVaccine.Host.OpenApi;

/// <summary>The optional <c>Idempotency-Key</c> header, and what it can answer, on every route marked <c>WithIdempotency</c>.</summary>
internal sealed class IdempotencyHeader : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IdempotentRoute>().Any()) return;

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotentRoute.Header,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Makes a retry safe: a retry with the same key and body gets the first answer again (header Idempotency-Replayed: true) "
                          + $"and changes nothing. 1 to {IdempotentRoute.MaxKeyLength} printable ASCII characters, for example a UUID.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotentRoute.MaxKeyLength },
        });
        Problems.Add(operation, context, StatusCodes.Status400BadRequest, "The request or its Idempotency-Key is not valid.");
        Problems.Add(operation, context, StatusCodes.Status409Conflict, "The first request with this Idempotency-Key is still being processed.");
        Problems.Add(operation, context, StatusCodes.Status422UnprocessableEntity, "This Idempotency-Key was used for a request with another body.");
    }
}
