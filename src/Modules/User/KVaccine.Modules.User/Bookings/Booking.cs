using KVaccine.Contracts;
using KVaccine.Modules.User.Citizens;

namespace KVaccine.Modules.User.Bookings;

/// <summary>
/// One booking of a citizen, and the only place its status changes: PENDING → RESERVE or REJECT (Reservation's
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

    public Booking(Citizen citizen, DateOnly date, DateTimeOffset now)
    {
        Citizen = citizen;
        ReserveDate = date;
        RequestedAt = now;
        Status = BookingStatus.PENDING;
    }

    public long Id { get; private set; }
    public long CitizenId { get; private set; }
    public Citizen Citizen { get; private set; } = null!;
    public DateOnly ReserveDate { get; private set; }
    public BookingStatus Status { get; private set; }
    public string? Reason { get; private set; }
    public string? VaccineType { get; private set; }
    public DateOnly? InjectDate { get; private set; }
    public DateOnly? CancelDate { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }

    public bool IsActive => Status is BookingStatus.PENDING or BookingStatus.RESERVE;

    public bool Accept()
    {
        if (Status != BookingStatus.PENDING) return false;
        Status = BookingStatus.RESERVE;
        return true;
    }

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
