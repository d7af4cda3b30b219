namespace KVaccine.Modules.Reservation.Calendar;

internal enum ReservationState
{
    Accepted,
    Rejected,
    Cancelled,
}

/// <summary>Reservation's decision on one booking; it holds a place in its slot while Accepted.</summary>
internal sealed class ReservationRecord
{
    public long BookingId { get; set; }
    public long UserId { get; set; }
    public int SiteId { get; set; }
    public DateOnly ReserveDate { get; set; }

    /// <summary>The slot's start once a place is taken in it.</summary>
    public TimeOnly? SlotStart { get; set; }

    public int DoseNumber { get; set; } = 1;
    public ReservationState State { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
}
