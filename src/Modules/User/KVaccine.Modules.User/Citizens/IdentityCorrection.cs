namespace KVaccine.Modules.User.Citizens;

internal enum CorrectionAction
{
    /// <summary>The registered name replaced by the one on the citizen's ID card.</summary>
    NameCorrected,

    /// <summary>A locked RRN opened before its time.</summary>
    Unlocked,
}

/// <summary>The audit of an Admin's change to who an RRN belongs to: who, when, why, and what it was before.</summary>
internal sealed class IdentityCorrection
{
    public const int MaxReasonLength = 500;

    private IdentityCorrection()
    {
    }

    public IdentityCorrection(string regNumberHash, long? citizenId, CorrectionAction action, string? previousName, string? newName, string reason, string staff, DateTimeOffset at)
    {
        RegNumberHash = regNumberHash;
        CitizenId = citizenId;
        Action = action;
        PreviousName = previousName;
        NewName = newName;
        Reason = reason;
        Staff = staff;
        At = at;
    }

    public long Id { get; private set; }
    public string RegNumberHash { get; private set; } = "";
    public long? CitizenId { get; private set; }
    public CorrectionAction Action { get; private set; }
    public string? PreviousName { get; private set; }
    public string? NewName { get; private set; }
    public string Reason { get; private set; } = "";
    public string Staff { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}
