namespace KVaccine.Modules.User.Citizens;

/// <summary>
/// One booking of a citizen. Its transitions are guarded, so an event that arrives late (a decision after the
/// citizen cancelled, say) changes nothing: each method answers whether the booking changed.
/// </summary>
internal sealed class Booking
{
    private Booking()
    {
    }

    public Booking(Citizen citizen, DateOnly date, DateTimeOffset now)
    {
        Citizen = citizen;
        ReserveDate = date;
        RequestedAt = now;
        Status = ReserveStatus.PENDING;
    }

    public long Id { get; private set; }
    public long CitizenId { get; private set; }
    public Citizen Citizen { get; private set; } = null!;
    public DateOnly ReserveDate { get; private set; }
    public ReserveStatus Status { get; private set; }
    public string? Reason { get; private set; }
    public string? VaccineType { get; private set; }
    public DateOnly? InjectDate { get; private set; }
    public DateOnly? CancelDate { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }

    public bool IsActive => Status is ReserveStatus.PENDING or ReserveStatus.RESERVE;

    public bool Accept()
    {
        if (Status != ReserveStatus.PENDING) return false;
        Status = ReserveStatus.RESERVE;
        return true;
    }

    public bool Reject(string reason)
    {
        if (!IsActive) return false;
        Status = ReserveStatus.REJECT;
        Reason = reason;
        return true;
    }

    public bool Cancel(DateOnly today)
    {
        if (!IsActive) return false;
        Status = ReserveStatus.CANCEL;
        CancelDate = today;
        return true;
    }

    /// <summary>
    /// Records the vaccine Hospital secured. The citizen is told only while the booking is RESERVE, but a booking
    /// cancelled meanwhile keeps the record too: the assignment happened, and the dashboard, which sees events in
    /// commit order, shows it as well.
    /// </summary>
    /// <returns>Whether the citizen should be told.</returns>
    public bool AssignVaccine(string vaccineType)
    {
        if (Status is ReserveStatus.INJECT or ReserveStatus.PENDING || VaccineType == vaccineType) return false;
        VaccineType = vaccineType;
        return Status == ReserveStatus.RESERVE;
    }

    public bool Inject(string vaccineType, DateOnly date)
    {
        if (Status != ReserveStatus.RESERVE) return false;
        Status = ReserveStatus.INJECT;
        VaccineType = vaccineType;
        InjectDate = date;
        return true;
    }
}
