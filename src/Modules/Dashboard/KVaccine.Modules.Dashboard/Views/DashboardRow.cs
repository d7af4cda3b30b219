using KVaccine.Contracts;

namespace KVaccine.Modules.Dashboard.Views;

/// <summary>One booking as operators see it, built only from what User announces of it (CQRS).</summary>
internal sealed class DashboardRow
{
    public long BookingId { get; set; }
    public long UserId { get; set; }
    public required string UserName { get; set; }
    public required string MaskedRegNumber { get; set; }
    public int SiteId { get; set; } = 1;
    public string? SiteName { get; set; }
    public DateOnly ReserveDate { get; set; }
    public TimeOnly? SlotTime { get; set; }
    public int? SlotMinutes { get; set; }
    public int DoseNumber { get; set; } = 1;
    public BookingStatus ReserveStatus { get; set; }
    public string? Reason { get; set; }
    public string? VaccineType { get; set; }
    public DateOnly? InjectDate { get; set; }
    public DateOnly? CancelDate { get; set; }
}
