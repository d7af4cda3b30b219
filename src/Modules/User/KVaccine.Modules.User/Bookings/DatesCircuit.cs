using KVaccine.Modules.Reservation.Contracts;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace KVaccine.Modules.User.Bookings;

/// <summary>
/// The original's Hystrix around the one synchronous call, with Polly: a timeout, and a circuit breaker that stops
/// asking Reservation for a while when most recent calls failed or timed out, so a flood fails fast (503 with
/// Retry-After) instead of piling up.
/// </summary>
internal sealed class DatesCircuit
{
    private readonly ResiliencePipeline _pipeline;

    public DatesCircuit(IOptions<BookingOptions> options)
    {
        var o = options.Value;
        _pipeline = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromMilliseconds(o.DatesBreakMs),
            })
            .AddTimeout(TimeSpan.FromMilliseconds(o.DatesTimeoutMs))
            .Build();
    }

    public ValueTask<IReadOnlyList<AvailableDate>> GetAsync(IAvailableDates calendar, CancellationToken ct) => AskAsync(calendar, static (c, token) => c.GetAsync(token), ct);

    /// <summary>Any question to the calendar, under the same timeout and breaker.</summary>
    public ValueTask<T> AskAsync<T>(IAvailableDates calendar, Func<IAvailableDates, CancellationToken, Task<T>> ask, CancellationToken ct) =>
        _pipeline.ExecuteAsync(static (state, token) => new ValueTask<T>(state.ask(state.calendar, token)), (calendar, ask), ct);
}
