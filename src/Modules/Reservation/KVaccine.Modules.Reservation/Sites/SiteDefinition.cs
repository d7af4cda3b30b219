using FluentValidation;
using KVaccine.BuildingBlocks.Settings;
using KVaccine.BuildingBlocks.Web;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Reservation.Sites;

/// <summary>
/// What makes a site, as settings give it at first start (<c>Reservation:Sites</c>) and as an Admin adds or changes it
/// through the API: the same fields, checked by the same rules (<see cref="Validator"/>).
/// </summary>
internal record SiteDefinition
{
    public string? Name { get; init; }
    public string? Region { get; init; }
    public IReadOnlyList<string>? VaccineTypes { get; init; }

    /// <summary>Per weekday (<c>Monday</c> … <c>Sunday</c>), the stretches open: <c>09:00-12:00,13:00-18:00</c>; a weekday left out is closed.</summary>
    public IReadOnlyDictionary<string, string?>? Hours { get; init; }

    public int? SlotMinutes { get; init; }
    public int? FirstDoseCapacity { get; init; }
    public int? SecondDoseCapacity { get; init; }

    public const int DefaultSlotMinutes = 30;

    /// <summary>Slots from 5 minutes to a whole day.</summary>
    public const int MinSlotMinutes = 5;

    public WeeklyHours WeeklyHours => WeeklyHours.From(Hours ?? new Dictionary<string, string?>(), out _) ?? WeeklyHours.Closed;

    /// <summary>Writes the definition onto the site, the vaccine types as the service's list spells them.</summary>
    public void ApplyTo(Site site, VaccineTypes known)
    {
        site.Name = Name!.Trim();
        site.Region = Region!.Trim();
        site.VaccineTypes = string.Join(",", VaccineTypes!.Select(t => known.Find(t) ?? t).Distinct(StringComparer.OrdinalIgnoreCase));
        site.Hours = WeeklyHours;
        site.SlotMinutes = SlotMinutes ?? DefaultSlotMinutes;
        site.FirstDoseCapacity = FirstDoseCapacity!.Value;
        site.SecondDoseCapacity = SecondDoseCapacity!.Value;
    }

    internal sealed class Validator : AbstractValidator<SiteDefinition>
    {
        public Validator(IOptions<VaccineTypes> options)
        {
            var known = options.Value;
            RuleFor(x => x.Name).NotEmpty().WithMessage("Name the site.")
                .MaximumLength(Site.MaxNameLength).WithMessage($"A site's name has at most {Site.MaxNameLength} characters.")
                .Must(n => n is null || !n.Any(char.IsControl), Shape.NoControlCharacters).WithMessage("A site's name has no control characters.");
            RuleFor(x => x.Region).NotEmpty().WithMessage("Name the site's region.")
                .MaximumLength(Site.MaxRegionLength).WithMessage($"A region has at most {Site.MaxRegionLength} characters.")
                .Must(n => n is null || !n.Any(char.IsControl), Shape.NoControlCharacters).WithMessage("A region has no control characters.");
            RuleFor(x => x.VaccineTypes).NotEmpty().WithMessage("List the vaccine types the site gives.");
            RuleForEach(x => x.VaccineTypes).OnTheList(known);
            RuleFor(x => x.Hours).NotEmpty().WithMessage("Give the site's opening hours per weekday, as \"Monday\": \"09:00-18:00\".")
                .Must(h => h is null || WeeklyHours.From(h, out _) is not null)
                .WithMessage((_, h) => { WeeklyHours.From(h!, out var error); return error; });
            RuleFor(x => x.SlotMinutes).InclusiveBetween(MinSlotMinutes, Site.WholeDay)
                .WithMessage($"A slot lasts from {MinSlotMinutes} to {Site.WholeDay} minutes.");
            RuleFor(x => x.FirstDoseCapacity).NotNull().WithMessage("Give the places per slot for first doses.")
                .InclusiveBetween(0, Site.MaxCapacity).WithMessage($"Places per slot are a whole number from 0 to {Site.MaxCapacity}.");
            RuleFor(x => x.SecondDoseCapacity).NotNull().WithMessage("Give the places per slot for second doses.")
                .InclusiveBetween(0, Site.MaxCapacity).WithMessage($"Places per slot are a whole number from 0 to {Site.MaxCapacity}.");
        }
    }
}
