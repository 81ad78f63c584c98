using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Infrastructure;

/// <summary>One page of a list.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    /// <summary>For lists that offer keyset pagination: pass as <c>after</c> for the next page; null on the last page.</summary>
    public string? NextCursor { get; init; }

    /// <summary>
    /// True when the list holds more rows than <see cref="Total"/> says: the list counted no further than
    /// <see cref="ListCount.Cap"/> (<see cref="ListCount"/>), so <see cref="Total"/> is a lower bound.
    /// </summary>
    public bool TotalCapped { get; init; }

    /// <summary>Whether a page follows this one; lists that read one row more than the page say it, the others go by the count.</summary>
    public bool HasNext
    {
        get => more ?? Page < PageCount;
        init => more = value;
    }

    private readonly bool? more;

    public int PageCount => PageSize == 0 ? 0 : (Total + PageSize - 1) / PageSize;

    /// <summary>The count as people read it: "1234", or "1万+" when the count stopped at the cap.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string TotalLabel => ListCount.Label(Total, TotalCapped);
}

/// <summary>Page and size as requested, clamped to sane bounds.</summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public static PageRequest Of(int? page, int? pageSize) => new(Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 20, 1, 200));

    /// <summary>Rows before the page; a page far past the end (page=2147483647) skips everything instead of overflowing to the first page.</summary>
    public int Skip => (int)Math.Min(int.MaxValue, (long)(Page - 1) * PageSize);
}

/// <summary>
/// The count of a list page that does not scan a whole table: it counts at most <see cref="Cap"/> + 1 rows
/// (<c>SELECT count(*) FROM (… LIMIT cap + 1)</c>), so a list of 720,000 science workers costs what one of 10,000 costs,
/// and says "1万+" beyond it. Used by the needs, offers, science-worker and organization lists.
/// </summary>
public static class ListCount
{
    public const int Cap = 10_000;

    /// <summary>The rows of <paramref name="query"/>, up to <paramref name="cap"/>; Capped when there are more.</summary>
    public static async Task<(int Total, bool Capped)> CountAsync<T>(IQueryable<T> query, CancellationToken ct, int cap = Cap)
    {
        var counted = await query.Take(cap + 1).CountAsync(ct);
        return counted > cap ? (cap, true) : (counted, false);
    }

    /// <summary>"1234"; a capped count as "1万+" (whole 万) or "500+".</summary>
    public static string Label(int total, bool capped)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (!capped)
        {
            return total.ToString(culture);
        }

        return total >= 10_000 && total % 10_000 == 0 ? (total / 10_000).ToString(culture) + "万+" : total.ToString(culture) + "+";
    }

    /// <summary>A page of a list with its capped count, the total and the next-page flag set.</summary>
    public static PagedResult<T> Page<T>(IReadOnlyList<T> items, (int Total, bool Capped) count, PageRequest page, bool hasNext, string? nextCursor = null) =>
        new(items, count.Total, page.Page, page.PageSize) { TotalCapped = count.Capped, HasNext = hasNext, NextCursor = nextCursor };
}

/// <summary>
/// Where the next page of a list starts (keyset pagination): the last row's sort keys and its id. Sent as
/// <c>nextCursor</c> and read back from <c>after</c>, so a deep page costs what the first one costs instead of skipping
/// every row before it. Opaque to clients: the keys and the id joined by '.', each key percent-escaped (a '.' too);
/// "{ticks}.{offset minutes}.{id}" for the lists by publication time (<see cref="ByTime"/>), "{region code}.{name}.{id}"
/// for the directories (<see cref="KeysetPaging.AfterRegionAndName{T}"/>).
/// </summary>
public readonly record struct ListCursor(IReadOnlyList<string> Keys, Guid Id)
{
    public const string InvalidMessage = "翻页游标（after）无效，请从第一页重新翻页";

    /// <summary>The cursor of a list ordered by a time, then the id.</summary>
    public static ListCursor ByTime(DateTimeOffset at, Guid id) => new(
        [at.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture), ((int)at.Offset.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture)], id);

    /// <summary>The time of a cursor read by <see cref="ParseTime"/>.</summary>
    public DateTimeOffset At => new(long.Parse(Keys[0], System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromMinutes(int.Parse(Keys[1], System.Globalization.CultureInfo.InvariantCulture)));

    public string Encode() => string.Join('.', Keys.Select(k => Uri.EscapeDataString(k).Replace(".", "%2E", StringComparison.Ordinal)).Append(Id.ToString("N")));

    /// <summary>The cursor in <paramref name="text"/> with <paramref name="keys"/> sort keys; null when empty; a problem naming <paramref name="field"/> when malformed.</summary>
    public static ListCursor? Parse(string? text, int keys, string field = "after")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Trim().Split('.');
        if (parts.Length == keys + 1 && Guid.TryParseExact(parts[^1], "N", out var id))
        {
            try
            {
                return new ListCursor(parts[..^1].Select(Uri.UnescapeDataString).ToArray(), id);
            }
            catch (UriFormatException)
            {
            }
        }

        throw new Kexie.Domain.Common.DomainValidationException(field, InvalidMessage);
    }

    /// <summary>A cursor made by <see cref="ByTime"/>; null when empty; a problem naming <paramref name="field"/> when malformed.</summary>
    public static ListCursor? ParseTime(string? text, string field = "after")
    {
        if (Parse(text, 2, field) is not { } cursor)
        {
            return null;
        }

        var style = System.Globalization.NumberStyles.AllowLeadingSign;
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (long.TryParse(cursor.Keys[0], style, culture, out var ticks) && int.TryParse(cursor.Keys[1], style, culture, out var minutes)
            && minutes is >= -14 * 60 and <= 14 * 60 && ticks >= DateTimeOffset.MinValue.Ticks && ticks <= DateTimeOffset.MaxValue.Ticks)
        {
            try
            {
                _ = new DateTimeOffset(ticks, TimeSpan.FromMinutes(minutes));
                return cursor;
            }
            catch (ArgumentOutOfRangeException)
            {
            }
        }

        throw new Kexie.Domain.Common.DomainValidationException(field, InvalidMessage);
    }
}

