namespace KVaccine.Modules.Hospital.Bookings;

internal enum HospitalBookingStatus
{
    RESERVE,
    CANCEL,
    REJECT,
    INJECT,
}

/// <summary>
/// A booking as the hospital sees it, and the choice of its vaccine: a random configured type not yet tried; the
/// vaccine is the citizen's once Stock holds a dose of it.
/// </summary>
internal sealed class HospitalBooking
{
    public long BookingId { get; set; }
    public long UserId { get; set; }
    public required string UserName { get; set; }
    public required string MaskedRegNumber { get; set; }
    public DateOnly ReserveDate { get; set; }
    public HospitalBookingStatus Status { get; set; }

    /// <summary>The vaccine Stock holds a dose of for this booking, once it does.</summary>
    public string? VaccineType { get; set; }

    /// <summary>Every type asked of Stock so far, in order, comma-separated; the last is the one in flight.</summary>
    public string TriedTypes { get; set; } = "";

    public DateOnly? InjectDate { get; set; }

    public IReadOnlyList<string> Tried => TriedTypes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Picks a type not tried yet, at random, and records it as tried; null when every type was tried.</summary>
    public string? PickVaccine(IReadOnlyList<string> configured, Random random)
    {
        var untried = configured.Where(t => !Tried.Contains(t, StringComparer.OrdinalIgnoreCase)).ToList();
        if (untried.Count == 0) return null;
        var pick = untried[random.Next(untried.Count)];
        TriedTypes = TriedTypes.Length == 0 ? pick : $"{TriedTypes},{pick}";
        return pick;
    }

    public bool IsWaitingFor(string vaccineType) =>
        Status == HospitalBookingStatus.RESERVE && VaccineType is null && string.Equals(Tried.LastOrDefault(), vaccineType, StringComparison.OrdinalIgnoreCase);

    public string? Injectable(DateOnly today) => Status switch
    {
        HospitalBookingStatus.INJECT => "This citizen has already been injected.",
        not HospitalBookingStatus.RESERVE => $"The booking is {Status}, not RESERVE.",
        _ when VaccineType is null => "No vaccine has been secured for this booking yet.",
        _ when ReserveDate != today => $"The booking is for {ReserveDate:yyyy-MM-dd}; an injection is recorded on the booked day.",
        _ => null,
    };
}
