using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.Settings;

/// <summary>A module's settings that name vaccine types are checked against <see cref="VaccineTypes"/> at start.</summary>
public static class VaccineTypeSettings
{
    /// <param name="named">Each vaccine type the settings name, with the key that names it.</param>
    public static OptionsBuilder<TOptions> ValidateVaccineTypes<TOptions>(this OptionsBuilder<TOptions> options,
        Func<TOptions, IEnumerable<(string Key, string Type)>> named) where TOptions : class
    {
        options.Services.AddSingleton<IValidateOptions<TOptions>>(sp => new Check<TOptions>(named, sp.GetRequiredService<IOptions<VaccineTypes>>()));
        return options;
    }

    private static List<string> Unknown<TOptions>(TOptions o, Func<TOptions, IEnumerable<(string Key, string Type)>> named, VaccineTypes known) =>
        named(o).Where(n => known.Find(n.Type) is null)
            .Select(n => $"{n.Key}: '{n.Type}' is not one of {VaccineTypes.Section} ({string.Join(", ", known.All)}).").ToList();

    private sealed class Check<TOptions>(Func<TOptions, IEnumerable<(string Key, string Type)>> named, IOptions<VaccineTypes> known)
        : IValidateOptions<TOptions> where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options) =>
            Unknown(options, named, known.Value) is { Count: > 0 } unknown ? ValidateOptionsResult.Fail(unknown) : ValidateOptionsResult.Success;
    }
}
