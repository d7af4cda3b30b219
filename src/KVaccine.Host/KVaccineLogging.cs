using Serilog;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace KVaccine.Host;

/// <summary>The host's logs: Serilog to the console and, with <c>Logging:File</c>, to a file, every sink through <see cref="SafeLogLines"/>: RRNs masked, one line per event.</summary>
internal static class KVaccineLogging
{
    // SafeLogLines ends each line with the trace id (when a trace is recorded): it finds the request and every
    // delivery of the work a line belongs to.
    private const string Template = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j} {Exception}";

    public static WebApplicationBuilder AddKVaccineLogging(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddSerilog((services, log) =>
        {
            log.ReadFrom.Configuration(configuration).ReadFrom.Services(services).Enrich.FromLogContext()
                .Filter.ByExcluding(ShutdownDrain.Check.IsItsLogLine)
                .WriteTo.Console(SafeLines());
            if (configuration["Logging:File"] is { Length: > 0 } file)
                log.WriteTo.File(SafeLines(), file, shared: true, flushToDiskInterval: TimeSpan.FromMilliseconds(200));
        }, preserveStaticLogger: true); // each host its own logger: the static Log.Logger is shared by every host in a process
        return builder;
    }

    private static ITextFormatter SafeLines() => new SafeLogLines(new MessageTemplateTextFormatter(Template));
}
