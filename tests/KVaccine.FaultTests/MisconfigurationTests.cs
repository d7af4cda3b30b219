using System.Diagnostics;
using KVaccine.TestSupport;

namespace KVaccine.FaultTests;

/// <summary>
/// The real host started without its settings, or with wrong ones: it names each setting by its configuration key
/// and exits with 1, without an abort, a stack trace or a database.
/// </summary>
[Collection("fault harness")] // a host process of its own; not while a fault scenario loads the machine
public sealed class MisconfigurationTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly TempDatabase _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_host_started_without_its_settings_names_each_missing_key_and_exits_with_1()
    {
        var (exitCode, output) = await RunUntilExitAsync(new Dictionary<string, string>());

        exitCode.Should().Be(1, string.Join('\n', output));
        output.Should().Contain(line => line.StartsWith("appsettings.json: not found"));
        output.Should().Contain(line => line.StartsWith("Auth:SigningKey: "));
        ShouldBeAReportWithNothingWritten(output);
    }

    [Fact]
    public async Task A_host_with_invalid_settings_names_each_invalid_key_and_exits_with_1()
    {
        File.Copy(Path.Combine(HostProcess.HostDirectory, "appsettings.json"), Path.Combine(_folder.Folder, "appsettings.json"));

        var (exitCode, output) = await RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development", // the shipped development keys are allowed: only these are wrong
            ["Outbox__BatchSize"] = "0",
            ["Reservation__Sites__0__FirstDoseCapacity"] = "-1",
            ["Reservation__DailyCapacity"] = "100",
            ["Auth__SigningKey"] = "short",
            ["Proxies__Known__0"] = "10.0.0.0/8",
            ["Proxies__Known__1"] = "gateway.local",
            ["Shutdown__DrainSeconds"] = "90",
            ["KeyRing__CertificateFile"] = "/nowhere/key-ring.pfx",
            ["Grpc__Port"] = "70000",
        });

        exitCode.Should().Be(1, string.Join('\n', output));
        output.Should().Contain(line => line.StartsWith("Outbox:BatchSize: "))
            .And.Contain(line => line.StartsWith("Reservation:Sites:0:FirstDoseCapacity: "))
            .And.Contain(line => line.StartsWith("Reservation:DailyCapacity: is no longer read"))
            .And.Contain(line => line.StartsWith("Auth:SigningKey: "))
            .And.Contain(line => line.StartsWith("Proxies:Known:1: 'gateway.local' is not an address"))
            .And.NotContain(line => line.StartsWith("Proxies:Known:0"))
            .And.Contain(line => line.StartsWith("Shutdown:DrainSeconds: 90 is not from 0 to 60"))
            .And.Contain(line => line == "KeyRing:CertificateFile: no file at /nowhere/key-ring.pfx.")
            .And.Contain(line => line.StartsWith("Grpc:Port: "))
            .And.NotContain(line => line.StartsWith("appsettings.json"));
        ShouldBeAReportWithNothingWritten(output);
    }

    [Fact]
    public async Task A_vaccine_type_or_time_zone_the_service_does_not_know_or_a_count_that_is_no_number_is_named_and_the_host_exits_with_1()
    {
        File.Copy(Path.Combine(HostProcess.HostDirectory, "appsettings.json"), Path.Combine(_folder.Folder, "appsettings.json"));

        var (exitCode, output) = await RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Stock__Initial__Sinovac"] = "100",
            ["Stock__Initial__Moderna"] = "lots",
            ["Stock__LowMark"] = "-5",
            ["Hospital__VaccineTypes"] = "Pfizer,Sputnik",
            ["Calendar__TimeZone"] = "Mars/Olympus_Mons",
        });

        exitCode.Should().Be(1, string.Join('\n', output));
        output.Should().Contain(line => line.StartsWith("Stock:Initial:Sinovac: 'Sinovac' is not one of VaccineTypes (Pfizer, Moderna, Janssen, AstraZeneca)"))
            .And.Contain(line => line.StartsWith("Hospital:VaccineTypes: 'Sputnik' is not one of VaccineTypes"))
            .And.Contain(line => line.StartsWith("Calendar:TimeZone: 'Mars/Olympus_Mons' is not a time zone"))
            .And.Contain(line => line.StartsWith("Stock:Initial:Moderna: give a whole number of doses"))
            .And.Contain(line => line.StartsWith("Stock:LowMark: give a whole number of doses"))
            .And.NotContain(line => line.Contains("'Pfizer' is not"));
        ShouldBeAReportWithNothingWritten(output);
    }

    [Fact]
    public async Task A_database_the_service_does_not_run_on_or_PostgreSQL_without_its_connection_string_is_named_and_the_host_exits_with_1()
    {
        File.Copy(Path.Combine(HostProcess.HostDirectory, "appsettings.json"), Path.Combine(_folder.Folder, "appsettings.json"));

        var (unknownExit, unknown) = await RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = "Oracle",
        });
        var (sqliteStringExit, sqliteString) = await RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = "PostgreSQL", // with appsettings.json's SQLite connection string
        });
        var (noHostExit, noHost) = await RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = "postgresql",
            ["ConnectionStrings__KVaccine"] = "Database=kvaccine;Username=kvaccine",
        });

        unknownExit.Should().Be(1, string.Join('\n', unknown));
        unknown.Should().Contain(line => line.StartsWith("Database:Provider: 'Oracle' is not a database K-Vaccine runs on. Use Sqlite"));
        sqliteStringExit.Should().Be(1, string.Join('\n', sqliteString));
        sqliteString.Should().Contain(line => line.StartsWith("ConnectionStrings:KVaccine: Database:Provider is PostgreSQL, so this must be a PostgreSQL connection string"));
        noHostExit.Should().Be(1, string.Join('\n', noHost));
        noHost.Should().Contain(line => line.StartsWith("ConnectionStrings:KVaccine: a PostgreSQL connection string needs a Host."));
        foreach (var output in new[] { unknown, sqliteString, noHost }) ShouldBeAReportWithNothingWritten(output);
    }

    private void ShouldBeAReportWithNothingWritten(IReadOnlyList<string> output)
    {
        output.Should().NotContain(line => line.StartsWith("   at "), "an operator is told what is wrong, not shown a stack trace");
        output.Should().NotContain(line => line.Contains("Unhandled exception"));
        Directory.Exists(Path.Combine(_folder.Folder, "data")).Should().BeFalse("the settings are checked before the database is created");
    }

    /// <summary>Starts the built host in the test's folder with only the given settings in its environment; its exit code and output.</summary>
    private async Task<(int ExitCode, IReadOnlyList<string> Output)> RunUntilExitAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder.Folder, // the content root: an appsettings.json only if the test put one there
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(HostProcess.HostDirectory, "KVaccine.Host.dll"));
        // The host reads its environment name and any Section__Key variable as settings: none may come from the test's own.
        foreach (var name in start.Environment.Keys.Where(IsHostSetting).ToList()) start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var output = new List<string>();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(ExitTimeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            lock (output) throw new TimeoutException($"The host was still running after {ExitTimeout.TotalSeconds:0} s:\n{string.Join('\n', output.TakeLast(30))}");
        }
        lock (output) return (process.ExitCode, output.ToList());
    }

    private static bool IsHostSetting(string name) =>
        name is "ASPNETCORE_ENVIRONMENT" or "DOTNET_ENVIRONMENT" || (name.Contains("__") && !name.StartsWith("DOTNET_"));
}
