using System.Globalization;
using System.Text;

namespace KVaccine.Modules.User.Citizens;

/// <summary>
/// A citizen's name as a person reads it: the same name typed on another keyboard (Hangul composed or decomposed,
/// a full-width space, a double space) is the same name, and its length is what a person counts.
/// </summary>
internal static class CitizenName
{
    /// <summary>Unicode NFC, every run of white space one space, trimmed; the form that is stored and compared.</summary>
    public static string Normalize(string name)
    {
        var composed = name.Normalize(NormalizationForm.FormC);
        var result = new StringBuilder(composed.Length);
        foreach (var c in composed)
        {
            if (char.IsWhiteSpace(c))
            {
                if (result.Length > 0 && result[^1] != ' ') result.Append(' ');
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString().TrimEnd(' ');
    }

    public static bool Same(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

    /// <summary>Characters as a person counts them (a syllable with its marks is one).</summary>
    public static int Length(string name) => new StringInfo(Normalize(name)).LengthInTextElements;

    /// <summary>At most <paramref name="characters"/> as a person counts them, and <paramref name="storage"/> UTF-16 units once normalised.</summary>
    public static bool FitsIn(string name, int characters, int storage)
    {
        var normalized = Normalize(name);
        return normalized.Length <= storage && new StringInfo(normalized).LengthInTextElements <= characters;
    }

    /// <summary>
    /// Why no person has this name, or null: it has no letter, or a character that shows nothing or rearranges the
    /// text around it (controls, direction marks, zero-width and filler characters, line separators).
    /// </summary>
    public static string? Refusal(string name)
    {
        foreach (var rune in name.EnumerateRunes())
        {
            if (IsInvisible(rune)) return "A name cannot contain invisible characters, direction marks or line breaks.";
        }
        // Any form of a letter is a letter: no need to compose the name first.
        return name.EnumerateRunes().Any(r => Rune.IsLetter(r) && !IsFiller(r)) ? null : "A name must contain letters.";
    }

    private static bool IsInvisible(Rune rune)
    {
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned => true,
            _ => IsFiller(rune),
        };
    }

    // Letters by category that show nothing: the Hangul fillers, the Braille blank, the Mongolian vowel separator.
    private static bool IsFiller(Rune rune) => rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 or 0x180E;
}
