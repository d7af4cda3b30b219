using Xunit;

namespace KVaccine.TestSupport;

/// <summary>Debian's chromium, which the browser tests drive (nothing downloads a browser); <c>CHROMIUM</c> names another.</summary>
public static class Chromium
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Why the browser tests cannot run here, or null.</summary>
    public static string? Unavailable => File.Exists(ExecutablePath) ? null
        : $"no chromium at {ExecutablePath}: install Debian's chromium (apt-get install chromium fonts-noto-cjk) or set CHROMIUM. .ci/run installs it.";
}

/// <summary>A test in a real browser; skipped, saying why, where there is no chromium. .ci/run fails on any skipped test.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.Unavailable is { } why) Skip = $"Skipped: {why}";
    }
}
