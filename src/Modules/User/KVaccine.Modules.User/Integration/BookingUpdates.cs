using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Time;
using KVaccine.Contracts;
using KVaccine.Modules.Hospital.Contracts;
using KVaccine.Modules.Reservation.Contracts;
using KVaccine.Modules.User.Bookings;
using KVaccine.Modules.User.Contracts;
using KVaccine.Modules.User.Notifications;
using MediatR;

namespace KVaccine.Modules.User.Integration;

/// <summary>
/// What the other modules tell User about a booking, applied by the booking itself (which refuses a transition it no
/// longer allows) with a notification for every change the citizen should hear of. Each change is then announced to
/// every module by the save (see <see cref="UserDbContext"/>).
/// </summary>
internal sealed class BookingUpdates(UserDbContext db, Notifier notifier, WaitingRequests<BookingResponse> decisions, LocalCalendar calendar) :
    INotificationHandler<ReservationAccepted>,
    INotificationHandler<ReservationRejected>,
    INotificationHandler<BookingCancelledBySite>,
    INotificationHandler<VaccineAssigned>,
    INotificationHandler<VaccinesExhausted>,
    INotificationHandler<InjectionReported>
{
    public async Task Handle(ReservationAccepted e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (booking.Accept(e.SlotTime ?? TimeOnly.MinValue, e.SlotMinutes ?? Appointment.WholeDay, e.SiteName))
            notifier.Notify(booking, $"{booking.Citizen.Name}, your vaccination is booked: {booking.Where}.");
        TellTheWaitingRequest(booking);
    }

    public async Task Handle(ReservationRejected e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (booking.Reject(e.Reason))
            notifier.Notify(booking, $"{booking.Citizen.Name}, we could not book {booking.Where} for you ({Describe(e.Reason)}). Please choose another date.");
        TellTheWaitingRequest(booking);
    }

    public async Task Handle(VaccineAssigned e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (booking.AssignVaccine(e.VaccineType))
            notifier.Notify(booking, $"{booking.Citizen.Name}, you will receive the {e.VaccineType} vaccine: {booking.Where}.");
    }

    public async Task Handle(VaccinesExhausted e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (booking.RunOutOfVaccine())
            notifier.Notify(booking, $"{booking.Citizen.Name}, we are sorry: no vaccine is available for your booking ({booking.Where}), so it is cancelled. Please book again later.");
    }

    public async Task Handle(BookingCancelledBySite e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (booking.CancelBySite(calendar.Today))
            notifier.Notify(booking, $"{booking.Citizen.Name}, we are sorry: the site is closed on {booking.ReserveDate:yyyy-MM-dd}, so your booking ({booking.Where}) is cancelled. Please choose another date.");
    }

    /// <summary>Whichever reaches the booking first, the citizen's cancellation or the hospital's injection, wins; the other is refused.</summary>
    public async Task Handle(InjectionReported e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (booking.CannotInject() is { } refusal)
        {
            db.Raise(new InjectionRefused(e.BookingId, refusal));
            return;
        }
        booking.Inject(e.VaccineType, e.InjectDate);
        notifier.Notify(booking, $"{booking.Citizen.Name}, your {e.VaccineType} vaccination on {e.InjectDate:yyyy-MM-dd}{(booking.SiteName is null ? "" : $" at {booking.SiteName}")} is recorded.");
    }

    private Task<Booking> LoadAsync(long bookingId, CancellationToken ct) => db.BookingWithCitizenAsync(bookingId, ct);

    /// <summary>The request that made the booking waits for this, in this host or another (<see cref="DecisionsOnOtherHosts"/>).</summary>
    private void TellTheWaitingRequest(Booking booking)
    {
        var decided = BookingResponse.Of(booking);
        db.AfterCommit(() => decisions.Complete(booking.Id, decided));
        db.TellOtherHosts(DecisionsOnOtherHosts.NoticeChannel, booking.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Describe(string reason) => reason switch
    {
        BookingReasons.DateFull => "the date is fully booked",
        BookingReasons.SlotFull => "the slot is fully booked",
        BookingReasons.DateNotBookable => "the date cannot be booked",
        _ => reason,
    };
}
