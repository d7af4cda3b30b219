using KVaccine.BuildingBlocks.Settings;
using KVaccine.Contracts;
using KVaccine.Modules.User.Citizens;

namespace KVaccine.Modules.User.Bookings;

/// <summary>
/// One booking of a citizen (an appointment for one dose at a site, on a date, in a slot), and the only place its
/// status changes: PENDING → RESERVE or REJECT (Reservation's
/// decision); RESERVE → REJECT when no vaccine is left, → CANCEL by the citizen, → INJECT by the hospital;
/// PENDING → CANCEL too. Every transition is guarded, so whatever arrives late (a decision after the citizen
/// cancelled, an injection reported after it) changes nothing. Each saved change is published as
/// <c>BookingStatusChanged</c> (see <see cref="UserDbContext"/>).
/// </summary>
internal sealed class Booking
{
    private Booking()
    {
    }

    public Booking(Citizen citizen, Appointment appointment, DateTimeOffset now)
    {
        Citizen = citizen;
        SiteId = appointment.SiteId;
        SiteName = appointment.SiteName;
        ReserveDate = appointment.Date;
        SlotTime = appointment.SlotTime;
        RequestedAt = now;
        Status = BookingStatus.PENDING;
    }

    /// <summary>
    /// A second dose, of the first's product at the first's site, to fall within <paramref name="interval"/>: on the
    /// appointment's date, or with <paramref name="nearest"/> on the date with a place nearest the desired one.
    /// </summary>
    public Booking(Citizen citizen, Booking first, DoseInterval interval, Appointment appointment, bool nearest, DateTimeOffset now) : this(citizen, appointment, now)
    {
        DoseNumber = first.DoseNumber + 1;
        VaccineType = first.VaccineType;
        OfferedVaccineTypes = first.VaccineType;
        EarliestDate = interval.Earliest;
        LatestDate = interval.Latest;
        NearestDate = nearest;
    }

    public long Id { get; private set; }
    public long CitizenId { get; private set; }
    public Citizen Citizen { get; private set; } = null!;
    public int SiteId { get; private set; } = Appointment.DefaultSiteId;

    /// <summary>The site's name as it was when the booking was made; null for a booking made before sites existed.</summary>
    public string? SiteName { get; private set; }

    public DateOnly ReserveDate { get; private set; }

    /// <summary>The slot's start: the one the citizen chose, or the one Reservation placed the booking in; null until then.</summary>
    public TimeOnly? SlotTime { get; private set; }

    /// <summary>How long the slot lasts, once Reservation placed the booking in it (a whole day for one made before sites existed).</summary>
    public int? SlotMinutes { get; private set; }

    public int DoseNumber { get; private set; } = 1;
    public BookingStatus Status { get; private set; }
    public string? Reason { get; private set; }
    public string? VaccineType { get; private set; }
    public DateOnly? InjectDate { get; private set; }
    public DateOnly? CancelDate { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>The site's vaccine types the citizen may receive, comma-separated, as Reservation said when it accepted (a second dose: the first's product).</summary>
    public string? OfferedVaccineTypes { get; private set; }

    /// <summary>A second dose's interval, as it was when the booking was made: a later change of the schedule moves nothing.</summary>
    public DateOnly? EarliestDate { get; private set; }

    public DateOnly? LatestDate { get; private set; }

    /// <summary>Reservation places it on the date with a place nearest the desired one (<see cref="ReserveDate"/> until then).</summary>
    public bool NearestDate { get; private set; }

    public IReadOnlyList<string>? Offered => OfferedVaccineTypes?.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public DoseInterval? Interval => EarliestDate is { } earliest && LatestDate is { } latest ? new DoseInterval(earliest, ReserveDate, latest) : null;

    /// <summary>The date (and slot) a move the citizen asked for goes to, while Reservation has not answered it.</summary>
    public DateOnly? MovingTo { get; private set; }

    public TimeOnly? MovingToSlot { get; private set; }

    /// <summary>Why Reservation refused the last move asked for (<see cref="BookingReasons"/>); null once one succeeds.</summary>
    public string? MoveRefused { get; private set; }

    /// <summary>
    /// How many second doses were booked from this first one. Counted on the first dose's row, a concurrency token, so
    /// a second dose booked while the first is cancelled (by the citizen or its site) makes one of the two saves read
    /// again, and the cancellation takes the second with it.
    /// </summary>
    public int SecondDosesBooked { get; private set; }

    public void BookedItsSecondDose() => SecondDosesBooked++;

    /// <summary>"first dose", "second dose": how the citizen is told which.</summary>
    public string Dose => DoseNumber <= 1 ? "first dose" : "second dose";

    public bool IsActive => Status is BookingStatus.PENDING or BookingStatus.RESERVE;

    /// <summary>Reservation took a place for it in this slot of the date, for one of these vaccine types (null: any).</summary>
    public bool Accept(DateOnly date, TimeOnly slotTime, int slotMinutes, string? siteName, IReadOnlyList<string>? vaccineTypes)
    {
        if (Status != BookingStatus.PENDING) return false;
        Status = BookingStatus.RESERVE;
        ReserveDate = date;
        if (vaccineTypes is { Count: > 0 } && VaccineType is null) OfferedVaccineTypes = string.Join(",", vaccineTypes);
        SlotTime = slotTime;
        SlotMinutes = slotMinutes;
        SiteName ??= siteName;
        return true;
    }

