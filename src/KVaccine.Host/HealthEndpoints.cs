using KVaccine.BuildingBlocks.Web;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KVaccine.Host;

/// <summary>
/// Liveness (the process answers and its outbox loops move) apart from readiness (migrated, database reachable,
/// dispatching, not stopping), so an orchestrator restarts a host only when it is stuck, not while it waits for its
/// database; a stopping host is taken out of service by the same probe that lets a new one in.
/// </summary>
internal static class HealthEndpoints
{
    private const string Ready = "ready";
    private const string Live = "live";
    private const string LivePath = "/health/live";
    private const string ReadyPath = "/health/ready";

    public static IServiceCollection AddReadinessChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: [Ready])
            .AddCheck<DispatcherReadyCheck>("dispatcher", tags: [Ready])
            .AddCheck<ShutdownDrain.Check>(ShutdownDrain.Check.Name, tags: [Ready])
            .AddCheck<DispatcherLiveCheck>("outbox loops", tags: [Live]);
        // gRPC's health service (grpc.health.v1) says SERVING when /health/ready would answer 200.
        services.AddGrpcHealthChecks(o => o.Services.Map("", check => check.Tags.Contains(Ready)));
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(Live), ResponseWriter = WriteReasonsAsync });
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = WriteReasonsAsync });
        endpoints.MapGrpcHealthChecksService();
        return endpoints;
    }

    /// <summary>Each check's status and, when not healthy, why: an operator learns from the probe which part is down.</summary>
    private static Task WriteReasonsAsync(HttpContext http, HealthReport report) =>
        http.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });

    /// <summary>The probes in the OpenAPI document: health check endpoints have no handler that ApiExplorer could describe.</summary>
    internal sealed class Documentation : IDocumentFilter
    {
        private const string Tag = "Health";

        public void Apply(OpenApiDocument document, DocumentFilterContext context)
        {
            (document.Tags ??= new HashSet<OpenApiTag>()).Add(new OpenApiTag { Name = Tag });
            document.Paths.Add(LivePath, Probe(document, "Liveness", "The process answers and no outbox loop has stalled (Outbox:StalledAfterSeconds); a restart is the cure for a 503.",
                new OpenApiResponses { ["200"] = Report("Healthy, each check with why.", "Healthy"), ["503"] = Report("A loop stalled, and which.", "Unhealthy") }));
            document.Paths.Add(ReadyPath, Probe(document, "Readiness", "Migrated, database present and writable, dispatcher running (or switched off in this host on purpose), not stopping.",
                new OpenApiResponses { ["200"] = Report("Healthy (or Degraded), each check with why.", "Healthy", "Degraded"), ["503"] = Report("A check failed, and why.", "Unhealthy") }));
        }

        private static OpenApiPathItem Probe(OpenApiDocument document, string operationId, string summary, OpenApiResponses responses)
        {
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

        private static OpenApiResponse Report(string description, params string[] statuses) => new()
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "status", "checks" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["status"] = Status(statuses),
                            ["checks"] = new OpenApiSchema { Type = JsonSchemaType.Object },
                        },
                    },
                },
            },
        };

        private static OpenApiSchema Status(string[] statuses) =>
            new() { Type = JsonSchemaType.String, Enum = [.. statuses.Select(s => (System.Text.Json.Nodes.JsonNode)s)] };
    }
}
