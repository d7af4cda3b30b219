using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>
/// On PostgreSQL every module keeps its tables in a schema of its own: a table the model names <c>user_citizens</c>
/// (SQLite has no schemas, so there the module's name is the table's prefix) is <c>"user".citizens</c>. What only
/// SQLite has goes: its NOCASE collation (vaccine types are stored in their one spelling, see KnownVaccineType).
/// </summary>
public sealed class SchemaPerModule : IModelFinalizingConvention
{
    /// <summary>Adds the convention where the context runs on PostgreSQL; on SQLite the model stays as it is.</summary>
    public static void AddTo(ModelConfigurationBuilder conventions, DbContext context)
    {
        if (context.Database.IsPostgreSql()) conventions.Conventions.Add(_ => new SchemaPerModule());
    }

    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        foreach (var entity in modelBuilder.Metadata.GetEntityTypes().Cast<IMutableEntityType>())
        {
            if (entity.GetTableName() is not { } table || entity.GetSchema() is not null) continue;
            var split = table.IndexOf('_', StringComparison.Ordinal);
            if (split <= 0) throw new InvalidOperationException($"Table {table} is named without its module's prefix (module_table).");
            entity.SetSchema(table[..split]);
            entity.SetTableName(table[(split + 1)..]);
            foreach (var property in entity.GetProperties().Where(p => p.GetCollation() == "NOCASE")) property.SetCollation(null);
        }
    }
}
