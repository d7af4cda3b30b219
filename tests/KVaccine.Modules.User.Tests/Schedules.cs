using KVaccine.BuildingBlocks.Settings;

namespace KVaccine.Modules.User.Tests;

/// <summary>The default schedules, as appsettings.json gives them too: Pfizer 21 / 42 / 42 days from 12, AstraZeneca 56 / 77 / 84 from 30, Janssen one dose from 30.</summary>
internal static class Schedules
{
    public static VaccineSchedules Standard { get; } = new() { Types = new(VaccineSchedules.Default, StringComparer.OrdinalIgnoreCase) };
}
