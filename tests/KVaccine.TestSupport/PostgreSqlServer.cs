using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace KVaccine.TestSupport;

/// <summary>
/// The PostgreSQL the tests run against: the one named by <c>KVACCINE_TEST_POSTGRESQL</c> (a connection string), or
/// else a throwaway cluster this process starts itself from the installed server's programs (initdb in a temporary
/// folder, a private port, as the postgres user when run as root), stopped when the process exits. Where neither can
/// be had, <see cref="Unavailable"/> says why, and the tests that need it skip saying so.
/// </summary>
public static class PostgreSqlServer
{
    public const string EnvironmentVariable = "KVACCINE_TEST_POSTGRESQL";

    private static readonly Lazy<(string? ConnectionString, string? Why)> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Why there is no PostgreSQL for the tests, or null when there is one.</summary>
    public static string? Unavailable => Server.Value.Why;

    /// <summary>The server's maintenance connection string (database <c>postgres</c>).</summary>
    public static string ConnectionString => Server.Value.ConnectionString
        ?? throw new InvalidOperationException($"No PostgreSQL for the tests: {Server.Value.Why}");

    /// <summary>Creates an empty database of its own for a test and returns its connection string.</summary>
    public static string CreateDatabase()
    {
        var name = $"kv_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabase"/>, closing whatever is still connected to it.</summary>
    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    private static (string?, string?) Start()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given) return (given, null);
        var bin = ServerPrograms();
        if (bin is null)
            return (null, $"PostgreSQL is not installed (no initdb on PATH or under /usr/lib/postgresql), and {EnvironmentVariable} is not set. .ci/run installs it.");

        var folder = Path.Combine(Path.GetTempPath(), $"kvaccine-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(folder);
        // initdb refuses to run as root: the cluster then belongs to the postgres user the Debian package creates.
        var asUser = Environment.UserName == "root" ? "postgres" : null;
        if (asUser is not null && !Run("chown", ["-R", asUser, folder], null, out var chownError))
            return (null, $"The test cluster's folder could not be given to the postgres user: {chownError}");
        if (!Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"], asUser, out var initError))
            return (null, $"initdb failed: {initError}");
        var port = FreePort();
        var options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        if (!Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "log"), "-o", options, "-w", "-t", "60", "start"], asUser, out var startError))
            return (null, $"The test cluster did not start: {startError}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"], asUser, out _);
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return ($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true", null);
    }

    /// <summary>The folder of initdb and pg_ctl: on PATH, or Debian's versioned folder.</summary>
    private static string? ServerPrograms()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"))) return dir;
        var debian = "/usr/lib/postgresql";
        if (!Directory.Exists(debian)) return null;
        return Directory.GetDirectories(debian).Select(v => Path.Combine(v, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderByDescending(b => b, StringComparer.Ordinal).FirstOrDefault();
    }

    private static bool Run(string program, string[] args, string? asUser, out string error)
    {
        var start = new ProcessStartInfo(asUser is null ? program : "runuser") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asUser is not null)
        {
            foreach (var a in new[] { "-u", asUser, "--", program }) start.ArgumentList.Add(a);
        }
        foreach (var a in args) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                error = $"{Path.GetFileName(program)} did not finish in 120 s";
                return false;
            }
            error = $"{stderr.Result.Trim()} {stdout.Result.Trim()}".Trim();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            error = e.Message;
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
