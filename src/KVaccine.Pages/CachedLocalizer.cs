using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace KVaccine.Pages;

/// <summary>
/// The platform's resource localizers, each string looked up once per culture: <c>ResourceManager.GetString</c>
/// takes a lock on every call, and a page of dates asks for the same few words dozens of times on every core at once
/// (bench/README.md, the dates page).
/// </summary>
internal sealed class CachedLocalizerFactory(ResourceManagerStringLocalizerFactory resources) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<(Type?, string?, string?), CachedLocalizer> _localizers = new();

    public IStringLocalizer Create(Type resourceSource) =>
        _localizers.GetOrAdd((resourceSource, null, null), static (_, state) => new CachedLocalizer(state.resources.Create(state.resourceSource)), (resources, resourceSource));

    public IStringLocalizer Create(string baseName, string location) =>
        _localizers.GetOrAdd((null, baseName, location), static (_, state) => new CachedLocalizer(state.resources.Create(state.baseName, state.location)), (resources, baseName, location));
}

internal sealed class CachedLocalizer(IStringLocalizer resources) : IStringLocalizer
{
    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _strings = new();

    public LocalizedString this[string name] =>
        _strings.GetOrAdd((CultureInfo.CurrentUICulture.Name, name), static (key, resources) => resources[key.Name], resources);

    /// <summary>As the platform's localizer formats: the translation, or the key where there is none, in the current culture.</summary>
    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => resources.GetAllStrings(includeParentCultures);
}
