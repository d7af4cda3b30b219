using KVaccine.Contracts;

namespace KVaccine.Modules.User.Bookings;

/// <summary>
/// The answer to a booking request or a cancellation: the original API's fields first, then where and when (the slot
/// as <c>HH:mm</c>, null until Reservation placed the booking; a whole-day slot ends at <c>24:00</c>).
/// </summary>
internal sealed record BookingResponse(long UserId, DateOnly ReserveDate, BookingStatus ReserveStatus, string? Reason,
    long BookingId, int SiteId, string? SiteName, string? SlotTime, string? EndTime, int DoseNumber)
{
    public static BookingResponse Of(Booking booking) => new(booking.CitizenId, booking.ReserveDate, booking.Status, booking.Reason,
        booking.Id, booking.SiteId, booking.SiteName, StartOf(booking), EndOf(booking), booking.DoseNumber);

    public static string? StartOf(Booking booking) => booking.SlotTime is { } start ? SlotClock.Text(start) : null;

    public static string? EndOf(Booking booking) => booking is { SlotTime: { } start, SlotMinutes: { } minutes } ? SlotClock.End(start, minutes) : null;
}
