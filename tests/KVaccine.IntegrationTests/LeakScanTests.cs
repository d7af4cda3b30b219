using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Grpc.Core;
using KVaccine.BuildingBlocks.Web;
using KVaccine.Grpc.V1;
using KVaccine.IntegrationTests.Grpc;
using KVaccine.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KVaccine.IntegrationTests;

public class LoggedApp : KVaccineApp
{
    public string LogFile => Path.Combine(Path.GetDirectoryName(SettingsFile)!, "service.log");

    protected override void Configure(JsonObject settings)
    {
        settings["Logging"] = new JsonObject { ["File"] = LogFile };
        settings["Serilog"]!["MinimumLevel"]!["Default"] = "Debug";
        settings["Serilog"]!["MinimumLevel"]!["Override"]!["Microsoft.AspNetCore"] = "Information";
        settings["Serilog"]!["MinimumLevel"]!["Override"]!["Microsoft.EntityFrameworkCore"] = "Information";
    }
}

public sealed class LoggedAppOnPostgreSql : LoggedApp
{
    protected override KVaccine.BuildingBlocks.Persistence.DatabaseProvider Provider => KVaccine.BuildingBlocks.Persistence.DatabaseProvider.PostgreSQL;
}

/// <summary>
/// An RRN never appears in plaintext in the database, the logs, notifications, outbox rows or responses. The only test
/// of its class: it moves the host's clock a day on.
/// </summary>
public abstract class LeakScanTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : LoggedApp
{
    private const string Rrn = "890309-2766876";
    private readonly Api _api = app.CreateApi();

