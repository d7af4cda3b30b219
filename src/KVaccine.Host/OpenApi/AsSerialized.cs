using System.Reflection;
using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KVaccine.Host.OpenApi;

/// <summary>
/// Objects as the API's serializer writes them. Every property it always writes (null included) is required in an
/// answer of the API's own types, so a client may rely on it; requests (MediatR messages) are only read, and their
/// validators say what they need; the framework's ProblemDetails types keep their own description, since a 400 that
/// names no field is a plain ProblemDetails. A nullable property that refers to a named schema (an enum) may be null,
/// which a bare reference would deny.
/// </summary>
internal sealed class AsSerialized(IOptions<JsonOptions> json) : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } target) return;
        var isAnswer = context.Type.Assembly.GetName().Name!.StartsWith("KVaccine.", StringComparison.Ordinal)
                       && !context.Type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>));
        foreach (var property in json.Value.SerializerOptions.GetTypeInfo(context.Type).Properties)
        {
            if (!target.Properties.TryGetValue(property.Name, out var propertySchema)) continue;
            if (propertySchema is OpenApiSchemaReference && MayBeNull(property.AttributeProvider as PropertyInfo))
                target.Properties[property.Name] = new OpenApiSchema { OneOf = [propertySchema, new OpenApiSchema { Type = JsonSchemaType.Null }] };
            if (isAnswer && property.Get is not null && property.ShouldSerialize is null)
                (target.Required ??= new HashSet<string>()).Add(property.Name);
        }
    }

    // NullabilityInfoContext is not thread-safe, and documents may be generated concurrently.
    private static bool MayBeNull(PropertyInfo? property) =>
        property is not null && (Nullable.GetUnderlyingType(property.PropertyType) is not null
                                 || new NullabilityInfoContext().Create(property).ReadState == NullabilityState.Nullable);
}
