using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.Settings;

/// <summary>appsettings.json ships keys that make a fresh clone run; outside Development the host refuses them.</summary>
public static class DevelopmentSecrets
{
    public static OptionsBuilder<TOptions> RefuseDevelopmentKeyOutsideDevelopment<TOptions>(
        this OptionsBuilder<TOptions> options, Func<TOptions, string> key, string developmentKey, string setting) where TOptions : class =>
        options.Validate<IHostEnvironment>((o, env) => env.IsDevelopment() || key(o) != developmentKey,
            $"{setting} is the development key shipped in appsettings.json; set a secret of your own outside Development.");
}
