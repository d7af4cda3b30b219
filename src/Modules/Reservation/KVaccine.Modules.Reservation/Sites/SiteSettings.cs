using System.Globalization;
using KVaccine.BuildingBlocks.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Reservation.Sites;

/// <summary>
/// <c>Reservation:Sites</c>: the sites the service starts with, applied once, when the database has none; an Admin
/// manages them through the API from then on. The first is the default site (<see cref="Site.DefaultId"/>).
/// </summary>
internal sealed class SiteSettings
{
    public const string Section = "Reservation:Sites";

    public List<(SiteDefinition Definition, IReadOnlyList<string> ClosedDays)> Sites { get; } = [];

    /// <summary>Read by hand: a site's vaccine types and closed days may be a comma-separated string or an array (<see cref="SettingList"/>).</summary>
    public static void Bind(SiteSettings settings, IConfiguration configuration)
    {
        foreach (var site in configuration.GetSection(Section).GetChildren().OrderBy(s => int.TryParse(s.Key, out var i) ? i : int.MaxValue))
        {
            var hours = site.GetSection("Hours").GetChildren().ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
            settings.Sites.Add((new SiteDefinition
            {
                Name = site["Name"], Region = site["Region"], VaccineTypes = SettingList.Read(site.GetSection("VaccineTypes")), Hours = hours,
                SlotMinutes = Number(site, "SlotMinutes") ?? SiteDefinition.DefaultSlotMinutes,
                FirstDoseCapacity = Number(site, "FirstDoseCapacity"), SecondDoseCapacity = Number(site, "SecondDoseCapacity"),
            }, SettingList.Read(site.GetSection("ClosedDays"))));
        }
    }

    // A value that is not a whole number is kept as -1, so validation names its key.
    private static int? Number(IConfigurationSection site, string key) =>
        site[key] is not { } text ? null : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    internal sealed class Validator(IOptions<VaccineTypes> known) : IValidateOptions<SiteSettings>
    {
        public ValidateOptionsResult Validate(string? name, SiteSettings settings)
        {
            if (settings.Sites.Count == 0)
                return ValidateOptionsResult.Fail($"{Section}: lists no site; list at least one (the first is the default site, where the original routes book).");
            var rules = new SiteDefinition.Validator(known);
            var errors = new List<string>();
            for (var i = 0; i < settings.Sites.Count; i++)
            {
                var (definition, closed) = settings.Sites[i];
                errors.AddRange(rules.Validate(definition).Errors.Select(e => $"{Section}:{i}:{Key(e.PropertyName)}: {e.ErrorMessage}"));
                errors.AddRange(closed.Where(d => !TryParseDate(d, out _)).Select(d => $"{Section}:{i}:ClosedDays: '{d}' is not a date written YYYY-MM-DD."));
            }
            return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
        }

        // VaccineTypes[2] is the setting VaccineTypes:2.
        private static string Key(string property) => property.Replace("[", ":", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);
    }
}