    /// <summary>Why this appointment cannot be moved to the date, or null if it can: a reserved second dose not due yet, within its interval, one move at a time.</summary>
    public string? CannotMoveTo(DateOnly date, DateOnly today) => this switch
    {
        { DoseNumber: <= 1 } => "A first dose is not moved: cancel it and book another date (its second dose goes with it and is booked again).",
        { Status: BookingStatus.PENDING } => "Your second dose is still being placed. Please check its status in a moment.",
        { Status: not BookingStatus.RESERVE } => $"Your second dose is {Status}: book it again instead (doseNumber 2).",
        { MovingTo: { } moving } => $"A move of your second dose to {moving:yyyy-MM-dd} is being made. Please check its status in a moment.",
        _ when ReserveDate <= today => $"Your second dose is on {ReserveDate:yyyy-MM-dd}: it can no longer be moved.",
        { Interval: { } interval } when !interval.Contains(date) =>
            $"Your second dose of {VaccineType} falls from {interval.Earliest:yyyy-MM-dd} to {interval.Latest:yyyy-MM-dd}. Choose a date in that interval.",
        _ => null,
    };

    /// <summary>The citizen asked to move the appointment; Reservation takes the new place and frees the old one in one step.</summary>
    public bool RequestMove(DateOnly date, TimeOnly? slotTime, DateOnly today)
    {
        if (CannotMoveTo(date, today) is not null) return false;
        MovingTo = date;
        MovingToSlot = slotTime;
        MoveRefused = null;
        return true;
    }

    /// <summary>Reservation moved it: the new place is held, the old one free.</summary>
    public bool Move(DateOnly date, TimeOnly slotTime, int slotMinutes)
    {
        if (MovingTo is null) return false;
        MovingTo = null;
        MovingToSlot = null;
        if (Status != BookingStatus.RESERVE) return false;
        ReserveDate = date;
        SlotTime = slotTime;
        SlotMinutes = slotMinutes;
        return true;
    }

    /// <summary>Reservation could not move it: it stays where it was.</summary>
    public bool RefuseMove(string reason)
    {
        if (MovingTo is null) return false;
        MovingTo = null;
        MovingToSlot = null;
        MoveRefused = reason;
        return Status == BookingStatus.RESERVE;
    }

    /// <summary>Where and when, as the citizen is told it: "Seoul Central, 2026-12-03 09:30" (a whole-day slot gives the date alone).</summary>
    public string Where => (SiteName is null ? "" : $"{SiteName}, ") + ReserveDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
        + (SlotClock.StartOfTimedSlot(SlotTime, SlotMinutes) is { } time ? " " + time : "");

    /// <summary>Reservation turned the request down (<see cref="BookingReasons"/>).</summary>
    public bool Reject(string reason)
    {
        if (Status != BookingStatus.PENDING) return false;
        Status = BookingStatus.REJECT;
        Reason = reason;
        return true;
    }

    /// <summary>A reserved booking for which no vaccine type had a dose is a REJECT, not a cancellation: the citizen did not ask for it.</summary>
    public bool RunOutOfVaccine()
    {
        if (!IsActive) return false;
        Status = BookingStatus.REJECT;
        Reason = BookingReasons.OutOfStock;
        return true;
    }

    public const string NoBookingToCancel = "You hold no booking to cancel.";

    /// <summary>Why the citizen cannot cancel, or null if they can.</summary>
    public string? CannotCancel() => Status switch
    {
        BookingStatus.INJECT => "Your vaccination has already been given; there is nothing to cancel.",
        _ when !IsActive => NoBookingToCancel,
        _ => null,
    };

    public bool Cancel(DateOnly today)
    {
        if (CannotCancel() is not null) return false;
        Status = BookingStatus.CANCEL;
        CancelDate = today;
        return true;
    }

    /// <summary>The site closed the booking's day: cancelled, though the citizen did not ask, with the reason.</summary>
    public bool CancelBySite(DateOnly today)
    {
        if (!Cancel(today)) return false;
        Reason = BookingReasons.SiteClosed;
        return true;
    }

    /// <summary>
    /// Records the vaccine Hospital secured. The citizen is told only while the booking is RESERVE, but a booking
    /// cancelled meanwhile keeps the record too: the assignment happened.
    /// </summary>
    /// <returns>Whether the citizen should be told.</returns>
    public bool AssignVaccine(string vaccineType)
    {
        if (Status is BookingStatus.INJECT or BookingStatus.PENDING || VaccineType == vaccineType) return false;
        VaccineType = vaccineType;
        return Status == BookingStatus.RESERVE;
    }

    /// <summary>Why an injection on <paramref name="date"/> cannot be recorded on this booking, or null if it can: only on its day, not while it is being moved.</summary>
    public string? CannotInject(DateOnly date) => Status switch
    {
        BookingStatus.RESERVE when MovingTo is { } moving => $"A move of this appointment to {moving:yyyy-MM-dd} is being made; record the injection once it is answered.",
        BookingStatus.RESERVE when date != ReserveDate => $"The appointment is on {ReserveDate:yyyy-MM-dd}, not {date:yyyy-MM-dd}; an injection is recorded on its day.",
        BookingStatus.RESERVE => null,
        BookingStatus.INJECT => "This citizen has already been injected.",
        BookingStatus.CANCEL => $"The booking is CANCEL: the citizen cancelled it on {CancelDate:yyyy-MM-dd}, so the injection cannot be recorded on it.",
        BookingStatus.REJECT => $"The booking is REJECT ({Reason}), so the injection cannot be recorded on it.",
        _ => $"The booking is {Status}, not RESERVE.",
    };

    public bool Inject(string vaccineType, DateOnly date)
    {
        if (CannotInject(date) is not null) return false;
        Status = BookingStatus.INJECT;
        VaccineType = vaccineType;
        InjectDate = date;
        return true;
    }
}
