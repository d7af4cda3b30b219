using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace KVaccine.BuildingBlocks.Idempotency;

/// <summary>
/// What a request means, as a keyed hash: the arguments bound from it (body, route values, query), each through the
/// route's meaning if it has one, written out again as JSON. So a retry pretty-printed, with its keys in another
/// order, or with an RRN written otherwise is the same request, and the hash tells it apart from another request
/// without storing the request (which holds an RRN).
/// </summary>
internal sealed class RequestFingerprint(string route, int[] fromRequest, Type? requestType, Func<object, object>? meaning)
{
    public string Of(IList<object?> arguments, string key)
    {
        var meant = new object?[fromRequest.Length];
        for (var i = 0; i < fromRequest.Length; i++)
        {
            var argument = arguments[fromRequest[i]];
            meant[i] = argument is not null && meaning is not null && requestType!.IsInstanceOfType(argument) ? meaning(argument) : argument;
        }
        return Of(route, meant, key);
    }

    /// <summary>The keyed hash of what a request to <paramref name="route"/> means, written out as JSON.</summary>
    public static string Of(string route, object? meaning, string key)
    {
        byte[] canonical = [.. Encoding.UTF8.GetBytes(route + "\n"), .. JsonSerializer.SerializeToUtf8Bytes(meaning)];
        return Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), canonical));
    }
}
