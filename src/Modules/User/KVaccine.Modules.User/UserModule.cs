using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.Modules.User;

public sealed class UserModule : IModule
{
    public const string ModuleName = "User";

    public string Name => ModuleName;

    public Type DbContextType => typeof(UserDbContext);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<UserDbContext>(configuration, UserDbContext.MigrationsTable);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
