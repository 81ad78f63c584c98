using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Kexie.Data;

/// <summary>
/// A compiled query (<c>EF.CompileAsyncQuery</c>) of each model: EF refuses to run one compiled against another model, and a
/// process may hold more than one (the SQLite and PostgreSQL contexts of the tests). A node has one model, so one compilation.
/// </summary>
internal static class CompiledPerModel
{
    /// <summary>The query of <paramref name="db"/>'s model in <paramref name="compiled"/>, compiled by <paramref name="compile"/> on first use.</summary>
    public static TQuery Of<TQuery>(KexieDbContext db, ConcurrentDictionary<IModel, TQuery> compiled, Func<TQuery> compile) =>
        compiled.GetOrAdd(db.Model, static (_, make) => make(), compile);
}
