using System.Text.RegularExpressions;
using KVaccine.Modules.Hospital.Bookings;

namespace KVaccine.Modules.Hospital.Pages;

/// <summary>
/// What staff search the day's list by: part of a name, or an RRN's first seven digits (birth date and the digit
/// after it) as the hospital holds them masked. Typed in full, an RRN is cut to those seven before anything sees it.
/// </summary>
internal static partial class DaySearch
{
    public static string? Normalize(string? search)
    {
        if (string.IsNullOrWhiteSpace(search)) return null;
        var trimmed = search.Trim();
        if (!RegNumberLike().IsMatch(trimmed)) return trimmed;
        var digits = trimmed.Replace("-", "", StringComparison.Ordinal);
        return digits.Length > 6 ? $"{digits[..6]}-{digits[6]}" : digits;
    }

    public static bool Matches(BookingsOfTheDay.Row row, string? search) =>
        search is null
        || row.UserName.Contains(search, StringComparison.OrdinalIgnoreCase)
        || row.MaskedRegNumber.Replace("-", "", StringComparison.Ordinal).StartsWith(search.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal);

    [GeneratedRegex(@"^\d{1,6}(-?\d*)?$")]
    private static partial Regex RegNumberLike();
}
