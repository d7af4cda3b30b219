using KVaccine.BuildingBlocks.Web;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KVaccine.Host;

/// <summary>
/// Liveness (the process answers: no checks) apart from readiness (migrated, database reachable, dispatching), so an
/// orchestrator restarts a host only when it is stuck, not while it waits for its database.
/// </summary>
internal static class HealthEndpoints
{
    private const string Ready = "ready";
    private const string LivePath = "/health/live";
    private const string ReadyPath = "/health/ready";

    public static IServiceCollection AddReadinessChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: [Ready])
            .AddCheck<DispatcherReadyCheck>("dispatcher", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        return endpoints;
    }

    /// <summary>The probes in the OpenAPI document: health check endpoints have no handler that ApiExplorer could describe.</summary>
    internal sealed class Documentation : IDocumentFilter
    {
        private const string Tag = "Health";

        public void Apply(OpenApiDocument document, DocumentFilterContext context)
        {
            (document.Tags ??= new HashSet<OpenApiTag>()).Add(new OpenApiTag { Name = Tag });
            document.Paths.Add(LivePath, Probe(document, "Liveness", "The process answers (no checks).", unhealthy: false));
            document.Paths.Add(ReadyPath, Probe(document, "Readiness", "Migrated, database reachable, dispatcher running (or switched off in this host on purpose).", unhealthy: true));
        }

        private static OpenApiPathItem Probe(OpenApiDocument document, string operationId, string summary, bool unhealthy)
        {
            var responses = new OpenApiResponses { ["200"] = Text("Healthy (or Degraded).", "Healthy", "Degraded") };
            if (unhealthy) responses["503"] = Text("A check failed.", "Unhealthy");
            return new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Get] = new()
                    {
                        Tags = new HashSet<OpenApiTagReference> { new(Tag, document) },
                        OperationId = operationId,
                        Summary = summary,
                        Responses = responses,
                    },
                },
            };
        }

        private static OpenApiResponse Text(string description, params string[] statuses) => new()
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. statuses.Select(s => (System.Text.Json.Nodes.JsonNode)s)] } },
            },
        };
    }
}
