using Microsoft.AspNetCore.Http.Extensions;

namespace Kexie.Web.Pages;

/// <summary>
/// Pagination links that keep the current filters in the query string. Where the list gives a cursor for the next page
/// (<see cref="Kexie.Web.Infrastructure.PagedResult{T}.NextCursor"/>), “下一页” carries it, so a deep page is read from
/// the list-order index after the last row shown instead of skipping every earlier row.
/// </summary>
public sealed record PagerModel(int Page, int PageCount, string Path, IReadOnlyDictionary<string, string?> Query, string? NextCursor = null)
{
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
