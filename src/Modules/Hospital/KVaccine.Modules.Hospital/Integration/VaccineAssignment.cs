using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Modules.Hospital.Bookings;
using KVaccine.Modules.Hospital.Contracts;
using KVaccine.Modules.Reservation.Contracts;
using KVaccine.Modules.Stock.Contracts;
using MediatR;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Hospital.Integration;

/// <summary>
/// From an accepted reservation to a secured vaccine: pick a type at random, ask Stock for a dose, and on
/// "out of stock" try the next untried type; when every type has failed, ask Reservation to cancel the booking.
/// A dose that arrives for a booking cancelled meanwhile goes straight back.
/// </summary>
internal sealed class VaccineAssignment(HospitalDbContext db, IOptions<HospitalOptions> options, Random random) :
    INotificationHandler<ReservationAccepted>,
    INotificationHandler<DoseReserved>,
    INotificationHandler<DoseUnavailable>,
    INotificationHandler<ReservationCancelled>
{
    public async Task Handle(ReservationAccepted e, CancellationToken ct)
    {
        if (await db.Bookings.FindByKeyAsync(e.BookingId, ct) is not null) return;
        var booking = new HospitalBooking
        {
            BookingId = e.BookingId,
            UserId = e.UserId,
            UserName = e.UserName,
            MaskedRegNumber = e.MaskedRegNumber,
            ReserveDate = e.ReserveDate,
            Status = HospitalBookingStatus.RESERVE,
        };
        db.Bookings.Add(booking);
        RequestDose(booking);
    }

    public async Task Handle(DoseReserved e, CancellationToken ct)
    {
        var booking = await db.Bookings.FindByKeyAsync(e.BookingId, ct);
        if (booking is not null && booking.IsWaitingFor(e.VaccineType))
        {
            booking.VaccineType = e.VaccineType;
            db.Raise(new VaccineAssigned(booking.BookingId, booking.UserId, e.VaccineType));
        }
        else
        {
            db.Raise(new DoseReleased(e.BookingId, e.VaccineType));
        }
    }

    public async Task Handle(DoseUnavailable e, CancellationToken ct)
    {
        var booking = await db.Bookings.FindByKeyAsync(e.BookingId, ct);
        if (booking is null || !booking.IsWaitingFor(e.VaccineType)) return;
        RequestDose(booking);
    }

    public async Task Handle(ReservationCancelled e, CancellationToken ct)
    {
        var booking = await db.Bookings.FindByKeyAsync(e.BookingId, ct);
        if (booking is null || booking.Status != HospitalBookingStatus.RESERVE) return;
        booking.Status = e.Reason == ReservationReasons.OutOfStock ? HospitalBookingStatus.REJECT : HospitalBookingStatus.CANCEL;
        if (booking.VaccineType is { } held) db.Raise(new DoseReleased(booking.BookingId, held));
    }

    private void RequestDose(HospitalBooking booking)
    {
        var type = booking.PickVaccine(options.Value.VaccineTypes, random);
        db.Raise(type is null
            ? new VaccinesExhausted(booking.BookingId, booking.UserId)
            : new DoseRequested(booking.BookingId, type));
    }
}
