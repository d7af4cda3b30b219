namespace KVaccine.Modules.User.Citizens;

/// <summary>
/// The names tried for one RRN that did not match it. After <see cref="IdentityOptions.MaxWrongNames"/> within
/// <see cref="IdentityOptions.WrongNameWindowMinutes"/> the RRN is locked for <see cref="IdentityOptions.LockMinutes"/>,
/// for every name, the right one too: otherwise guessing a citizen's name would only have to be patient.
/// </summary>
internal sealed class IdentityLock
{
    private IdentityLock()
    {
    }

    public IdentityLock(string regNumberHash, DateTimeOffset now)
    {
        RegNumberHash = regNumberHash;
        CountingSince = now;
    }

    public string RegNumberHash { get; private set; } = "";
    public int WrongNames { get; private set; }
    public DateTimeOffset CountingSince { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }

    /// <summary>When this row says nothing any more (no lock, no count within the window), in Unix ms so the pruner can compare it in SQL.</summary>
    public long ForgetAfterMs { get; private set; }

    public bool IsLocked(DateTimeOffset now) => LockedUntil > now;

    public void CountWrongName(DateTimeOffset now, IdentityOptions options)
    {
        if (now - CountingSince > TimeSpan.FromMinutes(options.WrongNameWindowMinutes)) Restart(now);
        WrongNames++;
        if (WrongNames >= options.MaxWrongNames)
        {
            LockedUntil = now.AddMinutes(options.LockMinutes);
            Restart(now);
        }
        var window = now.AddMinutes(options.WrongNameWindowMinutes);
        ForgetAfterMs = (LockedUntil > window ? LockedUntil.Value : window).ToUnixTimeMilliseconds();
    }

    public void Release(DateTimeOffset now)
    {
        LockedUntil = null;
        Restart(now);
        ForgetAfterMs = now.ToUnixTimeMilliseconds();
    }

    private void Restart(DateTimeOffset now)
    {
        WrongNames = 0;
        CountingSince = now;
    }
}
