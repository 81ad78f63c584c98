using System.Linq.Expressions;
using Kexie.Data;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Infrastructure;

/// <summary>One page of a list.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    /// <summary>For lists that offer keyset pagination: pass as <c>after</c> for the next page; null on the last page.</summary>
    public string? NextCursor { get; init; }

    /// <summary>For lists that offer keyset pagination: pass as <c>before</c> for the previous page; null on the first page.</summary>
    public string? PreviousCursor { get; init; }

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

    /// <summary>
    /// The cap of a keyword search's count (the needs' and offers' <c>q</c>): a frequent word (检测: 14,000 offers) would
    /// otherwise read 10,001 rows for a figure nobody reads exactly; “1000+” is what the page needs.
    /// </summary>
    public const int SearchCap = 1_000;

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

    /// <summary>A keyset page (<see cref="KeysetPaging.PageAsync"/>) with its capped count.</summary>
    public static PagedResult<T> Page<T>(KeysetPage<T> page, (int Total, bool Capped) count, int pageSize) =>
        new(page.Items, count.Total, page.Page, pageSize) { TotalCapped = count.Capped, HasNext = page.HasNext, NextCursor = page.NextCursor, PreviousCursor = page.PreviousCursor };
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

    /// <summary>What a list page says when its <c>after</c> or <c>before</c> no longer leads anywhere and it shows the first page instead.</summary>
    public const string StaleNotice = "翻页位置已失效，已回到第一页";

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

        throw new Kexie.Domain.Common.DomainValidationException(field, Message(field));
    }

    /// <summary>"翻页游标（after）无效…", naming the parameter.</summary>
    private static string Message(string field) => field == "after" ? InvalidMessage : InvalidMessage.Replace("after", field, StringComparison.Ordinal);

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

        throw new Kexie.Domain.Common.DomainValidationException(field, Message(field));
    }
}

/// <summary>One keyset page: its rows, its number, and whether pages follow and precede it with their cursors.</summary>
public sealed record KeysetPage<T>(List<T> Items, int Page, bool HasNext, string? NextCursor, string? PreviousCursor)
{
    /// <summary>The same page with each row made into <typeparamref name="TOut"/>.</summary>
    public KeysetPage<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), Page, HasNext, NextCursor, PreviousCursor);
}

