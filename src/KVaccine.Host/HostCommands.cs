using KVaccine.BuildingBlocks.Modules;
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

    /// <summary>
    /// Runs the module command the arguments name (<see cref="IHostCommand"/>) once the database is migrated, and
    /// returns its exit code; null when they name none, and the host serves.
    /// </summary>
    public static async Task<int?> TryRunModuleCommandAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) return null;
        var command = app.Services.GetServices<IHostCommand>().SingleOrDefault(c => c.Name == args[0]);
        if (command is null) return null;
        return await command.RunAsync(args[1..], app.Services, Console.In, Console.Out, Console.Error, app.Lifetime.ApplicationStopping);
    }
}
