using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KVaccine.BuildingBlocks.Web;

/// <summary>
/// Overload control with ASP.NET Core's rate limiting, the original's circuit breaker made local. Each kind of
/// request has its own budget (<c>RateLimits:{Budget}:PerClientPerSecond</c> and <c>:Concurrency</c> overall), so a
/// flood of date queries cannot starve bookings. A request over budget is refused at once, never queued: 429 with
/// <c>Retry-After</c> and a ProblemDetails; the requests admitted keep their latency.
/// </summary>
public static class Overload
{
    public const string Dates = "Dates";
    public const string Booking = "Booking";
    public const string Injection = "Injection";

    /// <summary>Puts an endpoint under a budget.</summary>
    public static TBuilder WithOverloadBudget<TBuilder>(this TBuilder endpoint, string budget) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new OverloadBudget(budget));

    public static IServiceCollection AddOverloadControl(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var (budget, perClient, overall) in new[] { (Dates, 50, 64), (Booking, 10, 32), (Injection, 10, 32) })
        {
            services.AddOptions<RateBudget>(budget)
                .Configure(b => (b.PerClientPerSecond, b.Concurrency) = (perClient, overall))
                .Bind(configuration.GetSection($"RateLimits:{budget}"))
                .Validate(b => b.PerClientPerSecond >= 1 && b.Concurrency >= 1,
                    $"RateLimits:{budget}: PerClientPerSecond and Concurrency must each be at least 1.")
                .ValidateOnStart();
        }

        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => BudgetOf(http) is { } budget
                    ? RateLimitPartition.Get($"{budget}:{ClientOf(http)}", _ => new SteadyTokenBucket(Limits(http, budget).PerClientPerSecond))
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(http => BudgetOf(http) is { } budget
                    ? RateLimitPartition.GetConcurrencyLimiter(budget, _ => new ConcurrencyLimiterOptions { PermitLimit = Limits(http, budget).Concurrency, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("")));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<OverloadRefusals>().Count(BudgetOf(context.HttpContext));
                return WriteRejectionAsync(context.HttpContext, context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1));
            };
        });
        services.AddMetrics();
        services.AddSingleton<OverloadRefusals>();
        return services;
    }

    private static RateBudget Limits(HttpContext http, string budget) =>
        http.RequestServices.GetRequiredService<IOptionsMonitor<RateBudget>>().Get(budget);

    private static string? BudgetOf(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<OverloadBudget>()?.For(http.Request);

    private static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask WriteRejectionAsync(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        foreach (var refusal in http.RequestServices.GetServices<IOverloadRefusal>())
            if (refusal.Answers(http))
            {
                await refusal.WriteAsync(http, seconds);
                return;
            }
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = Refusal(seconds),
        });
    }

    /// <summary>What a request over its budget is told, whatever answers it.</summary>
    public static ProblemDetails Refusal(int retryAfterSeconds) => new()
    {
        Status = StatusCodes.Status429TooManyRequests,
        Title = "Too many requests.",
        Detail = $"Many people are booking right now. Please try again in {retryAfterSeconds} second{(retryAfterSeconds == 1 ? "" : "s")}.",
    };

    /// <summary>
    /// Marks a route, a page (as an attribute on its model) or a gRPC method under a budget; a page's form posts may
    /// count against another (<see cref="Posts"/>). Public, so the OpenAPI document can say which routes may answer 429.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
    public sealed class OverloadBudget(string name) : Attribute
    {
        public string Name => name;

        /// <summary>The budget a POST to the page counts against, when not <see cref="Name"/>'s.</summary>
        public string? Posts { get; init; }

        public string For(HttpRequest request) => Posts is { } posts && HttpMethods.IsPost(request.Method) ? posts : Name;
    }
}

/// <summary>
/// How a request refused for overload is answered where the API's ProblemDetails is not the answer: a page says so
/// in its own words and tries again by itself.
/// </summary>
public interface IOverloadRefusal
{
    bool Answers(HttpContext http);

    Task WriteAsync(HttpContext http, int retryAfterSeconds);
}

/// <summary>One budget of <c>RateLimits</c>: per client, a rate with a burst of two seconds' worth; overall, a number in flight.</summary>
public sealed class RateBudget
{
    public int PerClientPerSecond { get; set; }

    public int Concurrency { get; set; }
}
