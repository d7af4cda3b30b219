using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.Modules.Dashboard;

public sealed class DashboardModule : IModule
{
    public const string ModuleName = "Dashboard";

    public string Name => ModuleName;

    public Type DbContextType => typeof(DashboardDbContext);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<DashboardDbContext>(configuration, DashboardDbContext.MigrationsTable);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
