using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>A save that lost a race for a unique key: another request wrote the same key first.</summary>
public static class UniqueConflict
{
    // SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY only: a CHECK, NOT NULL or foreign key failure is a fault, not a race.
    public static bool IsUniqueConflict(this DbUpdateException e) =>
        e.InnerException is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 };
}
