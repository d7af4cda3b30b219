using KVaccine.Modules.Hospital.Contracts;
using KVaccine.Modules.Reservation.Contracts;
using KVaccine.Modules.User.Bookings;
using KVaccine.Modules.User.Citizens;
using KVaccine.Modules.User.Notifications;
using MediatR;

namespace KVaccine.Modules.User.Integration;

/// <summary>
/// What the other modules tell User about a booking, applied to the citizen's record with a notification for
/// every change of status. A transition the booking no longer allows (it was cancelled meanwhile) changes nothing.
/// </summary>
internal sealed class BookingUpdates(UserDbContext db, Notifier notifier, BookingDecisions decisions) :
    INotificationHandler<ReservationAccepted>,
    INotificationHandler<ReservationRejected>,
    INotificationHandler<ReservationCancelled>,
    INotificationHandler<VaccineAssigned>,
    INotificationHandler<VaccineInjected>
{
    public async Task Handle(ReservationAccepted e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (booking.Accept())
            notifier.Notify(booking, $"{booking.Citizen.Name}, your vaccination is booked for {booking.ReserveDate:yyyy-MM-dd}.");
        db.AfterCommit(() => decisions.Decided(e.BookingId));
    }

    public async Task Handle(ReservationRejected e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (booking.Reject(e.Reason))
            notifier.Notify(booking, $"{booking.Citizen.Name}, we could not book {booking.ReserveDate:yyyy-MM-dd} for you ({Describe(e.Reason)}). Please choose another date.");
        db.AfterCommit(() => decisions.Decided(e.BookingId));
    }

    /// <summary>A cancellation the citizen asked for is already CANCEL here; one for want of vaccine is a REJECT.</summary>
    public async Task Handle(ReservationCancelled e, CancellationToken ct)
    {
        if (e.Reason != ReservationReasons.OutOfStock) return;
        var booking = await LoadAsync(e.BookingId, ct);
        if (booking.Reject(e.Reason))
            notifier.Notify(booking, $"{booking.Citizen.Name}, we are sorry: no vaccine is available for your booking on {booking.ReserveDate:yyyy-MM-dd}, so it is cancelled. Please book again later.");
    }

    public async Task Handle(VaccineAssigned e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (booking.AssignVaccine(e.VaccineType))
            notifier.Notify(booking, $"{booking.Citizen.Name}, you will receive the {e.VaccineType} vaccine on {booking.ReserveDate:yyyy-MM-dd}.");
    }

    public async Task Handle(VaccineInjected e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (booking.Inject(e.VaccineType, e.InjectDate))
            notifier.Notify(booking, $"{booking.Citizen.Name}, your {e.VaccineType} vaccination on {e.InjectDate:yyyy-MM-dd} is recorded.");
    }

    private Task<Citizens.Booking> LoadAsync(long bookingId, CancellationToken ct) => db.BookingWithCitizenAsync(bookingId, ct);

    private static string Describe(string reason) => reason switch
    {
        ReservationReasons.DateFull => "the date is fully booked",
        ReservationReasons.DateNotBookable => "the date cannot be booked",
        _ => reason,
    };
}
