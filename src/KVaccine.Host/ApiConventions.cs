using System.Text.Json.Serialization;
using KVaccine.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http.Json;

namespace KVaccine.Host;

/// <summary>What every endpoint has in common: errors as ProblemDetails in the service's words, enums by name, bodies of bounded size.</summary>
internal static class ApiConventions
{
    public static WebApplicationBuilder AddApiConventions(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemWording.Customize);
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        // Malformed bodies reach the exception handler, which answers with a ProblemDetails naming the JSON path.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = BodySizeLimit.MaxBytes);
        return builder;
    }
}
