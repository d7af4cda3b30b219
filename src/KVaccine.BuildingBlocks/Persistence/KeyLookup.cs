using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace KVaccine.BuildingBlocks.Persistence;

/// <summary>
/// <see cref="DbSet{TEntity}.FindAsync(object[], CancellationToken)"/> through a compiled query. FindAsync builds a new
/// expression tree for every lookup the change tracker cannot answer, and EF translates it again (parameter
/// extraction, cache look-up): nearly every hop of every booking finds its row by key, so that work would be repeated
/// on the busiest path of the service.
/// </summary>
public static class KeyLookup
{
    /// <summary>As FindAsync: the tracked entity if there is one (added ones included), else the row, tracked.</summary>
    public static async Task<TEntity?> FindByKeyAsync<TEntity, TKey>(this DbSet<TEntity> set, TKey key, CancellationToken ct)
        where TEntity : class
    {
        if (set.Local.FindEntry(key) is { } tracked) return tracked.Entity;
        var context = set.GetService<ICurrentDbContext>().Context;
        // One per context type: a compiled query belongs to the model it first ran with (see CompiledQuery).
        var query = Compiled<TEntity, TKey>.ByContext.GetOrAdd(context.GetType(),
            static (_, set) => Compile<TEntity, TKey>(set.EntityType.FindPrimaryKey()!.Properties.Single().Name), set);
        return await query(context, key, ct);
    }

    private static Func<DbContext, TKey, CancellationToken, Task<TEntity?>> Compile<TEntity, TKey>(string keyName) where TEntity : class
    {
        // db.Set<TEntity>().FirstOrDefault(e => EF.Property<TKey>(e, keyName) == key)
        var db = Expression.Parameter(typeof(DbContext), "db");
        var key = Expression.Parameter(typeof(TKey), "key");
        var ct = Expression.Parameter(typeof(CancellationToken), "ct");
        var e = Expression.Parameter(typeof(TEntity), "e");
        var matches = Expression.Lambda<Func<TEntity, bool>>(
            Expression.Equal(Expression.Call(typeof(EF), nameof(EF.Property), [typeof(TKey)], e, Expression.Constant(keyName)), key), e);
        var rows = Expression.Call(db, nameof(DbContext.Set), [typeof(TEntity)]);
        var first = Expression.Call(typeof(Queryable), nameof(Queryable.FirstOrDefault), [typeof(TEntity)], rows, Expression.Quote(matches));
        return EF.CompileAsyncQuery(Expression.Lambda<Func<DbContext, TKey, CancellationToken, TEntity?>>(first, db, key, ct));
    }

    private static class Compiled<TEntity, TKey> where TEntity : class
    {
        public static readonly ConcurrentDictionary<Type, Func<DbContext, TKey, CancellationToken, Task<TEntity?>>> ByContext = new();
    }
}
