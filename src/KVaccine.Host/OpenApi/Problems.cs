using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KVaccine.Host.OpenApi;

/// <summary>How the filters document an answer: every error of this API is an RFC 9457 ProblemDetails body.</summary>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    /// <summary>Documents a ProblemDetails answer, unless the route already documents that status.</summary>
    public static OpenApiResponse? Add(OpenApiOperation operation, OperationFilterContext context, int status, string description)
    {
        operation.Responses ??= [];
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.ContainsKey(key)) return null;
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ContentType] = new() { Schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository) },
            },
        };
        operation.Responses[key] = response;
        // In status order, as a reader looks for them.
        var ordered = operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        operation.Responses.Clear();
        foreach (var (code, answer) in ordered) operation.Responses[code] = answer;
        return response;
    }

    /// <summary>Documents a ProblemDetails answer that comes with <c>Retry-After</c>, the seconds to wait.</summary>
    public static void AddRetryable(OpenApiOperation operation, OperationFilterContext context, int status, string description)
    {
        var response = Add(operation, context, status, description)
            ?? operation.Responses![status.ToString(System.Globalization.CultureInfo.InvariantCulture)] as OpenApiResponse;
        if (response is null) return;
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers["Retry-After"] = new OpenApiHeader
        {
            Description = "Seconds to wait before trying again.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
        };
    }
}
