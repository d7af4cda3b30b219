using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Modules.Reservation.Contracts;
using KVaccine.Modules.User.Bookings;
using KVaccine.Modules.User.Citizens;
using KVaccine.Modules.User.Notifications;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KVaccine.Modules.User;

/// <summary>The citizen's side: available dates, booking, status, cancellation, and what they are told.</summary>
public sealed class UserModule : IModule
{
    public const string ModuleName = "User";

    public string Name => ModuleName;

    public Type DbContextType => typeof(UserDbContext);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<UserDbContext>(configuration, UserDbContext.MigrationsTable);
        services.AddOptions<UserOptions>().Bind(configuration.GetSection(UserOptions.Section)).ValidateDataAnnotations()
            .RefuseDevelopmentKeyOutsideDevelopment(o => o.RegNumberHashKey, UserOptions.DevelopmentHashKey, "User:RegNumberHashKey")
            .ValidateOnStart();
        services.AddOptions<BookingOptions>().Bind(configuration.GetSection(BookingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.WebhookUrl)
                           || (Uri.TryCreate(o.WebhookUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"),
                "Notifications:WebhookUrl must be an absolute http(s) URL, or empty to write notifications to the log.")
            .ValidateOnStart();
        services.AddSingleton<RegNumberHasher>();
        services.AddSingleton<WaitingRequests<BookingResponse>>();
        services.AddSingleton<DatesCircuit>();
        services.AddScoped<Notifier>();
        services.AddHttpClient<WebhookNotificationSender>(http => http.Timeout = TimeSpan.FromSeconds(5));
        services.AddScoped<INotificationSender>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<NotificationOptions>>().Value.WebhookUrl)
            ? ActivatorUtilities.CreateInstance<LogNotificationSender>(sp)
            : sp.GetRequiredService<WebhookNotificationSender>());
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var user = endpoints.MapGroup("/user");
        user.MapPost("/date", (AvailableDates.Query query, IMediator mediator, CancellationToken ct) => mediator.Send(query, ct))
            .WithOverloadBudget(Overload.Dates)
            .WithName("AvailableDates")
            .WithSummary("The dates that can still be booked, with the places left.")
            .Produces<IReadOnlyList<AvailableDate>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        user.MapPost("/reserve", (ReserveDate.Command command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .WithOverloadBudget(Overload.Booking)
            .WithIdempotency("user/reserve")
            .WithName("ReserveDate")
            .WithSummary("Books a date. 201 once Reservation has decided (RESERVE or REJECT), 202 while it is PENDING.")
            .ProducesValidationProblem();
        user.MapPost("/status", (CitizenStatus.Query query, IMediator mediator, CancellationToken ct) => mediator.Send(query, ct))
            .WithOverloadBudget(Overload.Booking)
            .WithName("BookingStatus")
            .WithSummary("The citizen's booking, its status and the notifications sent, newest first.")
            .ProducesValidationProblem();
        user.MapPost("/cancel", (CancelBooking.Command command, IMediator mediator, CancellationToken ct) => mediator.Send(command, ct))
            .WithOverloadBudget(Overload.Booking)
            .WithIdempotency("user/cancel")
            .WithName("CancelBooking")
            .WithSummary("Cancels the citizen's active booking.")
            .ProducesValidationProblem();
    }
}
