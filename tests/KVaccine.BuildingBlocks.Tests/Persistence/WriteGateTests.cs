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

    [Fact]
    public async Task The_next_writer_begins_before_the_one_ending_its_turn_goes_on()
    {
        var gate = new WriteGate(TimeSpan.FromSeconds(10));
        var first = await gate.EnterAsync(CancellationToken.None);
        var began = false;
        var next = NextAsync(); // runs up to its wait for the turn, so it is in line when this returns
        next.IsCompleted.Should().BeFalse();

        first.Dispose();

        began.Should().BeTrue("the turn is handed over on the releasing thread, not through the thread pool");
        await next;

        async Task NextAsync()
        {
            using var turn = await gate.EnterAsync(CancellationToken.None);
            began = true;
        }
    }

    [Fact]
    public async Task A_writer_that_stops_waiting_gives_its_place_to_the_next()
    {
        var gate = new WriteGate(TimeSpan.FromSeconds(10));
        var first = await gate.EnterAsync(CancellationToken.None);
        using var leaving = new CancellationTokenSource();
        var gone = gate.EnterAsync(leaving.Token).AsTask();
        var next = gate.EnterAsync(CancellationToken.None).AsTask();

        await leaving.CancelAsync();
        await gone.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        first.Dispose();

        (await next.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        using var after = await gate.EnterAsync(CancellationToken.None); // the gate is free again
    }
}
