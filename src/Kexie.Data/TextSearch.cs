using Microsoft.EntityFrameworkCore;

namespace Kexie.Data;

/// <summary>
/// Keyword search (the lists' <c>q</c>) on PostgreSQL with an index. The search itself stays a substring test
/// (<c>Title LIKE '%q%' OR …</c>, the same answer on both providers); on PostgreSQL a prefilter narrows the rows first:
/// every pair of adjacent characters (bigram) of the typed text must be among the bigrams of the searched columns,
/// which a GIN index on <c>kexie_bigrams(…)</c> answers (migration <c>KeywordSearchIndexes</c>). A row that contains the
/// text contains all its bigrams, so the prefilter never drops a match; the substring test removes the rest. Bigrams
/// rather than pg_trgm's trigrams because most Chinese search words have two characters (茶叶, 水稻, 算法), from which
/// trigrams take nothing and the trigram index reads every row. SQLite keeps the plain substring test.
/// </summary>
public static class TextSearch
{
    /// <summary>The SQL function (variadic text), created by the migration; immutable, so it can be indexed.</summary>
    public const string FunctionName = "kexie_bigrams";

    /// <remarks>
    /// PL/pgSQL over the characters (<c>string_to_array(t, NULL)</c>): 0.17 ms for an offer's title and description,
    /// against 1.3 ms for a SQL form with <c>substr</c> per position (quadratic in a UTF-8 text) and aggregation; the
    /// index build and each write compute it once per row. Duplicates are left to GIN, which keeps each key once.
    /// </remarks>
    public const string CreateFunctionSql = """
        CREATE OR REPLACE FUNCTION kexie_bigrams(VARIADIC parts text[]) RETURNS text[]
        LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
        DECLARE grams text[] := '{}'; t text; c text[]; i int;
        BEGIN
          FOREACH t IN ARRAY parts LOOP
            CONTINUE WHEN t IS NULL;
            c := string_to_array(t, NULL);
            FOR i IN 1 .. coalesce(array_length(c, 1), 0) - 1 LOOP
              grams := grams || (c[i] || c[i + 1]);
            END LOOP;
          END LOOP;
          RETURN grams;
        END $$;
        """;

    /// <summary>
    /// <c>kexie_has_bigrams(a, b[, c], grams)</c>: whether the columns' bigrams include all of <c>grams</c>. Plain SQL
    /// functions of one expression, which PostgreSQL inlines into the query, so the planner sees
    /// <c>kexie_bigrams(a, b) @&gt; grams</c> and answers it from the expression index.
    /// </summary>
    public const string CreateMatchFunctionsSql = """
        CREATE OR REPLACE FUNCTION kexie_has_bigrams(a text, b text, grams text[]) RETURNS boolean
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT kexie_bigrams(a, b) @> grams $$;
        CREATE OR REPLACE FUNCTION kexie_has_bigrams(a text, b text, c text, grams text[]) RETURNS boolean
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT kexie_bigrams(a, b, c) @> grams $$;
        """;

    /// <summary>Whether two columns' bigrams include <paramref name="grams"/> (<c>kexie_has_bigrams</c>; PostgreSQL only).</summary>
    public static bool HasBigrams(string? a, string? b, string[] grams) => throw new InvalidOperationException("Only for queries on PostgreSQL.");

    /// <summary>Whether three columns' bigrams include <paramref name="grams"/> (<c>kexie_has_bigrams</c>; PostgreSQL only).</summary>
    public static bool HasBigrams(string? a, string? b, string? c, string[] grams) => throw new InvalidOperationException("Only for queries on PostgreSQL.");

    /// <summary>
    /// The distinct bigrams of <paramref name="text"/> by Unicode code point, as PostgreSQL's <c>substr</c> counts
    /// characters in a UTF-8 database; empty for a single character (then no prefilter applies).
    /// </summary>
    public static string[] Of(string text)
    {
        var runes = text.EnumerateRunes().ToArray();
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < runes.Length; i++)
        {
            grams.Add(runes[i].ToString() + runes[i + 1].ToString());
        }

        return [.. grams.Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Whether the bigram test with <paramref name="grams"/> (<see cref="Of"/> of <paramref name="text"/>) is itself the
    /// substring test: <paramref name="text"/> is two characters (code points), so its one bigram is the text, and
    /// <c>kexie_bigrams</c> takes each column's bigrams within that column, never across two — a column's bigrams
    /// include the text exactly when the column contains it. Longer texts need the substring test (their bigrams may
    /// lie apart).
    /// </summary>
    public static bool IsExactBigram(string text, string[] grams) =>
        grams.Length == 1 && string.Equals(grams[0], text, StringComparison.Ordinal);

    /// <summary>Maps <see cref="HasBigrams(string?, string?, string[])"/> and its three-column form to the SQL functions.</summary>
    public static void Map(ModelBuilder builder)
    {
        builder.HasDbFunction(typeof(TextSearch).GetMethod(nameof(HasBigrams), [typeof(string), typeof(string), typeof(string[])])!).HasName("kexie_has_bigrams");
        builder.HasDbFunction(typeof(TextSearch).GetMethod(nameof(HasBigrams), [typeof(string), typeof(string), typeof(string), typeof(string[])])!).HasName("kexie_has_bigrams");
    }
}
