using KVaccine.BuildingBlocks.Settings;

namespace KVaccine.Modules.User.Tests;

/// <summary>The schedules appsettings.json gives: Pfizer 21 / 42 / 42 days from 12, AstraZeneca 56 / 77 / 84 from 30, Janssen one dose from 30.</summary>
internal static class Schedules
{
    public static VaccineSchedules Standard { get; } = new()
    {
        Types = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Pfizer"] = new() { Doses = 2, MinimumIntervalDays = 21, DesiredIntervalDays = 42, MaximumIntervalDays = 42, MinimumAge = 12 },
            ["Moderna"] = new() { Doses = 2, MinimumIntervalDays = 28, DesiredIntervalDays = 42, MaximumIntervalDays = 42, MinimumAge = 12 },
            ["AstraZeneca"] = new() { Doses = 2, MinimumIntervalDays = 56, DesiredIntervalDays = 77, MaximumIntervalDays = 84, MinimumAge = 30 },
            ["Janssen"] = new() { Doses = 1, MinimumAge = 30 },
        },
    };
}
