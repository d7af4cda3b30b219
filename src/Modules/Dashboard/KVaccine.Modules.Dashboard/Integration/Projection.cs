using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Modules.Dashboard.Views;
using KVaccine.Modules.User.Contracts;
using MediatR;

namespace KVaccine.Modules.Dashboard.Integration;

/// <summary>
/// Keeps one row per booking, as User last announced it (a plain copy, since User owns the status), and appends the
/// change to the log of status changes. Both are saved with the delivery's mark, which the outbox sets only while the
/// delivery is still pending and this claim's, so an event delivered again is applied (and logged) once.
/// </summary>
internal sealed class Projection(DashboardDbContext db, TimeProvider clock) : INotificationHandler<BookingStatusChanged>
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
        db.Changes.Add(new StatusChange
        {
            BookingId = e.BookingId, UserId = e.UserId, DoseNumber = e.DoseNumber, SiteId = e.SiteId, SiteName = row.SiteName, VaccineType = e.VaccineType,
            ReserveDate = e.ReserveDate, SlotTime = e.SlotTime, SlotMinutes = e.SlotMinutes, Status = e.Status, Reason = e.Reason, RecordedAt = clock.GetUtcNow(),
        });
    }
}
