namespace KVaccine.Modules.User.Citizens;

/// <summary>
/// A citizen's name and RRN as they are matched, however the client wrote them: the name as <see cref="Citizen.IsNamed"/>
/// compares it, the RRN as its digits. An idempotent retry is matched on these, so a rewritten body is the same request.
/// </summary>
internal static class CitizenMeaning
{
    public static string? Name(string? name) => name is null ? null : CitizenName.Normalize(name).ToUpperInvariant();

    // One that does not parse is kept as written: it fails validation, and a request refused so holds no key.
    public static string? RegNumber(string? value) => Citizens.RegNumber.TryParse(value, out var regNumber, out _) ? regNumber!.Digits : value;
}
