using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Primitives;

namespace KVaccine.BuildingBlocks.Time;

/// <summary>
/// The service's clock: the system's, moved by <c>Testing:ClockOffset</c> (a TimeSpan such as <c>1.00:00:00</c>) so
/// that the fault harness can drive a real process to a booked day and record injections. A test-only switch: it is
/// ignored in Production, and a Production host with it set refuses to start.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    public const string Key = "Testing:ClockOffset";

    private TimeSpan _offset;

    public ShiftedClock(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsProduction()) return;
        Read(configuration);
        ChangeToken.OnChange(configuration.GetReloadToken, () => Read(configuration));
    }

    public static bool IsSet(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[Key]);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;

    private void Read(IConfiguration configuration) =>
        _offset = TimeSpan.TryParse(configuration[Key], global::System.Globalization.CultureInfo.InvariantCulture, out var offset) ? offset : TimeSpan.Zero;
}
