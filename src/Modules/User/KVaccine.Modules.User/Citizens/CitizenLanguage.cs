namespace KVaccine.Modules.User.Citizens;

/// <summary>
/// The language a citizen is written to in: Korean unless they ask for English (a page's language when they book on
/// it, or <c>language</c> in the API's request). Kept with their record for the notifications that come later.
/// </summary>
internal static class CitizenLanguage
{
    public const string Korean = "ko";
    public const string English = "en";

    /// <summary>The column's width: a two-letter ISO 639-1 code.</summary>
    public const int MaxLength = 2;

    public static bool IsKnown(string? language) => language is Korean or English;
}
