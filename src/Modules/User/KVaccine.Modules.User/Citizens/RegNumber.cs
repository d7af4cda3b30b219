namespace KVaccine.Modules.User.Citizens;

/// <summary>
/// A resident registration number (RRN): 13 digits, the hyphen after the sixth optional. The first six are the
/// birth date, in the century the seventh digit gives. The old check digit is not enforced: numbers issued since
/// October 2020 do not follow it. <see cref="ToString"/> is the masked form, so an RRN cannot leak by formatting.
/// </summary>
internal sealed class RegNumber
{
    private readonly string _digits;

    private RegNumber(string digits, DateOnly birthDate)
    {
        _digits = digits;
        BirthDate = birthDate;
    }

    /// <summary>The first six digits, in the century the seventh gives.</summary>
    public DateOnly BirthDate { get; }

    /// <summary>Shown to people: birth date and sex digit, the rest masked (890309-2******).</summary>
    public string Masked => $"{_digits[..6]}-{_digits[6]}******";

    /// <summary>For the keyed hash only; never store, log or return it.</summary>
    public string Digits => _digits;

    public override string ToString() => Masked;

    public static bool TryParse(string? input, out RegNumber? regNumber, out string error)
    {
        regNumber = null;
        var text = input?.Trim() ?? "";
        if (text.Length == 14 && text[6] == '-') text = text.Remove(6, 1);
        if (text.Length != 13 || !text.All(char.IsAsciiDigit))
        {
            error = "must be 13 digits, written as YYMMDD-NNNNNNN (the hyphen is optional)";
            return false;
        }
        if (KVaccine.Contracts.BirthDate.Of(text.AsSpan(0, 6), text[6]) is not { } birthDate)
        {
            error = "does not begin with a real date of birth (YYMMDD)";
            return false;
        }
        regNumber = new RegNumber(text, birthDate);
        error = "";
        return true;
    }
}
