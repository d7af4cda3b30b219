namespace KVaccine.Modules.Reservation.Contracts;

/// <summary>
/// The one synchronous path between modules: the dates a citizen can still book, read in real time from
/// Reservation's calendar.
/// </summary>
public interface IAvailableDates
{
    /// <summary>The dates open for booking today (local time), whether or not they have places left.</summary>
    BookingWindow Window { get; }

    /// <exception cref="KVaccine.BuildingBlocks.Modules.ModuleUnavailableException">Reservation is switched off.</exception>
    Task<IReadOnlyList<AvailableDate>> GetAsync(CancellationToken ct);
}

public sealed record AvailableDate(DateOnly ReserveDate, int Remaining);

public sealed record BookingWindow(DateOnly First, DateOnly Last)
{
    public bool Contains(DateOnly date) => date >= First && date <= Last;
}
