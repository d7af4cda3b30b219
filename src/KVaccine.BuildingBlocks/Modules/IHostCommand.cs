namespace KVaccine.BuildingBlocks.Modules;

/// <summary>
/// A command a module offers on the host's command line (<c>dotnet KVaccine.Host.dll &lt;name&gt; …</c>): run with the
/// host's services once the database is migrated, instead of serving. Registered as a service by the module.
/// </summary>
public interface IHostCommand
{
    string Name { get; }

    /// <summary>Its arguments, for the line printed when they are wrong.</summary>
    string Usage { get; }

    /// <summary>Returns the process's exit code: 0 done, 1 refused, 2 wrong arguments.</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, TextReader input, TextWriter output, TextWriter error, CancellationToken ct);
}
