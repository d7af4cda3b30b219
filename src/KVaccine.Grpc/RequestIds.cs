using Google.Protobuf;
using Grpc.Core;
using KVaccine.BuildingBlocks.Idempotency;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.Grpc;

/// <summary>
/// A call's <c>request_id</c>, as REST's <c>Idempotency-Key</c>: the first call with an id runs, and a retry that
/// means the same gets its reply again and changes nothing. Without an id, the call simply runs.
/// </summary>
public static class RequestIds
{
    public static Task<TReply> RunOnceAsync<TReply>(this ServerCallContext context, string requestId, object meaning, Func<CancellationToken, Task<TReply>> work)
        where TReply : IMessage<TReply>, new()
    {
        if (requestId.Length == 0) return work(context.CancellationToken);
        if (!IdempotentCalls.IsValidKey(requestId))
            throw Refusals.Of(new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                ["requestId"] = [$"Use 1 to {IdempotentCalls.MaxKeyLength} printable ASCII characters, for example a UUID."],
            }) { Status = StatusCodes.Status400BadRequest }, retryAfter: null);
        var http = context.GetHttpContext();
        var calls = http.RequestServices.GetRequiredService<IdempotentCalls>();
        var parser = new MessageParser<TReply>(() => new TReply());
        return calls.RunAsync($"grpc:{context.Method}", requestId, meaning, work,
            reply => Convert.ToBase64String(reply.ToByteArray()), kept => parser.ParseFrom(Convert.FromBase64String(kept)), context.CancellationToken);
    }
}
