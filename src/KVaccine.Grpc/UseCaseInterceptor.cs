using Grpc.Core;
using Grpc.Core.Interceptors;
using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KVaccine.Grpc;

/// <summary>
/// Around every call, what the REST pipeline's exception handler does around a route: an exception (a validation
/// failure, a busy database, an open circuit, a bug) is answered through the host's one exception map, as the same
/// problem in gRPC's words. gRPC would otherwise answer UNKNOWN and say nothing useful.
/// </summary>
internal sealed class UseCaseInterceptor(ILogger<ProblemDetailsExceptionHandler> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var http = context.GetHttpContext();
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Translate(http, context, e);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var http = context.GetHttpContext();
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Translate(http, context, e);
        }
    }

    private RpcException Translate(HttpContext http, ServerCallContext context, Exception e)
    {
        if (e is OperationCanceledException && context.CancellationToken.IsCancellationRequested)
            return new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled."));
        if (e is IdempotencyRefusal refusal)
            return refusal.Kind == IdempotencyRefusal.Kinds.AnotherRequest
                ? new RpcException(new Status(StatusCode.AlreadyExists, refusal.Message))
                : Refusals.Of(new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = StatusCodes.Status409Conflict, Detail = refusal.Message }, TimeSpan.FromSeconds(1));
        return Refusals.Of(ProblemDetailsExceptionHandler.Describe(http, e, logger), http.Response);
    }
}
