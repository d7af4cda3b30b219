using FluentValidation;
using KVaccine.BuildingBlocks.Time;
using KVaccine.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KVaccine.Modules.User.Citizens;

/// <summary>
/// A citizen's request: every one names the citizen by name and RRN, or comes from a page where they signed in
/// (<see cref="SignedIn"/>, never read from a request's body).
/// </summary>
internal interface ICitizenRequest
{
    string? UserName { get; }
    string? UserRegNumber { get; }
    SignedInCitizen? SignedIn => null;

    /// <summary>The language the citizen asks to be written to in from now on (<see cref="CitizenLanguage"/>); null keeps theirs.</summary>
    string? Language => null;
}

/// <summary>The rules of every citizen's request; a slice's own validator adds its fields' rules.</summary>
internal abstract class CitizenRequestValidator<T> : AbstractValidator<T> where T : ICitizenRequest
{
    protected CitizenRequestValidator(LocalCalendar calendar)
    {
        When(x => x.SignedIn is null, () =>
        {
            RuleFor(x => x.UserName).CitizenName();
            RuleFor(x => x.UserRegNumber).RegNumber(calendar);
        });
        RuleFor(x => x.Language).Must(l => l is null || CitizenLanguage.IsKnown(l), new Shape(MaxLength: CitizenLanguage.MaxLength))
            .WithMessage($"The language is {CitizenLanguage.Korean} (Korean, the default) or {CitizenLanguage.English} (English).");
    }
}

/// <summary>How a citizen identifies themselves on every call: name and RRN, validated the same way everywhere.</summary>
internal static class IdentityRules
{
    /// <summary>In characters as a person counts them (<see cref="Citizens.CitizenName.Length"/>).</summary>
    public const int MaxNameLength = 50;

    /// <summary>What the database holds at most: a name of <see cref="MaxNameLength"/> characters with their marks.</summary>
    public const int MaxNameStorage = 4 * MaxNameLength;

    public static IRuleBuilderOptions<T, string?> CitizenName<T>(this IRuleBuilder<T, string?> rule) => rule
        .NotEmpty().WithMessage("Enter your name.")
        .Must(name => name is null || Citizens.CitizenName.FitsIn(name, MaxNameLength, MaxNameStorage),
            new Shape(MaxLength: MaxNameStorage))
        .WithMessage($"A name has at most {MaxNameLength} characters.")
        .Must(name => string.IsNullOrWhiteSpace(name) || Citizens.CitizenName.Refusal(name) is null, Shape.NoControlCharacters)
        .WithMessage((_, name) => Citizens.CitizenName.Refusal(name!));

    // The message never echoes the value: it is an RRN.
    public static IRuleBuilderOptions<T, string?> RegNumber<T>(this IRuleBuilder<T, string?> rule, LocalCalendar calendar) => rule
        .Must(value => Citizens.RegNumber.TryParse(value, out _, out _), new Shape(Pattern: @"^\d{6}-?\d{7}$"))
        .WithMessage((request, value) =>
        {
            Citizens.RegNumber.TryParse(value, out _, out var error);
            return $"The resident registration number {error}.";
        })
        .Must(value => !Citizens.RegNumber.TryParse(value, out var parsed, out _) || parsed!.BirthDate <= calendar.Today)
        .WithMessage("The resident registration number begins with a date of birth in the future.");

    /// <summary>Why an Admin changed who an RRN belongs to, for the audit.</summary>
    public static IRuleBuilderOptions<T, string?> CorrectionReason<T>(this IRuleBuilder<T, string?> rule) => rule
        .NotEmpty().WithMessage("Say why, for the audit (for example, which ID card you saw).")
        .MaximumLength(IdentityCorrection.MaxReasonLength).WithMessage($"A reason has at most {IdentityCorrection.MaxReasonLength} characters.");

    /// <summary>The requesting citizen's date of birth, from their RRN or the masked form they signed in with.</summary>
    public static DateOnly? BirthDateOf(ICitizenRequest request) => request.SignedIn is { } signedIn
        ? KVaccine.Contracts.BirthDate.FromMasked(signedIn.MaskedRegNumber)
        : Citizens.RegNumber.TryParse(request.UserRegNumber, out var regNumber, out _) ? regNumber!.BirthDate : null;

    public static RegNumber ParseRegNumber(string? value) =>
        Citizens.RegNumber.TryParse(value, out var regNumber, out var error) ? regNumber! : throw new ArgumentException($"The RRN {error}.");
}
