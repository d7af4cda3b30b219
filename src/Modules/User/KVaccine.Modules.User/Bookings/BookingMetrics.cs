using System.Diagnostics.Metrics;
using KVaccine.Contracts;

namespace KVaccine.Modules.User.Bookings;

/// <summary>
/// Bookings by the status they moved to and why (<c>kvaccine.bookings</c>: PENDING asked, RESERVE, REJECT by reason,
/// CANCEL, INJECT), counted by User, which owns every move, once the move has committed.
/// </summary>
internal sealed class BookingMetrics
{
    public const string MeterName = "KVaccine.Bookings";

    private readonly Counter<long> _moved;

    public BookingMetrics(IMeterFactory meters) =>
        _moved = meters.Create(MeterName).CreateCounter<long>("kvaccine.bookings", "{booking}", "Bookings that moved to a status, by status and reason.");

    public void Moved(BookingStatus status, string? reason) =>
        _moved.Add(1, new KeyValuePair<string, object?>("status", status.ToString()), new KeyValuePair<string, object?>("reason", reason ?? "none"));
}
