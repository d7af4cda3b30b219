using System.Buffers.Binary;
using System.Collections.Concurrent;
using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using KVaccine.BuildingBlocks.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace KVaccine.Grpc;

/// <summary>
/// A call whose bytes are not its request message is INVALID_ARGUMENT, as unreadable JSON is a 400: gRPC reads the
/// message before any interceptor runs and answers a failure to read it with UNKNOWN, as if the server had failed.
/// So the one message of a unary or server-streaming call is read here first (it is small: the body limit holds it).
/// </summary>
public static class UnreadableMessage
{
    private static readonly ConcurrentDictionary<Type, MessageParser?> Parsers = new();

    public static IApplicationBuilder UseUnreadableGrpcMessages(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is not { Method.Type: MethodType.Unary or MethodType.ServerStreaming } grpc
            || ParserOf(grpc.Method) is not { } parser)
        {
            await next(http);
            return;
        }
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        if (Problem(body.GetBuffer().AsSpan(0, (int)body.Length), parser) is { } problem)
        {
            await http.RequestServices.GetRequiredService<TrailersOnlyRefusal>().WriteAsync(http, problem, retryAfter: null);
            return;
        }
        body.Position = 0;
        http.Request.Body = body;
        await next(http);
    });

    /// <summary>Why a call's body is not one message of its type (a frame: a compression flag, a length, the bytes), or null.</summary>
    private static ProblemDetails? Problem(ReadOnlySpan<byte> body, MessageParser parser)
    {
        // Too short for a frame, compressed, or longer than the limit: gRPC itself answers those, in its words.
        if (body.Length < 5 || body[0] != 0 || BinaryPrimitives.ReadUInt32BigEndian(body[1..5]) != body.Length - 5 || body.Length - 5 > BodySizeLimit.MaxBytes) return null;
        try
        {
            parser.ParseFrom(body[5..]);
            return null;
        }
        catch (InvalidProtocolBufferException)
        {
            return new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [""] = ["The request is not a message of this method's type. Send it as the kvaccine.v1 contract defines it."],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request cannot be read.",
            };
        }
    }

    private static MessageParser? ParserOf(IMethod method) => Parsers.GetOrAdd(method.GetType(), type =>
        type.IsGenericType && type.GetGenericArguments()[0].GetProperty("Parser")?.GetValue(null) is MessageParser parser ? parser : null);
}
