using KVaccine.Modules.Stock.Inventory;

namespace KVaccine.Modules.Stock.Tests;

public sealed class VaccineStockTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_dose_is_taken_while_any_is_left_and_the_count_never_goes_below_zero()
    {
        var stock = new VaccineStock("Pfizer");
        stock.Seed(1, Now);

        stock.Take(bookingId: 1, Now).Should().BeEquivalentTo(new { Change = -1, Kind = LedgerKind.TAKEN, BookingId = 1L, CountAfter = 0 });
        stock.Take(bookingId: 2, Now).Should().BeNull();
        stock.Count.Should().Be(0);
    }

    [Fact]
    public void Every_movement_is_a_ledger_entry_with_the_count_after_it()
    {
        var stock = new VaccineStock("Moderna");

        var entries = new[] { stock.Seed(2, Now), stock.Take(7, Now)!, stock.Return(7, Now), stock.Receive(10, Now)! };

        entries.Select(e => (e.Kind, e.Change, e.CountAfter)).Should().Equal(
            (LedgerKind.INITIAL, 2, 2), (LedgerKind.TAKEN, -1, 1), (LedgerKind.RETURNED, 1, 2), (LedgerKind.RECEIVED, 10, 12));
        entries.Sum(e => e.Change).Should().Be(stock.Count);
    }

    [Fact]
    public void A_receipt_that_would_take_the_count_past_the_most_it_holds_is_refused_and_changes_nothing()
    {
        var stock = new VaccineStock("Janssen");
        stock.Seed(VaccineStock.MaxCount - 5, Now);

        stock.Room.Should().Be(5);
        stock.Receive(6, Now).Should().BeNull();
        stock.Count.Should().Be(VaccineStock.MaxCount - 5);
        stock.Receive(5, Now).Should().BeEquivalentTo(new { Change = 5, CountAfter = VaccineStock.MaxCount });
        stock.Room.Should().Be(0);
    }
}
