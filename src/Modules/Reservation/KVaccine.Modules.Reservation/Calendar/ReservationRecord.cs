namespace KVaccine.Modules.Reservation.Calendar;

internal enum ReservationState
{
    Accepted,
    Rejected,
    Cancelled,
}

/// <summary>Reservation's decision on one booking; it holds a place while Accepted.</summary>
internal sealed class ReservationRecord
{
    public long BookingId { get; set; }
    public long UserId { get; set; }
    public DateOnly ReserveDate { get; set; }
    public ReservationState State { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
}
