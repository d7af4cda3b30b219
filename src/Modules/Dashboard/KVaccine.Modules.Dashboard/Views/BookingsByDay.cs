using KVaccine.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.Modules.Dashboard.Views;

/// <summary>How many appointments each day holds (booked, being confirmed or given; not cancelled or refused), for the operators' chart.</summary>
internal static class BookingsByDay
{
    public sealed record Query : IRequest<List<Day>>;

    public sealed record Day(DateOnly Date, int Bookings);

    internal sealed class Handler(DashboardDbContext db) : IRequestHandler<Query, List<Day>>
    {
        public async Task<List<Day>> Handle(Query request, CancellationToken ct) =>
            await db.Rows.AsNoTracking()
                .Where(r => r.ReserveStatus == BookingStatus.RESERVE || r.ReserveStatus == BookingStatus.PENDING || r.ReserveStatus == BookingStatus.INJECT)
                .GroupBy(r => r.ReserveDate).OrderBy(g => g.Key)
                .Select(g => new Day(g.Key, g.Count()))
                .ToListAsync(ct);
    }
}
