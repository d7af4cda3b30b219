using KVaccine.Modules.User.Bookings;

namespace KVaccine.Modules.User.Notifications;

/// <summary>Records a notification with the change that caused it, and queues it for sending in the same commit.</summary>
internal sealed class Notifier(UserDbContext db, TimeProvider clock)
{
    public void Notify(Booking booking, string message)
    {
        var notification = new CitizenNotification
        {
            CitizenId = booking.Citizen.Id,
            BookingId = booking.Id,
            Status = booking.Status,
            Message = message,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Notifications.Add(notification);
        db.Raise(() => new NotificationIssued(notification.Id, booking.Citizen.Id, booking.Id, booking.Status.ToString(), message, notification.CreatedAt));
    }
}
