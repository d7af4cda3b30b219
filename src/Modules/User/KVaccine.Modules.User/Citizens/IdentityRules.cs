using FluentValidation;
using KVaccine.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KVaccine.Modules.User.Citizens;

/// <summary>A citizen's request: every one names the citizen by name and RRN.</summary>
internal interface ICitizenRequest
{
    string? UserName { get; }
    string? UserRegNumber { get; }
}

/// <summary>The rules of every citizen's request; a slice's own validator adds its fields' rules.</summary>
internal abstract class CitizenRequestValidator<T> : AbstractValidator<T> where T : ICitizenRequest
{
    protected CitizenRequestValidator()
    {
        RuleFor(x => x.UserName).CitizenName();
        RuleFor(x => x.UserRegNumber).RegNumber();
    }
}

/// <summary>How a citizen identifies themselves on every call: name and RRN, validated the same way everywhere.</summary>
internal static class IdentityRules
{
    public const int MaxNameLength = 50;

    public static IRuleBuilderOptions<T, string?> CitizenName<T>(this IRuleBuilder<T, string?> rule) => rule
        .NotEmpty().WithMessage("Enter your name.")
        .Must(name => name is null || name.Trim().Length <= MaxNameLength, new Shape(MaxLength: MaxNameLength)).WithMessage($"A name has at most {MaxNameLength} characters.")
        .Must(name => name is null || !name.Any(char.IsControl), Shape.NoControlCharacters).WithMessage("A name cannot contain control characters.");

    // The message never echoes the value: it is an RRN.
    public static IRuleBuilderOptions<T, string?> RegNumber<T>(this IRuleBuilder<T, string?> rule) => rule
        .Must(value => Citizens.RegNumber.TryParse(value, out _, out _), new Shape(Pattern: @"^\d{6}-?\d{7}$"))
        .WithMessage((request, value) =>
        {
            Citizens.RegNumber.TryParse(value, out _, out var error);
            return $"The resident registration number {error}.";
        });

    public static RegNumber ParseRegNumber(string? value) =>
        Citizens.RegNumber.TryParse(value, out var regNumber, out var error) ? regNumber! : throw new ArgumentException($"The RRN {error}.");

    /// <summary>The one answer for an unknown RRN and for a known RRN under another name.</summary>
    public static ProblemHttpResult CitizenNotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Citizen not found.", detail: "No citizen matches this name and resident registration number.");

    /// <summary>The citizen with this RRN and name, or null: a wrong name answers exactly as an unknown RRN.</summary>
    public static async Task<Citizen?> FindCitizenAsync(this UserDbContext db, RegNumberHasher hasher, string name, string regNumber, CancellationToken ct)
    {
        var hash = hasher.Hash(ParseRegNumber(regNumber));
        var citizen = await db.CitizenWithBookingsAsync(hash, ct);
        return citizen is not null && citizen.IsNamed(name) ? citizen : null;
    }
}
