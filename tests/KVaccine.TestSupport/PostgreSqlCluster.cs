using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace KVaccine.TestSupport;

/// <summary>
/// A throwaway PostgreSQL cluster started from the installed server's programs: initdb in a temporary folder, a
/// private port, as the postgres user when run as root (initdb refuses root). It can be stopped and started again
/// under its clients, as a restarted database server would be; disposing it stops it and deletes its files.
/// </summary>
public sealed class PostgreSqlCluster : IDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private readonly string? _asUser;
    private readonly int _port;
    private readonly bool _crashSafe;

    private string Data => Path.Combine(_folder, "data");

    private PostgreSqlCluster(string bin, string folder, string? asUser, int port, bool crashSafe) =>
        (_bin, _folder, _asUser, _port, _crashSafe) = (bin, folder, asUser, port, crashSafe);

    /// <summary>The maintenance connection string (database <c>postgres</c>).</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Pooling=true";

    /// <summary>Why no cluster can be started here, or null when one can.</summary>
    public static string? Unavailable => ServerPrograms() is null
        ? "PostgreSQL is not installed (no initdb on PATH or under /usr/lib/postgresql). .ci/run installs it."
        : null;

    /// <summary>Initialises and starts a cluster, or throws saying why it could not.</summary>
    /// <param name="crashSafe">
    /// Whether a commit is acknowledged only once its log is written (synchronous_commit on, PostgreSQL's default), for
    /// a test that crashes the server: with it off, as for speed otherwise, a crash loses the last commits clients were
    /// told of. Files are never synced either way: the tests crash the server, never the machine.
    /// </param>
    public static PostgreSqlCluster Start(bool crashSafe = false)
    {
        var bin = ServerPrograms() ?? throw new InvalidOperationException(Unavailable);
        var folder = Path.Combine(Path.GetTempPath(), $"kvaccine-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var asUser = Environment.UserName == "root" ? "postgres" : null;
        var cluster = new PostgreSqlCluster(bin, folder, asUser, FreePort(), crashSafe);
        if (asUser is not null) cluster.Run("chown", ["-R", asUser, folder], runAs: false);
        cluster.Run(Path.Combine(bin, "initdb"), ["-D", cluster.Data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
        cluster.StartAgain();
        return cluster;
    }

    /// <summary>Starts the stopped server on the same files and port, waiting until it takes connections.</summary>
    public void StartAgain()
    {
        var options = $"-p {_port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit={(_crashSafe ? "on" : "off")} -c full_page_writes=off -c max_connections=300";
        Run(Path.Combine(_bin, "pg_ctl"), ["-D", Data, "-l", Path.Combine(_folder, "log"), "-o", options, "-w", "-t", "60", "start"]);
    }

    /// <summary>Stops the server at once, as a crash would: every connection is cut, nothing is shut down cleanly.</summary>
    public void StopImmediately() => Run(Path.Combine(_bin, "pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "stop"]);

    /// <summary><c>pg_ctl restart -m immediate</c>: cut every connection, recover from the log, take connections again.</summary>
    public void RestartImmediately() => Run(Path.Combine(_bin, "pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "-t", "60", "restart"]);

    public void Dispose()
    {
        try { Run(Path.Combine(_bin, "pg_ctl"), ["-D", Data, "-m", "immediate", "stop"]); }
        catch (InvalidOperationException) { } // already stopped
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>The folder of initdb and pg_ctl: on PATH, or Debian's versioned folder.</summary>
    private static string? ServerPrograms()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"))) return dir;
        const string debian = "/usr/lib/postgresql";
        if (!Directory.Exists(debian)) return null;
        return Directory.GetDirectories(debian).Select(v => Path.Combine(v, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderByDescending(b => b, StringComparer.Ordinal).FirstOrDefault();
    }

    private void Run(string program, string[] args, bool runAs = true)
    {
        var asUser = runAs ? _asUser : null;
        var start = new ProcessStartInfo(asUser is null ? program : "runuser") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asUser is not null)
        {
            foreach (var a in new[] { "-u", asUser, "--", program }) start.ArgumentList.Add(a);
        }
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish in 120 s");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', args)} failed: {stderr.Result.Trim()} {stdout.Result.Trim()}".Trim());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
