using System.Reflection;
using System.Text.RegularExpressions;
using KVaccine.BuildingBlocks.Modules;
using KVaccine.BuildingBlocks.Persistence;
using Microsoft.Extensions.Options;

namespace KVaccine.Host;

/// <summary>
/// A host with missing or invalid settings tells the operator which, one line per problem naming its configuration
/// key, and exits with <see cref="ExitCode"/>: the settings are validated (every <c>ValidateOnStart</c>) before the
/// database is touched, and what the validators report is printed, not thrown as a stack trace. So does a host that
/// does not find its database where it must be (<see cref="MissingDatabaseException"/>), in one line. Any other
/// failure is a bug and keeps its stack trace.
/// </summary>
internal static partial class StartupFailure
{
    public const int ExitCode = 1;

    /// <summary>
    /// Runs the start-up validation; when a setting is wrong, writes what is wrong to <paramref name="error"/> and
    /// returns false, or throws when another program hosts this one.
    /// </summary>
    public static bool SettingsAreValid(WebApplication app, TextWriter error)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
            return true;
        }
        catch (Exception failure) when (IsTheProcess && Problems(failure) is { Count: > 0 } problems)
        {
            var contentRoot = app.Environment.ContentRootPath;
            error.WriteLine("K-Vaccine cannot start: its settings are missing or invalid.");
            if (!File.Exists(Path.Combine(contentRoot, "appsettings.json")))
                error.WriteLine($"appsettings.json: not found in the content root, {contentRoot} (start the host in the folder that holds it, or pass --contentRoot).");
            foreach (var problem in problems) error.WriteLine(problem);
            return false;
        }
    }

    /// <summary>
    /// Reads which database to use (<c>Database:Provider</c>, <c>ConnectionStrings:KVaccine</c>) before anything is
    /// built on it; when they cannot be used, writes why to <paramref name="error"/> and returns false, or throws when
    /// another program hosts this one.
    /// </summary>
    public static bool DatabaseSettingsAreValid(IConfiguration configuration, TextWriter error)
    {
        try
        {
            Database.Settings(configuration);
            return true;
        }
        catch (InvalidDatabaseSettingException invalid) when (IsTheProcess)
        {
            error.WriteLine("K-Vaccine cannot start: its settings are missing or invalid.");
            error.WriteLine(invalid.Message);
            return false;
        }
    }

    /// <summary>
    /// Creates or migrates the database; when it is missing where it must be, writes why to <paramref name="error"/>
    /// and returns false, or throws when another program hosts this one.
    /// </summary>
    public static async Task<bool> DatabaseIsInitializedAsync(WebApplication app, TextWriter error)
    {
        try
        {
            await app.Services.InitializeDatabaseAsync();
            return true;
        }
        catch (MissingDatabaseException missing) when (IsTheProcess)
        {
            error.WriteLine($"K-Vaccine cannot start: {missing.Message}");
            return false;
        }
    }

    /// <summary>
    /// Whether the host is the process (dotnet KVaccine.Host.dll), whose console and exit code are the operator's.
    /// A program hosting it (the integration tests' WebApplicationFactory, EF tooling) is handed the exception.
    /// </summary>
    private static bool IsTheProcess => Assembly.GetEntryAssembly() == typeof(StartupFailure).Assembly;

    /// <summary>One line per problem when every part of the failure is a setting's; none when any part is a bug.</summary>
    private static List<string> Problems(Exception failure) => failure switch
    {
        OptionsValidationException invalid => invalid.Failures.Select(f => ByKey(invalid.OptionsType, f)).ToList(),
        // A value that cannot be read as its type (Outbox:BatchSize=lots): the binder's message names the key.
        InvalidOperationException { Source: "Microsoft.Extensions.Configuration.Binder" } unreadable => [unreadable.Message],
        AggregateException { InnerExceptions: var parts } => EveryOneASetting(parts),
        _ => [],
    };

    private static List<string> EveryOneASetting(IEnumerable<Exception> parts)
    {
        var each = parts.Select(Problems).ToList();
        return each.All(problems => problems.Count > 0) ? [.. each.SelectMany(problems => problems)] : [];
    }

    /// <summary>
    /// DataAnnotations name the options class and the member (<c>'OutboxOptions' members: 'BatchSize'</c>); an
    /// operator knows the key (<c>Outbox:BatchSize</c>), so the class becomes its section, by the <c>Section</c>
    /// constant every options class declares. Other validators' messages name their key already.
    /// </summary>
    private static string ByKey(Type options, string failure)
    {
        if (DataAnnotationFailure().Match(failure) is not { Success: true } match) return failure;
        var section = options.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string ?? options.Name;
        var path = string.Join(':', [section, .. match.Groups["path"].Value.Split('.').Skip(1)]);
        var members = match.Groups["members"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var keys = members.Length == 0 ? path : string.Join(", ", members.Select(member => $"{path}:{member}"));
        return $"{keys}: {match.Groups["error"].Value}";
    }

    [GeneratedRegex(@"^DataAnnotation validation failed for '(?<path>[^']*)' members: '(?<members>[^']*)' with the error: '(?<error>.*)'\.$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();
}
