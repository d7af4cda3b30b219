using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Outbox;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Modules.Dashboard;
using KVaccine.Modules.Hospital;
using KVaccine.Modules.Reservation;
using KVaccine.Modules.Stock;
using KVaccine.Modules.User;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using KVaccine.Host;
using Serilog;
using Serilog.Formatting.Display;

var builder = WebApplication.CreateBuilder(args);

const string LogTemplate = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}";
builder.Services.AddSerilog((services, log) =>
{
    log.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext()
        .WriteTo.Console(new RrnMaskingFormatter(new MessageTemplateTextFormatter(LogTemplate)));
    // An optional copy in a file (Logging:File), through the same masking.
    if (builder.Configuration["Logging:File"] is { Length: > 0 } file)
        log.WriteTo.File(new RrnMaskingFormatter(new MessageTemplateTextFormatter(LogTemplate)), file, shared: true, flushToDiskInterval: TimeSpan.FromMilliseconds(200));
});

IModule[] modules = [new UserModule(), new ReservationModule(), new HospitalModule(), new StockModule(), new DashboardModule()];
builder.Services.AddModules(builder.Configuration, modules);

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

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapModules();
app.MapOutboxAdmin();

await app.Services.InitializeDatabaseAsync();
await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
