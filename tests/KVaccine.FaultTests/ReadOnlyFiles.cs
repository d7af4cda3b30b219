using System.Diagnostics;

namespace KVaccine.FaultTests;

/// <summary>
/// Files that no process may write, root included (chmod does not stop root, and CI runs as root): they get the
/// immutable attribute (<c>chattr +i</c>), which needs root and a file system that has it (ext4, xfs, btrfs).
/// SQLite then fails as on a disk gone read-only: a connection that had the file open gets SQLITE_IOERR on its next
/// write, one that opens it gets a read-only connection (SQLITE_READONLY). Disposing makes them writable again.
/// </summary>
/// <remarks>
/// Not the <c>-shm</c> file: SQLite maps it into memory, and a write to an immutable mapping kills the process with
/// SIGBUS, which is another scenario (a crash).
/// </remarks>
public sealed class ReadOnlyFiles : IDisposable
{
    private readonly string[] _paths;

    private ReadOnlyFiles(string[] paths) => _paths = paths;

    public static ReadOnlyFiles Apply(params string[] paths)
    {
        var (exitCode, error) = Chattr("+i", paths);
        if (exitCode != 0)
            throw new InvalidOperationException($"chattr +i failed ({error.Trim()}): this scenario needs root and a file system with the immutable attribute.");
        return new ReadOnlyFiles(paths);
    }

    public void Dispose() => Chattr("-i", _paths);

    /// <summary>Why files in <paramref name="folder"/> cannot be made immutable here (not root, no chattr, a file system without it), or null.</summary>
    public static string? WhyUnavailable(string folder)
    {
        var probe = Path.Combine(folder, "chattr-probe");
        File.WriteAllText(probe, "");
        try
        {
            var (exitCode, error) = Chattr("+i", [probe]);
            if (exitCode != 0) return $"Skipped: making a file immutable needs root and a file system with the attribute (chattr +i said: {error.Trim()}). .ci/run runs it as root.";
            Chattr("-i", [probe]);
            return null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "Skipped: chattr is not installed (Debian: e2fsprogs). .ci/run runs it.";
        }
        finally
        {
            File.Delete(probe);
        }
    }

    private static (int ExitCode, string Error) Chattr(string flag, string[] paths)
    {
        var start = new ProcessStartInfo("chattr") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(flag);
        foreach (var path in paths) start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}
