using KVaccine.BuildingBlocks.Modules;
using KVaccine.Modules.Reservation.Contracts;

namespace KVaccine.Modules.Reservation.Calendar;

/// <summary>Reservation's public contract: the open dates with places left, as committed (see <see cref="SlotBoard"/>).</summary>
internal sealed class AvailableDatesQuery(SlotBoard board, CalendarPolicy policy, ModuleToggles toggles) : IAvailableDates
{
    public BookingWindow Window => policy.Window;

    public async Task<IReadOnlyList<AvailableDate>> GetAsync(CancellationToken ct)
    {
        if (!toggles.IsEnabled(ReservationModule.ModuleName))
            throw new ModuleUnavailableException(ReservationModule.ModuleName, "Booking dates cannot be looked up right now. Please try again shortly.");
        var window = policy.Window;
        return await board.AvailableAsync(window.First, window.Last, policy.DailyCapacity, ct);
    }
}
