using KVaccine.BuildingBlocks.Outbox;

namespace KVaccine.Modules.User.Notifications;

/// <summary>
/// User's own event: a notification to send. Sending goes through the outbox so a dead webhook is retried, then
/// dead-lettered, without ever blocking the change that caused it. It carries no RRN.
/// </summary>
internal sealed record NotificationIssued(long NotificationId, long UserId, long BookingId, string Status, string Message, DateTimeOffset CreatedAt) : IIntegrationEvent
{
    string IIntegrationEvent.CorrelationKey => $"notification-{NotificationId}";
}
