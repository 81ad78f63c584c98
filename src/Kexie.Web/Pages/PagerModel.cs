using Microsoft.AspNetCore.Http.Extensions;

namespace Kexie.Web.Pages;

/// <summary>
/// Pagination links that keep the current filters in the query string. Where the list gives a cursor for the next page
/// (<see cref="Kexie.Web.Infrastructure.PagedResult{T}.NextCursor"/>), “下一页” carries it, so a deep page is read from
/// the list-order index after the last row shown instead of skipping every earlier row, and “上一页” carries the first
/// row's (<see cref="Kexie.Web.Infrastructure.PagedResult{T}.PreviousCursor"/>, as <c>before</c>). A list whose count stopped at
/// its cap (<see cref="Kexie.Web.Infrastructure.ListCount"/>) shows “第 N 页” without a page count.
/// </summary>
public sealed record PagerModel(int Page, int PageCount, string Path, IReadOnlyDictionary<string, string?> Query, string? NextCursor = null, bool? NextPage = null, bool CountCapped = false, string? PreviousCursor = null)
{
    /// <summary>The pager of a list page: its cursors, whether a page follows, and whether its count is capped.</summary>
    public static PagerModel Of<T>(Kexie.Web.Infrastructure.PagedResult<T> result, string path, IReadOnlyDictionary<string, string?> query) =>
        new(result.Page, result.PageCount, path, query, result.NextCursor, result.HasNext, result.TotalCapped, result.PreviousCursor);

    /// <summary>
    /// A cursor list page's rows: by its <c>after</c>/<c>before</c> cursor (<paramref name="cursor"/>, either), or, when that
    /// cursor is malformed (hand-edited), belongs to another order, or leads past the rows there are now (stale), the
    /// first page with <see cref="Kexie.Web.Infrastructure.ListCursor.StaleNotice"/> instead of an error page.
    /// <paramref name="list"/> reads the page by the cursor (true) or the first page (false).
    /// </summary>
    public static async Task<(Kexie.Web.Infrastructure.PagedResult<T> Result, string? Notice)> ByCursorOrFirstPageAsync<T>(string? cursor, Func<bool, Task<Kexie.Web.Infrastructure.PagedResult<T>>> list)
    {
        if (string.IsNullOrWhiteSpace(cursor))
        {
            return (await list(true), null);
        }

        try
        {
            var result = await list(true);
            if (result.Items.Count > 0)
            {
                return (result, null);
            }
        }
        catch (Kexie.Domain.Common.DomainValidationException e) when (e.Field is "after" or "before")
        {
        }

        var first = await list(false);
        return (first, first.Items.Count > 0 ? Kexie.Web.Infrastructure.ListCursor.StaleNotice : null);
    }

    /// <summary>Whether “下一页” is shown.</summary>
    public bool HasNext => NextPage ?? Page < PageCount;

    public string Label => CountCapped
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"第 {Page} 页")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"第 {Page} / {PageCount} 页");

    public string UrlFor(int page) => Build(page, null, null);

    /// <summary>The next page: by the cursor when the list gave one, else by number.</summary>
    public string NextUrl => Build(Page + 1, NextCursor, null);

    /// <summary>The previous page: before the page's first row when the list gave its cursor, else by number.</summary>
    public string PreviousUrl => Build(Math.Max(1, Page - 1), null, PreviousCursor);

    private string Build(int page, string? after, string? before)
    {
        var query = new QueryBuilder();
        foreach (var (key, value) in Query)
        {
            if (!string.IsNullOrEmpty(value) && key is not "p" and not "after" and not "before")
            {
                query.Add(key, value);
            }
        }

        query.Add("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(after))
        {
            query.Add("after", after);
        }

        if (!string.IsNullOrEmpty(before))
        {
            query.Add("before", before);
        }

        return Path + query.ToQueryString();
    }
}
