using Kexie.Domain.Common;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kexie.Web.Features.Admin;

/// <summary>/api/v1/admin/login-log and /api/v1/admin/operation-log: 登录日志、操作日志 for admins in scope, with Excel export.</summary>
public static class SecurityLogEndpoints
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static RouteGroupBuilder MapSecurityLogs(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/admin").WithTags("安全日志").RequireAuthorization();
        g.MapGet("/login-log", LoginLog)
            .WithSummary("登录日志：时间、账号、姓名、结果与原因、IP、浏览器（user 按账号或姓名筛选，from/to 为北京时间日期，outcome=success|failure，ip 为客户端地址）");
        g.MapGet("/login-log/export.xlsx", ExportLoginLog)
            .WithSummary("导出登录日志（Excel，条件同列表）");
        g.MapGet("/operation-log", OperationLog)
            .WithSummary("操作日志：每个写请求的时间、操作人、地区、操作、方法与路由、状态码、IP、浏览器、耗时（条件同登录日志，outcome 按状态码 <400 为成功）");
        g.MapGet("/operation-log/export.xlsx", ExportOperationLog)
            .WithSummary("导出操作日志（Excel，条件同列表）");
        return api;
    }

    public static async Task<Ok<PagedResult<LoginLogDto>>> LoginLog(HttpContext http, SecurityLogQueries q, string? user, string? from, string? to, string? outcome, string? ip, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await q.LoginLogAsync(http.User.ToActor(), Filter(user, from, to, outcome, ip), page, pageSize, ct));

    public static async Task<FileContentHttpResult> ExportLoginLog(HttpContext http, SecurityLogQueries q, string? user, string? from, string? to, string? outcome, string? ip, CancellationToken ct) =>
        TypedResults.File(await q.ExportLoginLogAsync(http.User.ToActor(), Filter(user, from, to, outcome, ip), ct), Xlsx, "登录日志.xlsx");

    public static async Task<Ok<PagedResult<OperationLogDto>>> OperationLog(HttpContext http, SecurityLogQueries q, string? user, string? from, string? to, string? outcome, string? ip, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await q.OperationLogAsync(http.User.ToActor(), Filter(user, from, to, outcome, ip), page, pageSize, ct));

    public static async Task<FileContentHttpResult> ExportOperationLog(HttpContext http, SecurityLogQueries q, string? user, string? from, string? to, string? outcome, string? ip, CancellationToken ct) =>
        TypedResults.File(await q.ExportOperationLogAsync(http.User.ToActor(), Filter(user, from, to, outcome, ip), ct), Xlsx, "操作日志.xlsx");

    private static SecurityLogFilter Filter(string? user, string? from, string? to, string? outcome, string? ip)
    {
        var (first, last) = QueryDay.Range(from, to);
        return new SecurityLogFilter(user, first, last, outcome, ip);
    }
}
