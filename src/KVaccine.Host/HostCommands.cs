using KVaccine.Host.Auth;

namespace KVaccine.Host;

/// <summary>What the host does when it is started as a command-line tool instead of as the service.</summary>
internal static class HostCommands
{
    /// <summary>Runs the command the arguments name and returns its exit code; null when they name none.</summary>
    public static int? TryRun(string[] args, IConfiguration configuration) => args switch
    {
        ["token", ..] => StaffTokens.RunCommand(args, configuration, TimeProvider.System, Console.Out, Console.Error),
        _ => null,
    };
}
