using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Admin;

/// <summary>/api/v1/admin/login-log and /api/v1/admin/operation-log: 登录日志、操作日志 for admins in scope, with Excel export.</summary>
public static class SecurityLogEndpoints
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static RouteGroupBuilder MapSecurityLogs(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/admin").WithTags("安全日志").RequireAuthorization();
        g.MapGet("/login-log", (HttpContext http, SecurityLogQueries q, string? user, string? from, string? to, string? outcome, string? ip, int? page, int? pageSize, CancellationToken ct) =>
                q.LoginLogAsync(http.User.ToActor(), Filter(user, from, to, outcome, ip), page, pageSize, ct))
            .WithSummary("登录日志：时间、账号、姓名、结果与原因、IP、浏览器（user 按账号或姓名筛选，from/to 为北京时间日期，outcome=success|failure，ip 为客户端地址）");
        g.MapGet("/login-log/export.xlsx", async (HttpContext http, SecurityLogQueries q, string? user, string? from, string? to, string? outcome, string? ip, CancellationToken ct) =>
                Results.File(await q.ExportLoginLogAsync(http.User.ToActor(), Filter(user, from, to, outcome, ip), ct), Xlsx, "登录日志.xlsx"))
            .WithSummary("导出登录日志（Excel，条件同列表）");
        g.MapGet("/operation-log", (HttpContext http, SecurityLogQueries q, string? user, string? from, string? to, string? outcome, string? ip, int? page, int? pageSize, CancellationToken ct) =>
                q.OperationLogAsync(http.User.ToActor(), Filter(user, from, to, outcome, ip), page, pageSize, ct))
            .WithSummary("操作日志：每个写请求的时间、操作人、地区、操作、方法与路由、状态码、IP、浏览器、耗时（条件同登录日志，outcome 按状态码 <400 为成功）");
        g.MapGet("/operation-log/export.xlsx", async (HttpContext http, SecurityLogQueries q, string? user, string? from, string? to, string? outcome, string? ip, CancellationToken ct) =>
                Results.File(await q.ExportOperationLogAsync(http.User.ToActor(), Filter(user, from, to, outcome, ip), ct), Xlsx, "操作日志.xlsx"))
            .WithSummary("导出操作日志（Excel，条件同列表）");
        return api;
    }

    private static SecurityLogFilter Filter(string? user, string? from, string? to, string? outcome, string? ip)
    {
        var (first, last) = QueryDay.Range(from, to);
        return new SecurityLogFilter(user, first, last, outcome, ip);
    }
}
