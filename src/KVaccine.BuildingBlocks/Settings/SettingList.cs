using Microsoft.Extensions.Configuration;

namespace KVaccine.BuildingBlocks.Settings;

/// <summary>
/// A list in the settings, written either as a comma-separated string (as the original's ConfigMap gave it, and as an
/// environment variable does) or as a JSON array.
/// </summary>
public static class SettingList
{
    public static IReadOnlyList<string> Read(IConfigurationSection section)
    {
        var items = section.Value is { } text
            ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0);
        return items.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }
}
