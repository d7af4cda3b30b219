using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.Settings;

/// <summary>
/// <c>VaccineTypes</c>: the one list of vaccines the service knows. Stock keeps a count of each; what a module's own
/// settings name (the types Hospital offers, Stock's first counts) must be on it, or the host does not start.
/// </summary>
public sealed class VaccineTypes
{
    public const string Section = "VaccineTypes";
    public const int MaxLength = 50;

    public static readonly IReadOnlyList<string> Default = ["Pfizer", "Moderna", "Janssen", "AstraZeneca"];

    public IReadOnlyList<string> All { get; set; } = Default;

    /// <summary>The type as the list spells it, or null when it is not on the list (names are matched without case).</summary>
    public string? Find(string type) => All.FirstOrDefault(t => string.Equals(t, type, StringComparison.OrdinalIgnoreCase));

    internal sealed class Validator : IValidateOptions<VaccineTypes>
    {
        public ValidateOptionsResult Validate(string? name, VaccineTypes options) => options.All switch
        {
            { Count: 0 } => ValidateOptionsResult.Fail($"{Section}: names no vaccine type; list at least one."),
            var all when all.FirstOrDefault(t => t.Length > MaxLength) is { } tooLong =>
                ValidateOptionsResult.Fail($"{Section}: '{tooLong}' is longer than {MaxLength} characters."),
            _ => ValidateOptionsResult.Success,
        };
    }
}
