using KVaccine.BuildingBlocks.Persistence;
using System.Reflection;
using System.Security.Claims;
using KVaccine.BuildingBlocks.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.BuildingBlocks.Idempotency;

/// <summary>Marks a route that honours <c>Idempotency-Key</c>; its name scopes the keys.</summary>
public sealed record IdempotentRoute(string Name)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 100;
}

public static class IdempotencyExtensions
{
    /// <summary>Lets clients retry this route safely with an <c>Idempotency-Key</c> header.</summary>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder endpoint, string name) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithIdempotency(name, null, null);

    /// <summary>
    /// As <see cref="WithIdempotency{TBuilder}(TBuilder, string)"/>, with what the route's request means: a retry is
    /// the same request when its <paramref name="meaning"/> is the same (an RRN with or without its hyphen, say).
    /// </summary>
    public static TBuilder WithIdempotency<TBuilder, TRequest>(this TBuilder endpoint, string name, Func<TRequest, object> meaning)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithIdempotency(name, typeof(TRequest), request => meaning((TRequest)request));

    private static TBuilder WithIdempotency<TBuilder>(this TBuilder endpoint, string name, Type? requestType, Func<object, object>? meaning)
        where TBuilder : IEndpointConventionBuilder
    {
        endpoint.WithMetadata(new IdempotentRoute(name));
        return endpoint.AddEndpointFilterFactory((factory, next) =>
        {
            var services = factory.ApplicationServices.GetRequiredService<IServiceProviderIsService>();
            var parameters = factory.MethodInfo.GetParameters();
            var fromRequest = parameters.Index().Where(p => IsBoundFromRequest(p.Item, services)).Select(p => p.Index).ToArray();
            var tokens = parameters.Index().Where(p => p.Item.ParameterType == typeof(CancellationToken)).Select(p => p.Index).ToArray();
            var filter = new IdempotencyFilter(name, new RequestFingerprint(name, fromRequest, requestType, meaning), tokens);
            return invocation => filter.InvokeAsync(invocation, next);
        });
    }

    // What the client sent (body, route values, query), not what the host supplies.
    private static bool IsBoundFromRequest(ParameterInfo parameter, IServiceProviderIsService services) =>
        parameter.ParameterType != typeof(CancellationToken)
        && parameter.ParameterType != typeof(HttpContext)
        && parameter.ParameterType != typeof(HttpRequest)
        && parameter.ParameterType != typeof(HttpResponse)
        && parameter.ParameterType != typeof(ClaimsPrincipal)
        && !parameter.GetCustomAttributes().OfType<IFromServiceMetadata>().Any()
        && !services.IsService(parameter.ParameterType);

    public static IServiceCollection AddIdempotency(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<IdempotencyDbContext, PostgreSqlIdempotencyDbContext>(configuration, IdempotencyDbContext.Schema);
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.Section)).ValidateDataAnnotations()
            .RefuseDevelopmentKeyOutsideDevelopment(o => o.FingerprintKey, IdempotencyOptions.DevelopmentFingerprintKey, "Idempotency:FingerprintKey")
            .ValidateOnStart();
        services.AddHostedService<IdempotencyPruner>();
        services.AddScoped<IdempotentCalls>();
        return services;
    }
}
