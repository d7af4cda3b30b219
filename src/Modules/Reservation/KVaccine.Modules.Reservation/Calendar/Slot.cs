namespace KVaccine.Modules.Reservation.Calendar;

/// <summary>
/// The places of one date. It never goes over capacity: <see cref="Booked"/> is a concurrency token, so two
/// decisions that read the same count cannot both write; the loser is retried and reads the new count.
/// </summary>
internal sealed class Slot
{
    private Slot()
    {
    }

    public Slot(DateOnly date, int capacity)
    {
        Date = date;
        Capacity = capacity;
    }

    public DateOnly Date { get; private set; }
    public int Capacity { get; private set; }
    public int Booked { get; private set; }

    public int Remaining => Capacity - Booked;

    public bool TryTake()
    {
        if (Booked >= Capacity) return false;
        Booked++;
        return true;
    }

    public void Release()
    {
        if (Booked > 0) Booked--;
    }
}
