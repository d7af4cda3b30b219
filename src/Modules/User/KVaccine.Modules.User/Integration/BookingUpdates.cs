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
            notifier.Notify(booking, booking.DoseNumber <= 1
                ? $"{booking.Citizen.Name}, your vaccination is booked: {booking.Where}."
                : $"{booking.Citizen.Name}, your second dose of {booking.VaccineType} is booked: {booking.Where}.");
        TellTheWaitingRequest(booking);
    }

    public async Task Handle(ReservationRejected e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (booking.Reject(e.Reason))
            notifier.Notify(booking, e.Reason == BookingReasons.NoPlaceInInterval && booking.Interval is { } interval
                ? $"{booking.Citizen.Name}, {booking.SiteName ?? "the site"} has no place for your second dose of {booking.VaccineType} from {interval.Earliest:yyyy-MM-dd} to {interval.Latest:yyyy-MM-dd}. Please book one in that interval when places open (doseNumber 2)."
                : $"{booking.Citizen.Name}, we could not book {booking.Where} for you ({Describe(e.Reason)}). Please choose another date.");
        TellTheWaitingRequest(booking);
    }

    public async Task Handle(VaccineAssigned e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (!booking.AssignVaccine(e.VaccineType)) return;
        notifier.Notify(booking, $"{booking.Citizen.Name}, you will receive the {e.VaccineType} vaccine: {booking.Where}.");
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
        notifier.Notify(booking, booking.Interval is { } interval
            ? $"{booking.Citizen.Name}, we are sorry: no {booking.VaccineType} is left for your second dose ({booking.Where}), so its place is given back. Please book it again from {interval.Earliest:yyyy-MM-dd} to {interval.Latest:yyyy-MM-dd} (doseNumber 2)."
            : $"{booking.Citizen.Name}, we are sorry: no vaccine is available for your booking ({booking.Where}), so its place is given back. Please book again later.");
    }

    public async Task Handle(BookingCancelledBySite e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (!booking.CancelBySite(calendar.Today)) return;
        notifier.Notify(booking, $"{booking.Citizen.Name}, we are sorry: the site is closed on {booking.ReserveDate:yyyy-MM-dd}, so your booking ({booking.Where}) is cancelled. Please choose another date.");
        if (booking.DoseNumber != 1) return;
        // A second dose was booked from the first's date: it goes with it, and is booked again from the new first dose.
        await db.Entry(booking.Citizen).Collection(c => c.Bookings).LoadAsync(ct);
        foreach (var second in booking.Citizen.Bookings.Where(b => b.DoseNumber > 1 && b.IsActive).ToList())
        {
            if (second.Cancel(calendar.Today))
                notifier.Notify(second, $"{booking.Citizen.Name}, your second dose ({second.Where}) is cancelled with your first; it will be booked again with your new first dose.");
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
        notifier.Notify(booking, $"{booking.Citizen.Name}, your {e.VaccineType} vaccination on {e.InjectDate:yyyy-MM-dd}{(booking.SiteName is null ? "" : $" at {booking.SiteName}")} is recorded.");
    }

    public async Task Handle(AppointmentMoved e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (booking.Move(e.ReserveDate, e.SlotTime, e.SlotMinutes))
            notifier.Notify(booking, $"{booking.Citizen.Name}, your {booking.Dose} is moved: {booking.Where}.");
        TellTheWaitingRequest(booking);
    }

    public async Task Handle(AppointmentMoveRefused e, CancellationToken ct)
    {
        var booking = await LoadAsync(e.BookingId, ct);
        if (booking.RefuseMove(e.Reason))
            notifier.Notify(booking, $"{booking.Citizen.Name}, your {booking.Dose} could not be moved to {e.ReserveDate:yyyy-MM-dd} ({Describe(e.Reason)}); it stays {booking.Where}.");
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

    public static string Describe(string reason) => reason switch
    {
        BookingReasons.DateFull => "the date is fully booked",
        BookingReasons.SlotFull => "the slot is fully booked",
        BookingReasons.DateNotBookable => "the date cannot be booked",
        BookingReasons.NotEligible => "none of the site's vaccines can be given at your age",
        BookingReasons.NoPlaceInInterval => "no date of the interval has a place",
        BookingReasons.OutOfStock => "no vaccine is left",
        BookingReasons.SiteClosed => "the site is closed",
        _ => reason,
    };
}
