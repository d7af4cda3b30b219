using KVaccine.Contracts;

namespace KVaccine.Modules.Dashboard.Views;

/// <summary>
/// One status change of a booking, as User announced it, kept in the order the Dashboard applied them. Who the booking
/// belongs to stays in <see cref="DashboardRow"/>: a stream of changes needs no name and no (masked) RRN.
/// </summary>
internal sealed class StatusChange
{
    /// <summary>Where the change stands in the log, assigned by the database; a reader resumes after the last it saw.</summary>
    public long Position { get; set; }
    public long BookingId { get; set; }
    public long UserId { get; set; }
    public int DoseNumber { get; set; }
    public int SiteId { get; set; }
    public string? SiteName { get; set; }
    public string? VaccineType { get; set; }
    public DateOnly ReserveDate { get; set; }
    public TimeOnly? SlotTime { get; set; }
    public int? SlotMinutes { get; set; }
    public BookingStatus Status { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
