using KVaccine.BuildingBlocks.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Hospital.Staff;

/// <summary>The accounts, for the Admin's page: who, which role, which site, locked until when.</summary>
internal static class StaffAccounts
{
    public sealed record Query : IRequest<List<Row>>;

    public sealed record Row(long Id, string UserName, StaffRole Role, int? SiteId, DateTimeOffset? LockedUntil);

    internal sealed class Handler(HospitalDbContext db, LocalCalendar calendar) : IRequestHandler<Query, List<Row>>
    {
        public async Task<List<Row>> Handle(Query request, CancellationToken ct)
        {
            var now = calendar.Now;
            var accounts = await db.StaffAccounts.AsNoTracking().OrderBy(a => a.UserName).ToListAsync(ct);
            return accounts.Select(a => new Row(a.Id, a.UserName, a.Role, a.SiteId, a.IsLocked(now) ? a.LockedUntil : null)).ToList();
        }
    }

    /// <summary>An Admin lifts an account's lock (its owner proved who they are another way).</summary>
    public sealed record Unlock(long Id) : IRequest<bool>;

    internal sealed class UnlockHandler(HospitalDbContext db) : IRequestHandler<Unlock, bool>
    {
        public async Task<bool> Handle(Unlock request, CancellationToken ct)
        {
            var account = await db.StaffAccounts.SingleOrDefaultAsync(a => a.Id == request.Id, ct);
            if (account is null) return false;
            account.Unlock();
            await db.SaveChangesAsync(ct);
            return true;
        }
    }
}
