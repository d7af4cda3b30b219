namespace KVaccine.Contracts;

/// <summary>
/// A booking's status, in the original API's words. User owns it: only its <c>Booking</c> moves a booking from one
/// status to the next, and every module learns of the change from the one event User publishes.
/// </summary>
public enum BookingStatus
{
    /// <summary>Asked for; Reservation has not decided yet.</summary>
    PENDING,

    /// <summary>A place is held on the date.</summary>
    RESERVE,

    /// <summary>Turned down (<see cref="BookingReasons"/> says why); the citizen may book again.</summary>
    REJECT,

    /// <summary>Cancelled by the citizen; they may book again.</summary>
    CANCEL,

    /// <summary>The vaccine was given. Final.</summary>
    INJECT,
}
