using Microsoft.AspNetCore.Http.Extensions;

namespace Kexie.Web.Pages;

/// <summary>Pagination links that keep the current filters in the query string.</summary>
public sealed record PagerModel(int Page, int PageCount, string Path, IReadOnlyDictionary<string, string?> Query)
{
    public string UrlFor(int page)
    {
        var query = new QueryBuilder();
        foreach (var (key, value) in Query)
        {
            if (!string.IsNullOrEmpty(value) && key != "p")
            {
                query.Add(key, value);
            }
        }

        query.Add("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Path + query.ToQueryString();
    }
}
