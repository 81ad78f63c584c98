using Kexie.Data;
using Kexie.Data.Exchange;
using Kexie.Data.Security;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Features.Admin;

public sealed record LoginLogDto(
    long Id,
    DateTimeOffset At,
    string UserName,
    string? DisplayName,
    string? RegionCode,
    string? RegionName,
    bool Succeeded,
    LoginOutcome Outcome,
    string Result,
    string Reason,
    string? Ip,
    string? UserAgent);

public sealed record OperationLogDto(
    long Id,
    DateTimeOffset At,
    string? UserName,
    string? DisplayName,
    string? RegionCode,
    string? RegionName,
    string Method,
    string Route,
    string? Operation,
    int StatusCode,
    bool Succeeded,
    string? Ip,
    string? UserAgent,
    int DurationMs);

/// <summary>Filters of both logs: a user (login name or display name contains), China dates (inclusive), and outcome (success/failure).</summary>
/// <param name="Ip">The client address, exactly (an investigation starts from one).</param>
public sealed record SecurityLogFilter(string? User, DateOnly? From, DateOnly? To, string? Outcome, string? Ip = null)
{
    public bool? Succeeded => Outcome?.Trim().ToLowerInvariant() switch
    {
        null or "" or "all" => null,
        "success" or "succeeded" or "成功" => true,
        "failure" or "failed" or "失败" => false,
        _ => throw new DomainValidationException("outcome", "结果应为 success（成功）或 failure（失败）"),
    };
}

/// <summary>
/// The login log and the operation log for admins: a platform admin sees every row (anonymous and unknown-name rows
/// included), an association admin the rows of users of its region subtree. Newest first.
/// </summary>
public sealed class SecurityLogQueries(KexieDbContext db, IOptionsMonitor<SecurityOptions> options, Kexie.Domain.Authorization.AccessPolicy policy)
{

