using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Contracts;
using KVaccine.Modules.Reservation.Calendar;
using KVaccine.Modules.User.Contracts;
using MediatR;

namespace KVaccine.Modules.Reservation.Integration;

/// <summary>Gives an accepted booking's place in its slot back once the booking is cancelled (by the citizen) or rejected (no vaccine left).</summary>
internal sealed class ReleasePlace(ReservationDbContext db, SlotBoard board) : INotificationHandler<BookingStatusChanged>, IWantsOnly<BookingStatusChanged>
{
    public static bool Wants(BookingStatusChanged e) => e.Status is BookingStatus.CANCEL or BookingStatus.REJECT;

    public async Task Handle(BookingStatusChanged e, CancellationToken ct)
    {
        var record = await db.Reservations.FindByKeyAsync(e.BookingId, ct);
        if (record is not { State: ReservationState.Accepted }) return; // rejected here, or released already: no place is held

        var slot = record.SlotStart is { } start
            ? (await db.StoredSlotsAsync(record.SiteId, record.ReserveDate, ct)).FirstOrDefault(s => s.Start == start)
            : null;
        if (slot is not null)
        {
            slot.Release(record.DoseNumber);
            board.RecordOnCommit(db, slot);
        }
        record.State = ReservationState.Cancelled;
        record.Reason = e.Reason;
    }
}
