using KVaccine.Contracts;
using KVaccine.Modules.User.Bookings;

namespace KVaccine.Modules.User.Citizens;

/// <summary>
/// A citizen and their bookings. The rules of a citizen's bookings live here: one active booking (PENDING or
/// RESERVE) at a time; after a CANCEL or REJECT they may book again; once injected, never.
/// </summary>
internal sealed class Citizen
{
    private Citizen()
    {
    }

    public Citizen(string name, string regNumberHash, string maskedRegNumber, DateTimeOffset now)
    {
        Name = CitizenName.Normalize(name);
        RegNumberHash = regNumberHash;
        MaskedRegNumber = maskedRegNumber;
        CreatedAt = now;
    }

    /// <summary>The original API's <c>userId</c>.</summary>
    public long Id { get; private set; }
    public string Name { get; private set; } = "";
    public string RegNumberHash { get; private set; } = "";
    public string MaskedRegNumber { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public List<Booking> Bookings { get; private set; } = [];

    public Booking? Active => Bookings.FirstOrDefault(b => b.IsActive);

    /// <summary>The booking the citizen sees: the active one, else the latest.</summary>
    public Booking? Current => Active ?? Bookings.MaxBy(b => b.RequestedAt);

    /// <summary>Names are compared as people read them: case, spacing and Unicode form do not matter.</summary>
    public bool IsNamed(string name) => CitizenName.Same(name, Name);

    /// <summary>The name the register gives, or an Admin's correction after seeing the citizen's ID card.</summary>
    public void Rename(string name) => Name = CitizenName.Normalize(name);

    public BookingAttempt RequestBooking(Appointment appointment, DateTimeOffset now)
    {
        if (Bookings.Any(b => b.Status == BookingStatus.INJECT)) return BookingAttempt.Refused("You have already been vaccinated.");
        if (Active is { } active)
            return BookingAttempt.Refused($"You already hold a booking for {active.ReserveDate:yyyy-MM-dd} ({active.Status}). Cancel it before booking another date.");
        var booking = new Booking(this, appointment, now);
        Bookings.Add(booking);
        return BookingAttempt.Made(booking);
    }
}

internal sealed record BookingAttempt(Booking? Booking, string? Refusal)
{
    public static BookingAttempt Made(Booking booking) => new(booking, null);

    public static BookingAttempt Refused(string why) => new(null, why);
}
