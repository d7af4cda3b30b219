using KVaccine.BuildingBlocks.Persistence;
using Microsoft.Data.Sqlite;

namespace KVaccine.BuildingBlocks.Tests.Persistence;

/// <summary>The process's writers take turns at the database in arrival order, and wait no longer than SQLite would.</summary>
public sealed class WriteGateTests
{
    [Fact]
    public async Task Writers_take_their_turns_in_the_order_they_arrived()
    {
        var gate = new WriteGate(TimeSpan.FromSeconds(10));
        var first = await gate.EnterAsync(CancellationToken.None);
        var order = new List<int>();
        var waiting = Enumerable.Range(1, 3).Select(async n =>
        {
            using var turn = await gate.EnterAsync(CancellationToken.None);
            lock (order) order.Add(n);
        }).ToList();

        waiting.Should().OnlyContain(t => !t.IsCompleted, "the first writer still has its turn");
        first.Dispose();
        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(10));

        order.Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task A_writer_that_gets_no_turn_within_the_busy_timeout_fails_as_SQLite_would()
    {
        var gate = new WriteGate(TimeSpan.FromMilliseconds(50));
        using var held = await gate.EnterAsync(CancellationToken.None);

        var late = async () => await gate.EnterAsync(CancellationToken.None);

        (await late.Should().ThrowAsync<SqliteException>()).Which.SqliteErrorCode.Should().Be(5, "SQLITE_BUSY, which the API answers with 503 and Retry-After");
    }
}
