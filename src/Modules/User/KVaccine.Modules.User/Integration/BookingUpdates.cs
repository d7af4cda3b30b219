using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Settings;
using KVaccine.BuildingBlocks.Time;
using KVaccine.Contracts;
using KVaccine.Modules.Hospital.Contracts;
using KVaccine.Modules.Reservation.Contracts;
using KVaccine.Modules.User.Bookings;
using KVaccine.Modules.User.Contracts;
using KVaccine.Modules.User.Notifications;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.User.Integration;

/// <summary>
/// What the other modules tell User about a booking, applied by the booking itself (which refuses a transition it no
/// longer allows) with a notification for every change the citizen should hear of. Each change is then announced to
/// every module by the save (see <see cref="UserDbContext"/>).
/// </summary>
internal sealed class BookingUpdates(UserDbContext db, Notifier notifier, WaitingRequests<BookingResponse> decisions, LocalCalendar calendar, IOptions<VaccineSchedules> schedules) :
    INotificationHandler<ReservationAccepted>,
    INotificationHandler<ReservationRejected>,
    INotificationHandler<BookingCancelledBySite>,
    INotificationHandler<VaccineAssigned>,
    INotificationHandler<VaccinesExhausted>,
    INotificationHandler<InjectionReported>,
    INotificationHandler<AppointmentMoved>,
    INotificationHandler<AppointmentMoveRefused>
{
    public async Task Handle(ReservationAccepted e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (booking.Accept(e.ReserveDate, e.SlotTime ?? TimeOnly.MinValue, e.SlotMinutes ?? Appointment.WholeDay, e.SiteName, e.VaccineTypes))
            notifier.Notify(booking, t => booking.DoseNumber <= 1
                ? t["{0}, your vaccination is booked: {1}.", booking.Citizen.Name, booking.Where]
                : t["{0}, your second dose of {1} is booked: {2}.", booking.Citizen.Name, booking.VaccineType!, booking.Where]);
        TellTheWaitingRequest(booking);
    }

    public async Task Handle(ReservationRejected e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (booking.Reject(e.Reason))
            notifier.Notify(booking, t => e.Reason == BookingReasons.NoPlaceInInterval && booking.Interval is { } interval
                ? t["{0}, {1} has no place for your second dose of {2} from {3} to {4}. Please book one in that interval when places open (doseNumber 2).",
                    booking.Citizen.Name, booking.SiteName ?? t["the site"], booking.VaccineType!, Day(interval.Earliest), Day(interval.Latest)]
                : t["{0}, we could not book {1} for you ({2}). Please choose another date.", booking.Citizen.Name, booking.Where, NotificationText.Reason(t, e.Reason)]);
        TellTheWaitingRequest(booking);
    }

    public async Task Handle(VaccineAssigned e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (!booking.AssignVaccine(e.VaccineType)) return;
        notifier.Notify(booking, t => t["{0}, you will receive the {1} vaccine: {2}.", booking.Citizen.Name, e.VaccineType, booking.Where]);
        if (booking.DoseNumber == 1 && schedules.Value.For(e.VaccineType).HasSecondDose)
        {
            await db.Entry(booking.Citizen).Collection(c => c.Bookings).LoadAsync(ct);
            booking.Citizen.BookSecondDose(schedules.Value, calendar.Now);
        }
    }

    public async Task Handle(VaccinesExhausted e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (!booking.RunOutOfVaccine()) return;
        // The rule for a second dose: its place is given back and the citizen books again within the interval; the first dose stands.
        notifier.Notify(booking, t => booking.Interval is { } interval
            ? t["{0}, we are sorry: no {1} is left for your second dose ({2}), so its place is given back. Please book it again from {3} to {4} (doseNumber 2).",
                booking.Citizen.Name, booking.VaccineType!, booking.Where, Day(interval.Earliest), Day(interval.Latest)]
            : t["{0}, we are sorry: no vaccine is available for your booking ({1}), so its place is given back. Please book again later.", booking.Citizen.Name, booking.Where]);
    }

    public async Task Handle(BookingCancelledBySite e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (!booking.CancelBySite(calendar.Today)) return;
        notifier.Notify(booking, t => t["{0}, we are sorry: the site is closed on {1}, so your booking ({2}) is cancelled. Please choose another date.",
            booking.Citizen.Name, Day(booking.ReserveDate), booking.Where]);
        if (booking.DoseNumber != 1) return;
        // A second dose was booked from the first's date: it goes with it, and is booked again from the new first dose.
        await db.Entry(booking.Citizen).Collection(c => c.Bookings).LoadAsync(ct);
        foreach (var second in booking.Citizen.Bookings.Where(b => b.DoseNumber > 1 && b.IsActive).ToList())
        {
            if (second.Cancel(calendar.Today))
                notifier.Notify(second, t => t["{0}, your second dose ({1}) is cancelled with your first; it will be booked again with your new first dose.", booking.Citizen.Name, second.Where]);
        }
    }

    /// <summary>Whichever reaches the booking first, the citizen's cancellation or the hospital's injection, wins; the other is refused.</summary>
    public async Task Handle(InjectionReported e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (booking.DoseNumber > 1) await db.Entry(booking.Citizen).Collection(c => c.Bookings).LoadAsync(ct);
        if (booking.Citizen.CannotInject(booking, e.InjectDate) is { } refusal)
        {
            db.Raise(new InjectionRefused(e.BookingId, refusal));
            return;
        }
        booking.Inject(e.VaccineType, e.InjectDate);
        notifier.Notify(booking, t => booking.SiteName is { } site
            ? t["{0}, your {1} vaccination on {2} at {3} is recorded.", booking.Citizen.Name, e.VaccineType, Day(e.InjectDate), site]
            : t["{0}, your {1} vaccination on {2} is recorded.", booking.Citizen.Name, e.VaccineType, Day(e.InjectDate)]);
    }

    public async Task Handle(AppointmentMoved e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (booking.Move(e.ReserveDate, e.SlotTime, e.SlotMinutes))
            notifier.Notify(booking, t => t["{0}, your {1} is moved: {2}.", booking.Citizen.Name, NotificationText.Dose(t, booking.DoseNumber), booking.Where]);
        TellTheWaitingRequest(booking);
    }

    public async Task Handle(AppointmentMoveRefused e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (booking.RefuseMove(e.Reason))
            notifier.Notify(booking, t => t["{0}, your {1} could not be moved to {2} ({3}); it stays {4}.",
                booking.Citizen.Name, NotificationText.Dose(t, booking.DoseNumber), Day(e.ReserveDate), NotificationText.Reason(t, e.Reason), booking.Where]);
        TellTheWaitingRequest(booking);
    }

    private Task<Booking> LoadAsync(long bookingId, CancellationToken ct) => db.BookingWithCitizenAsync(bookingId, ct);

    /// <summary>The request that made the booking waits for this, in this host or another (<see cref="DecisionsOnOtherHosts"/>).</summary>
    private void TellTheWaitingRequest(Booking booking)
    {
        var decided = BookingResponse.Of(booking);
        db.AfterCommit(() => decisions.Complete(booking.Id, decided));
        db.TellOtherHosts(DecisionsOnOtherHosts.NoticeChannel, booking.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
