using KVaccine.Modules.User.Bookings;
using Microsoft.Extensions.Localization;

namespace KVaccine.Modules.User.Notifications;

/// <summary>
/// Records a notification with the change that caused it, written in the citizen's language, and queues it for
/// sending in the same commit.
/// </summary>
internal sealed class Notifier(UserDbContext db, NotificationText text, TimeProvider clock)
{
    public void Notify(Booking booking, Func<IStringLocalizer<NotificationText>, string> compose)
    {
        var message = text.In(booking.Citizen.Language, compose);
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
