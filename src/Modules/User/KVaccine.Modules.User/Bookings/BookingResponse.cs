using KVaccine.Modules.User.Citizens;

namespace KVaccine.Modules.User.Bookings;

/// <summary>The answer to a booking request, in the original API's field names.</summary>
internal sealed record BookingResponse(long UserId, DateOnly ReserveDate, ReserveStatus ReserveStatus, string? Reason);
