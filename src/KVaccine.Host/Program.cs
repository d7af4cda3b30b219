using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Host;
using KVaccine.Host.Auth;
using KVaccine.Modules.Dashboard;
using KVaccine.Modules.Hospital;
using KVaccine.Modules.Reservation;
using KVaccine.Modules.Stock;
using KVaccine.Modules.User;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Microsoft.OpenApi;
using Serilog;
using Serilog.Formatting.Display;

var builder = WebApplication.CreateBuilder([.. args, SettingsFiles.DefaultWatcherOff]);
SettingsFiles.Watch(builder);

if (args is ["token", ..])
    return StaffTokens.RunCommand(args, builder.Configuration, TimeProvider.System, Console.Out, Console.Error);

const string LogTemplate = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}";
builder.Services.AddSerilog((services, log) =>
{
    log.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext()
        .WriteTo.Console(new RrnMaskingFormatter(new MessageTemplateTextFormatter(LogTemplate)));
    // An optional copy in a file (Logging:File), through the same masking.
    if (builder.Configuration["Logging:File"] is { Length: > 0 } file)
        log.WriteTo.File(new RrnMaskingFormatter(new MessageTemplateTextFormatter(LogTemplate)), file, shared: true, flushToDiskInterval: TimeSpan.FromMilliseconds(200));
}, preserveStaticLogger: true); // each host its own logger: the static Log.Logger is shared by every host in a process

IModule[] modules = [new UserModule(), new ReservationModule(), new HospitalModule(), new StockModule(), new DashboardModule()];
builder.Services.AddModules(builder.Configuration, modules);

builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations()
    .RefuseDevelopmentKeyOutsideDevelopment(o => o.SigningKey, AuthOptions.DevelopmentSigningKey, "Auth:SigningKey")
    .ValidateOnStart();
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>, TimeProvider>((jwt, auth, clock) =>
{
    jwt.MapInboundClaims = false;
    var skew = TimeSpan.FromSeconds(30);
    jwt.TokenValidationParameters = new TokenValidationParameters
    {
        ValidIssuer = auth.Value.Issuer,
        ValidAudience = auth.Value.Audience,
        IssuerSigningKey = auth.Value.Key,
        RoleClaimType = System.Security.Claims.ClaimTypes.Role,
        // Expiry on the service's clock (TimeProvider), like everything else time-bound.
        LifetimeValidator = (notBefore, expires, _, _) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return (notBefore is null || notBefore.Value <= now + skew) && expires is { } end && end > now - skew;
        },
    };
});
builder.Services.AddAuthorizationBuilder().AddStaffPolicies();

builder.Services.AddOverloadControl(builder.Configuration);
builder.Services.AddIdempotency(builder.Configuration);
builder.Services.Configure<HostOptions>(builder.Configuration.GetSection("HostOptions"));
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
// Malformed bodies reach the exception handler, which answers with a ProblemDetails naming the JSON path.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
builder.Services.AddEndpointsApiExplorer();
builder.Services.AddSwaggerGen(o =>
{
    o.SwaggerDoc("v1", new() { Title = "K-Vaccine", Version = "v1", Description = "Vaccine reservation: citizens book, hospitals inject, operators watch." });
    // Slices name their messages Command and Query; the slice's name tells them apart (ReserveDateCommand).
    o.CustomSchemaIds(type => type.IsGenericType ? null : type.DeclaringType is { } slice ? slice.Name + type.Name : type.Name);
    o.AddSecurityDefinition("Bearer", new OpenApiSecurityScheme
    {
        Type = SecuritySchemeType.Http,
        Scheme = "bearer",
        BearerFormat = "JWT",
        Description = "A staff token: dotnet src/KVaccine.Host/bin/Debug/net10.0/KVaccine.Host.dll token --role Admin",
    });
    o.AddSecurityRequirement(document => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
});
builder.Services.AddHealthChecks()
    .AddCheck<DatabaseReadyCheck>("database", tags: ["ready"])
    .AddCheck<DispatcherReadyCheck>("dispatcher", tags: ["ready"]);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = BodySizeLimit.MaxBytes);

var app = builder.Build();

// Request logging first, so that it logs the status the exception handler answered with.
app.UseSerilogRequestLogging();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseBodySizeLimit();
app.UseSwagger();
app.UseSwaggerUI();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseIdempotency();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapModules();
app.MapOutboxAdmin().RequireAuthorization(StaffPolicies.Admin);

await app.Services.InitializeDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
