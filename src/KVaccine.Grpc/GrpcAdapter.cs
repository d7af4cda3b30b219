using Grpc.AspNetCore.Server;
using KVaccine.BuildingBlocks.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.Grpc;

/// <summary>
/// The gRPC inbound adapter's shared parts: each module maps its own services (its <c>Grpc/</c> folder), which call
/// its use cases through MediatR as its REST routes do; here is what every call goes through, and reflection, so that
/// grpcurl needs no copy of the contract. gRPC's health service is the host's (HealthEndpoints).
/// </summary>
public static class GrpcAdapter
{
    public static IServiceCollection AddGrpcAdapter(this IServiceCollection services)
    {
        services.AddGrpc(o =>
        {
            o.Interceptors.Add<UseCaseInterceptor>();
            // The REST API's limit on a body, for a message: a backstop, UnreadableMessage refuses a longer one first.
            o.MaxReceiveMessageSize = (int)BodySizeLimit.MaxBytes;
            o.EnableDetailedErrors = false;
            // No catch-all routes for unknown services: they would take a REST route's wrong content type (415) for a
            // 404. An unknown method is still UNIMPLEMENTED to a gRPC client, from the 404.
            o.IgnoreUnknownServices = true;
        });
        services.AddGrpcReflection();
        services.AddSingleton<TrailersOnlyRefusal>();
        services.AddSingleton<IOverloadRefusal>(sp => sp.GetRequiredService<TrailersOnlyRefusal>());
        services.AddSingleton<IRefusalWriter>(sp => sp.GetRequiredService<TrailersOnlyRefusal>());
        return services;
    }

    public static IEndpointRouteBuilder MapGrpcAdapter(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }
}
