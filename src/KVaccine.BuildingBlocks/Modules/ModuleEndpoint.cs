using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace KVaccine.BuildingBlocks.Modules;

/// <summary>
/// The module an endpoint belongs to, on every endpoint a module maps: endpoint filters run only on the REST routes,
/// so the gRPC adapter reads this to refuse a call to a module that is switched off.
/// </summary>
public sealed record ModuleEndpoint(string Module)
{
    /// <summary>What a request to a module that is switched off is told, whatever the protocol.</summary>
    public ProblemDetails SwitchedOff() => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = $"The {Module} module is switched off.",
        Detail = "This part of the service is temporarily unavailable. Please try again later.",
        Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
    };

    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(60);
}
