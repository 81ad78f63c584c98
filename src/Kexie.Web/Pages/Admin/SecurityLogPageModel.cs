using Kexie.Web.Features.Admin;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Admin;

/// <summary>The filters shared by the login-log and operation-log pages (user, China dates, outcome, client address, page).</summary>
public abstract class SecurityLogPageModel : KexiePageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserFilter { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Outcome { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Ip { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNumber { get; set; }

    /// <summary>Why the dates were not applied (a start after the end, a year out of range), in words.</summary>
    public string? DateError { get; private set; }

    /// <summary>Reads with the page's filter; dates that cannot be applied are said so and dropped, the rest still answers.</summary>
    protected async Task<T> ReadAsync<T>(Func<SecurityLogFilter, Task<T>> read)
    {
        try
        {
            return await read(Filter);
        }
        catch (Kexie.Domain.Common.DomainValidationException e) when (e.Field is "from" or "to")
        {
            DateError = e.Message;
            return await read(Filter with { From = null, To = null });
        }
    }

    protected SecurityLogFilter Filter => new(UserFilter, From, To, Outcome is "success" or "failure" ? Outcome : null, Ip);

    protected IReadOnlyDictionary<string, string?> Query => new Dictionary<string, string?>
    {
        ["user"] = UserFilter,
        ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["outcome"] = Outcome,
        ["ip"] = Ip,
    };

    protected string ExportUrlFor(string path)
    {
        var query = new QueryBuilder();
        foreach (var (key, value) in Query)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(key, value);
            }
        }

        return path + query.ToQueryString();
    }
}
