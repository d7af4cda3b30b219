using KVaccine.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.KeyRing;

public static class KeyRingExtensions
{
    /// <summary>The application's name isolates its keys' purposes; the platform's default is the content root, which differs between hosts.</summary>
    public const string ApplicationName = "k-vaccine";

    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<KeyRingDbContext, PostgreSqlKeyRingDbContext>(configuration, KeyRingDbContext.Schema);
        var keys = services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<KeyRingDbContext>();
        services.AddOptions<KeyRingOptions>().Bind(configuration.GetSection(KeyRingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyRingOptions>, KeyRingOptions.Validator>();
        // The platform takes the certificate as it registers; a wrong one is left out here for the start-up
        // validation to name, before anything reads a key.
        var ring = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        if (new KeyRingOptions.Validator().Validate(null, ring).Succeeded && ring.LoadCertificate() is { } certificate)
            keys.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        return services;
    }
}
