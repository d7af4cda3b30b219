using System.Globalization;
using Grpc.AspNetCore.Server;
using KVaccine.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace KVaccine.Grpc;

/// <summary>
/// A gRPC call refused before it reaches its method (over its rate budget, its module switched off), in gRPC's words:
/// the status and its details in the response headers with HTTP 200, a trailers-only response, which is how a gRPC
/// client reads a refusal; RESOURCE_EXHAUSTED or UNAVAILABLE with the wait in a google.rpc.RetryInfo.
/// </summary>
internal sealed class TrailersOnlyRefusal : IRefusalWriter, IOverloadRefusal
{
    public bool Answers(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is not null;

    public Task WriteAsync(HttpContext http, int retryAfterSeconds) =>
        WriteAsync(http, Overload.Refusal(retryAfterSeconds), TimeSpan.FromSeconds(retryAfterSeconds));

    public Task WriteAsync(HttpContext http, ProblemDetails problem, TimeSpan? retryAfter)
    {
        var refusal = Refusals.Of(problem, retryAfter);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/grpc";
        http.Response.Headers["grpc-status"] = ((int)refusal.StatusCode).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["grpc-message"] = Uri.EscapeDataString(refusal.Status.Detail);
        foreach (var entry in refusal.Trailers)
            http.Response.Headers[entry.Key] = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes).TrimEnd('=') : entry.Value;
        return Task.CompletedTask;
    }
}
