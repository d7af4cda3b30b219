using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace KVaccine.BuildingBlocks.Web;

/// <summary>
/// How a refusal made before a request reaches its use case (a module switched off) is answered where the API's
/// ProblemDetails body is not the answer: a gRPC call reads it as a status.
/// </summary>
public interface IRefusalWriter
{
    bool Answers(HttpContext http);

    Task WriteAsync(HttpContext http, ProblemDetails problem, TimeSpan? retryAfter);
}
