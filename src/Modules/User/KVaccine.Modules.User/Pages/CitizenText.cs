using KVaccine.Contracts;
using Microsoft.Extensions.Localization;

namespace KVaccine.Modules.User.Pages;

/// <summary>The words of the citizen's pages; <c>CitizenText.ko.resx</c> says them in Korean, the English is the key.</summary>
internal sealed class CitizenText
{
    /// <summary>The page's language (ko or en), which a booking, a move or a cancellation sent from it asks the citizen's notifications to follow.</summary>
    public static string Language => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    /// <summary>Why a booking was refused or cancelled, from the reason codes every module shares.</summary>
    public static string? Reason(IStringLocalizer<CitizenText> t, string? reason) => reason switch
    {
        null => null,
        BookingReasons.DateFull => t["That date is full."],
        BookingReasons.SlotFull => t["That time is full."],
        BookingReasons.DateNotBookable => t["That date cannot be booked."],
        BookingReasons.NotEligible => t["None of the site's vaccines is for your age on that day."],
        BookingReasons.NoPlaceInInterval => t["No place is left in your second dose's interval."],
        BookingReasons.OutOfStock => t["The vaccine ran out."],
        BookingReasons.SiteClosed => t["The site closed that day."],
        _ => reason,
    };
}
