using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.BuildingBlocks.Time;
using KVaccine.Contracts;
using KVaccine.Modules.Reservation.Calendar;
using KVaccine.Modules.Reservation.Contracts;
using KVaccine.Modules.User.Contracts;
using MediatR;

namespace KVaccine.Modules.Reservation.Integration;

/// <summary>
/// Decides a PENDING booking: accepted while the date is open at the site and the slot chosen (or, for a date alone,
/// the first of the date's slots) has a place for the dose, else rejected with the reason.
/// </summary>
internal sealed class DecideBooking(ReservationDbContext db, CalendarPolicy policy, LocalCalendar calendar, SlotBoard board)
    : INotificationHandler<BookingStatusChanged>, IWantsOnly<BookingStatusChanged>
{
    public static bool Wants(BookingStatusChanged e) => e.Status == BookingStatus.PENDING;

    public async Task Handle(BookingStatusChanged e, CancellationToken ct)
    {
        if (await db.Reservations.FindByKeyAsync(e.BookingId, ct) is not null) return;

        var record = new ReservationRecord
        {
            BookingId = e.BookingId, UserId = e.UserId, SiteId = e.SiteId, ReserveDate = e.ReserveDate, DoseNumber = e.DoseNumber, DecidedAt = calendar.Now,
        };
        db.Reservations.Add(record);
        var site = await board.SiteAsync(e.SiteId, ct);
        if (site is null || !policy.Window.Contains(e.ReserveDate))
        {
            Reject(record, BookingReasons.DateNotBookable);
            return;
        }

        var slots = SiteDay.Slots(site, e.ReserveDate, await db.StoredSlotsAsync(e.SiteId, e.ReserveDate, ct));
        var slot = e.SlotTime is { } chosen
            ? slots.FirstOrDefault(s => s.Start == chosen)
            : slots.FirstOrDefault(s => s.Remaining(e.DoseNumber) > 0) ?? slots.FirstOrDefault();
        if (slot is null)
        {
            Reject(record, BookingReasons.DateNotBookable);
            return;
        }
        if (!slot.TryTake(e.DoseNumber))
        {
            Reject(record, e.SlotTime is null ? BookingReasons.DateFull : BookingReasons.SlotFull);
            return;
        }
        if (!db.Slots.Local.Contains(slot)) db.Slots.Add(slot);
        board.RecordOnCommit(db, slot);
        record.State = ReservationState.Accepted;
        record.SlotStart = slot.Start;
        db.Raise(new ReservationAccepted(e.BookingId, e.ReserveDate, e.SiteId, slot.Start, slot.Minutes, site.Name));
    }

    private void Reject(ReservationRecord record, string reason)
    {
        record.State = ReservationState.Rejected;
        record.Reason = reason;
        db.Raise(new ReservationRejected(record.BookingId, record.ReserveDate, reason));
    }
}
