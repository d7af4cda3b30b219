using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Contracts;
using KVaccine.Modules.Reservation.Calendar;
using KVaccine.Modules.Reservation.Contracts;
using KVaccine.Modules.User.Contracts;
using MediatR;

namespace KVaccine.Modules.Reservation.Integration;

/// <summary>
/// Moves an accepted appointment to another date and slot of its site in one commit: the new place is taken and the
/// old one freed together, so the citizen never holds two places, nor none, and a refusal leaves it where it was.
/// </summary>
internal sealed class MoveAppointment(ReservationDbContext db, CalendarPolicy policy, SlotBoard board) : INotificationHandler<AppointmentMoveRequested>
{
    public async Task Handle(AppointmentMoveRequested e, CancellationToken ct)
    {
        var record = await db.Reservations.FindByKeyAsync(e.BookingId, ct);
        if (record is not { State: ReservationState.Accepted, SlotStart: { } oldStart })
        {
            db.Raise(new AppointmentMoveRefused(e.BookingId, e.ReserveDate, BookingReasons.DateNotBookable));
            return;
        }
        var site = await board.SiteAsync(record.SiteId, ct);
        var slots = site is not null && policy.Bookable(record.DoseNumber, e.ReserveDate, e.EarliestDate, e.LatestDate)
            ? SiteDay.Slots(site, e.ReserveDate, await db.StoredSlotsAsync(record.SiteId, e.ReserveDate, ct))
            : [];
        var slot = SiteDay.Pick(slots, e.SlotTime, record.DoseNumber);
        if (slot is null)
        {
            db.Raise(new AppointmentMoveRefused(e.BookingId, e.ReserveDate, BookingReasons.DateNotBookable));
            return;
        }
        if (slot.Date == record.ReserveDate && slot.Start == oldStart)
        {
            db.Raise(new AppointmentMoved(e.BookingId, slot.Date, slot.Start, slot.Minutes));
            return;
        }
        if (!slot.TryTake(record.DoseNumber))
        {
            db.Raise(new AppointmentMoveRefused(e.BookingId, e.ReserveDate, e.SlotTime is null ? BookingReasons.DateFull : BookingReasons.SlotFull));
            return;
        }
        if (!db.Slots.Local.Contains(slot)) db.Slots.Add(slot);
        board.RecordOnCommit(db, slot);

        if ((await db.StoredSlotsAsync(record.SiteId, record.ReserveDate, ct)).FirstOrDefault(s => s.Start == oldStart) is { } old)
        {
            old.Release(record.DoseNumber);
            board.RecordOnCommit(db, old);
        }
        record.ReserveDate = slot.Date;
        record.SlotStart = slot.Start;
        db.Raise(new AppointmentMoved(e.BookingId, slot.Date, slot.Start, slot.Minutes));
    }
}
