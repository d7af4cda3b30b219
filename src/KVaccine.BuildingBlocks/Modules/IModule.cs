using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.BuildingBlocks.Modules;

/// <summary>
/// What the host knows of a module: its name (also its configuration toggle, <c>Modules:{Name}:Enabled</c>), its
/// context, its services and its routes. Everything else stays internal to the module's assembly.
/// </summary>
public interface IModule
{
    string Name { get; }

    /// <summary>The module's own <see cref="Outbox.ModuleDbContext"/>, over its own tables and migrations.</summary>
    Type DbContextType { get; }

    void AddServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>Maps the module's routes on a group that answers 503 while the module is switched off.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints);

    /// <summary>Runs after the migrations, before the host serves (seed data, say). Must be idempotent.</summary>
    Task InitializeAsync(IServiceProvider services, CancellationToken ct) => Task.CompletedTask;
}
