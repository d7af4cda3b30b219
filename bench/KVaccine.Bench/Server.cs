using System.Diagnostics;
using System.Text.Json.Nodes;

namespace KVaccine.Bench;

/// <summary>A server under test: a real process on loopback, in a fresh folder, stopped when disposed.</summary>
internal sealed class Server : IAsyncDisposable
{
    private readonly Process _process;

    private Server(Process process, Uri address, string folder, TimeSpan ready)
    {
        _process = process;
        Address = address;
        Folder = folder;
        TimeToReady = ready;
    }

    public Uri Address { get; }
    public string Folder { get; }
    public TimeSpan TimeToReady { get; }

    /// <summary>CPU time the process has used so far, in clock ticks.</summary>
    public long CpuTicksUsed => Ticks($"/proc/{_process.Id}/stat");

    /// <summary>Peak resident memory so far (VmHWM), in MB.</summary>
    public double PeakRssMb
    {
        get
        {
            var line = File.ReadAllLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:"));
            return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        }
    }

    /// <summary>Resident memory now, in MB: the process's own (anonymous) and the files it maps (code, the database).</summary>
    public (double Anonymous, double Files) RssNowMb
    {
        get
        {
            var lines = File.ReadAllLines($"/proc/{_process.Id}/status");
            double Kb(string key) => lines.FirstOrDefault(l => l.StartsWith(key)) is { } line
                ? long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0 : double.NaN;
            return (Kb("RssAnon:"), Kb("RssFile:") + Kb("RssShmem:"));
        }
    }

    /// <summary>
    /// Runs rounds of load until the process runs warm: a round in which the runtime's background compiler used under
    /// 2 % of the process's CPU. For its first 20 s or so under load a process still recompiles its hot methods
    /// (ready-to-run code, then instrumented, then optimised with what the instrumentation saw), at up to a third of
    /// its CPU; a service runs warm for nearly all of its life, so that is what is measured, floors and service alike.
    /// </summary>
    /// <returns>The rounds it took.</returns>
    public async Task<int> WarmUpAsync(Func<Task> round, int maxRounds)
    {
        for (var rounds = 1; ; rounds++)
        {
            var (processBefore, compilerBefore) = CpuTicks();
            await round();
            var (processAfter, compilerAfter) = CpuTicks();
            // The compiler's thread exits when it has been idle for a while, taking its count with it: a round in which
            // it started or ended is not a quiet one.
            var sameThreads = compilerAfter.Keys.Order().SequenceEqual(compilerBefore.Keys.Order());
            var compiling = compilerAfter.Sum(t => t.Value - compilerBefore.GetValueOrDefault(t.Key));
            if (rounds >= maxRounds || sameThreads && compiling < 0.02 * (processAfter - processBefore)) return rounds;
        }
    }

    /// <summary>CPU time (clock ticks) of the whole process, and of each of the runtime's tiered compilation threads.</summary>
    private (long Process, Dictionary<int, long> Compiler) CpuTicks()
    {
        var compiler = new Dictionary<int, long>();
        foreach (var thread in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
        {
            try
            {
                // ".NET Tiered Compilation Worker", cut to the 15 characters Linux keeps of a thread's name.
                if (File.ReadAllText(Path.Combine(thread, "comm")).StartsWith(".NET Tiered Com", StringComparison.Ordinal))
                    compiler[int.Parse(Path.GetFileName(thread))] = Ticks(Path.Combine(thread, "stat"));
            }
            catch (IOException)
            {
                // The thread ended while being read.
            }
        }
        return (Ticks($"/proc/{_process.Id}/stat"), compiler);
    }

    // utime + stime: the 14th and 15th fields, counted after the command name's closing parenthesis.
    public static long Ticks(string stat)
    {
        var fields = File.ReadAllText(stat).Split(") ")[^1].Split(' ');
        return long.Parse(fields[11]) + long.Parse(fields[12]);
    }

    public static async Task<Server> StartAsync(string program, string folder, int port, IEnumerable<string> args, Action<JsonObject>? settings = null)
    {
        Directory.CreateDirectory(folder);
        var appsettings = Path.Combine(Path.GetDirectoryName(program)!, "appsettings.json");
        if (settings is not null && File.Exists(appsettings))
        {
            var json = JsonNode.Parse(File.ReadAllText(appsettings))!.AsObject();
            settings(json);
            File.WriteAllText(Path.Combine(folder, "appsettings.json"), json.ToJsonString());
        }
        // A framework-dependent build (the floors) runs through dotnet; a self-contained one (the service) by itself.
        var throughDotnet = program.EndsWith(".dll", StringComparison.Ordinal);
        var start = new ProcessStartInfo(throughDotnet ? "dotnet" : program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        if (throughDotnet) start.ArgumentList.Add(program);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var watch = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } d && d.Contains("fail", StringComparison.OrdinalIgnoreCase)) Console.Error.WriteLine(d); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(1) };
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) break;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            if (watch.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"{Path.GetFileName(program)} was not ready in 60 s");
            await Task.Delay(5); // polling a process that is starting; the elapsed time is the measurement
        }
        return new Server(process, address, folder, watch.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process.HasExited) return;
        Process.Start("kill", ["-TERM", _process.Id.ToString()])?.WaitForExit();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try { await _process.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
    }
}
