using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kexie.Web.Pages;

/// <summary>
/// Chinese page for bare status codes of non-API URLs (unknown address, method not allowed…). It is also re-executed for
/// refused form posts (another origin, an unreadable charset), which carry no valid antiforgery token; it changes nothing,
/// so it does not ask for one.
/// </summary>
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string Message { get; private set; } = string.Empty;

    public void OnGet(int code) => Set(code);

    // A refused form (e.g. one with U+0000, which the framework's form reader rejects) cannot bind `code` from the form
    // value provider; the route still has it.
    private int RouteCode(int bound) =>
        bound == 0 && int.TryParse(RouteData.Values["code"] as string, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : bound;

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Account.AccountPermissions), nameof(Kexie.Web.Features.Account.AccountPermissions.SignIn))]
    public void OnPost(int code) => Set(code);

    private void Set(int code)
    {
        code = RouteCode(code);
        Code = code;
        (Title, Message) = code switch
        {
            404 => ("页面不存在", "您访问的地址不存在，可能已被删除或输入有误。"),
            403 => ("无权访问", "您的账号无权访问此页面。"),
            401 => ("请先登录", "请登录后再访问此页面。"),
            405 => ("不支持的操作", "此页面不支持该请求方式。"),
            415 => ("无法识别的内容", "请求的内容类型或字符集无法识别，请使用 UTF-8 编码重新提交。"),
            429 => ("请求过于频繁", "请求过于频繁，请稍后再试。"),
            400 when HttpContext.Items[Kexie.Web.Infrastructure.StorableText.StatusDetailKey] is string detail => ("请求参数不正确", detail),
            400 => ("请求参数不正确", "提交的内容不正确，请检查后重试。"),
            _ => ("请求未能完成", "请求未能完成，请稍后重试。"),
        };
    }
}
