using System.Net;
using System.Net.Http.Json;
using KVaccine.TestSupport;

namespace KVaccine.FaultTests;

/// <summary>
/// The real host and a database that is not where it was: deleted while the host runs, or missing at start. The host
/// neither answers into a file nobody will find again nor starts empty, where every citizen would be "not found".
/// </summary>
[Collection("fault harness")] // a host process of its own; not while a fault scenario loads the machine
public sealed class MissingDatabaseTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly TempDatabase _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_database_deleted_while_the_host_runs_makes_it_unready_refuses_bookings_and_a_restart_refuses_to_start_empty()
    {
        await using var host = new HostProcess(_folder.Folder);
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(2).ToString("yyyy-MM-dd");
        var before = Driver.NewCitizen();
        (await http.PostAsJsonAsync("/user/reserve", new { before.UserName, before.UserRegNumber, reserveDate = date })).EnsureSuccessStatusCode();
        File.Exists(host.DatabaseFile + ".created").Should().BeTrue("the first start marks that the database exists");

        File.Delete(host.DatabaseFile);

        var unready = await Poll.ForAsync(() => http.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, "readiness notices the file is gone");
        (await unready.Content.ReadAsStringAsync()).Should().Contain("deleted or replaced");
        var after = Driver.NewCitizen();
        var refused = await http.PostAsJsonAsync("/user/reserve", new { after.UserName, after.UserRegNumber, reserveDate = date });
        refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "a booking written into the deleted file would be lost: " + await refused.Content.ReadAsStringAsync());
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        await host.KillAsync();
        var firstRun = host.Output.Count;

        var exitCode = await host.RunUntilExitAsync(ExitTimeout);

        var output = host.Output.Skip(firstRun).ToList();
        exitCode.Should().Be(1, string.Join('\n', output));
        output.Should().ContainSingle(line => line.StartsWith("K-Vaccine cannot start: the database data/kvaccine.db is missing, but kvaccine.db.created"));
        ShouldBeAOneLineReport(output);
        File.Exists(host.DatabaseFile).Should().BeFalse("no empty database is created in its place");
    }

    [Fact]
    public async Task A_host_told_its_database_must_exist_refuses_to_start_without_one_and_a_first_start_creates_one()
    {
        await using var host = new HostProcess(_folder.Folder, s => s["Database"] = new System.Text.Json.Nodes.JsonObject { ["MustExist"] = true });

        var exitCode = await host.RunUntilExitAsync(ExitTimeout);

        exitCode.Should().Be(1, string.Join('\n', host.Output.TakeLast(20)));
        host.Output.Should().ContainSingle(line => line.StartsWith("K-Vaccine cannot start: the database data/kvaccine.db is missing, and Database:MustExist is set."));
        ShouldBeAOneLineReport(host.Output);
        Directory.Exists(Path.Combine(_folder.Folder, "data")).Should().BeFalse("nothing is created");

        host.EditSettings(s => s["Database"]!["MustExist"] = false);
        await host.StartAsync();
        File.Exists(host.DatabaseFile).Should().BeTrue("a first start creates the database, as before");
    }

    private static void ShouldBeAOneLineReport(IReadOnlyList<string> output)
    {
        output.Should().NotContain(line => line.StartsWith("   at "), "an operator is told what is wrong, not shown a stack trace");
        output.Should().NotContain(line => line.Contains("Unhandled exception"));
    }
}
