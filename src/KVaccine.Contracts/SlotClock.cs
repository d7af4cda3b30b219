using System.Globalization;

namespace KVaccine.Contracts;

/// <summary>A slot's times as every module writes them: <c>09:00</c> to <c>09:30</c>; a whole-day slot (booked before sites existed) ends at <c>24:00</c>.</summary>
public static class SlotClock
{
    public const int WholeDay = 24 * 60;

    public static string Text(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string End(TimeOnly start, int minutes)
    {
        var end = start.Hour * 60 + start.Minute + minutes;
        return end >= WholeDay ? "24:00" : Text(new TimeOnly(end / 60, end % 60));
    }

    /// <summary>The slot's start for lists that leave a whole-day slot's out (it has no time of its own); null without a slot.</summary>
    public static string? StartOfTimedSlot(TimeOnly? start, int? minutes) => start is { } time && minutes is not >= WholeDay ? Text(time) : null;
}
