using Grpc.Core;
using KVaccine.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http;

namespace KVaccine.Grpc;

/// <summary>
/// A gRPC call refused by a rate budget, in gRPC's words: RESOURCE_EXHAUSTED with the wait in a google.rpc.RetryInfo,
/// sent as a trailers-only response (HTTP 200 with the status in the headers), which is how a gRPC client reads it.
/// </summary>
internal sealed class OverloadRefusal : IOverloadRefusal
{
    public bool Answers(HttpContext http) => IsGrpc(http.Request);

    public Task WriteAsync(HttpContext http, int retryAfterSeconds)
    {
        var refusal = Refusals.Of(Overload.Refusal(retryAfterSeconds), TimeSpan.FromSeconds(retryAfterSeconds));
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/grpc";
        http.Response.Headers["grpc-status"] = ((int)refusal.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers["grpc-message"] = Uri.EscapeDataString(refusal.Status.Detail);
        foreach (var entry in refusal.Trailers)
            http.Response.Headers[entry.Key] = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes).TrimEnd('=') : entry.Value;
        return Task.CompletedTask;
    }

    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);
}
