using MediatR;

namespace KVaccine.Modules.User.Notifications;

internal sealed class SendNotification(INotificationSender sender) : INotificationHandler<NotificationIssued>
{
    public Task Handle(NotificationIssued notification, CancellationToken cancellationToken) =>
        sender.SendAsync(notification, cancellationToken);
}
