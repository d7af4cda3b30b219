using KVaccine.BuildingBlocks.Settings;
using KVaccine.Contracts;
using KVaccine.Modules.User.Bookings;

namespace KVaccine.Modules.User.Citizens;

/// <summary>
/// A citizen and their bookings. The rules of a citizen's bookings live here: one active booking (PENDING or
/// RESERVE) per dose; after a CANCEL or REJECT they may book that dose again; a second dose follows the first's
/// product, site and interval; once every dose the vaccine takes is given, nothing more.
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

    /// <summary>What the citizen's notifications are written in (<see cref="CitizenLanguage"/>).</summary>
    public string Language { get; private set; } = CitizenLanguage.Korean;
    public DateTimeOffset CreatedAt { get; private set; }
    public List<Booking> Bookings { get; private set; } = [];

    /// <summary>The active booking (PENDING or RESERVE) of the earliest dose: the one the citizen is waiting for next.</summary>
    public Booking? Active => Bookings.Where(b => b.IsActive).MinBy(b => b.DoseNumber);

    /// <summary>The booking the citizen sees: the active one, else the latest of the dose to come (once the first is given, the second's), else the latest.</summary>
    public Booking? Current => Active ?? Latest(b => b.DoseNumber == (OfDose(1) is { Status: BookingStatus.INJECT } ? 2 : 1)) ?? Latest(_ => true);

    private Booking? Latest(Func<Booking, bool> which) => Bookings.Where(which).OrderBy(b => b.RequestedAt).ThenBy(b => b.Id).LastOrDefault();

    /// <summary>The birth date the RRN gives (kept in its masked form).</summary>
    public DateOnly? BirthDate => KVaccine.Contracts.BirthDate.FromMasked(MaskedRegNumber);

    /// <summary>The booking of the dose that counts: given, or active.</summary>
    public Booking? OfDose(int doseNumber) =>
        Bookings.Where(b => b.DoseNumber == doseNumber && (b.IsActive || b.Status == BookingStatus.INJECT)).MaxBy(b => b.RequestedAt);

    /// <summary>The first dose's product, once known, takes a second dose; null when no such dose is due.</summary>
    public DoseInterval? SecondDoseInterval(VaccineSchedules schedules) =>
        OfDose(1) is { VaccineType: { } type } first ? schedules.For(type).SecondAfter(first.InjectDate ?? first.ReserveDate) : null;

    /// <summary>Every dose the vaccine takes has been given.</summary>
    public bool IsFullyVaccinated(VaccineSchedules schedules) =>
        OfDose(1) is { Status: BookingStatus.INJECT, VaccineType: { } type } && (!schedules.For(type).HasSecondDose || OfDose(2) is { Status: BookingStatus.INJECT });

    /// <summary>Names are compared as people read them: case, spacing and Unicode form do not matter.</summary>
    public bool IsNamed(string name) => CitizenName.Same(name, Name);

    /// <summary>The name the register gives, or an Admin's correction after seeing the citizen's ID card.</summary>
    public void Rename(string name) => Name = CitizenName.Normalize(name);

    /// <summary>The language the citizen last asked for, kept for the notifications to come; none asked keeps theirs.</summary>
    public void WriteIn(string? language)
    {
        if (CitizenLanguage.IsKnown(language)) Language = language!;
    }

    /// <summary>A first dose: while no dose is given or booked.</summary>
    public BookingAttempt RequestBooking(Appointment appointment, VaccineSchedules schedules, DateTimeOffset now)
    {
        if (IsFullyVaccinated(schedules)) return BookingAttempt.Refused("You have already been vaccinated.");
        if (Active is { } active)
            return BookingAttempt.Refused($"You already hold a booking for {active.ReserveDate:yyyy-MM-dd} ({active.Status}, {active.Dose}). Cancel it before booking another date.");
        if (OfDose(1) is { Status: BookingStatus.INJECT } given)
            return BookingAttempt.Refused($"Your first dose was given on {given.InjectDate:yyyy-MM-dd}. Book your second dose (doseNumber 2){IntervalText(schedules)}.");
        var booking = new Booking(this, appointment, now);
        Bookings.Add(booking);
        return BookingAttempt.Made(booking);
    }

    /// <summary>The second dose the citizen chose: at the first dose's site, on a date of its interval.</summary>
    public BookingAttempt RequestSecondDose(Appointment appointment, VaccineSchedules schedules, DateTimeOffset now)
    {
        if (SecondDoseRefusal(schedules) is { } refusal) return BookingAttempt.Refused(refusal);
        var first = OfDose(1)!;
        var interval = SecondDoseInterval(schedules)!;
        if (appointment.SiteId != first.SiteId)
            return BookingAttempt.Refused($"A second dose is given where the first was: site {first.SiteId}{(first.SiteName is null ? "" : $" ({first.SiteName})")}.");
        if (!interval.Contains(appointment.Date))
            return BookingAttempt.Refused($"Your second dose of {first.VaccineType} falls from {interval.Earliest:yyyy-MM-dd} to {interval.Latest:yyyy-MM-dd}. Choose a date in that interval.");
        var booking = new Booking(this, first, interval, appointment, nearest: false, now);
        Bookings.Add(booking);
        first.BookedItsSecondDose();
        return BookingAttempt.Made(booking);
    }

    /// <summary>
    /// Once the first dose's vaccine is known, its second dose is booked without being asked: at the same site, on the
    /// date with a place nearest the desired day. Null when the vaccine takes one dose or a second is booked or given.
    /// </summary>
    public Booking? BookSecondDose(VaccineSchedules schedules, DateTimeOffset now)
    {
        if (SecondDoseRefusal(schedules) is not null || OfDose(1) is not { Status: BookingStatus.RESERVE } first) return null;
        var interval = SecondDoseInterval(schedules)!;
        var booking = new Booking(this, first, interval, new Appointment(first.SiteId, first.SiteName, interval.Desired, null), nearest: true, now);
        Bookings.Add(booking);
        first.BookedItsSecondDose();
        return booking;
    }

    /// <summary>Why no second dose can be booked now, or null if it can.</summary>
    public string? SecondDoseRefusal(VaccineSchedules schedules) => OfDose(1) switch
    {
        null => "Book your first dose first.",
        { VaccineType: null } => "Your first dose's vaccine is not known yet; its second dose can be booked once it is.",
        { VaccineType: { } type } when !schedules.For(type).HasSecondDose => $"{type} takes one dose: there is no second dose to book.",
        _ when OfDose(2) is { } second => second.Status == BookingStatus.INJECT
            ? "You have already been vaccinated."
            : $"You already hold a booking for your second dose on {second.ReserveDate:yyyy-MM-dd} ({second.Status}). Cancel it before booking another date.",
        _ => null,
    };

    /// <summary>Why the injection of the booking on the date cannot be recorded, or null if it can: a second dose only once the first is given.</summary>
    public string? CannotInject(Booking booking, DateOnly date) =>
        booking.CannotInject(date) ?? (booking.DoseNumber > 1 && OfDose(1) is not { Status: BookingStatus.INJECT }
            ? "The citizen's first dose has not been given: a second dose is recorded only after it."
            : null);

    /// <summary>
    /// What a cancellation cancels: the dose asked for (the current one when none is), and with a first dose its
    /// second, which was booked from it.
    /// </summary>
    public (IReadOnlyList<Booking> Bookings, string? Refusal) ToCancel(int? doseNumber)
    {
        var target = doseNumber is { } dose
            ? Bookings.Where(b => b.DoseNumber == dose).MaxBy(b => b.RequestedAt)
            : Current;
        if (target is null) return ([], Booking.NoBookingToCancel);
        if (target.CannotCancel() is { } refusal) return ([], refusal);
        var cancelled = new List<Booking> { target };
        if (target.DoseNumber == 1) cancelled.AddRange(Bookings.Where(b => b.DoseNumber > 1 && b.IsActive));
        return (cancelled, null);
    }

    private string IntervalText(VaccineSchedules schedules) =>
        SecondDoseInterval(schedules) is { } interval ? $" from {interval.Earliest:yyyy-MM-dd} to {interval.Latest:yyyy-MM-dd}" : "";
}

internal sealed record BookingAttempt(Booking? Booking, string? Refusal)
{
    public static BookingAttempt Made(Booking booking) => new(booking, null);

    public static BookingAttempt Refused(string why) => new(null, why);
}
