using System.Buffers;
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
        // One frame of the largest message allowed, and a byte more to tell a longer body: no more is read into memory.
        const int most = Frame + (int)BodySizeLimit.MaxBytes + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(most);
        try
        {
            var length = await http.Request.Body.ReadAtLeastAsync(buffer.AsMemory(0, most), most, throwOnEndOfStream: false, http.RequestAborted);
            if (Problem(buffer.AsSpan(0, length), parser) is { } problem)
            {
                await http.RequestServices.GetRequiredService<TrailersOnlyRefusal>().WriteAsync(http, problem, retryAfter: null);
                return;
            }
            http.Request.Body = new MemoryStream(buffer, 0, length, writable: false);
            await next(http);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    });

    private const int Frame = 5;

    /// <summary>Why a call's body is not one message of its type (a frame: a compression flag, a length, the bytes), or null.</summary>
    private static ProblemDetails? Problem(ReadOnlySpan<byte> body, MessageParser parser)
    {
        if (body.Length > Frame + BodySizeLimit.MaxBytes)
            return new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The request is too large.",
                Detail = $"A message may have at most {BodySizeLimit.MaxBytes} bytes.",
            };
        // Too short for a frame, compressed, or not one whole frame: gRPC itself answers those, in its words.
        if (body.Length < Frame || body[0] != 0 || BinaryPrimitives.ReadUInt32BigEndian(body[1..Frame]) != body.Length - Frame) return null;
        try
        {
            parser.ParseFrom(body[Frame..]);
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
