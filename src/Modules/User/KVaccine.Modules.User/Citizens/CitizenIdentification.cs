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
    /// <summary>The citizen, tracked with their bookings; with <paramref name="registering"/>, a new citizen (added) for an RRN never seen.</summary>
    public async Task<Identified> IdentifyAsync(ICitizenRequest request, bool registering, CancellationToken ct)
    {
        var regNumber = IdentityRules.ParseRegNumber(request.UserRegNumber);
        var name = CitizenName.Normalize(request.UserName!);
        var hash = hasher.Hash(regNumber);

        if (await db.IdentityLocks.FindAsync([hash], ct) is { } held && held.IsLocked(calendar.Now)) return Refused(Locked(held));

        var verdict = await register.CheckAsync(name, regNumber, ct);
        if (verdict == IdentityVerdict.Unavailable) return Refused(IdentityRefusal.RegisterUnavailable());
        if (verdict == IdentityVerdict.DoesNotMatch) return await WrongNameAsync(hash, IdentityRefusal.NotFound(), ct);

        var citizen = await db.CitizenWithBookingsAsync(hash, ct);
        if (citizen is null)
        {
            if (!registering) return await WrongNameAsync(hash, IdentityRefusal.NotFound(), ct);
            citizen = new Citizen(name, hash, regNumber.Masked, calendar.Now);
            db.Citizens.Add(citizen);
            return new Identified(citizen, null);
        }
        if (citizen.IsNamed(name)) return new Identified(citizen, null);
        // The register has the last word on a name: one registered here before it was asked, or since changed, follows it.
        if (verdict == IdentityVerdict.Matches)
        {
            citizen.Rename(name);
            await db.SaveChangesAsync(ct);
            return new Identified(citizen, null);
        }
        return await WrongNameAsync(hash, registering ? IdentityRefusal.RegisteredUnderAnotherName() : IdentityRefusal.NotFound(), ct);
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
