using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>
/// A compiled query, compiled once for each context type that runs it: EF binds a compiled query to the model it
/// first ran with, and a module's context has a type, so a model, per provider.
/// </summary>
public sealed class CompiledQuery<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<Type, TQuery> _byContext = new();

    public TQuery For(DbContext context) => _byContext.GetOrAdd(context.GetType(), static (_, compile) => compile(), compile);
}
