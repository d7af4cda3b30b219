using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace KVaccine.BuildingBlocks.Modules;

/// <summary>
/// <c>Modules:{Name}:Enabled</c>, read on every call so that a change to the configuration file takes effect while
/// the host runs. A module that is off gets no notifications (they wait for it) and its routes answer 503.
/// </summary>
public sealed class ModuleToggles
{
    private readonly IConfiguration _configuration;

    public ModuleToggles(IConfiguration configuration)
    {
        _configuration = configuration;
        ChangeToken.OnChange(configuration.GetReloadToken, () => Changed?.Invoke());
    }

    /// <summary>Raised after the configuration reloaded; a module switched back on may have a backlog to catch up.</summary>
    public event Action? Changed;

    public bool IsEnabled(string module) => _configuration.GetValue($"Modules:{module}:Enabled", true);
}
