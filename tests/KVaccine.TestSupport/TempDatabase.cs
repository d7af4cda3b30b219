namespace KVaccine.TestSupport;

/// <summary>A fresh folder for a real SQLite file, deleted afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "kvaccine-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string FilePath => Path.Combine(Folder, "kvaccine.db");

    public string ConnectionString => $"Data Source={FilePath}";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* a process still closing its file; the temp folder is cleaned by the OS */ }
    }
}
