using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Modules.Dashboard.Views;
using KVaccine.Modules.User.Contracts;
using MediatR;

namespace KVaccine.Modules.Dashboard.Integration;

/// <summary>Keeps one row per booking, as User last announced it: a plain copy, since User owns the status.</summary>
internal sealed class Projection(DashboardDbContext db) : INotificationHandler<BookingStatusChanged>
{
    public async Task Handle(BookingStatusChanged e, CancellationToken ct)
    {
        var row = await db.Rows.FindByKeyAsync(e.BookingId, ct);
        if (row is null)
        {
            row = new DashboardRow { BookingId = e.BookingId, UserName = e.UserName, MaskedRegNumber = e.MaskedRegNumber };
            db.Rows.Add(row);
        }
        row.UserId = e.UserId;
        row.UserName = e.UserName;
        row.MaskedRegNumber = e.MaskedRegNumber;
        row.SiteId = e.SiteId;
        row.SiteName = e.SiteName ?? row.SiteName;
        row.ReserveDate = e.ReserveDate;
        row.SlotTime = e.SlotTime;
        row.SlotMinutes = e.SlotMinutes;
        row.DoseNumber = e.DoseNumber;
        row.ReserveStatus = e.Status;
        row.Reason = e.Reason;
        row.VaccineType = e.VaccineType;
        row.InjectDate = e.InjectDate;
        row.CancelDate = e.CancelDate;
    }
}
