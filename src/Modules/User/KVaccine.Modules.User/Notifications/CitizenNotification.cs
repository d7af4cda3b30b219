using KVaccine.Contracts;

namespace KVaccine.Modules.User.Notifications;

/// <summary>What the citizen was told about a change of their booking (the original sent KakaoTalk messages).</summary>
internal sealed class CitizenNotification
{
    public long Id { get; set; }
    public long CitizenId { get; set; }
    public long BookingId { get; set; }
    public BookingStatus Status { get; set; }
    public required string Message { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
