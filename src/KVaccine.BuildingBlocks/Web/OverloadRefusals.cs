using System.Diagnostics.Metrics;

namespace KVaccine.BuildingBlocks.Web;

/// <summary>The requests a rate budget turned away, counted per budget (<c>kvaccine.rate_limit.refusals</c>).</summary>
public sealed class OverloadRefusals
{
    public const string MeterName = "KVaccine.Overload";

    private readonly Counter<long> _refused;

    public OverloadRefusals(IMeterFactory meters) =>
        _refused = meters.Create(MeterName).CreateCounter<long>("kvaccine.rate_limit.refusals", "{request}", "Requests a rate budget turned away, by budget.");

    internal void Count(string? budget) => _refused.Add(1, new KeyValuePair<string, object?>("budget", budget ?? "none"));
}
