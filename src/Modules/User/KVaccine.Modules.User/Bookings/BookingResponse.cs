using KVaccine.Contracts;

namespace KVaccine.Modules.User.Bookings;

/// <summary>The answer to a booking request or a cancellation, in the original API's field names.</summary>
internal sealed record BookingResponse(long UserId, DateOnly ReserveDate, BookingStatus ReserveStatus, string? Reason)
{
    public static BookingResponse Of(Booking booking) => new(booking.CitizenId, booking.ReserveDate, booking.Status, booking.Reason);
}
