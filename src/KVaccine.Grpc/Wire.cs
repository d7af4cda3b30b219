using System.Globalization;

namespace KVaccine.Grpc;

/// <summary>
/// Values between the use cases and protobuf, which has no null: an unset field is its zero value ("" or 0), which
/// the contract gives the REST API's meaning of an absent one. Dates as <c>YYYY-MM-DD</c>, as in the REST API.
/// </summary>
public static class Wire
{
    public static string? Optional(string value) => value.Length == 0 ? null : value;

    public static int? Optional(int value) => value == 0 ? null : value;

    public static long? Optional(long value) => value == 0 ? null : value;

    public static string Text(string? value) => value ?? "";

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Time(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}
