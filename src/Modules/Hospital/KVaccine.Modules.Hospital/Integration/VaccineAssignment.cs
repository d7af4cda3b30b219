using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Contracts;
using KVaccine.Modules.Hospital.Bookings;
using KVaccine.Modules.Hospital.Contracts;
using KVaccine.Modules.Stock.Contracts;
using KVaccine.Modules.User.Contracts;
using MediatR;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Hospital.Integration;

/// <summary>
/// From a RESERVE booking to a secured vaccine: pick at random a type the hospital gives that the booking may have
/// (the site's types for the citizen's age; a second dose, the first's product), ask Stock for a dose, and on "out
/// of stock" try the next untried type; when every type has failed, tell User. The hospital's copy of the booking follows
/// every change User announces, and a booking cancelled or rejected gives its dose back (one that arrives later
/// goes straight back too).
/// </summary>
internal sealed class VaccineAssignment(HospitalDbContext db, IOptions<HospitalOptions> options, Random random) :
    INotificationHandler<BookingStatusChanged>,
    INotificationHandler<DoseReserved>,
    INotificationHandler<DoseUnavailable>,
    IWantsOnly<BookingStatusChanged>
{
    /// <summary>
    /// The hospital opens a booking when it becomes RESERVE (its vaccine is the hospital's own doing, but for a second
    /// dose's, known from the start) and follows it from then on.
    /// </summary>
    public static bool Wants(BookingStatusChanged e) => e.Status switch
    {
        BookingStatus.PENDING => false,
        BookingStatus.RESERVE => e.VaccineType is null || e.DoseNumber > 1,
        _ => true,
    };

    public async Task Handle(BookingStatusChanged e, CancellationToken ct)
    {
        var booking = await db.Bookings.FindByKeyAsync(e.BookingId, ct);
        if (booking is null)
        {
            if (e.Status == BookingStatus.RESERVE) Open(e);
            return;
        }
        var wasOpen = booking.Status == BookingStatus.RESERVE;
        booking.Status = e.Status;
        booking.InjectDate = e.InjectDate;
        booking.ReserveDate = e.ReserveDate;
        booking.SlotTime = e.SlotTime ?? booking.SlotTime;
        booking.SlotMinutes = e.SlotMinutes ?? booking.SlotMinutes;
        if (wasOpen && e.Status is (BookingStatus.CANCEL or BookingStatus.REJECT) && booking.VaccineType is { } held)
            db.Raise(new DoseReleased(booking.BookingId, held));
    }

    public async Task Handle(DoseReserved e, CancellationToken ct)
    {
        var booking = await db.Bookings.FindByKeyAsync(e.BookingId, ct);
        if (booking is not null && booking.IsWaitingFor(e.VaccineType))
        {
            booking.VaccineType = e.VaccineType;
            // A second dose's product is its booking's from the start: User has nothing to learn.
            if (booking.DoseNumber <= 1) db.Raise(new VaccineAssigned(booking.BookingId, e.VaccineType));
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

    private void Open(BookingStatusChanged e)
    {
        var booking = new HospitalBooking
        {
            BookingId = e.BookingId,
            UserId = e.UserId,
            UserName = e.UserName,
            MaskedRegNumber = e.MaskedRegNumber,
            SiteId = e.SiteId,
            SiteName = e.SiteName,
            ReserveDate = e.ReserveDate,
            SlotTime = e.SlotTime,
            SlotMinutes = e.SlotMinutes,
            DoseNumber = e.DoseNumber,
            Status = e.Status,
            OfferedTypes = e.DoseNumber > 1 && e.VaccineType is { } product ? product : string.Join(",", e.OfferedVaccineTypes ?? []),
        };
        db.Bookings.Add(booking);
        RequestDose(booking);
    }

    private void RequestDose(HospitalBooking booking)
    {
        var type = booking.PickVaccine(options.Value.VaccineTypes, random);
        db.Raise(type is null ? new VaccinesExhausted(booking.BookingId) : new DoseRequested(booking.BookingId, type));
    }
}
