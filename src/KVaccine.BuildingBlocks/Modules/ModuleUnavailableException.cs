namespace KVaccine.BuildingBlocks.Modules;

/// <summary>A synchronous call reached a module that is switched off (or overloaded); answered with 503.</summary>
public sealed class ModuleUnavailableException(string module, string? detail = null)
    : Exception(detail ?? $"The {module} module is not available right now.")
{
    public string Module { get; } = module;
}
