using KVaccine.BuildingBlocks.Idempotency;
using KVaccine.BuildingBlocks.KeyRing;
using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Host;
using KVaccine.Host.Auth;
using KVaccine.Host.OpenApi;
using KVaccine.Grpc;
using KVaccine.Modules.Dashboard;
using KVaccine.Modules.Hospital;
using KVaccine.Modules.Reservation;
using KVaccine.Modules.Stock;
using KVaccine.Modules.User;
using KVaccine.Pages;
using Serilog;

var builder = WebApplication.CreateBuilder([.. args, SettingsFiles.DefaultWatcherOff]);
SettingsFiles.Watch(builder);
if (HostCommands.TryRun(args, builder.Configuration) is { } exitCode)
    return exitCode;

if (!StartupFailure.DatabaseSettingsAreValid(builder.Configuration, Console.Error))
    return StartupFailure.ExitCode;
builder.AddKVaccineLogging();
builder.AddTelemetry();
IModule[] modules = [new UserModule(), new ReservationModule(), new HospitalModule(), new StockModule(), new DashboardModule()];
builder.Services.AddModules(builder.Configuration, modules);
builder.Services.AddPages(modules.Select(m => m.GetType().Assembly));
builder.Services.AddKeyRing(builder.Configuration);
builder.AddStaffAuthentication();
builder.AddProxies();
builder.Services.AddOverloadControl(builder.Configuration);
builder.Services.AddIdempotency(builder.Configuration);
builder.Services.Configure<HostOptions>(builder.Configuration.GetSection("HostOptions"));
builder.AddShutdownDrain();
builder.AddApiConventions();
builder.Services.AddApiDocumentation();
builder.Services.AddGrpcAdapter();
builder.AddGrpcPort();
builder.Services.AddReadinessChecks();

var app = builder.Build();

// The client's address from a listed proxy before anything reads it (the rate budgets, the logs).
app.UseProxies();
// Request logging next, so that it logs the status the exception handler answered with.
app.UseSerilogRequestLogging();
app.UseNoStore();
app.UsePages();
app.UseExceptionHandler();
app.UseStatusCodeProblems();
app.UseBodySizeLimit();
app.UseApiDocumentation();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseUnreadableGrpcMessages();

app.MapHealthEndpoints();
app.MapModules();
app.MapGrpcAdapter();
app.MapRazorPages();
app.MapOutboxAdmin().RequireAuthorization(StaffPolicies.Admin);
app.MapTelemetry();

if (!StartupFailure.SettingsAreValid(app, Console.Error))
    return StartupFailure.ExitCode;
if (!await StartupFailure.DatabaseIsInitializedAsync(app, Console.Error))
    return StartupFailure.ExitCode;
if (await HostCommands.TryRunModuleCommandAsync(app, args) is { } commandExit)
    return commandExit;
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
