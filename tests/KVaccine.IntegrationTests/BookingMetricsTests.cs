using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using KVaccine.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace KVaccine.IntegrationTests;

/// <summary>One slot a day of three places, for a one-dose vaccine: no second doses among the moves counted.</summary>
public sealed class OneDoseSlotApp : KVaccineApp
{
    public const int Capacity = 3;

    protected override void Configure(JsonObject settings)
    {
        TestSites.OneSlotADay(settings, Capacity);
        TestSites.DefaultSite(settings)["VaccineTypes"] = "Janssen";
    }
}

/// <summary>Bookings counted by the status they moved to and why, once each move has committed.</summary>
public sealed class BookingMetricsTests
{
    [Fact]
    public async Task Every_move_of_a_booking_is_counted_once_by_status_and_reason()
    {
        await using var app = new OneDoseSlotApp(); // its own clock, moved to the booked day
        using var bookings = new MetricCollector<long>(app.Services.GetRequiredService<IMeterFactory>(), "KVaccine.Bookings", "kvaccine.bookings");
        var api = app.CreateApi();
        var citizens = Enumerable.Range(0, OneDoseSlotApp.Capacity + 1).Select(_ => Citizen.New()).ToList();

        // Tomorrow's one slot: all but one get a place, the last is turned down; one cancels, one is vaccinated.
        var answers = new List<BookingAnswer>();
        foreach (var citizen in citizens) answers.Add((await Api.ReadAsync<BookingAnswer>(await api.ReserveAsync(citizen, KVaccineApp.Tomorrow), HttpStatusCode.Created))!);
        (await api.CancelAsync(citizens[0])).StatusCode.Should().Be(HttpStatusCode.OK);
        await api.SettledAsync();
        app.Clock.Advance(TimeSpan.FromDays(1));
        (await api.InjectAsync(answers[1].UserId)).StatusCode.Should().Be(HttpStatusCode.OK);
        await api.SettledAsync();

        var counted = bookings.GetMeasurementSnapshot().GroupBy(m => $"{m.Tags["status"]} {m.Tags["reason"]}").ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        counted.Should().BeEquivalentTo(new Dictionary<string, long>
        {
            ["PENDING none"] = OneDoseSlotApp.Capacity + 1,
            ["RESERVE none"] = OneDoseSlotApp.Capacity,
            ["REJECT DATE_FULL"] = 1,
            ["CANCEL none"] = 1,
            ["INJECT none"] = 1,
        });
    }
}
