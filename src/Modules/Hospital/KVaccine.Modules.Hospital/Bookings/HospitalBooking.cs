using KVaccine.Contracts;

namespace KVaccine.Modules.Hospital.Bookings;

/// <summary>
/// A booking as the hospital sees it, and the choice of its vaccine: a random type not yet tried, of those the hospital
/// gives and the booking may have; the vaccine is the citizen's once Stock holds a dose of it. Its status is User's, copied from every change.
/// </summary>
internal sealed class HospitalBooking
{
    public long BookingId { get; set; }
    public long UserId { get; set; }
    public required string UserName { get; set; }
    public required string MaskedRegNumber { get; set; }
    public int SiteId { get; set; } = 1;
    public string? SiteName { get; set; }
    public DateOnly ReserveDate { get; set; }

    /// <summary>The slot's start (midnight for a whole-day slot, booked before sites existed).</summary>
    public TimeOnly? SlotTime { get; set; }

    public int? SlotMinutes { get; set; }
    public int DoseNumber { get; set; } = 1;
    public BookingStatus Status { get; set; }

    /// <summary>The vaccine Stock holds a dose of for this booking, once it does.</summary>
    public string? VaccineType { get; set; }

    /// <summary>Every type asked of Stock so far, in order, comma-separated; the last is the one in flight.</summary>
    public string TriedTypes { get; set; } = "";

    public DateOnly? InjectDate { get; set; }

    /// <summary>The types the booking may have, comma-separated: the site's for the citizen's age, or a second dose's product; empty when any (booked before ages were checked).</summary>
    public string OfferedTypes { get; set; } = "";

    public IReadOnlyList<string> Offered => OfferedTypes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<string> Tried => TriedTypes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Picks a type the hospital gives and the booking may have, not tried yet, at random, and records it as tried; null when every one was tried.</summary>
    public string? PickVaccine(IReadOnlyList<string> configured, Random random)
    {
        var offered = Offered;
        var untried = configured.Where(t => !Tried.Contains(t, StringComparer.OrdinalIgnoreCase)
            && (offered.Count == 0 || offered.Contains(t, StringComparer.OrdinalIgnoreCase))).ToList();
        if (untried.Count == 0) return null;
        var pick = untried[random.Next(untried.Count)];
        TriedTypes = TriedTypes.Length == 0 ? pick : $"{TriedTypes},{pick}";
        return pick;
    }

    public bool IsWaitingFor(string vaccineType) =>
        Status == BookingStatus.RESERVE && VaccineType is null && string.Equals(Tried.LastOrDefault(), vaccineType, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// What the hospital must see before it reports an injection: the booking open, its dose, the booked day. User
    /// decides for good whether the booking still allows one (a cancellation may not have reached this copy yet).
    /// </summary>
    public string? CannotInject(DateOnly today) => this switch
    {
        { Status: not BookingStatus.RESERVE } => $"The booking is {Status}, not RESERVE.",
        { VaccineType: null } => "No vaccine has been secured for this booking yet.",
        _ when ReserveDate != today => $"The booking is for {ReserveDate:yyyy-MM-dd}; an injection is recorded on the booked day.",
        _ => null,
    };
}
