using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Persistence;
using KVaccine.BuildingBlocks.Settings;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Modules.Reservation.Contracts;
using KVaccine.Modules.User.Bookings;
using KVaccine.Modules.User.Citizens;
using KVaccine.Modules.User.Grpc;
using KVaccine.Modules.User.Integration;
using KVaccine.Modules.User.Notifications;
using KVaccine.Modules.User.Pages;
using KVaccine.Modules.User.Registration;
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
        services.AddModuleDbContext<UserDbContext, PostgreSqlUserDbContext>(configuration, UserDbContext.Schema);
        services.AddOptions<UserOptions>().Bind(configuration.GetSection(UserOptions.Section)).ValidateDataAnnotations()
            .RefuseDevelopmentKeyOutsideDevelopment(o => o.RegNumberHashKey, UserOptions.DevelopmentHashKey, "User:RegNumberHashKey")
            .ValidateOnStart();
        services.AddOptions<BookingOptions>().Bind(configuration.GetSection(BookingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.WebhookUrl)
                           || (Uri.TryCreate(o.WebhookUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"),
                $"{NotificationOptions.Section}:WebhookUrl must be an absolute http(s) URL, or empty to write notifications to the log.")
            .ValidateOnStart();
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.Section)).ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.RegistryUrl) || (Uri.TryCreate(o.RegistryUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"),
                $"{IdentityOptions.Section}:RegistryUrl must be an absolute http(s) URL, or empty to let the first booking's name hold.")
            .ValidateOnStart();
        services.AddSingleton<RegNumberHasher>();
        services.AddSingleton<BookingMetrics>();
        services.AddCitizenCookie();
        services.AddScoped<CitizenIdentification>();
        services.AddHostedService<IdentityLockPruner>();
        services.AddHttpClient<RegistryIdentityCheck>(http => http.Timeout = TimeSpan.FromSeconds(3));
        services.AddScoped<IIdentityCheck>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<IdentityOptions>>().Value.RegistryUrl)
            ? new FirstBookingIdentity()
            : sp.GetRequiredService<RegistryIdentityCheck>());
        services.AddSingleton<WaitingRequests<BookingResponse>>();
        services.AddSingleton<IHostNoticeHandler, DecisionsOnOtherHosts>();
        services.AddSingleton<DatesCircuit>();
        services.AddLocalization();
        services.AddSingleton<NotificationText>();
        services.AddScoped<Notifier>();
        services.AddHttpClient<WebhookNotificationSender>(http => http.Timeout = TimeSpan.FromSeconds(5));
        services.AddScoped<INotificationSender>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<NotificationOptions>>().Value.WebhookUrl)
            ? ActivatorUtilities.CreateInstance<LogNotificationSender>(sp)
            : sp.GetRequiredService<WebhookNotificationSender>());
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var user = endpoints.MapGroup("/user");
        AvailableDates.Map(user);
        Sites.Map(user);
        ReserveDate.Map(user);
        CitizenStatus.Map(user);
        CancelBooking.Map(user);
        MoveAppointment.Map(user);
        endpoints.MapGrpcService<AvailabilityService>();
        endpoints.MapGrpcService<BookingsService>();

        var registration = endpoints.MapGroup("/admin/citizens").RequireAuthorization(StaffPolicies.Admin).WithTags("Admin");
        RegistrationRecord.Map(registration);
        CorrectName.Map(registration);
        UnlockRegNumber.Map(registration);
    }
}
