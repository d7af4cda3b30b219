using Microsoft.Extensions.Configuration;

namespace KVaccine.Modules.Stock;

internal sealed class StockOptions
{
    public const string Section = "Stock";

    /// <summary><c>Stock:Initial:&lt;Type&gt;</c>: the doses a vaccine type starts with, applied once, on its first start.</summary>
    public Dictionary<string, int> Initial { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Pfizer"] = 1000,
        ["Moderna"] = 1000,
        ["Janssen"] = 1000,
        ["AstraZeneca"] = 1000,
    };

    public static void Bind(StockOptions options, IConfigurationSection section)
    {
        var configured = section.GetSection("Initial").GetChildren().ToList();
        if (configured.Count == 0) return;
        options.Initial = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in configured)
            options.Initial[entry.Key] = int.TryParse(entry.Value, out var doses) ? doses : -1;
    }
}
