using Microsoft.AspNetCore.Http.Extensions;

namespace Kexie.Web.Pages;

/// <summary>
/// Pagination links that keep the current filters in the query string. Where the list gives a cursor for the next page
/// (<see cref="Kexie.Web.Infrastructure.PagedResult{T}.NextCursor"/>), “下一页” carries it, so a deep page is read from
/// the list-order index after the last row shown instead of skipping every earlier row. A list whose count stopped at
/// its cap (<see cref="Kexie.Web.Infrastructure.ListCount"/>) shows “第 N 页” without a page count.
/// </summary>
public sealed record PagerModel(int Page, int PageCount, string Path, IReadOnlyDictionary<string, string?> Query, string? NextCursor = null, bool? NextPage = null, bool CountCapped = false)
{
    /// <summary>The pager of a list page: its cursor, whether a page follows, and whether its count is capped.</summary>
    public static PagerModel Of<T>(Kexie.Web.Infrastructure.PagedResult<T> result, string path, IReadOnlyDictionary<string, string?> query) =>
        new(result.Page, result.PageCount, path, query, result.NextCursor, result.HasNext, result.TotalCapped);

    /// <summary>Whether “下一页” is shown.</summary>
    public bool HasNext => NextPage ?? Page < PageCount;

    public string Label => CountCapped
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"第 {Page} 页")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"第 {Page} / {PageCount} 页");

    public string UrlFor(int page) => Build(page, null);

    /// <summary>The next page: by the cursor when the list gave one, else by number.</summary>
    public string NextUrl => Build(Page + 1, NextCursor);

    private string Build(int page, string? after)
    {
        var query = new QueryBuilder();
        foreach (var (key, value) in Query)
        {
            if (!string.IsNullOrEmpty(value) && key is not "p" and not "after")
            {
                query.Add(key, value);
            }
        }

        query.Add("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(after))
        {
            query.Add("after", after);
        }

        return Path + query.ToQueryString();
    }
}
