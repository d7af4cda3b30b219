namespace KVaccine.Modules.Stock.Inventory;

/// <summary>
/// The doses of one vaccine type on hand. The count never goes below zero nor above <see cref="MaxCount"/>, and it is
/// a concurrency token: two movements that read the same count cannot both write.
/// </summary>
internal sealed class VaccineStock
{
    /// <summary>
    /// The most doses a count holds: ten times a national campaign (about a hundred million doses), and under half of
    /// an int's range, so no movement that keeps to it can overflow.
    /// </summary>
    public const int MaxCount = 1_000_000_000;

    private VaccineStock()
    {
    }

    public VaccineStock(string vaccineType) => VaccineType = vaccineType;

    public string VaccineType { get; private set; } = "";
    public int Count { get; private set; }

    /// <summary>How many more doses the count can take.</summary>
    public int Room => MaxCount - Count;

    public LedgerEntry? Take(long bookingId, DateTimeOffset at) =>
        Count == 0 ? null : Move(-1, LedgerKind.TAKEN, bookingId, at);

    public LedgerEntry Return(long bookingId, DateTimeOffset at) => Move(+1, LedgerKind.RETURNED, bookingId, at);

    /// <summary>The receipt's movement, or null when it would take the count past <see cref="MaxCount"/>.</summary>
    public LedgerEntry? Receive(int doses, DateTimeOffset at) => doses > Room ? null : Move(doses, LedgerKind.RECEIVED, null, at);

    public LedgerEntry Seed(int doses, DateTimeOffset at) => Move(doses, LedgerKind.INITIAL, null, at);

    private LedgerEntry Move(int change, LedgerKind kind, long? bookingId, DateTimeOffset at)
    {
        Count += change;
        return new LedgerEntry { VaccineType = VaccineType, Change = change, Kind = kind, BookingId = bookingId, CountAfter = Count, At = at };
    }
}

internal enum LedgerKind
{
    INITIAL,
    RECEIVED,
    TAKEN,
    RETURNED,
}

/// <summary>One movement of stock, with the booking it belongs to.</summary>
internal sealed class LedgerEntry
{
    public long Id { get; set; }
    public required string VaccineType { get; set; }
    public int Change { get; set; }
    public LedgerKind Kind { get; set; }
    public long? BookingId { get; set; }
    public int CountAfter { get; set; }
    public DateTimeOffset At { get; set; }
}
