using FluentValidation;

namespace KVaccine.Modules.Hospital.Staff;

/// <summary>What makes a user name and a password acceptable, for every way an account is made.</summary>
internal static class StaffAccountRules
{
    public const int MaxUserName = 50;

    /// <summary>NIST SP 800-63B: length, not composition rules, makes a password hard to guess.</summary>
    public const int MinPassword = 12;

    public const int MaxPassword = 128;

    public static IRuleBuilderOptions<T, string?> StaffUserName<T>(this IRuleBuilder<T, string?> rule) => rule
        .NotEmpty().WithMessage("Give a user name.")
        .Matches("^[A-Za-z0-9][A-Za-z0-9._-]{2,49}$")
        .WithMessage("A user name is 3 to 50 letters, digits, dots, hyphens or underscores, starting with a letter or a digit.");

    public static IRuleBuilderOptions<T, string?> StaffPassword<T>(this IRuleBuilder<T, string?> rule) => rule
        .NotEmpty().WithMessage("Give a password.")
        .Length(MinPassword, MaxPassword).WithMessage($"A password is {MinPassword} to {MaxPassword} characters.");
}
