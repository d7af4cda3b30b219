using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.Modules.Hospital;

public sealed class HospitalModule : IModule
{
    public const string ModuleName = "Hospital";

    public string Name => ModuleName;

    public Type DbContextType => typeof(HospitalDbContext);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<HospitalDbContext>(configuration, HospitalDbContext.MigrationsTable);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
