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

    public bool IsActive => Status is BookingStatus.PENDING or BookingStatus.RESERVE;

    /// <summary>Reservation took a place for it in this slot.</summary>
    public bool Accept(TimeOnly slotTime, int slotMinutes, string? siteName)
    {
        if (Status != BookingStatus.PENDING) return false;
        Status = BookingStatus.RESERVE;
        SlotTime = slotTime;
        SlotMinutes = slotMinutes;
        SiteName ??= siteName;
        return true;
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

    /// <summary>Why an injection cannot be recorded on this booking, or null if it can.</summary>
    public string? CannotInject() => Status switch
    {
        BookingStatus.RESERVE => null,
        BookingStatus.INJECT => "This citizen has already been injected.",
        BookingStatus.CANCEL => $"The booking is CANCEL: the citizen cancelled it on {CancelDate:yyyy-MM-dd}, so the injection cannot be recorded on it.",
        BookingStatus.REJECT => $"The booking is REJECT ({Reason}), so the injection cannot be recorded on it.",
        _ => $"The booking is {Status}, not RESERVE.",
    };

    public bool Inject(string vaccineType, DateOnly date)
    {
        if (CannotInject() is not null) return false;
        Status = BookingStatus.INJECT;
        VaccineType = vaccineType;
        InjectDate = date;
        return true;
    }
}