/// <summary>
/// A list's order for <see cref="KeysetPaging.PageAsync"/>: <c>Order(query, reversed)</c> sorts (the sort keys, then the
/// id; reversed, every key the other way), <c>Beyond(query, cursor, reversed)</c> keeps the rows after the cursor in that
/// order — a range of the list-order index. Without <c>Beyond</c> the order pages by number only (no cursors).
/// <c>KeyAt(query, index, ct)</c> reads the cursor of the row at a position in the order (0 the first), selecting the
/// sort keys and the id only: a deep page by number starts after the key of the last row before it, so its skip reads
/// the narrow list-order index (an index-only scan where the index covers the list's filter) instead of whole rows.
/// <c>Id</c> is the row's id, by which <see cref="KeysetPaging.PageAsync"/> reads a page's rows after its keys (its
/// <c>rowsById</c>).
/// </summary>
public sealed record KeysetOrder<T>(
    Func<IQueryable<T>, bool, IOrderedQueryable<T>> Order,
    Func<IQueryable<T>, ListCursor, bool, IQueryable<T>>? Beyond = null,
    Func<IQueryable<T>, int, CancellationToken, Task<ListCursor?>>? KeyAt = null,
    Expression<Func<T, Guid>>? Id = null)
{
    /// <summary>Rows by a time, newest first (or oldest first), then the id: the needs and offers lists.</summary>
    public static KeysetOrder<T> ByTime(Expression<Func<T, DateTimeOffset>> at, Expression<Func<T, Guid>> id, bool oldestFirst)
    {
        Expression<Func<DateTimeOffset, Guid, DateTimeOffset, Guid, bool>> laterOrEqualTime = (A, I, a, i) => A >= a && (A > a || I.CompareTo(i) > 0);
        Expression<Func<DateTimeOffset, Guid, DateTimeOffset, Guid, bool>> earlierOrEqualTime = (A, I, a, i) => A <= a && (A < a || I.CompareTo(i) > 0);
        Expression<Func<DateTimeOffset, Guid, DateTimeOffset, Guid, bool>> laterTimeSmallerId = (A, I, a, i) => A >= a && (A > a || I.CompareTo(i) < 0);
        Expression<Func<DateTimeOffset, Guid, DateTimeOffset, Guid, bool>> earlierTimeSmallerId = (A, I, a, i) => A <= a && (A < a || I.CompareTo(i) < 0);
        IOrderedQueryable<T> Ordered(IQueryable<T> query, bool reversed) =>
            oldestFirst != reversed ? query.OrderBy(at).ThenById(id, reversed) : query.OrderByDescending(at).ThenById(id, reversed);
        var key = KeysetPaging.Select<T, TimeKey>(at, id, [nameof(TimeKey.At), nameof(TimeKey.Id)]);
        return new KeysetOrder<T>(
            Ordered,
            (query, cursor, reversed) =>
            {
                // Forward (newest first): time <= cursor's, ties by a larger id; backward the mirror image. The first term
                // alone bounds the index scan; the second breaks ties.
                var term = (oldestFirst, reversed) switch
                {
                    (false, false) => earlierOrEqualTime,
                    (false, true) => laterTimeSmallerId,
                    (true, false) => laterOrEqualTime,
                    (true, true) => earlierTimeSmallerId,
                };
                return query.Where(KeysetPaging.Bind(term, at, id, cursor.At, cursor.Id));
            },
            async (query, index, ct) => await Ordered(query, false).Skip(index).Select(key).FirstOrDefaultAsync(ct) is { } row ? ListCursor.ByTime(row.At, row.Id) : null,
            id);
    }

    /// <summary>Rows by region code, then name, then id: the directories.</summary>
    public static KeysetOrder<T> ByRegionAndName(Expression<Func<T, string>> region, Expression<Func<T, string>> name, Expression<Func<T, Guid>> id)
    {
        var key = KeysetPaging.Select<T, NameKey>(region, name, id, [nameof(NameKey.Region), nameof(NameKey.Name), nameof(NameKey.Id)]);
        return new(
            (query, reversed) => reversed
                ? query.OrderByDescending(region).ThenByDescending(name).ThenByDescending(id)
                : query.OrderBy(region).ThenBy(name).ThenBy(id),
            (query, cursor, reversed) => reversed ? query.BeforeRegionAndName(region, name, id, cursor) : query.AfterRegionAndName(region, name, id, cursor),
            async (query, index, ct) => await query.OrderByRegionAndName(region, name, id).Skip(index).Select(key).FirstOrDefaultAsync(ct) is { } row
                ? KeysetPaging.CursorOf(row.Region, row.Name, row.Id)
                : null);
    }
}

/// <summary>The sort keys of a row in publication-time order (<see cref="KeysetOrder{T}.KeyAt"/>).</summary>
public sealed class TimeKey
{
    public DateTimeOffset At { get; set; }

    public Guid Id { get; set; }
}

/// <summary>The sort keys of a directory row (<see cref="KeysetOrder{T}.KeyAt"/>).</summary>
public sealed class NameKey
{
    public string Region { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public Guid Id { get; set; }
}

/// <summary>Keyset pages of lists: one page after a cursor (下一页), before one (上一页), or by number.</summary>
public static class KeysetPaging
{
    /// <summary>
    /// From this page on, a page asked for by number (<c>page=N</c>, a shared link) of a list with cursors is read after
    /// the key of the row before it (<see cref="KeysetOrder{T}.KeyAt"/>) instead of by <c>OFFSET</c> over whole rows;
    /// the first pages keep the plain skip, which costs nothing there.
    /// </summary>
    public const int SeekFromPage = 4;

