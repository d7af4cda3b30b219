using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.Modules.Stock;

public sealed class StockModule : IModule
{
    public const string ModuleName = "Stock";

    public string Name => ModuleName;

    public Type DbContextType => typeof(StockDbContext);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<StockDbContext>(configuration, StockDbContext.MigrationsTable);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
