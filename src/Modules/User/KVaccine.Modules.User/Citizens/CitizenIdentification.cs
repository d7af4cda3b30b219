using KVaccine.BuildingBlocks.Persistence;
using KVaccine.BuildingBlocks.Time;
using KVaccine.BuildingBlocks.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.User.Citizens;

/// <summary>Who is asking: the citizen this name and RRN identify, or why the service will not say.</summary>
internal sealed record Identified(Citizen? Citizen, ProblemAnswer? Refusal);

/// <summary>
/// The rule of who a citizen is, for every citizen's request. A locked RRN is refused first; a register, if there is
/// one, decides whether name and RRN go together; else the name of the RRN's first booking does. Every name that
/// does not match counts towards the lock, and the answer to it never tells whether the RRN has booked here, except
/// to a booking under another name, which must learn how to get its number back.
/// </summary>
internal sealed class CitizenIdentification(UserDbContext db, RegNumberHasher hasher, IIdentityCheck register, LocalCalendar calendar, IOptions<IdentityOptions> options)
{
    /// <summary>
    /// The citizen, tracked with their bookings, in the language the request asks for (saved with what the request
    /// changes); with <paramref name="registering"/>, a new citizen (added) for an RRN never seen.
    /// </summary>
    public async Task<Identified> IdentifyAsync(ICitizenRequest request, bool registering, CancellationToken ct)
    {
        var identified = request.SignedIn is { } signedIn
            ? await SignedInAsync(signedIn, registering, ct)
            : (await IdentifyAsync(CitizenName.Normalize(request.UserName!), IdentityRules.ParseRegNumber(request.UserRegNumber), registering ? Unknown.Register : Unknown.Refuse, ct)).Identified;
        identified.Citizen?.WriteIn(request.Language);
        return identified;
    }

    /// <summary>
    /// Signing in on a page: the same rule, the register asked if there is one, and nobody registered yet (an RRN
    /// never seen may book). What the page keeps of it holds no RRN.
    /// </summary>
    public async Task<(SignedInCitizen? SignedIn, ProblemAnswer? Refusal)> SignInAsync(string? userName, string? userRegNumber, CancellationToken ct)
    {
        var regNumber = IdentityRules.ParseRegNumber(userRegNumber);
        var name = CitizenName.Normalize(userName!);
        var (identified, hash) = await IdentifyAsync(name, regNumber, Unknown.Allow, ct);
        return identified.Refusal is { } refusal ? (null, refusal) : (new SignedInCitizen(identified.Citizen?.Name ?? name, hash, regNumber.Masked), null);
    }

    private enum Unknown { Refuse, Register, Allow }

    private async Task<(Identified Identified, string Hash)> IdentifyAsync(string name, RegNumber regNumber, Unknown unknown, CancellationToken ct)
    {
        var hash = hasher.Hash(regNumber);
        if (await db.IdentityLocks.FindAsync([hash], ct) is { } held && held.IsLocked(calendar.Now)) return (Refused(Locked(held)), hash);

        var verdict = await register.CheckAsync(name, regNumber, ct);
        if (verdict == IdentityVerdict.Unavailable) return (Refused(IdentityRefusal.RegisterUnavailable()), hash);
        if (verdict == IdentityVerdict.DoesNotMatch) return (await WrongNameAsync(hash, IdentityRefusal.NotFound(), ct), hash);

        var citizen = await db.CitizenWithBookingsAsync(hash, ct);
        if (citizen is null)
        {
            switch (unknown)
            {
                case Unknown.Refuse: return (await WrongNameAsync(hash, IdentityRefusal.NotFound(), ct), hash);
                case Unknown.Allow: return (new Identified(null, null), hash);
            }
            citizen = new Citizen(name, hash, regNumber.Masked, calendar.Now);
            db.Citizens.Add(citizen);
            return (new Identified(citizen, null), hash);
        }
        if (citizen.IsNamed(name)) return (new Identified(citizen, null), hash);
        // The register has the last word on a name: one registered here before it was asked, or since changed, follows it.
        if (verdict == IdentityVerdict.Matches)
        {
            citizen.Rename(name);
            await db.SaveChangesAsync(ct);
            return (new Identified(citizen, null), hash);
        }
        return (await WrongNameAsync(hash, unknown == Unknown.Refuse ? IdentityRefusal.NotFound() : IdentityRefusal.RegisteredUnderAnotherName(), ct), hash);
    }

    /// <summary>
    /// A citizen who signed in on a page: checked then, so the register is not asked again; a lock since, or a name
    /// an Admin has corrected since, ends what the sign-in allowed.
    /// </summary>
    private async Task<Identified> SignedInAsync(SignedInCitizen signedIn, bool registering, CancellationToken ct)
    {
        if (await db.IdentityLocks.FindAsync([signedIn.RegNumberHash], ct) is { } held && held.IsLocked(calendar.Now)) return Refused(Locked(held));
        var citizen = await db.CitizenWithBookingsAsync(signedIn.RegNumberHash, ct);
        if (citizen is null)
        {
            if (!registering) return Refused(IdentityRefusal.NotFound());
            citizen = new Citizen(signedIn.Name, signedIn.RegNumberHash, signedIn.MaskedRegNumber, calendar.Now);
            db.Citizens.Add(citizen);
            return new Identified(citizen, null);
        }
        return citizen.IsNamed(signedIn.Name) ? new Identified(citizen, null) : Refused(IdentityRefusal.NotFound());
    }

    /// <summary>Counts a name that did not match (saved at once, whatever the request does next) and answers the refusal, or the lock it triggered.</summary>
    private async Task<Identified> WrongNameAsync(string hash, ProblemAnswer refusal, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var guard = await db.IdentityLocks.FindAsync([hash], ct);
            if (guard is null) db.IdentityLocks.Add(guard = new IdentityLock(hash, calendar.Now));
            guard.CountWrongName(calendar.Now, options.Value);
            try
            {
                await db.SaveChangesAsync(ct);
                return Refused(guard.IsLocked(calendar.Now) ? Locked(guard) : refusal);
            }
            catch (DbUpdateException e) when (attempt < 3 && (e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e)))
            {
                // Another wrong name for this RRN was counted at the same time: count this one on top of it.
                db.ChangeTracker.Clear();
            }
        }
    }

    private ProblemAnswer Locked(IdentityLock held) => IdentityRefusal.Locked(held.LockedUntil!.Value, calendar.Now, calendar.WallClock(held.LockedUntil.Value));

    private static Identified Refused(ProblemAnswer refusal) => new(null, refusal);
}
