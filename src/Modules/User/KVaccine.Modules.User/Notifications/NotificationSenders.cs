using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.User.Notifications;

/// <summary>Where notifications go. Swap the implementation to reach a messaging service.</summary>
internal interface INotificationSender
{
    Task SendAsync(NotificationIssued notification, CancellationToken ct);
}

/// <summary>The default: the notification is written to the log.</summary>
internal sealed class LogNotificationSender(ILogger<LogNotificationSender> logger) : INotificationSender
{
    public Task SendAsync(NotificationIssued n, CancellationToken ct)
    {
        logger.LogInformation("Notification to citizen {UserId} about booking {BookingId} ({Status}): {Message}", n.UserId, n.BookingId, n.Status, n.Message);
        return Task.CompletedTask;
    }
}

/// <summary>Posts the notification as JSON to <c>Notifications:WebhookUrl</c>. A failure throws, and the outbox retries it.</summary>
internal sealed class WebhookNotificationSender(HttpClient http, IOptions<NotificationOptions> options) : INotificationSender
{
    public async Task SendAsync(NotificationIssued n, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(options.Value.WebhookUrl, new
        {
            notificationId = n.NotificationId,
            userId = n.UserId,
            bookingId = n.BookingId,
            reserveStatus = n.Status,
            message = n.Message,
            createdAt = n.CreatedAt,
        }, ct);
        response.EnsureSuccessStatusCode();
    }
}