/// <summary>Keyset pages of lists ordered by region code, then name, then id (the directories).</summary>
public static class KeysetPaging
{
    /// <summary>Rows in (region code, name, id) order.</summary>
    public static IOrderedQueryable<T> OrderByRegionAndName<T>(this IQueryable<T> query, Expression<Func<T, string>> region, Expression<Func<T, string>> name, Expression<Func<T, Guid>> id) =>
        query.OrderBy(region).ThenBy(name).ThenBy(id);

    /// <summary>
    /// Rows after <paramref name="after"/> ("{region code}.{name}.{id}") in that order: the first term alone bounds a scan
    /// of the list-order index (<c>IX_*_ListOrder</c>), the rest breaks ties.
    /// </summary>
    public static IQueryable<T> AfterRegionAndName<T>(this IQueryable<T> query, Expression<Func<T, string>> region, Expression<Func<T, string>> name, Expression<Func<T, Guid>> id, ListCursor after)
    {
        var (r, n, i) = (after.Keys[0], after.Keys[1], after.Id);
        Expression<Func<string, string, Guid, bool>> later = (R, N, I) =>
            string.Compare(R, r) >= 0 && (string.Compare(R, r) > 0 || string.Compare(N, n) > 0 || (N == n && I.CompareTo(i) > 0));
        var row = Expression.Parameter(typeof(T), "row");
        var body = ExpressionSubstitute.Body(later, ExpressionSubstitute.Body(region, row), ExpressionSubstitute.Body(name, row), ExpressionSubstitute.Body(id, row));
        return query.Where(Expression.Lambda<Func<T, bool>>(body, row));
    }

    /// <summary>
    /// One page of a directory list in (region code, name, id) order: after <paramref name="after"/> when given (a range of the
    /// list-order index, not a skip over every earlier row), else by <paramref name="page"/>'s number. One row more than the page
    /// says whether a next page exists; its cursor is the page's last row (<paramref name="cursorOf"/>).
    /// </summary>
    public static async Task<(List<T> Items, bool HasNext, string? NextCursor)> PageByRegionAndNameAsync<T>(
        this IQueryable<T> query, Expression<Func<T, string>> region, Expression<Func<T, string>> name, Expression<Func<T, Guid>> id,
        Func<T, string> cursorOf, string? after, PageRequest page, CancellationToken ct)
    {
        var skip = page.Skip;
        if (ListCursor.Parse(after, 2) is { } cursor)
        {
            query = query.AfterRegionAndName(region, name, id, cursor);
            skip = 0;
        }

        var rows = await query.OrderByRegionAndName(region, name, id).Skip(skip).Take(page.PageSize + 1).ToListAsync(ct);
        var items = rows.Take(page.PageSize).ToList();
        var hasNext = rows.Count > page.PageSize;
        return (items, hasNext, hasNext ? cursorOf(items[^1]) : null);
    }

    /// <summary>The cursor of a directory page's last row.</summary>
    public static string Cursor(string regionCode, string name, Guid id) => new ListCursor([regionCode, name], id).Encode();
}
