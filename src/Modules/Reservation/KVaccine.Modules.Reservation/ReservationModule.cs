using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.Modules.Reservation;

public sealed class ReservationModule : IModule
{
    public const string ModuleName = "Reservation";

    public string Name => ModuleName;

    public Type DbContextType => typeof(ReservationDbContext);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<ReservationDbContext>(configuration, ReservationDbContext.MigrationsTable);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
