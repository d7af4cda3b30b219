using System.Net.Http.Json;
using System.Text.Json;
using KVaccine.TestSupport;

namespace KVaccine.FaultTests;

/// <summary>
/// The end state every scenario must reach once the outbox has drained: every acknowledged booking is there with a
/// final status; stock equals its starting count minus the doses held by RESERVE and INJECT bookings (a second dose's
/// included); Hospital, Dashboard and the citizens' own records agree appointment for appointment; no notification
/// was applied twice.
/// </summary>
public static class Consistency
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Row(long BookingId, long UserId, string UserName, DateOnly ReserveDate, string ReserveStatus, string? VaccineType, int DoseNumber = 1);
    public sealed record HospitalRow(long BookingId, long UserId, DateOnly ReserveDate, string ReserveStatus, string? VaccineType);
    public sealed record Level(string VaccineType, int Count);
    public sealed record Notification(string ReserveStatus, string Message, DateTimeOffset CreatedAt);
    public sealed record Status(long UserId, string? ReserveStatus, string? VaccineType, List<Notification> Notifications, List<Appointment> Appointments);
    public sealed record Appointment(long BookingId, int DoseNumber, string ReserveStatus, string? VaccineType);
    public sealed record AvailableDate(DateOnly ReserveDate, int Remaining);
    public sealed record ConsumerState(string Consumer, bool Enabled, int Backlog, int DeadLetters);
    public sealed record Outbox(List<ConsumerState> Consumers);

    public static async Task DrainedAsync(HttpClient staff, TimeSpan timeout) => await Poll.UntilAsync(async () =>
    {
        var outbox = await staff.GetFromJsonAsync<Outbox>("/admin/outbox", Json);
        return outbox!.Consumers.All(c => c.Backlog == 0);
    }, "the outbox has drained", timeout);

    /// <param name="otherHosts">Hosts serving the same database: each must show citizens the same places left.</param>
    public static async Task<Report> CheckAsync(Uri host, Ledger ledger, int initialPerType, int dailyCapacity, TimeSpan clockOffset = default,
        IReadOnlyList<Uri>? otherHosts = null)
    {
        using var staff = Driver.Staff(host, clockOffset);
        using var citizens = new HttpClient { BaseAddress = host };
        var problems = new List<string>();

        var dashboard = (await staff.GetFromJsonAsync<List<Row>>("/dashboard/list", Json))!;
        var stock = (await staff.GetFromJsonAsync<List<Level>>("/stock", Json))!;
        var outbox = (await staff.GetFromJsonAsync<Outbox>("/admin/outbox", Json))!;
        var hospital = new Dictionary<long, HospitalRow>();
        foreach (var date in dashboard.Select(r => r.ReserveDate).Distinct())
            foreach (var row in (await staff.GetFromJsonAsync<List<HospitalRow>>($"/hospital/bookings?date={date:yyyy-MM-dd}", Json))!)
                hospital[row.BookingId] = row;
        var byBooking = dashboard.ToDictionary(r => r.BookingId);

        foreach (var citizen in ledger.Booked.Values)
        {
            var response = await citizens.PostAsJsonAsync("/user/status", citizen);
            if (!response.IsSuccessStatusCode) { problems.Add($"acknowledged booking of {citizen.UserName} is missing ({(int)response.StatusCode})"); continue; }
            var status = (await response.Content.ReadFromJsonAsync<Status>(Json))!;
            if (status.ReserveStatus is not ("RESERVE" or "REJECT" or "CANCEL" or "INJECT"))
                problems.Add($"{citizen.UserName} is still {status.ReserveStatus}");
            var firstDose = status.Appointments.Where(a => a.DoseNumber == 1).MaxBy(a => a.BookingId);
            if (ledger.Cancelled.ContainsKey(citizen.UserRegNumber) && firstDose?.ReserveStatus != "CANCEL")
                problems.Add($"{citizen.UserName}'s acknowledged cancellation is lost ({firstDose?.ReserveStatus})");
            if (ledger.Injected.ContainsKey(status.UserId) && firstDose?.ReserveStatus != "INJECT")
                problems.Add($"{citizen.UserName}'s acknowledged injection is lost ({firstDose?.ReserveStatus})");
            // A first dose cancelled takes its second with it; one given keeps it.
            if (firstDose?.ReserveStatus is "CANCEL" or "REJECT" && status.Appointments.Any(a => a.DoseNumber == 2 && a.ReserveStatus is "PENDING" or "RESERVE"))
                problems.Add($"{citizen.UserName}'s second dose is still booked without a first ({firstDose.ReserveStatus})");
            foreach (var appointment in status.Appointments)
            {
                if (!byBooking.TryGetValue(appointment.BookingId, out var row)) { problems.Add($"{citizen.UserName}'s booking {appointment.BookingId} has no dashboard row"); continue; }
                if (row.ReserveStatus != appointment.ReserveStatus || row.VaccineType != appointment.VaccineType)
                    problems.Add($"{citizen.UserName}'s booking {appointment.BookingId}: citizen {appointment.ReserveStatus}/{appointment.VaccineType}, dashboard {row.ReserveStatus}/{row.VaccineType}");
            }
            var duplicates = status.Notifications.GroupBy(n => n.Message).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (duplicates.Count > 0) problems.Add($"{citizen.UserName} was notified twice: {duplicates[0]}");
        }

        foreach (var row in dashboard)
        {
            var expectsHospital = row.ReserveStatus is "RESERVE" or "INJECT" || (row.ReserveStatus == "CANCEL" && hospital.ContainsKey(row.BookingId));
            if (!hospital.TryGetValue(row.BookingId, out var h))
            {
                if (expectsHospital) problems.Add($"booking {row.BookingId} ({row.ReserveStatus}) is unknown to the hospital");
                continue;
            }
            if (h.ReserveStatus != row.ReserveStatus) problems.Add($"booking {row.BookingId}: dashboard {row.ReserveStatus}, hospital {h.ReserveStatus}");
            if (row.ReserveStatus is "RESERVE" or "INJECT" && h.VaccineType != row.VaccineType)
                problems.Add($"booking {row.BookingId}: dashboard vaccine {row.VaccineType}, hospital {h.VaccineType}");
        }

        foreach (var level in stock)
        {
            var held = dashboard.Count(r => r.VaccineType == level.VaccineType && r.ReserveStatus is "RESERVE" or "INJECT");
            if (initialPerType - held != level.Count)
                problems.Add($"{level.VaccineType}: {initialPerType} - {held} held = {initialPerType - held}, stock says {level.Count}");
        }
        // First doses' places; second doses have places of their own.
        foreach (var day in dashboard.Where(r => r.DoseNumber == 1 && r.ReserveStatus is "RESERVE" or "INJECT").GroupBy(r => r.ReserveDate))
            if (day.Count() > dailyCapacity) problems.Add($"{day.Key}: {day.Count()} first doses hold a place, capacity is {dailyCapacity}");
        // The places left that citizens see (kept in memory by Reservation, reloaded at every start, and told of the
        // other hosts' bookings) against the bookings that hold one.
        foreach (var through in otherHosts is null ? [host] : otherHosts.Prepend(host))
        {
            using var client = new HttpClient { BaseAddress = through };
            var listing = await client.PostAsJsonAsync("/user/date", Driver.NewCitizen());
            if (!listing.IsSuccessStatusCode) { problems.Add($"available dates through {through} answered {(int)listing.StatusCode}"); continue; }
            foreach (var date in (await listing.Content.ReadFromJsonAsync<List<AvailableDate>>(Json))!)
            {
                var held = dashboard.Count(r => r.DoseNumber == 1 && r.ReserveDate == date.ReserveDate && r.ReserveStatus is "RESERVE" or "INJECT");
                if (date.Remaining != dailyCapacity - held)
                    problems.Add($"{date.ReserveDate}: {dailyCapacity} - {held} held = {dailyCapacity - held} places, citizens are shown {date.Remaining} through {through}");
            }
        }

        var deadLetters = outbox.Consumers.Sum(c => c.DeadLetters);
        if (deadLetters > 0) problems.Add($"{deadLetters} dead letters");

        return new Report(ledger.Booked.Count, ledger.Cancelled.Count, ledger.Injected.Count, dashboard.Count, deadLetters, problems);
    }

    public sealed record Report(int BookingsAcknowledged, int CancellationsAcknowledged, int InjectionsAcknowledged, int DashboardRows, int DeadLetters, List<string> Problems)
    {
        public override string ToString() =>
            $"bookings acknowledged {BookingsAcknowledged}, cancellations acknowledged {CancellationsAcknowledged}, injections acknowledged {InjectionsAcknowledged}, dashboard rows {DashboardRows}, " +
            $"dead letters {DeadLetters}, inconsistencies {Problems.Count}" + (Problems.Count > 0 ? ":\n  " + string.Join("\n  ", Problems.Take(20)) : "");
    }
}
