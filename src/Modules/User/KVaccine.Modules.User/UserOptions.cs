using System.ComponentModel.DataAnnotations;

namespace KVaccine.Modules.User;

internal sealed class UserOptions
{
    public const string Section = "User";

    /// <summary>The key shipped in appsettings.json for development; the host refuses it outside Development.</summary>
    public const string DevelopmentHashKey = "development-only-rrn-hash-key-replace-in-production";

    /// <summary>The key of the RRN hash. Changing it makes every stored citizen unfindable.</summary>
    [Required, MinLength(16)]
    public string RegNumberHashKey { get; set; } = "";
}

internal sealed class BookingOptions
{
    public const string Section = "User:Booking";

    /// <summary>How long <c>POST /user/reserve</c> waits for Reservation's decision before answering 202.</summary>
    [Range(0, 30_000)]
    public int ConfirmWaitMs { get; set; } = 2000;

    /// <summary>How long the available-dates query may take before it answers 503.</summary>
    [Range(10, 30_000)]
    public int DatesTimeoutMs { get; set; } = 1000;

    /// <summary>How long the breaker stays open (answering 503 at once) after most date queries failed.</summary>
    [Range(100, 600_000)]
    public int DatesBreakMs { get; set; } = 5000;
}

internal sealed class NotificationOptions
{
    public const string Section = "User:Notifications";

    /// <summary>Where notifications are posted as JSON; when empty they are written to the log.</summary>
    public string? WebhookUrl { get; set; }
}

internal sealed class IdentityOptions
{
    public const string Section = "User:Identity";

    /// <summary>Names that do not match an RRN, within <see cref="WrongNameWindowMinutes"/>, before it is locked.</summary>
    [Range(1, 100)]
    public int MaxWrongNames { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int WrongNameWindowMinutes { get; set; } = 60;

    /// <summary>How long a locked RRN answers 429 to every name; an Admin may unlock it sooner.</summary>
    [Range(1, 7 * 24 * 60)]
    public int LockMinutes { get; set; } = 60;

    /// <summary>The national identity register that checks a name against an RRN; empty: the first booking's name holds.</summary>
    public string? RegistryUrl { get; set; }
}
