using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace KVaccine.Modules.Hospital;

internal sealed class HospitalOptions
{
    public const string Section = "Hospital";

    public static readonly string[] DefaultVaccineTypes = ["Pfizer", "Moderna", "Janssen", "AstraZeneca"];

    public string Name { get; set; } = "Korean Hospital";

    public IReadOnlyList<string> VaccineTypes { get; set; } = DefaultVaccineTypes;

    /// <summary>How long <c>POST /hospital/inject</c> waits for User to record the injection before answering 202.</summary>
    [Range(0, 30_000)]
    public int ConfirmWaitMs { get; set; } = 2000;

    /// <summary>
    /// <c>Hospital:VaccineTypes</c> as a comma-separated string (as the original's ConfigMap gave it, and as an
    /// environment variable does) or as an array.
    /// </summary>
    public static void Bind(HospitalOptions options, IConfigurationSection section)
    {
        options.Name = section["Name"] is { Length: > 0 } name ? name : options.Name;
        if (section["ConfirmWaitMs"] is { } wait) options.ConfirmWaitMs = int.TryParse(wait, out var ms) ? ms : -1;
        var types = section.GetSection("VaccineTypes");
        var listed = types.Value is { } text
            ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : types.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0).ToArray();
        if (listed.Length > 0) options.VaccineTypes = listed.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }
}
