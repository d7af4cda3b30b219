using System.Globalization;

namespace KVaccine.Contracts;

/// <summary>
/// A citizen's birth date as their RRN gives it: the first six digits (YYMMDD), in the century the seventh digit
/// gives (1, 2, 5, 6: the 1900s; 3, 4, 7, 8: the 2000s; 9, 0: the 1800s). The masked form keeps both, so every
/// module can tell a citizen's age without the RRN.
/// </summary>
public static class BirthDate
{
    /// <summary>The date, or null when the digits are no real date.</summary>
    public static DateOnly? Of(ReadOnlySpan<char> yyMMdd, char centuryDigit)
    {
        var century = centuryDigit switch
        {
            '1' or '2' or '5' or '6' => 1900,
            '3' or '4' or '7' or '8' => 2000,
            _ => 1800,
        };
        if (yyMMdd.Length != 6 || !int.TryParse(yyMMdd[..2], NumberStyles.None, CultureInfo.InvariantCulture, out var yy)) return null;
        return DateOnly.TryParseExact($"{century + yy:D4}{yyMMdd[2..]}", "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date : null;
    }

    /// <summary>From the masked RRN (<c>890309-2******</c>); null when it is not one.</summary>
    public static DateOnly? FromMasked(string masked) => masked is { Length: >= 8 } && masked[6] == '-' ? Of(masked.AsSpan(0, 6), masked[7]) : null;

    /// <summary>Age in completed years on the day (born on 29 February: a year older on 1 March in a common year).</summary>
    public static int AgeOn(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        return (day.Month, day.Day).CompareTo((birth.Month, birth.Day)) < 0 ? age - 1 : age;
    }
}
