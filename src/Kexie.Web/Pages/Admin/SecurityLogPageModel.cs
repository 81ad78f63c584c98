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