    [DatabaseFact]
    public async Task After_the_whole_journey_neither_the_database_nor_the_logs_hold_the_RRN()
    {
        var citizen = new Citizen("Taeyeon Kim", Rrn);
        var responses = new StringBuilder();
        async Task Keep(HttpResponseMessage r) => responses.AppendLine(await r.Content.ReadAsStringAsync());

        await Keep(await _api.DatesAsync(citizen));
        // Tomorrow: a day's move of the clock makes it today, the one day an injection is taken.
        var reserveRequest = new HttpRequestMessage(HttpMethod.Post, "/user/reserve")
        {
            Content = JsonContent.Create(new { citizen.UserName, citizen.UserRegNumber, reserveDate = KVaccineApp.Tomorrow.ToString("yyyy-MM-dd") }),
        };
        reserveRequest.Headers.Add("Idempotency-Key", "leak-scan-1"); // the stored answer and fingerprint are scanned too
        var reserve = await _api.Http.SendAsync(reserveRequest);
        await Keep(reserve);
        reserve.StatusCode.Should().Be(HttpStatusCode.Created);
        await _api.SettledAsync();
        await Keep(await _api.StatusAsync(citizen));
        await Keep(await _api.ReserveAsync(citizen, app.FreshDate()));                       // 409
        await Keep(await _api.StatusAsync(citizen with { UserName = "Wrong Name" }));        // 404
        await Keep(await _api.Http.PostAsJsonAsync("/user/reserve", new { citizen.UserName, citizen.UserRegNumber, reserveDate = "bad" })); // 400
        app.Clock.Advance(TimeSpan.FromDays(1));
        var userId = (await _api.StatusOfAsync(citizen)).UserId;
        await Keep(await _api.InjectAsync(userId));
        await _api.SettledAsync();
        await Keep(await _api.StatusAsync(citizen));
        await Keep(await _api.Http.GetAsync("/dashboard/list"));
        await Keep(await _api.Http.GetAsync("/dashboard/changes?limit=1000"));
        await Keep(await _api.Http.GetAsync($"/hospital/bookings?date={KVaccineApp.Tomorrow:yyyy-MM-dd}"));
        await Keep(await _api.Http.GetAsync("/admin/outbox"));

        // The same over gRPC: replies, refusals and their details, and what the host logs of the calls.
        using (var grpc = new GrpcClients(app, StaffPolicies.AdminRole, StaffPolicies.HospitalStaffRole))
        {
            var who = GrpcClients.Of(citizen);
            responses.AppendLine((await grpc.Bookings.GetStatusAsync(new StatusRequest { Citizen = who })).ToString());
            responses.AppendLine((await grpc.Hospital.ListAppointmentsAsync(new ListAppointmentsRequest { Date = KVaccineApp.Tomorrow.ToString("yyyy-MM-dd") })).ToString());
            foreach (var refused in new Func<Task>[]
                     {
                         () => grpc.Bookings.BookAsync(new BookRequest { Citizen = who, ReserveDate = app.FreshDate().ToString("yyyy-MM-dd"), RequestId = "leak-scan-2" }).ResponseAsync,
                         () => grpc.Bookings.BookAsync(new BookRequest { Citizen = who, ReserveDate = "bad" }).ResponseAsync,
                         () => grpc.Bookings.GetStatusAsync(new StatusRequest { Citizen = new() { UserName = "Wrong Name", UserRegNumber = Rrn } }).ResponseAsync,
                     })
            {
                var e = (await FluentActions.Awaiting(refused).Should().ThrowAsync<RpcException>()).Which;
                responses.AppendLine(e.Status.ToString()).AppendLine(e.GetRpcStatus()?.ToString());
            }
        }

        // Code that should not, but does, log a request body or an RRN in a message or an exception.
        var logger = app.Services.GetRequiredService<ILogger<LeakScanTests>>();
        logger.LogInformation("Request body: {Body}", $"{{\"userName\":\"Taeyeon Kim\",\"userRegNumber\":\"{Rrn}\"}}");
        logger.LogWarning("Lookup failed for " + Rrn.Replace("-", ""));
        logger.LogError(new InvalidOperationException($"bad citizen {Rrn}"), "Marker: end of journey");
        await Poll.UntilAsync(() => File.Exists(app.LogFile) && ReadShared(app.LogFile).Contains("Marker: end of journey"),
            $"the log reached the file ({(File.Exists(app.LogFile) ? ReadShared(app.LogFile)[^Math.Min(2000, ReadShared(app.LogFile).Length)..] : "no file")})");

        var log = ReadShared(app.LogFile);
        log.Should().Contain("890309-2******", "the logged RRNs were masked, not dropped");
        var places = new Dictionary<string, byte[]> { ["log"] = Encoding.UTF8.GetBytes(log), ["responses"] = Encoding.UTF8.GetBytes(responses.ToString()) };
        if (app.OnPostgreSql)
        {
            // Every stored row, as PostgreSQL writes it out (the outbox's payloads and the idempotency answers among them).
            var rows = await app.PostgreSqlRowsAsTextAsync();
            rows.Should().Contain("890309-2******", "the scan reads the rows that hold the masked RRN");
            places["rows"] = Encoding.UTF8.GetBytes(rows);
        }
        else
        {
            // The file itself, so that freed pages and the write-ahead log are read too.
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(app.DatabaseFile)!, "kvaccine.db*"))
                places[Path.GetFileName(file)] = ReadSharedBytes(file);
            places.Keys.Should().Contain("kvaccine.db");
        }

        foreach (var (place, bytes) in places)
        {
            foreach (var form in new[] { Rrn, Rrn.Replace("-", "") })
            {
                Contains(bytes, Encoding.UTF8.GetBytes(form)).Should().BeFalse($"{place} must not hold the RRN as {form}");
                Contains(bytes, Encoding.Unicode.GetBytes(form)).Should().BeFalse($"{place} must not hold the RRN as UTF-16 {form}");
            }
        }
    }

    private static string ReadShared(string path) => Encoding.UTF8.GetString(ReadSharedBytes(path));

    private static byte[] ReadSharedBytes(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}

public sealed class LeakScanTests(LoggedApp app) : LeakScanTests<LoggedApp>(app);

public sealed class LeakScanTestsOnPostgreSql(LoggedAppOnPostgreSql app) : LeakScanTests<LoggedAppOnPostgreSql>(app);
