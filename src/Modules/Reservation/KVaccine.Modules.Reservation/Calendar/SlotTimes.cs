using System.Globalization;

namespace KVaccine.Modules.Reservation.Calendar;

/// <summary>A slot's times as people and the API write them: <c>09:00</c> to <c>09:30</c>; a whole-day slot ends at <c>24:00</c>.</summary>
internal static class SlotTimes
{
    public static string Start(Slot slot) => slot.Start.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string End(Slot slot)
    {
        var end = slot.Start.Hour * 60 + slot.Start.Minute + slot.Minutes;
        return end >= 24 * 60 ? "24:00" : new TimeOnly(end / 60, end % 60).ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    public static bool TryParse(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
