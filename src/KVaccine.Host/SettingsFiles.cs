using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace KVaccine.Host;

/// <summary>
/// The settings files (appsettings*.json) are reloaded when edited, which is how an operator switches a module off;
/// they are watched in their own folder only. The host's default watcher covers every folder under the content root,
/// so every write to the database kept there (./data) woke it, and under load those wake-ups took the CPU the
/// bookings needed.
/// </summary>
internal sealed class SettingsFiles : IFileProvider, IDisposable
{
    /// <summary>Host setting that stops the default sources from starting the watcher over the whole content root.</summary>
    public const string DefaultWatcherOff = "--hostBuilder:reloadConfigOnChange=false";

    private readonly PhysicalFileProvider _files;
    private readonly FileSystemWatcher _watcher;
    private CancellationTokenSource _changed = new();

    private SettingsFiles(string folder)
    {
        _files = new PhysicalFileProvider(folder); // read through; its own (recursive) watcher is never started
        _watcher = new FileSystemWatcher(folder, "*.json") { IncludeSubdirectories = false };
        _watcher.Changed += OnChanged;
        _watcher.Created += OnChanged;
        _watcher.Deleted += OnChanged;
        _watcher.Renamed += OnChanged;
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Makes the builder's JSON sources (added unwatched, see <see cref="DefaultWatcherOff"/>) reload on edits.</summary>
    public static void Watch(WebApplicationBuilder builder)
    {
        var files = new SettingsFiles(builder.Environment.ContentRootPath);
        var sources = builder.Configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } path } json && json.FileProvider is PhysicalFileProvider { Root: var root }
                && Path.GetFullPath(root) == Path.GetFullPath(files._files.Root))
                sources[i] = new JsonConfigurationSource { FileProvider = files, Path = path, Optional = json.Optional, ReloadOnChange = true, ReloadDelay = json.ReloadDelay };
        }
        builder.Services.AddSingleton(files); // disposed with the host
    }

    public IFileInfo GetFileInfo(string subpath) => _files.GetFileInfo(subpath);

    public IDirectoryContents GetDirectoryContents(string subpath) => _files.GetDirectoryContents(subpath);

    public IChangeToken Watch(string filter) => new CancellationChangeToken(_changed.Token);

    public void Dispose()
    {
        _watcher.Dispose();
        _files.Dispose();
    }

    private void OnChanged(object sender, FileSystemEventArgs e) => Interlocked.Exchange(ref _changed, new CancellationTokenSource()).Cancel();
}
