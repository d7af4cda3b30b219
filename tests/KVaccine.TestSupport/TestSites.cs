using System.Text.Json.Nodes;

namespace KVaccine.TestSupport;

/// <summary>Settings of the default site (the first of <c>Reservation:Sites</c>) that tests and the benchmark need.</summary>
public static class TestSites
{
    private static readonly string[] Week = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    /// <summary>
    /// The default site opens every day for one hour-long slot of <paramref name="capacity"/> places for each dose, so
    /// a date's places are the slot's: what the original's one number of places per day was.
    /// </summary>
    public static void OneSlotADay(JsonObject settings, int capacity)
    {
        var site = DefaultSite(settings);
        site["Hours"] = new JsonObject(Week.Select(d => KeyValuePair.Create(d, (JsonNode?)JsonValue.Create("09:00-10:00"))));
        site["SlotMinutes"] = 60;
        site["FirstDoseCapacity"] = capacity;
        site["SecondDoseCapacity"] = capacity;
    }

    public static JsonObject DefaultSite(JsonObject settings) => settings["Reservation"]!["Sites"]![0]!.AsObject();

    /// <summary>The places a date of the default site has for first doses, summed over its slots, as the settings give them.</summary>
    public static int DailyCapacity(JsonObject settings, DayOfWeek day = DayOfWeek.Monday)
    {
        var site = DefaultSite(settings);
        var minutes = site["SlotMinutes"]?.GetValue<int>() ?? 30;
        var slots = 0;
        foreach (var stretch in (site["Hours"]?[day.ToString()]?.GetValue<string>() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var times = stretch.Split('-').Select(t => TimeOnly.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            slots += (int)((times[1] - times[0]).TotalMinutes / minutes);
        }
        return slots * site["FirstDoseCapacity"]!.GetValue<int>();
    }
}
