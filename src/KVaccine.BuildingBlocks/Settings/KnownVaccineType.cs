using FluentValidation;

namespace KVaccine.BuildingBlocks.Settings;

/// <summary>
/// A vaccine type a request names (in its route, query or body) is one on <see cref="VaccineTypes"/>, whatever its
/// case; the handler then works with the list's spelling (<see cref="VaccineTypes.Find"/>), which is what is stored
/// and answered. Anything else, control characters included, is a validation problem naming the known types.
/// </summary>
public static class KnownVaccineType
{
    /// <summary>An empty value passes: whether one is required is the slice's rule.</summary>
    public static IRuleBuilderOptions<T, string?> OnTheList<T>(this IRuleBuilder<T, string?> rule, VaccineTypes known) => rule
        .Must(type => string.IsNullOrEmpty(type) || known.Find(type) is not null)
        .WithMessage($"Unknown vaccine type. Known types: {string.Join(", ", known.All)}.");
}
