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
/// Decides a PENDING booking: accepted while the date is open and has a place left, else rejected with the reason.
/// </summary>
internal sealed class DecideBooking(ReservationDbContext db, CalendarPolicy policy, LocalCalendar calendar, SlotBoard board)
    : INotificationHandler<BookingStatusChanged>, IWantsOnly<BookingStatusChanged>
{
    public static bool Wants(BookingStatusChanged e) => e.Status == BookingStatus.PENDING;

    public async Task Handle(BookingStatusChanged e, CancellationToken ct)
    {
        if (await db.Reservations.FindByKeyAsync(e.BookingId, ct) is not null) return;

        var record = new ReservationRecord { BookingId = e.BookingId, UserId = e.UserId, ReserveDate = e.ReserveDate, DecidedAt = calendar.Now };
        db.Reservations.Add(record);
        if (!policy.Window.Contains(e.ReserveDate))
        {
            Reject(record, BookingReasons.DateNotBookable);
            return;
        }

        var slot = await db.Slots.FindByKeyAsync(e.ReserveDate, ct);
        if (slot is null)
        {
            slot = new Slot(e.ReserveDate, policy.DailyCapacity);
            db.Slots.Add(slot);
        }
        if (!slot.TryTake())
        {
            Reject(record, BookingReasons.DateFull);
            return;
        }
        board.RecordOnCommit(db, slot);
        record.State = ReservationState.Accepted;
        db.Raise(new ReservationAccepted(e.BookingId, e.ReserveDate));
    }

    private void Reject(ReservationRecord record, string reason)
    {
        record.State = ReservationState.Rejected;
        record.Reason = reason;
        db.Raise(new ReservationRejected(record.BookingId, record.ReserveDate, reason));
    }
}
