using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using KVaccine.TestSupport;

namespace KVaccine.FaultTests;

/// <summary>
/// The real host as a process on a loopback port, in a folder of its own: its own appsettings.json (which a scenario
/// edits while it runs, as an operator would) and its own SQLite file. Killed with SIGKILL, stopped with SIGTERM.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private Process? _process;
    private readonly List<string> _output = [];

    public HostProcess(string folder, Action<JsonObject>? configure = null)
    {
        Folder = folder;
        Directory.CreateDirectory(folder);
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(HostDirectory, "appsettings.json")))!.AsObject();
        settings["ConnectionStrings"]!["KVaccine"] = "Data Source=data/kvaccine.db";
        settings["Serilog"]!["MinimumLevel"]!["Default"] = "Warning";
        foreach (var budget in new[] { "Dates", "Booking", "Injection" })
            settings["RateLimits"]![budget] = new JsonObject { ["PerClientPerSecond"] = 100_000, ["Concurrency"] = 10_000 };
        settings["Outbox"]!["RetryBaseDelayMs"] = 50;
        settings["Outbox"]!["MaxRetryDelayMs"] = 500;
        configure?.Invoke(settings);
        File.WriteAllText(SettingsFile, settings.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        Port = FreePort();
    }

    public string Folder { get; }
    public int Port { get; private set; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
    public string SettingsFile => Path.Combine(Folder, "appsettings.json");

    public int DailyCapacity => TestSites.DailyCapacity(JsonNode.Parse(File.ReadAllText(SettingsFile))!.AsObject());
    public string DatabaseFile => Path.Combine(Folder, "data", "kvaccine.db");
    public bool HasExited => _process?.HasExited ?? true;
    /// <summary>The process id: the same one before and after a fault means the host recovered without a restart.</summary>
    public int? ProcessId => _process?.Id;
    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;
    public IReadOnlyList<string> Output { get { lock (_output) return _output.ToList(); } }

    /// <summary>The host's build output, next to this test's (same configuration).</summary>
    public static string HostDirectory
    {
        get
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory); // tests/KVaccine.FaultTests/bin/<Configuration>/net10.0
            var configuration = testOutput.Parent!.Name;
            var root = testOutput.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(root, "src", "KVaccine.Host", "bin", configuration, "net10.0");
        }
    }

    /// <summary>What the readiness probe answered while the host started, with the milliseconds since launch.</summary>
    public List<string> StartProbes { get; } = [];

    public async Task StartAsync(TimeSpan? timeout = null)
    {
        StartProbes.Clear();
        var watch = Stopwatch.StartNew();
        Launch();
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        await Poll.UntilAsync(async () =>
        {
            if (_process!.HasExited) throw new InvalidOperationException($"The host exited with {_process.ExitCode}:\n{string.Join('\n', Output.TakeLast(30))}");
            string answer;
            try
            {
                var response = await http.GetAsync("/health/ready");
                answer = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (response.StatusCode == HttpStatusCode.OK) return true;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { answer = e.GetType().Name; }
            if (StartProbes.Count == 0 || !StartProbes[^1].EndsWith(answer, StringComparison.Ordinal)) StartProbes.Add($"{watch.ElapsedMilliseconds} ms: {answer}");
            return false;
        }, $"the host is ready ({string.Join("; ", StartProbes.TakeLast(5))})", timeout ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>Starts a host that is expected to refuse to start; its exit code.</summary>
    public async Task<int> RunUntilExitAsync(TimeSpan timeout)
    {
        Launch();
        return await WaitForExitAsync(timeout);
    }

    private async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process!.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"The host was still running after {timeout.TotalSeconds:0} s:\n{string.Join('\n', Output.TakeLast(30))}");
        }
        _process.WaitForExit(); // the rest of its output
        return _process.ExitCode;
    }

    /// <summary>Runs a host command (<c>staff …</c>) with <paramref name="input"/> on its standard input; its exit code.</summary>
    public async Task<int> RunCommandAsync(IEnumerable<string> command, string input, TimeSpan timeout)
    {
        Launch(command, input);
        return await WaitForExitAsync(timeout);
    }

    private void Launch(IEnumerable<string>? command = null, string? input = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Folder, // content root: this instance's appsettings.json and ./data
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(HostDirectory, "KVaccine.Host.dll"));
        foreach (var word in command ?? []) start.ArgumentList.Add(word);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_USE_POLLING_FILE_WATCHER"] = "false";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (input is null) return;
        _process.StandardInput.Write(input);
        _process.StandardInput.Close();
    }

    /// <summary>A crash: SIGKILL, no chance to finish anything.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>A graceful stop: SIGTERM, then wait for the process to exit.</summary>
    public async Task<TimeSpan> TerminateAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        if (_process is null || _process.HasExited) return TimeSpan.Zero;
        if (kill(_process.Id, 15) != 0) throw new InvalidOperationException("SIGTERM could not be sent.");
        using var limit = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(limit.Token);
        return watch.Elapsed;
    }

    /// <summary>SIGSTOP: the process stops where it is, holding whatever it holds, until <see cref="Resume"/>.</summary>
    public void Pause() => Signal(19);

    /// <summary>SIGCONT: a paused process goes on, its timers run out at once.</summary>
    public void Resume() => Signal(18);

    private void Signal(int signal)
    {
        if (_process is null || _process.HasExited) throw new InvalidOperationException("The host is not running.");
        if (kill(_process.Id, signal) != 0) throw new InvalidOperationException($"Signal {signal} could not be sent.");
    }

    public void EditSettings(Action<JsonObject> edit)
    {
        var settings = JsonNode.Parse(File.ReadAllText(SettingsFile))!.AsObject();
        edit(settings);
        File.WriteAllText(SettingsFile, settings.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
