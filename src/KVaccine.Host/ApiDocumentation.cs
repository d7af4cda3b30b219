using Microsoft.OpenApi;

namespace KVaccine.Host;

/// <summary>The OpenAPI document at /swagger/v1/swagger.json and its UI at /swagger.</summary>
internal static class ApiDocumentation
{
    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new() { Title = "K-Vaccine", Version = "v1", Description = "Vaccine reservation: citizens book, hospitals inject, operators watch." });
            // Slices name their messages Command and Query; the slice's name tells them apart (ReserveDateCommand).
            o.CustomSchemaIds(type => type.IsGenericType ? null : type.DeclaringType is { } slice ? slice.Name + type.Name : type.Name);
            o.AddSecurityDefinition("Bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A staff token: dotnet src/KVaccine.Host/bin/Debug/net10.0/KVaccine.Host.dll token --role Admin",
            });
            o.AddSecurityRequirement(document => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        });
        return services;
    }

    public static WebApplication UseApiDocumentation(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI();
        return app;
    }
}
