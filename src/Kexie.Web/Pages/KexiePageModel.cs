using System.Reflection;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Kexie.Web.Pages;

/// <summary>What the status page shows for a 403 or 404.</summary>
public sealed record StatusInfo(int Status, string Title, string Detail);

/// <summary>
/// Base of the site's pages: the current <see cref="Actor"/>, Chinese validation messages mapped
/// onto form fields, and 404/403 from the services rendered as a page with the right status code.
/// </summary>
public abstract class KexiePageModel : PageModel
{
    public Actor Actor => User.ToActor();

    /// <summary>
    /// Whether the viewer may use <paramref name="permission"/>, at all or on a record of <paramref name="regionCode"/>: the
    /// authorization model's answer (<see cref="Kexie.Domain.Authorization.AccessPolicy"/>), so a page never re-derives it
    /// from the role.
    /// </summary>
    public bool Can(Kexie.Domain.Authorization.Permission permission, string? regionCode = null)
    {
        var policy = HttpContext.RequestServices.GetRequiredService<Kexie.Domain.Authorization.AccessPolicy>();
        return regionCode is null ? policy.Can(Actor, permission) : policy.Can(Actor, permission, regionCode);
    }

    /// <summary>
    /// The region a statistics page opens on when none is chosen: the viewer's own managed region, else the region whose 科协
    /// runs the site (<c>Site:RegionCode</c>); null when the site has none (the page then asks for a region).
    /// </summary>
    protected string? HomeRegion => Actor.ManagedScope is { Length: > 0 } scope
        ? scope
        : HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Kexie.Web.Features.Workbench.SiteOptions>>().Value.RegionCode?.Trim() is { Length: > 0 } site ? site : null;

    /// <summary>A one-shot notice shown after a redirect (saved, verified, imported…).</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>A one-shot error shown after a redirect (e.g. an action the record's state does not allow).</summary>
    [TempData]
    public string? Alert { get; set; }

    /// <summary>
    /// This page's address without the <c>handler</c> a form posted to, for the redirect back after a POST: kept, it
    /// would stay in the address bar and a form on the page without its own target would post to that handler again.
    /// </summary>
    protected string ThisPageUrl()
    {
        var query = Request.Query
            .Where(q => !string.Equals(q.Key, "handler", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        return Request.Path + QueryString.Create(query);
    }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is { } ex && !executed.ExceptionHandled)
        {
            var status = ex switch
            {
                NotFoundException => new StatusInfo(404, "记录不存在", ex.Message),
                AccessDeniedException or UnauthorizedAccessException or Kexie.Domain.Market.NotPermittedException => new StatusInfo(403, "无权访问", ex.Message),
                InvalidTransitionException => new StatusInfo(409, "当前状态不允许此操作", ex.Message),
                Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => new StatusInfo(409, "记录已被他人修改", "记录已被他人修改，请刷新后重试"),
                _ => null,
            };
            if (status is not null)
            {
                executed.Result = StatusPage(status);
                executed.ExceptionHandled = true;
            }
        }
    }

    /// <summary>Renders the shared status page (with the site layout) and the given HTTP status.</summary>
    protected IActionResult StatusPage(StatusInfo status) => new ViewResult
    {
        ViewName = "/Pages/Shared/_Status.cshtml",
        StatusCode = status.Status,
        ViewData = new ViewDataDictionary<StatusInfo>(ViewData, status) { ["Title"] = status.Title },
    };

    protected IActionResult NotFoundPage(string detail) => StatusPage(new StatusInfo(404, "记录不存在", detail));

    protected IActionResult ForbiddenPage(string detail) => StatusPage(new StatusInfo(403, "无权访问", detail));

    /// <summary>The 403 page for a handler whose permission the user lacks (used by <see cref="PermissionPageFilter"/>).</summary>
    internal IActionResult Denied(string detail) => ForbiddenPage(detail);
    /// <summary>
    /// Puts a service's Chinese validation message next to the form field it names
    /// ("phone" → "Input.Phone"); a field the form does not have goes to the summary.
    /// </summary>
    protected void AddError<TInput>(DomainValidationException e, string prefix = "Input")
    {
        if (e is DomainValidationErrors many)
        {
            foreach (var one in many.Errors)
            {
                ModelState.AddModelError(FieldKey<TInput>(one.Field, prefix), one.Message);
            }

            return;
        }

        ModelState.AddModelError(FieldKey<TInput>(e.Field, prefix), e.Message);
    }

    public static string FieldKey<TInput>(string field, string prefix = "Input")
    {
        if (string.IsNullOrEmpty(field))
        {
            return string.Empty;
        }

        var property = typeof(TInput).GetProperty(field, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is null ? string.Empty : $"{prefix}.{property.Name}";
    }

    /// <summary>Parses an optional whole number typed into a form, with a Chinese message on failure.</summary>
    protected static int? ParseInt(string? text, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new DomainValidationException(field, $"{label}“{text.Trim()}”不是有效的数字");
    }

    /// <summary>Parses an enum chosen from a select list, with a Chinese message on failure.</summary>
    protected static TEnum ParseEnum<TEnum>(string? text, string field, string label, TEnum? fallback = null)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text) && fallback is { } value)
        {
            return value;
        }

        return Enum.TryParse<TEnum>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new DomainValidationException(field, $"请选择{label}");
    }
}
