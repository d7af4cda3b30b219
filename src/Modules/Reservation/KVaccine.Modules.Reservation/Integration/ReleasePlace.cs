using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Modules.Hospital.Contracts;
using KVaccine.Modules.Reservation.Calendar;
using KVaccine.Modules.Reservation.Contracts;
using KVaccine.Modules.User.Contracts;
using MediatR;

namespace KVaccine.Modules.Reservation.Integration;

/// <summary>
/// Gives an accepted booking's place back: the citizen cancelled, or Hospital found no vaccine for it. Either way
/// Reservation announces the cancellation, with the reason, so Hospital, User and Dashboard follow.
/// </summary>
internal sealed class ReleasePlace(ReservationDbContext db, SlotBoard board) : INotificationHandler<BookingCancelled>, INotificationHandler<VaccinesExhausted>
{
    public Task Handle(BookingCancelled e, CancellationToken ct) => ReleaseAsync(e.BookingId, ReservationReasons.CancelledByCitizen, ct);

    public Task Handle(VaccinesExhausted e, CancellationToken ct) => ReleaseAsync(e.BookingId, ReservationReasons.OutOfStock, ct);

    private async Task ReleaseAsync(long bookingId, string reason, CancellationToken ct)
    {
        var record = await db.Reservations.FindByKeyAsync(bookingId, ct);
        if (record is not { State: ReservationState.Accepted }) return; // rejected (or already cancelled): no place is held

        var slot = await db.Slots.FindByKeyAsync(record.ReserveDate, ct);
        if (slot is not null)
        {
            slot.Release();
            board.RecordOnCommit(db, slot);
        }
        record.State = ReservationState.Cancelled;
        record.Reason = reason;
        db.Raise(new ReservationCancelled(record.BookingId, record.UserId, record.ReserveDate, reason));
    }
}
