using System.Security.Cryptography;
using System.Text;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.BuildingBlocks.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on the routes marked with <see cref="IdempotencyExtensions.WithIdempotency{TBuilder}"/>:
/// the first request with a key is processed and its answer stored; a retry with the same key and body gets that
/// answer again and changes nothing; the same key with another body is a 422; a retry while the first is still in
/// flight is a 409. Answers of 5xx are not kept, so a retry after a failure is processed anew.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 100;

    public async Task InvokeAsync(HttpContext http, IOptions<IdempotencyOptions> options, TimeProvider clock, WriteGate writers)
    {
        var route = http.GetEndpoint()?.Metadata.GetMetadata<IdempotentRoute>()?.Name;
        if (route is null || !http.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(http);
            return;
        }
        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c < 0x21 || c > 0x7e))
        {
            await ProblemAsync(http, StatusCodes.Status400BadRequest, "The Idempotency-Key header is not valid.",
                $"Use 1 to {MaxKeyLength} printable ASCII characters, for example a UUID.");
            return;
        }

        // Resolved only here: most requests carry no key and need no context.
        var db = http.RequestServices.GetRequiredService<IdempotencyDbContext>();
        var fingerprint = await FingerprintAsync(http.Request, route, options.Value.FingerprintKey);
        var request = new IdempotentRequest { Route = route, Key = key, Fingerprint = fingerprint, CreatedAtMs = clock.GetUtcNow().ToUnixTimeMilliseconds() };
        db.Requests.Add(request);
        try
        {
            using var turn = await writers.EnterAsync(http.RequestAborted);
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            await AnswerAgainAsync(http, db, route, key, fingerprint);
            return;
        }

        var original = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
            captured.Position = 0;
            await captured.CopyToAsync(original, CancellationToken.None);
        }

        if (http.Response.StatusCode >= 500)
        {
            db.Requests.Remove(request);
        }
        else
        {
            request.Completed = true;
            request.StatusCode = http.Response.StatusCode;
            request.ContentType = http.Response.ContentType;
            request.Location = http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null;
            request.Body = Encoding.UTF8.GetString(captured.ToArray());
        }
        using (await writers.EnterAsync(CancellationToken.None))
            await db.SaveChangesAsync(CancellationToken.None);
    }

    private static async Task AnswerAgainAsync(HttpContext http, IdempotencyDbContext db, string route, string key, string fingerprint)
    {
        var first = await db.Requests.AsNoTracking().SingleAsync(r => r.Route == route && r.Key == key, http.RequestAborted);
        if (first.Fingerprint != fingerprint)
        {
            await ProblemAsync(http, StatusCodes.Status422UnprocessableEntity, "This Idempotency-Key was used for another request.",
                "A retry must send the same body as the first request. Use a new key for a new request.");
            return;
        }
        if (!first.Completed)
        {
            http.Response.Headers.RetryAfter = "1";
            await ProblemAsync(http, StatusCodes.Status409Conflict, "The first request with this Idempotency-Key is still being processed.",
                "Try again in a moment to get its answer.");
            return;
        }
        http.Response.StatusCode = first.StatusCode;
        http.Response.Headers["Idempotency-Replayed"] = "true";
        if (first.Location is not null) http.Response.Headers.Location = first.Location;
        if (first.ContentType is not null) http.Response.ContentType = first.ContentType;
        if (first.Body is { Length: > 0 } body) await http.Response.WriteAsync(body, http.RequestAborted);
    }

    private static async Task<string> FingerprintAsync(HttpRequest request, string route, string key)
    {
        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(key));
        hmac.TransformBlock(Encoding.UTF8.GetBytes(route + "\n"), 0, route.Length + 1, null, 0);
        hmac.TransformFinalBlock(body.ToArray(), 0, (int)body.Length);
        return Convert.ToHexString(hmac.Hash!);
    }

    private static Task ProblemAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}

internal sealed record IdempotentRoute(string Name);

public static class IdempotencyExtensions
{
    /// <summary>Lets clients retry this route safely with an <c>Idempotency-Key</c> header.</summary>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder endpoint, string name) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new IdempotentRoute(name));

    public static IServiceCollection AddIdempotency(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var connectionString = Persistence.Database.ConnectionString(configuration);
        services.AddDbContextPool<IdempotencyDbContext>(o =>
            Persistence.Database.Configure(o, connectionString, IdempotencyDbContext.MigrationsTable, typeof(IdempotencyDbContext).Assembly.GetName().Name!));
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.Section)).ValidateDataAnnotations()
            .RefuseDevelopmentKeyOutsideDevelopment(o => o.FingerprintKey, IdempotencyOptions.DevelopmentFingerprintKey, "Idempotency:FingerprintKey")
            .ValidateOnStart();
        services.AddHostedService<IdempotencyPruner>();
        return services;
    }

    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();
}
