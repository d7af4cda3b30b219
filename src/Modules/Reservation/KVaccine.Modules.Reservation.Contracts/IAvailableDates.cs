namespace KVaccine.Modules.Reservation.Contracts;

/// <summary>
/// The one synchronous path between modules: the dates a citizen can still book, read in real time from
/// Reservation's calendar.
/// </summary>
public interface IAvailableDates
{
    /// <exception cref="KVaccine.BuildingBlocks.Modules.ModuleUnavailableException">Reservation is switched off.</exception>
    Task<IReadOnlyList<AvailableDate>> GetAsync(CancellationToken ct);
}

public sealed record AvailableDate(DateOnly ReserveDate, int Remaining);
