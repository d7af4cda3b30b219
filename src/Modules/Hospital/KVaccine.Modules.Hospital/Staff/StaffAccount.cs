namespace KVaccine.Modules.Hospital.Staff;

/// <summary>
/// Someone who works the service: hospital staff at one site, or an Admin (an operator) over all of them. The
/// password is kept only as ASP.NET Core Identity's hash. After <see cref="MaxFailedSignIns"/> wrong passwords in a
/// row the account is locked for <see cref="LockoutTime"/>, the right password too, so that guessing has to wait.
/// </summary>
internal sealed class StaffAccount
{
    /// <summary>Identity's own defaults (<c>LockoutOptions</c>): five tries, then five minutes.</summary>
    public const int MaxFailedSignIns = 5;

    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(5);

    private StaffAccount()
    {
    }

    public StaffAccount(string userName, StaffRole role, int? siteId, DateTimeOffset now)
    {
        if ((role == StaffRole.HospitalStaff) != siteId.HasValue)
            throw new ArgumentException("Hospital staff work at one site; an Admin at none.", nameof(siteId));
        UserName = Normalize(userName);
        Role = role;
        SiteId = siteId;
        CreatedAt = now;
    }

    public long Id { get; private set; }

    /// <summary>Lower case: the name is matched as a person types it.</summary>
    public string UserName { get; private set; } = "";

    public StaffRole Role { get; private set; }

    public int? SiteId { get; private set; }

    public string PasswordHash { get; private set; } = "";

    public int FailedSignIns { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static string Normalize(string userName) => userName.Trim().ToLowerInvariant();

    public bool IsLocked(DateTimeOffset now) => LockedUntil > now;

    public void SetPasswordHash(string hash) => PasswordHash = hash;

    public void SignedIn()
    {
        FailedSignIns = 0;
        LockedUntil = null;
    }

    /// <summary>Counts a wrong password; the last one allowed locks the account and starts the count again.</summary>
    public void FailedSignIn(DateTimeOffset now)
    {
        FailedSignIns++;
        if (FailedSignIns < MaxFailedSignIns) return;
        LockedUntil = now + LockoutTime;
        FailedSignIns = 0;
    }

    public void Unlock()
    {
        LockedUntil = null;
        FailedSignIns = 0;
    }
}

/// <summary>The roles of the API's tokens, as staff accounts hold them.</summary>
internal enum StaffRole
{
    HospitalStaff,
    Admin,
}
