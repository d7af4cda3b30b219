using KVaccine.BuildingBlocks.Persistence;
using KVaccine.Modules.Dashboard.Views;
using KVaccine.Modules.Hospital.Contracts;
using KVaccine.Modules.Reservation.Contracts;
using KVaccine.Modules.User.Contracts;
using MediatR;

namespace KVaccine.Modules.Dashboard.Integration;

/// <summary>
/// Keeps the dashboard's rows in step with the bookings. The row appears with BookingRequested (the first event of
/// its key), so every later event of the booking finds it.
/// </summary>
internal sealed class Projection(DashboardDbContext db) :
    INotificationHandler<BookingRequested>,
    INotificationHandler<ReservationAccepted>,
    INotificationHandler<ReservationRejected>,
    INotificationHandler<BookingCancelled>,
    INotificationHandler<ReservationCancelled>,
    INotificationHandler<VaccineAssigned>,
    INotificationHandler<VaccineInjected>
{
    public async Task Handle(BookingRequested e, CancellationToken ct)
    {
        if (await db.Rows.FindByKeyAsync(e.BookingId, ct) is not null) return;
        db.Rows.Add(new DashboardRow
        {
            BookingId = e.BookingId,
            UserId = e.UserId,
            UserName = e.UserName,
            MaskedRegNumber = e.MaskedRegNumber,
            ReserveDate = e.ReserveDate,
            ReserveStatus = "PENDING",
        });
    }

    public Task Handle(ReservationAccepted e, CancellationToken ct) =>
        UpdateAsync(e.BookingId, row => { if (row.ReserveStatus == "PENDING") row.ReserveStatus = "RESERVE"; }, ct);

    public Task Handle(ReservationRejected e, CancellationToken ct) => UpdateAsync(e.BookingId, row =>
    {
        if (row.ReserveStatus is not ("PENDING" or "RESERVE")) return;
        row.ReserveStatus = "REJECT";
        row.Reason = e.Reason;
    }, ct);

    /// <summary>
    /// User decides a cancellation on its own view of the booking, which may not have seen a rejection Reservation
    /// had already committed: the citizen's CANCEL wins, as it does on their own record.
    /// </summary>
    public Task Handle(BookingCancelled e, CancellationToken ct) => UpdateAsync(e.BookingId, row =>
    {
        if (row.ReserveStatus is "CANCEL" or "INJECT") return;
        row.ReserveStatus = "CANCEL";
        row.CancelDate = e.CancelDate;
    }, ct);

    /// <summary>A citizen's own cancellation was shown by BookingCancelled; this one is for want of vaccine.</summary>
    public Task Handle(ReservationCancelled e, CancellationToken ct) => e.Reason != ReservationReasons.OutOfStock
        ? Task.CompletedTask
        : UpdateAsync(e.BookingId, row =>
        {
            if (row.ReserveStatus is not ("PENDING" or "RESERVE")) return;
            row.ReserveStatus = "REJECT";
            row.Reason = e.Reason;
        }, ct);

    /// <summary>Kept on a booking cancelled meanwhile, as the citizen's record keeps it.</summary>
    public Task Handle(VaccineAssigned e, CancellationToken ct) =>
        UpdateAsync(e.BookingId, row => { if (row.ReserveStatus is "RESERVE" or "CANCEL") row.VaccineType = e.VaccineType; }, ct);

    public Task Handle(VaccineInjected e, CancellationToken ct) => UpdateAsync(e.BookingId, row =>
    {
        row.ReserveStatus = "INJECT";
        row.VaccineType = e.VaccineType;
        row.InjectDate = e.InjectDate;
    }, ct);

    private async Task UpdateAsync(long bookingId, Action<DashboardRow> apply, CancellationToken ct)
    {
        var row = await db.Rows.FindByKeyAsync(bookingId, ct)
            ?? throw new InvalidOperationException($"Dashboard has no row for booking {bookingId}; its BookingRequested has not been applied.");
        apply(row);
    }
}
