using KVaccine.Modules.Reservation.Contracts;
using KVaccine.Modules.User.Bookings;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace KVaccine.Modules.User.Tests;

public sealed class DatesCircuitTests
{
    private sealed class Calendar(Func<CancellationToken, Task<IReadOnlyList<AvailableDate>>> answer) : IAvailableDates
    {
        public int Calls;

        public BookingWindow Window => new(new DateOnly(2026, 11, 26), new DateOnly(2026, 12, 25));

        public Task<IReadOnlyList<AvailableDate>> GetAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref Calls);
            return answer(ct);
        }

        public Task<IReadOnlyList<SiteInfo>> SitesAsync(string? region, CancellationToken ct) => throw new NotSupportedException();

        public Task<SiteInfo?> SiteAsync(int siteId, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<AvailableDate>?> DatesAsync(int siteId, int doseNumber, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<AvailableSlot>?> SlotsAsync(int siteId, DateOnly date, int doseNumber, CancellationToken ct) => throw new NotSupportedException();
    }

    private static DatesCircuit NewCircuit() => new(Options.Create(new BookingOptions { DatesTimeoutMs = 50, DatesBreakMs = 60_000 }));

    [Fact]
    public async Task A_slow_Reservation_is_cut_off_by_the_timeout()
    {
        var slow = new Calendar(async ct => { await Task.Delay(Timeout.Infinite, ct); return []; });

        var call = () => NewCircuit().GetAsync(slow, CancellationToken.None).AsTask();

        await call.Should().ThrowAsync<TimeoutRejectedException>();
    }

    [Fact]
    public async Task After_most_calls_failed_the_breaker_answers_at_once_without_calling_Reservation()
    {
        var circuit = NewCircuit();
        var failing = new Calendar(_ => throw new InvalidOperationException("database is locked"));
        for (var i = 0; i < 10; i++)
        {
            try { await circuit.GetAsync(failing, CancellationToken.None); }
            catch (InvalidOperationException) { }
        }

        var healthy = new Calendar(_ => Task.FromResult<IReadOnlyList<AvailableDate>>([]));
        var call = () => circuit.GetAsync(healthy, CancellationToken.None).AsTask();

        (await call.Should().ThrowAsync<BrokenCircuitException>()).Which.RetryAfter.Should().BePositive();
        healthy.Calls.Should().Be(0);
    }
}