    /// <summary><c>row => new TKey { A = first(row), B = second(row)… }</c>, the members named in order.</summary>
    internal static Expression<Func<T, TKey>> Select<T, TKey>(LambdaExpression first, LambdaExpression second, string[] members) =>
        Select<T, TKey>([first, second], members);

    internal static Expression<Func<T, TKey>> Select<T, TKey>(LambdaExpression first, LambdaExpression second, LambdaExpression third, string[] members) =>
        Select<T, TKey>([first, second, third], members);

    private static Expression<Func<T, TKey>> Select<T, TKey>(LambdaExpression[] keys, string[] members)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var bindings = keys.Zip(members, (key, member) => (MemberBinding)Expression.Bind(typeof(TKey).GetProperty(member)!, ExpressionSubstitute.Body(key, row)));
        return Expression.Lambda<Func<T, TKey>>(Expression.MemberInit(Expression.New(typeof(TKey)), bindings), row);
    }

    /// <summary>
    /// One page of <paramref name="query"/> in <paramref name="order"/>: after <paramref name="after"/> (下一页), before
    /// <paramref name="before"/> (上一页: the rows before it read backwards, then turned round), else by
    /// <paramref name="page"/>'s number — a range of the list-order index, not a skip, whenever a cursor is given; from
    /// page <see cref="SeekFromPage"/> on, a page by number is read after the key of the row before it. One row
    /// more than the page says whether a further page exists in the direction read; a page read after a cursor has one
    /// before it, one read before a cursor one after it. A page read backwards that finds nothing further before it is
    /// the first page: then the first page is read as such, whole (rows removed since would otherwise shorten it).
    /// <paramref name="cursorOf"/> makes a row's cursor; null for orders that page by number only.
    /// With <paramref name="rowsById"/> (the table, unfiltered) and an order that names its <c>Id</c>, the page is read
    /// keys first: the filtered, ordered and limited query selects only the ids (an index-only scan where an index
    /// covers the filter and the sort keys: a county's 600 offers sorted from index entries, not from 600 heap rows),
    /// then the page's rows are read by those ids and put in the same order — the same rows in the same order.
    /// </summary>
    public static async Task<KeysetPage<TRow>> PageAsync<T, TRow>(
        this IQueryable<T> query, KeysetOrder<T> order, Expression<Func<T, TRow>> select, Func<TRow, ListCursor>? cursorOf,
        ListCursor? after, ListCursor? before, PageRequest page, CancellationToken ct, IQueryable<T>? rowsById = null)
    {
        Task<List<TRow>> Read(IQueryable<T> limited, bool reversed)
        {
            if (rowsById is null || order.Id is not { } id)
            {
                return limited.Select(select).ToListAsync(ct);
            }

            // WHERE "Id" IN (SELECT "Id" … ORDER BY … LIMIT n): the ids of the page, then their rows, ordered again.
            var ids = limited.Select(id);
            var row = Expression.Parameter(typeof(T), "row");
            var contains = Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(Guid)], ids.Expression, ExpressionSubstitute.Body(id, row));
            return order.Order(rowsById.Where(Expression.Lambda<Func<T, bool>>(contains, row)), reversed).Select(select).ToListAsync(ct);
        }

        if ((after is not null || before is not null) && (order.Beyond is null || cursorOf is null))
        {
            throw new Kexie.Domain.Common.DomainValidationException(after is not null ? "after" : "before", "翻页游标只能用于按发布时间排序（sort 为 newest 或 oldest）");
        }

        var size = page.PageSize;
        if (before is { } b && order.Beyond is { } beyondBefore)
        {
            var back = await Read(order.Order(beyondBefore(query, b, true), true).Take(size + 1), true);
            if (back.Count > size)
            {
                var items = back.Take(size).Reverse().ToList();
                return Made(items, Math.Max(2, page.Page), hasNext: true, hasPrevious: true);
            }

            page = page with { Page = 1 };
        }

        var skip = 0;
        var source = query;
        if (after is null && before is null && page.Page >= SeekFromPage && order.Beyond is { } seek && order.KeyAt is { } keyAt && cursorOf is not null)
        {
            // A deep page by number: the key of the last row before it (a skip over the narrow list-order index), then
            // the page after that key, as 下一页 from the page before would read it. No such row: past the end.
            if (await keyAt(query, page.Skip - 1, ct) is not { } boundary)
            {
                return Made([], page.Page, hasNext: false, hasPrevious: true);
            }

            var seeked = await Read(order.Order(seek(query, boundary, false), false).Take(size + 1), false);
            return Made(seeked.Take(size).ToList(), page.Page, seeked.Count > size, hasPrevious: true);
        }

        if (after is { } a && order.Beyond is { } beyond)
        {
            source = beyond(query, a, false);
        }
        else
        {
            skip = before is null ? page.Skip : 0;
        }

        var rows = await Read(order.Order(source, false).Skip(skip).Take(size + 1), false);
        var shown = rows.Take(size).ToList();
        return Made(shown, after is null ? page.Page : Math.Max(2, page.Page), rows.Count > size, hasPrevious: after is not null || skip > 0);

        KeysetPage<TRow> Made(List<TRow> items, int number, bool hasNext, bool hasPrevious) => new(
            items,
            number,
            hasNext,
            hasNext && items.Count > 0 && cursorOf is not null ? cursorOf(items[^1]).Encode() : null,
            hasPrevious && items.Count > 0 && cursorOf is not null ? cursorOf(items[0]).Encode() : null);
    }

    /// <summary><paramref name="term"/> (row time, row id, cursor time, cursor id) over a row's time and id.</summary>
    internal static Expression<Func<T, bool>> Bind<T>(Expression<Func<DateTimeOffset, Guid, DateTimeOffset, Guid, bool>> term, Expression<Func<T, DateTimeOffset>> at, Expression<Func<T, Guid>> id, DateTimeOffset cursorAt, Guid cursorId)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var closure = new { At = cursorAt, Id = cursorId };
        var body = ExpressionSubstitute.Body(
            term,
            ExpressionSubstitute.Body(at, row),
            ExpressionSubstitute.Body(id, row),
            Expression.Property(Expression.Constant(closure), "At"),
            Expression.Property(Expression.Constant(closure), "Id"));
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    internal static IOrderedQueryable<T> ThenById<T>(this IOrderedQueryable<T> query, Expression<Func<T, Guid>> id, bool descending) =>
        descending ? query.ThenByDescending(id) : query.ThenBy(id);

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

    /// <summary>Rows before <paramref name="before"/> in (region code, name, id) order: the mirror image of <see cref="AfterRegionAndName{T}"/>.</summary>
    public static IQueryable<T> BeforeRegionAndName<T>(this IQueryable<T> query, Expression<Func<T, string>> region, Expression<Func<T, string>> name, Expression<Func<T, Guid>> id, ListCursor before)
    {
        var (r, n, i) = (before.Keys[0], before.Keys[1], before.Id);
        Expression<Func<string, string, Guid, bool>> earlier = (R, N, I) =>
            string.Compare(R, r) <= 0 && (string.Compare(R, r) < 0 || string.Compare(N, n) < 0 || (N == n && I.CompareTo(i) < 0));
        var row = Expression.Parameter(typeof(T), "row");
        var body = ExpressionSubstitute.Body(earlier, ExpressionSubstitute.Body(region, row), ExpressionSubstitute.Body(name, row), ExpressionSubstitute.Body(id, row));
        return query.Where(Expression.Lambda<Func<T, bool>>(body, row));
    }

    /// <summary>The cursor of a directory row.</summary>
    public static ListCursor CursorOf(string regionCode, string name, Guid id) => new([regionCode, name], id);
}
