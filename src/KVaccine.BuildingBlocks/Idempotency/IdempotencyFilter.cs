using System.Text;
using KVaccine.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on a route marked with <see cref="IdempotencyExtensions.WithIdempotency{TBuilder}(TBuilder, string)"/>.
/// The first request with a key claims it and leaves its answer there; a retry that means the same
/// (<see cref="RequestFingerprint"/>) gets that answer again and changes nothing; the key with another request is a
/// 422; a retry while the first is still running is a 409 with <c>Retry-After</c>.
/// <para>
/// Only a final answer holds a key. A request refused as not valid (400: a body that cannot be read never gets here,
/// one that fails validation does), told to try again later (<c>Retry-After</c>), or that failed (5xx, an exception)
/// gives its key back, so the client's corrected
/// or later retry is processed as a new request. A request whose client went away is finished all the same, so that
/// its retry gets its answer rather than running it again. A claim left without an answer (a host that died) is
/// taken over after <see cref="IdempotencyClaims.AbandonedAfter"/>.
/// </para>
/// </summary>
internal sealed class IdempotencyFilter(string route, RequestFingerprint fingerprint, int[] tokens) : IEndpointFilter
{
    public const string Header = IdempotentRoute.Header;
    public const int MaxKeyLength = IdempotentRoute.MaxKeyLength;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(Header, out var values)) return await next(context);
        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c < 0x21 || c > 0x7e))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The Idempotency-Key header is not valid.",
                detail: $"Use 1 to {MaxKeyLength} printable ASCII characters, for example a UUID.");

        var services = http.RequestServices;
        var logger = services.GetRequiredService<ILogger<IdempotencyFilter>>();
        // Resolved only here: most requests carry no key and need no context.
        var claims = new IdempotencyClaims(services.GetRequiredService<IdempotencyDbContext>(), services.GetRequiredService<WriteGate>(), route, key);
        var print = fingerprint.Of(context.Arguments, services.GetRequiredService<IOptions<IdempotencyOptions>>().Value.FingerprintKey);

        var (claimedAt, first) = await claims.ClaimAsync(print, services.GetRequiredService<TimeProvider>(), http.RequestAborted);
        if (claimedAt is not { } claim)
        {
            logger.LogDebug("A request to {Route} with a used Idempotency-Key: {Outcome}", route,
                first is null ? "still in progress" : first.Fingerprint != print ? "another request" : $"replayed its {first.StatusCode}");
            return await AnswerAgainAsync(http, first, print);
        }

        // From here only the host's stopping cancels the request: a client that sent a key means to retry, and its
        // retry should get this request's answer, not run it a second time.
        var aborted = http.RequestAborted;
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        http.RequestAborted = stopping; // results write their body under it, and give up when it is cancelled
        foreach (var token in tokens) context.Arguments[token] = stopping;

        var body = http.Response.Body;
        using var answer = new MemoryStream();
        http.Response.Body = answer;
        try
        {
            var result = await next(context);
            await AsResult(result).ExecuteAsync(http);
        }
        catch
        {
            http.Response.Body = body;
            await GiveBackAsync(claims, claim, logger);
            throw;
        }
        http.Response.Body = body;

        if (http.Response.StatusCode is StatusCodes.Status400BadRequest or >= 500 || http.Response.Headers.RetryAfter.Count > 0)
            await GiveBackAsync(claims, claim, logger);
        else
            await KeepAsync(claims, claim, http.Response, Encoding.UTF8.GetString(answer.GetBuffer(), 0, (int)answer.Length), logger);

        answer.Position = 0;
        try
        {
            await answer.CopyToAsync(body, CancellationToken.None);
        }
        catch (Exception) when (aborted.IsCancellationRequested)
        {
            // The client went away; its answer is kept for its retry.
        }
        return Results.Empty;
    }

    private static IResult AsResult(object? result) => result switch
    {
        IResult executable => executable,
        string text => TypedResults.Text(text),
        _ => TypedResults.Json(result),
    };

    private static async Task GiveBackAsync(IdempotencyClaims claims, long claim, ILogger logger)
    {
        try
        {
            await claims.ReleaseAsync(claim);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not give back an Idempotency-Key after a request that failed; it is taken over after {AbandonedAfter}", IdempotencyClaims.AbandonedAfter);
        }
    }

    // The request's work is done whether or not its answer is kept: the client gets it either way.
    private static async Task KeepAsync(IdempotencyClaims claims, long claim, HttpResponse response, string body, ILogger logger)
    {
        try
        {
            await claims.CompleteAsync(claim, response, body);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not keep the answer under an Idempotency-Key; a retry after {AbandonedAfter} runs the request again", IdempotencyClaims.AbandonedAfter);
        }
    }

    private static async Task<IResult> AnswerAgainAsync(HttpContext http, IdempotentRequest? first, string print)
    {
        if (first is not null && first.Fingerprint != print)
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "This Idempotency-Key was used for another request.",
                detail: "A retry must send the same request as the first. Use a new key for a new request.");
        if (first is not { Completed: true })
        {
            http.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The first request with this Idempotency-Key is still being processed.",
                detail: "Try again in a moment to get its answer.");
        }
        http.Response.StatusCode = first.StatusCode;
        http.Response.Headers["Idempotency-Replayed"] = "true";
        if (first.Location is not null) http.Response.Headers.Location = first.Location;
        if (first.ContentType is not null) http.Response.ContentType = first.ContentType;
        if (first.Body is { Length: > 0 } body) await http.Response.WriteAsync(body, http.RequestAborted);
        return Results.Empty;
    }
}