    public async Task<PagedResult<LoginLogDto>> LoginLogAsync(Actor actor, SecurityLogFilter filter, int? page, int? pageSize, CancellationToken ct = default)
    {
        var query = LoginQuery(actor, filter);
        var paging = PageRequest.Of(page, pageSize);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(l => l.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedResult<LoginLogDto>(await ToDtosAsync(rows, ct), total, paging.Page, paging.PageSize);
    }

    public async Task<PagedResult<OperationLogDto>> OperationLogAsync(Actor actor, SecurityLogFilter filter, int? page, int? pageSize, CancellationToken ct = default)
    {
        var query = OperationQuery(actor, filter);
        var paging = PageRequest.Of(page, pageSize);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(o => o.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedResult<OperationLogDto>(await ToDtosAsync(rows, ct), total, paging.Page, paging.PageSize);
    }

    public async Task<byte[]> ExportLoginLogAsync(Actor actor, SecurityLogFilter filter, CancellationToken ct = default)
    {
        var rows = await LoginQuery(actor, filter).OrderByDescending(l => l.Id).Take(options.CurrentValue.Logs.MaxExportRows).ToListAsync(ct);
        return ExcelExport.ToXlsx(await ToDtosAsync(rows, ct), [
            ("时间", l => Time(l.At)),
            ("账号", l => l.UserName),
            ("姓名", l => l.DisplayName),
            ("地区", l => l.RegionName ?? l.RegionCode),
            ("结果", l => l.Result),
            ("原因", l => l.Reason),
            ("IP地址", l => l.Ip),
            ("浏览器（User-Agent）", l => l.UserAgent),
        ], "登录日志");
    }

    public async Task<byte[]> ExportOperationLogAsync(Actor actor, SecurityLogFilter filter, CancellationToken ct = default)
    {
        var rows = await OperationQuery(actor, filter).OrderByDescending(o => o.Id).Take(options.CurrentValue.Logs.MaxExportRows).ToListAsync(ct);
        return ExcelExport.ToXlsx(await ToDtosAsync(rows, ct), [
            ("时间", o => Time(o.At)),
            ("操作人", o => o.DisplayName ?? "匿名用户"),
            ("账号", o => o.UserName),
            ("地区", o => o.RegionName ?? o.RegionCode),
            ("操作", o => OperationLogMiddleware.OperationName(o.Operation) ?? o.Route),
            ("请求", o => $"{o.Method} {o.Route}"),
            ("状态码", o => o.StatusCode),
            ("结果", o => o.Succeeded ? "成功" : "失败"),
            ("IP地址", o => o.Ip),
            ("浏览器（User-Agent）", o => o.UserAgent),
            ("耗时（毫秒）", o => o.DurationMs),
        ], "操作日志");
    }

    public static string Time(DateTimeOffset at) => at.ToOffset(Kexie.Domain.Market.MarketRules.ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    private IQueryable<LoginLogEntry> LoginQuery(Actor actor, SecurityLogFilter filter)
    {
        var scope = RequireAdmin(actor);
        var query = db.LoginLog.AsNoTracking();
        if (scope.Length > 0)
        {
            query = query.Where(l => l.RegionCode != null && RegionScope.Within(l.RegionCode, scope));
        }

        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim();
            query = query.Where(l => l.UserName.Contains(user) || (l.DisplayName != null && l.DisplayName.Contains(user)));
        }

        if (!string.IsNullOrWhiteSpace(filter.Ip))
        {
            var ip = filter.Ip.Trim();
            query = query.Where(o => o.Ip == ip);
        }

        var (from, to) = Range(filter);
        if (from is { } start)
        {
            query = query.Where(l => l.At >= start);
        }

        if (to is { } end)
        {
            query = query.Where(l => l.At < end);
        }

        return filter.Succeeded switch
        {
            true => query.Where(l => l.Outcome == LoginOutcome.Succeeded),
            false => query.Where(l => l.Outcome != LoginOutcome.Succeeded),
            null => query,
        };
    }

    private IQueryable<OperationLogEntry> OperationQuery(Actor actor, SecurityLogFilter filter)
    {
        var scope = RequireAdmin(actor);
        var query = db.OperationLog.AsNoTracking();
        if (scope.Length > 0)
        {
            query = query.Where(o => o.RegionCode != null && RegionScope.Within(o.RegionCode, scope));
        }

        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim();
            query = query.Where(o => (o.UserName != null && o.UserName.Contains(user)) || (o.DisplayName != null && o.DisplayName.Contains(user)));
        }

        if (!string.IsNullOrWhiteSpace(filter.Ip))
        {
            var ip = filter.Ip.Trim();
            query = query.Where(o => o.Ip == ip);
        }

        var (from, to) = Range(filter);
        if (from is { } start)
        {
            query = query.Where(o => o.At >= start);
        }

        if (to is { } end)
        {
            query = query.Where(o => o.At < end);
        }

        return filter.Succeeded switch
        {
            true => query.Where(o => o.StatusCode < 400),
            false => query.Where(o => o.StatusCode >= 400),
            null => query,
        };
    }

    /// <summary>China dates [from, to] as UTC instants, by the market's one definition (validated, representable).</summary>
    private static (DateTimeOffset? From, DateTimeOffset? To) Range(SecurityLogFilter filter) =>
        Kexie.Web.Features.Market.MarketSupport.ChinaPeriod(filter.From, filter.To);

    private string RequireAdmin(Actor actor) =>
        policy.Can(actor, AdminPermissions.ReadLogs) && actor.ManagedScope is { } scope ? scope : throw new AccessDeniedException("只有科协管理员可以查看登录日志和操作日志");

    private async Task<IReadOnlyDictionary<string, string>> RegionNamesAsync(IEnumerable<string?> codes, CancellationToken ct)
    {
        var list = codes.OfType<string>().Where(c => c.Length > 0).Distinct().ToList();
        return list.Count == 0
            ? new Dictionary<string, string>()
            : await db.Regions.AsNoTracking().Where(r => list.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
    }

    private async Task<IReadOnlyList<LoginLogDto>> ToDtosAsync(IReadOnlyList<LoginLogEntry> rows, CancellationToken ct)
    {
        var regions = await RegionNamesAsync(rows.Select(r => r.RegionCode), ct);
        return rows.Select(l => new LoginLogDto(
            l.Id, l.At, l.UserName, l.DisplayName, l.RegionCode, RegionName(regions, l.RegionCode),
            l.Outcome == LoginOutcome.Succeeded, l.Outcome, l.Outcome == LoginOutcome.Succeeded ? "成功" : "失败", l.Outcome.Chinese(),
            l.Ip, l.UserAgent)).ToList();
    }

    private async Task<IReadOnlyList<OperationLogDto>> ToDtosAsync(IReadOnlyList<OperationLogEntry> rows, CancellationToken ct)
    {
        var regions = await RegionNamesAsync(rows.Select(r => r.RegionCode), ct);
        return rows.Select(o => new OperationLogDto(
            o.Id, o.At, o.UserName, o.DisplayName, o.RegionCode, RegionName(regions, o.RegionCode),
            o.Method, o.Route, OperationLogMiddleware.OperationName(o.Operation), o.StatusCode, o.StatusCode < 400, o.Ip, o.UserAgent, o.DurationMs)).ToList();
    }

    private static string? RegionName(IReadOnlyDictionary<string, string> names, string? code) =>
        code is null ? null : code.Length == 0 ? "全国" : names.GetValueOrDefault(code);
}
