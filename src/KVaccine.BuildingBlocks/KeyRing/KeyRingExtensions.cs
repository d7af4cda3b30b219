using KVaccine.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.BuildingBlocks.KeyRing;

public static class KeyRingExtensions
{
    /// <summary>The application's name isolates its keys' purposes; the platform's default is the content root, which differs between hosts.</summary>
    public const string ApplicationName = "k-vaccine";

    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<KeyRingDbContext, PostgreSqlKeyRingDbContext>(configuration, KeyRingDbContext.Schema);
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<KeyRingDbContext>();
        return services;
    }
}
