using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KVaccine.Host.OpenApi;

/// <summary>
/// The OpenAPI document at /swagger/v1/swagger.json and its UI at /swagger. What every route of a kind answers is
/// derived from the route's metadata by the filters beside this file, so a slice declares only what is its own.
/// </summary>
internal static class ApiDocumentation
{
    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        // The API's own serializer settings (enums by name), not MVC's, which Swashbuckle would otherwise read.
        services.AddSingleton<ISerializerDataContractResolver>(sp =>
            new JsonSerializerDataContractResolver(sp.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions));
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new() { Title = "K-Vaccine", Version = "v1", Description = "Vaccine reservation: citizens book, hospitals inject, operators watch." });
            // Slices name their messages Command and Query; the slice's name tells them apart (ReserveDateCommand).
            o.CustomSchemaIds(type => type.IsGenericType ? null : type.DeclaringType is { } slice ? slice.Name + type.Name : type.Name);
            o.SupportNonNullableReferenceTypes();
            o.AddSecurityDefinition(StaffSecurity.Scheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A staff token with a role (HospitalStaff or Admin), signed with Auth:SigningKey; the host started with the arguments `token --role <role>` prints one.",
            });
            o.SchemaFilter<ValidationRules>();
            o.ParameterFilter<ValidationRules>();
            o.SchemaFilter<AsSerialized>();
            o.OperationFilter<StaffSecurity>();
            o.OperationFilter<IdempotencyHeader>();
            o.OperationFilter<CommonProblems>();
            o.DocumentFilter<HealthEndpoints.Documentation>();
        });
        return services;
    }

    public static WebApplication UseApiDocumentation(this WebApplication app)
    {
        // 3.1, whose schemas are JSON Schema (2020-12): any JSON Schema validator checks an answer against them.
        app.UseSwagger(o => o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1);
        app.UseSwaggerUI();
        return app;
    }
}
