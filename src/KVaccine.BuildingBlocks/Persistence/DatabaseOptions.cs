namespace KVaccine.BuildingBlocks.Persistence;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>
    /// Whether the host refuses to start without its database, instead of creating an empty one. For production,
    /// once the database exists: a volume that failed to mount leaves an empty folder, with no marker either (see
    /// <see cref="DatabaseHistory"/>).
    /// </summary>
    public bool MustExist { get; set; }
}
