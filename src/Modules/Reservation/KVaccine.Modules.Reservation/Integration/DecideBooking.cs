using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.BuildingBlocks.Settings;
using KVaccine.BuildingBlocks.Time;
using KVaccine.Contracts;
using KVaccine.Modules.Reservation.Calendar;
using KVaccine.Modules.Reservation.Contracts;
using KVaccine.Modules.Reservation.Sites;
using KVaccine.Modules.User.Contracts;
using MediatR;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.Reservation.Integration;

/// <summary>
/// Decides a PENDING booking: accepted while the date is open at the site, one of the site's vaccines may be given to
/// the citizen, and the slot chosen (or, for a date alone, the first of the date's slots) has a place for the dose;
/// else rejected with the reason. A second dose to be placed on the nearest date takes the first date of its interval,
/// nearest the desired one, with a place for second doses.
/// </summary>
internal sealed class DecideBooking(ReservationDbContext db, CalendarPolicy policy, LocalCalendar calendar, SlotBoard board, IOptions<VaccineSchedules> schedules)
    : INotificationHandler<BookingStatusChanged>, IWantsOnly<BookingStatusChanged>
{
    public static bool Wants(BookingStatusChanged e) => e.Status == BookingStatus.PENDING;

    public async Task Handle(BookingStatusChanged e, CancellationToken ct)
    {
        if (await db.Reservations.FindByKeyAsync(e.BookingId, ct) is not null) return;

        var record = new ReservationRecord
        {
            BookingId = e.BookingId, UserId = e.UserId, SiteId = e.SiteId, ReserveDate = e.ReserveDate, DoseNumber = e.DoseNumber, DecidedAt = calendar.Now,
        };
        db.Reservations.Add(record);
        var site = await board.SiteAsync(e.SiteId, ct);
        if (site is null || (!e.NearestDate && !Bookable(e, e.ReserveDate)))
        {
            Reject(record, BookingReasons.DateNotBookable);
            return;
        }
        IReadOnlyList<string> types = e.DoseNumber > 1 && e.VaccineType is { } product
            ? [product]
            : schedules.Value.Eligible(site.VaccineTypeList, BirthDate.FromMasked(e.MaskedRegNumber), e.ReserveDate);
        if (types.Count == 0)
        {
            Reject(record, BookingReasons.NotEligible);
            return;
        }

        var (date, slot) = e.NearestDate ? await NearestPlaceAsync(e, site, ct) : (e.ReserveDate, await ChosenSlotAsync(e, site, ct));
        if (slot is null)
        {
            Reject(record, e.NearestDate ? BookingReasons.NoPlaceInInterval : BookingReasons.DateNotBookable);
            return;
        }
        if (!slot.TryTake(e.DoseNumber))
        {
            Reject(record, e.SlotTime is null ? BookingReasons.DateFull : BookingReasons.SlotFull);
            return;
        }
        if (!db.Slots.Local.Contains(slot)) db.Slots.Add(slot);
        board.RecordOnCommit(db, slot);
        record.State = ReservationState.Accepted;
        record.ReserveDate = date;
        record.SlotStart = slot.Start;
        db.Raise(new ReservationAccepted(e.BookingId, date, e.SiteId, slot.Start, slot.Minutes, site.Name, types));
    }

    private bool Bookable(BookingStatusChanged e, DateOnly date) => policy.Bookable(e.DoseNumber, date, e.EarliestDate, e.LatestDate);

    private async Task<Slot?> ChosenSlotAsync(BookingStatusChanged e, Site site, CancellationToken ct)
    {
        var slots = SiteDay.Slots(site, e.ReserveDate, await db.StoredSlotsAsync(e.SiteId, e.ReserveDate, ct));
        return SiteDay.Pick(slots, e.SlotTime, e.DoseNumber);
    }

    /// <summary>The first slot with a place for the dose on the interval's date nearest the desired one (<see cref="BookingStatusChanged.ReserveDate"/>).</summary>
    private async Task<(DateOnly Date, Slot? Slot)> NearestPlaceAsync(BookingStatusChanged e, Site site, CancellationToken ct)
    {
        var interval = new DoseInterval(e.EarliestDate ?? e.ReserveDate, e.ReserveDate, e.LatestDate ?? e.ReserveDate);
        foreach (var date in interval.NearestDesiredFirst(calendar.Today.AddDays(1)).Where(d => Bookable(e, d)))
        {
            var slot = SiteDay.Slots(site, date, await db.StoredSlotsAsync(e.SiteId, date, ct)).FirstOrDefault(s => s.Remaining(e.DoseNumber) > 0);
            if (slot is not null) return (date, slot);
        }
        return (e.ReserveDate, null);
    }

    private void Reject(ReservationRecord record, string reason)
    {
        record.State = ReservationState.Rejected;
        record.Reason = reason;
        db.Raise(new ReservationRejected(record.BookingId, record.ReserveDate, reason));
    }
}
