using System.Globalization;
using KVaccine.Contracts;
using Microsoft.Extensions.Localization;

namespace KVaccine.Modules.User.Notifications;

/// <summary>
/// The words of the citizen's notifications, written in the citizen's language whatever the request's (the
/// dispatcher has none): <c>NotificationText.ko.resx</c> says them in Korean, the English is the key.
/// </summary>
internal sealed class NotificationText(IStringLocalizer<NotificationText> t)
{
    public string In(string language, Func<IStringLocalizer<NotificationText>, string> compose)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return compose(t);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    public static string Dose(IStringLocalizer<NotificationText> t, int doseNumber) => doseNumber <= 1 ? t["first dose"] : t["second dose"];

    /// <summary>Why Reservation turned a booking or a move down, from the reason codes every module shares.</summary>
    public static string Reason(IStringLocalizer<NotificationText> t, string reason) => reason switch
    {
        BookingReasons.DateFull => t["the date is fully booked"],
        BookingReasons.SlotFull => t["the slot is fully booked"],
        BookingReasons.DateNotBookable => t["the date cannot be booked"],
        BookingReasons.NotEligible => t["none of the site's vaccines can be given at your age"],
        BookingReasons.NoPlaceInInterval => t["no date of the interval has a place"],
        BookingReasons.OutOfStock => t["no vaccine is left"],
        BookingReasons.SiteClosed => t["the site is closed"],
        _ => reason,
    };
}
