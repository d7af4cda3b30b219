using System.Net;
using KVaccine.TestSupport;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace KVaccine.IntegrationTests;

/// <summary>
/// User owns every booking's status: whatever reaches a booking at once, one transition wins, and Reservation,
/// Hospital, Stock and Dashboard all end where User's record says. A host per test: the checks count everything.
/// </summary>
public abstract class BookingOwnerTests<TApp>(ITestOutputHelper output) : IAsyncLifetime where TApp : KVaccineApp, new()
{
    private const int Citizens = 30;
    private const int InitialDosesPerType = 1000;
    private static readonly string[] VaccineTypes = ["Pfizer", "Moderna", "Janssen", "AstraZeneca"];

    private readonly TApp _app = new();
    private Api _api = null!;

    public Task InitializeAsync()
    {
        _api = _app.CreateApi();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [DatabaseFact]
    public async Task An_injection_and_a_cancellation_sent_at_once_have_exactly_one_winner_and_every_module_agrees()
    {
        var booked = new List<(Citizen Citizen, BookingAnswer Booking)>();
        // Tomorrow: a day's move of the clock makes it today, the one day an injection is taken.
        for (var i = 0; i < Citizens; i++)
        {
            var citizen = Citizen.New($"Racer {i}");
            booked.Add((citizen, await _api.BookAsync(citizen, KVaccineApp.Tomorrow)));
        }
        await _api.SettledAsync();
        _app.Clock.Advance(TimeSpan.FromDays(1));
        var rebooking = _app.FreshDate();

        var outcomes = new List<(Citizen Citizen, long UserId, HttpStatusCode Inject, HttpStatusCode Cancel)>();
        foreach (var (citizen, booking) in booked)
        {
            using var start = new Barrier(2);
            var inject = Task.Run(async () => { start.SignalAndWait(); return await _api.InjectAsync(booking.UserId); });
            // The first dose's cancellation, as the one that races the injection (once it is given, a cancellation is the second dose's).
            var cancel = Task.Run(async () => { start.SignalAndWait(); return await _api.CancelDoseAsync(citizen, 1); });
            outcomes.Add((citizen, booking.UserId, (await inject).StatusCode, (await cancel).StatusCode));
        }
        await _api.SettledAsync();

        var injected = outcomes.Count(o => o.Inject == HttpStatusCode.OK);
        var records = new Dictionary<long, StatusAnswer>();
        foreach (var o in outcomes) records[o.UserId] = await _api.StatusOfAsync(o.Citizen);
        (await _api.StockAsync()).Sum(s => s.Count).Should().Be(VaccineTypes.Length * InitialDosesPerType
                - records.Values.Where(r => r.FirstDose.ReserveStatus == "INJECT").Sum(r => Schedule.Doses(r.FirstDose.VaccineType!)),
            "a cancelled booking's dose went back to the stock with its second dose's, an injected one's did not, nor its second dose's");
        PlacesTakenOn(KVaccineApp.Tomorrow).Should().Be(injected, "Reservation freed the place of every cancelled booking and only those");

        var dashboard = (await _api.DashboardAsync()).Where(r => r.DoseNumber == 1).ToDictionary(r => r.UserId);
        var hospital = (await _api.HospitalBookingsAsync(KVaccineApp.Tomorrow)).ToDictionary(r => r.UserId);
        foreach (var (citizen, userId, inject, cancel) in outcomes)
        {
            new[] { inject, cancel }.Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict], $"one of {citizen.UserName}'s two requests wins, the other is refused");
            var winner = inject == HttpStatusCode.OK ? "INJECT" : "CANCEL";
            var record = records[userId];
            record.FirstDose.ReserveStatus.Should().Be(winner, $"{citizen.UserName}'s record follows the request that won");
            record.Appointments!.Where(a => a.DoseNumber == 2).Select(a => a.ReserveStatus).Should().Equal(
                Enumerable.Repeat(winner == "INJECT" ? "RESERVE" : "CANCEL", Schedule.Doses(record.FirstDose.VaccineType!) - 1),
                "a second dose stands with an injected first and goes with a cancelled one");
            hospital[userId].ReserveStatus.Should().Be(winner, $"Hospital agrees with User on {citizen.UserName}");
            dashboard[userId].ReserveStatus.Should().Be(winner, $"Dashboard agrees with User on {citizen.UserName}");
            var again = await _api.ReserveAsync(citizen, rebooking);
            again.StatusCode.Should().Be(winner == "CANCEL" ? HttpStatusCode.Created : HttpStatusCode.Conflict,
                "only a citizen whose booking was cancelled, not one who was injected, may book again");
        }
        output.WriteLine($"{injected} injections won, {Citizens - injected} cancellations won");
    }

    [DatabaseFact]
    public async Task A_burst_of_changes_to_one_booking_ends_with_every_module_agreeing()
    {
        var citizens = Enumerable.Range(0, Citizens).Select(i => Citizen.New($"Burst {i}")).ToList();
        var date = _app.FreshDate();
        // Book, cancel, book again and cancel again without waiting: the decisions, the vaccine picks and the doses of
        // each booking are still in flight when the next change arrives.
        await Task.WhenAll(citizens.Select(async citizen =>
        {
            for (var round = 0; round < 2; round++)
            {
                (await _api.ReserveAsync(citizen, date)).StatusCode.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.Accepted);
                (await _api.CancelAsync(citizen)).StatusCode.Should().Be(HttpStatusCode.OK);
            }
            (await _api.ReserveAsync(citizen, date)).StatusCode.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.Accepted);
        }));
        await _api.SettledAsync();

        var records = new List<StatusAnswer>();
        var all = await _api.DashboardAsync();
        var dashboard = all.Where(r => r.DoseNumber == 1).ToList();
        dashboard.Should().HaveCount(3 * Citizens);
        var hospital = (await _api.HospitalBookingsAsync(date)).ToDictionary(r => r.BookingId);
        foreach (var row in all)
        {
            if (hospital.TryGetValue(row.BookingId, out var seen)) seen.ReserveStatus.Should().Be(row.ReserveStatus, $"Hospital agrees with Dashboard on booking {row.BookingId}");
        }
        foreach (var citizen in citizens)
        {
            var record = await _api.StatusOfAsync(citizen);
            record.ReserveStatus.Should().Be("RESERVE");
            records.Add(record);
            var latest = dashboard.Where(r => r.UserId == record.UserId).MaxBy(r => r.BookingId)!;
            latest.Should().BeEquivalentTo(new { ReserveStatus = "RESERVE", record.VaccineType });
            hospital[latest.BookingId].VaccineType.Should().Be(record.VaccineType).And.NotBeNull();
            all.Where(r => r.UserId == record.UserId && r.DoseNumber == 2 && r.ReserveStatus == "RESERVE").Should()
                .HaveCount(Schedule.Doses(record.VaccineType!) - 1, "the last first dose has its second, if its vaccine takes one; every earlier one's went with it");
        }
        dashboard.Count(r => r.ReserveStatus == "CANCEL").Should().Be(2 * Citizens);
        (await _api.StockAsync()).Sum(s => s.Count).Should().Be(VaccineTypes.Length * InitialDosesPerType - records.Sum(r => Schedule.Doses(r.VaccineType!)),
            "only the last booking of each citizen holds a dose, with its second dose's");
        PlacesTakenOn(date).Should().Be(Citizens, "only the last booking of each citizen holds a place");
        (await _api.AvailableDatesAsync(citizens[0])).Single(d => d.ReserveDate == date).Remaining.Should().Be(_app.DailyCapacity - Citizens);
    }

    [DatabaseFact]
    public async Task An_injection_reported_while_User_is_off_is_accepted_and_recorded_once_User_is_back()
    {
        var citizen = Citizen.New();
        // Tomorrow: a day's move of the clock makes it today, the one day an injection is taken.
        var booked = await _api.BookAsync(citizen, KVaccineApp.Tomorrow);
        await _api.SettledAsync();
        _app.Clock.Advance(TimeSpan.FromDays(1));
        _app.SetModuleEnabled("User", false);
        await Poll.UntilAsync(async () => (await _api.OutboxAsync()).Consumers.Single(c => c.Consumer == "User").Enabled == false, "User is off");

        var reported = await _api.InjectAsync(booked.UserId);

        reported.StatusCode.Should().Be(HttpStatusCode.Accepted, "the hospital's report waits for User, which owns the status");
        (await _api.HospitalBookingsAsync(KVaccineApp.Tomorrow)).Single().ReserveStatus.Should().Be("RESERVE", "nothing is recorded until User has");
        _app.SetModuleEnabled("User", true);
        await Poll.UntilAsync(async () => (await _api.HospitalBookingsAsync(KVaccineApp.Tomorrow)).Single().ReserveStatus == "INJECT", "Hospital shows the injection");
        await _api.SettledAsync();
        (await _api.StatusOfAsync(citizen)).FirstDose.ReserveStatus.Should().Be("INJECT");
        (await _api.DashboardAsync()).Single(r => r.DoseNumber == 1).ReserveStatus.Should().Be("INJECT");
    }

    /// <summary>Reservation's count for a date; the booked day itself is no longer bookable, so no route shows it.</summary>
    private long PlacesTakenOn(DateOnly date)
    {
        if (_app.OnPostgreSql)
        {
            using var pg = new Npgsql.NpgsqlConnection(_app.PostgreSqlConnectionString);
            pg.Open();
            using var query = new Npgsql.NpgsqlCommand("""SELECT COALESCE(sum("FirstBooked" + "SecondBooked"), 0) FROM reservation.slots WHERE "Date" = @date""", pg);
            query.Parameters.AddWithValue("date", date);
            return Convert.ToInt64(query.ExecuteScalar() ?? 0L);
        }
        using var connection = new SqliteConnection($"Data Source={_app.DatabaseFile};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(sum(FirstBooked + SecondBooked), 0) FROM reservation_slots WHERE Date = $date";
        command.Parameters.AddWithValue("$date", date.ToString("yyyy-MM-dd"));
        return (long)(command.ExecuteScalar() ?? 0L);
    }
}

public sealed class BookingOwnerTests(ITestOutputHelper output) : BookingOwnerTests<KVaccineApp>(output);

public sealed class BookingOwnerTestsOnPostgreSql(ITestOutputHelper output) : BookingOwnerTests<KVaccineAppOnPostgreSql>(output);
