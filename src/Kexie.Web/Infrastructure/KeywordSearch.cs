using System.Linq.Expressions;
using Kexie.Data;

namespace Kexie.Web.Infrastructure;

/// <summary>
/// The keyword filter (<c>q</c>) of the needs, offers and science-worker lists: a row matches when one of its searched
/// columns holds the typed text. On PostgreSQL the bigram index's prefilter comes first (<see cref="TextSearch"/>: the
/// columns' bigrams must include the text's, answered by the <c>IX_*_SearchBigrams</c> GIN index), and the substring
/// test decides, so the results are the same as without it; SQLite and one-character searches use the substring test alone.
/// The substring test stays for two-character searches too, where the prefilter alone is exact
/// (<see cref="TextSearch.IsExactBigram"/>): PostgreSQL evaluates a row's cheaper condition first, so when a frequent
/// word's page is read along the list-order index (newest first, stopping at 21 matches) the rows that do not hold the
/// word are dropped by the substring test, not by computing their bigrams in PL/pgSQL (检测, 311 rows: 2.7 ms against
/// 107 ms); the count reads at most <c>ListCount.SearchCap</c> + 1 rows, whose substring test costs little.
/// </summary>
public static class KeywordSearch
{
    /// <summary>Rows where one of <paramref name="columns"/> (two or three, as indexed) contains <paramref name="text"/>.</summary>
    public static IQueryable<T> WhereAnyContains<T>(this IQueryable<T> query, DatabaseProvider provider, string text, params Expression<Func<T, string?>>[] columns)
    {
        if (columns.Length is < 2 or > 3)
        {
            throw new ArgumentException("The bigram index covers two or three columns.", nameof(columns));
        }

        var row = Expression.Parameter(typeof(T), "row");
        var values = columns.Select(c => ExpressionSubstitute.Body(c, row)).ToArray();
        var grams = provider == DatabaseProvider.Postgres ? TextSearch.Of(text) : [];
        Expression<Func<string?, bool>> holds = column => column != null && column.Contains(text);
        var any = values.Select(v => ExpressionSubstitute.Body(holds, v)).Aggregate(Expression.OrElse);
        query = query.Where(Expression.Lambda<Func<T, bool>>(any, row));

        if (grams.Length > 0)
        {
            // The bigram index's prefilter; the substring test above decides (for a text of two characters both say the
            // same; the substring test is kept as the cheap first test of a scan that does not use the bigram index).
            LambdaExpression prefilter = values.Length == 2
                ? (Expression<Func<string?, string?, bool>>)((a, b) => TextSearch.HasBigrams(a, b, grams))
                : (Expression<Func<string?, string?, string?, bool>>)((a, b, c) => TextSearch.HasBigrams(a, b, c, grams));
            query = query.Where(Expression.Lambda<Func<T, bool>>(ExpressionSubstitute.Body(prefilter, values), row));
        }

        return query;
    }
}
