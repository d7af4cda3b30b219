using KVaccine.Contracts;
using Microsoft.Extensions.Localization;

namespace KVaccine.Pages;

/// <summary>A booking's status in words, the same on the citizen's pages and the staff's.</summary>
public static class BookingStatusText
{
    public static string Of(IStringLocalizer<PageText> t, BookingStatus status) => status switch
    {
        BookingStatus.PENDING => t["Waiting for confirmation"],
        BookingStatus.RESERVE => t["Booked"],
        BookingStatus.REJECT => t["Not booked"],
        BookingStatus.CANCEL => t["Cancelled"],
        BookingStatus.INJECT => t["Vaccinated"],
        _ => status.ToString(),
    };
}
