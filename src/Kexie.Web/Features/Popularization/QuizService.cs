using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Popularization;

public sealed record QuizQuestionRequest(string? RegionCode, string? Tag, string? Stem, IReadOnlyList<string>? Options, int? Answer, string? Explanation);

/// <summary>A question of the bank as its region's staff see it (with the right answer).</summary>
public sealed record QuizQuestionDto(Guid Id, string RegionName, string Tag, string Stem, IReadOnlyList<string> Options, int Answer, string? Explanation, bool Active, DateTimeOffset CreatedAt);

/// <summary>A kiosk quiz's question as the visitor sees it before answering (no answer).</summary>
public sealed record KioskQuizQuestionDto(Guid Id, string Tag, string Stem, IReadOnlyList<string> Options);

public sealed record KioskQuizDto(Guid StationId, string StationName, IReadOnlyList<KioskQuizQuestionDto> Questions);

public sealed record KioskQuizAnswer(Guid QuestionId, int? Choice);

public sealed record KioskQuizAnswerRequest(IReadOnlyList<KioskQuizAnswer>? Answers);

public sealed record KioskQuizAnswerResultDto(Guid Id, string Tag, string Stem, IReadOnlyList<string> Options, int Choice, int Answer, bool Right, string? Explanation);

/// <summary>A graded kiosk quiz: the score out of 100 and, per question, the visitor's choice, the right one and why.</summary>
public sealed record KioskQuizResultDto(Guid AttemptId, int Questions, int Correct, int Score, IReadOnlyList<KioskQuizAnswerResultDto> Answers);

/// <summary>One day of a station's use as exported: system-counted and typed-in figures side by side, and the figure S03 counts.</summary>
public sealed record StationUsageRow(string StationName, string RegionName, DateOnly Day, bool SystemCounted, int KioskViews, int KioskLikes, int KioskQuestions, int KioskQuizzes, int Heartbeats, int Visits, int Interactions, int Total);

/// <summary>
/// 知识竞答题库 of a region (its staff add and retire questions; kiosks of the region and of its sub-regions draw from it),
/// and the Excel export of 科普e站 daily usage with each device's last heartbeat, for the region's staff.
/// </summary>
public sealed class QuizService(KexieDbContext db, AccessPolicy policy, IConfiguration configuration)
{
    public const int MaxExportDays = 20000;

    public async Task<IReadOnlyList<QuizQuestionDto>> ListAsync(Actor actor, string? region, bool includeRetired = false, CancellationToken ct = default)
    {
        var code = RequireRegion(actor, region, PopularizationPermissions.ManageQuizzes, "只有本地区服务中心工作人员或科协管理员可以查看知识竞答题库");
        var query = db.QuizQuestions.AsNoTracking().Where(q => RegionScope.Within(q.RegionCode, code));
        if (!includeRetired)
        {
            query = query.Where(q => q.RetiredAt == null);
        }

        var rows = await query.OrderBy(q => q.Tag).ThenBy(q => q.CreatedAt).ThenBy(q => q.Id).Take(500).ToListAsync(ct);
        return await ToDtosAsync(rows, ct);
    }

    public async Task<QuizQuestionDto> CreateAsync(Actor actor, QuizQuestionRequest r, CancellationToken ct = default)
    {
        var question = QuizQuestion.Create(new QuizQuestionData(r.RegionCode, r.Tag, r.Stem, r.Options, r.Answer, r.Explanation), actor);
        db.QuizQuestions.Add(question);
        await db.SaveChangesAsync(ct);
        return (await ToDtosAsync([question], ct))[0];
    }

    /// <summary>Corrects a question of the caller's subtree (topic, stem, options, right answer, 解析); the region stays.</summary>
    public async Task<QuizQuestionDto> UpdateAsync(Actor actor, Guid id, QuizQuestionRequest r, CancellationToken ct = default)
    {
        var question = await FindAsync(actor, id, ct);
        question.Edit(new QuizQuestionData(question.RegionCode, r.Tag, r.Stem, r.Options, r.Answer, r.Explanation), actor);
        await db.SaveChangesAsync(ct);
        return (await ToDtosAsync([question], ct))[0];
    }

    public async Task<QuizQuestionDto> RetireAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var question = await FindAsync(actor, id, ct);
        question.Retire(actor);
        await db.SaveChangesAsync(ct);
        return (await ToDtosAsync([question], ct))[0];
    }

    public async Task<QuizQuestionDto> ReinstateAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var question = await FindAsync(actor, id, ct);
        question.Reinstate(actor);
        await db.SaveChangesAsync(ct);
        return (await ToDtosAsync([question], ct))[0];
    }

    /// <summary>A question of the caller's subtree; another region's answers 404, as if it did not exist.</summary>
    private async Task<QuizQuestion> FindAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var question = await db.QuizQuestions.FirstOrDefaultAsync(q => q.Id == id, ct);
        if (question is null || !policy.Can(actor, PopularizationPermissions.ManageQuizzes, question.RegionCode))
        {
            throw new NotFoundException("题目不存在");
        }

        return question;
    }

    /// <summary>A station's system-counted and typed-in days (first sheet) and its devices' last heartbeats (second sheet), as .xlsx.</summary>
    public async Task<byte[]> ExportStationAsync(Actor actor, Guid stationId, CancellationToken ct = default)
    {
        var station = await db.EStations.AsNoTracking().FirstOrDefaultAsync(s => s.Id == stationId, ct) ?? throw new NotFoundException("科普e站不存在");
        if (!policy.Can(actor, PopularizationPermissions.ManageEStations, station.RegionCode))
        {
            throw new NotFoundException("科普e站不存在");
        }

        return await ExportAsync(db.EStations.AsNoTracking().Where(s => s.Id == stationId), $"{station.Name}使用统计", ct);
    }

    /// <summary>Every station of a region subtree: daily usage and devices, for the region's staff.</summary>
    public async Task<byte[]> ExportRegionAsync(Actor actor, string? region, CancellationToken ct = default)
    {
        var code = RequireRegion(actor, region, PopularizationPermissions.ManageEStations, "只有本地区服务中心工作人员或科协管理员可以导出e站使用统计");
        return await ExportAsync(db.EStations.AsNoTracking().Where(s => RegionScope.Within(s.RegionCode, code)), "e站使用统计", ct);
    }

    /// <summary>The stations' usage rows (one per station and day, newest first), the figure S03 counts per day in 计入指标.</summary>
    public async Task<IReadOnlyList<StationUsageRow>> UsageRowsAsync(IQueryable<EStation> stations, CancellationToken ct)
    {
        var list = await stations.Select(s => new { s.Id, s.Name, s.RegionCode }).ToListAsync(ct);
        var ids = list.Select(s => s.Id).ToList();
        var names = await RegionNamesAsync(list.Select(s => s.RegionCode), ct);
        var usage = await db.EStationUsages.AsNoTracking().Where(u => ids.Contains(u.StationId)).OrderByDescending(u => u.Day).Take(MaxExportDays).ToListAsync(ct);
        var byId = list.ToDictionary(s => s.Id);
        return usage
            .OrderBy(u => byId[u.StationId].RegionCode, StringComparer.Ordinal).ThenBy(u => byId[u.StationId].Name, StringComparer.Ordinal).ThenByDescending(u => u.Day)
            .Select(u => new StationUsageRow(byId[u.StationId].Name, names.GetValueOrDefault(u.RegionCode, u.RegionCode), u.Day, u.IsSystemCounted,
                u.KioskViews, u.KioskLikes, u.KioskQuestions, u.KioskQuizzes, u.Heartbeats, u.Visits, u.Interactions, u.Total))
            .ToList();
    }

    private async Task<byte[]> ExportAsync(IQueryable<EStation> stations, string title, CancellationToken ct)
    {
        var rows = await UsageRowsAsync(stations, ct);
        var stationNames = await stations.ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var stationIds = stationNames.Keys.ToList();
        var now = DateTimeOffset.UtcNow;
        var offlineAfter = KioskSupport.OfflineAfter(configuration);
        var devices = (await db.EStationDevices.AsNoTracking().Where(d => stationIds.Contains(d.StationId)).ToListAsync(ct))
            .OrderBy(d => stationNames[d.StationId], StringComparer.Ordinal).ThenBy(d => d.CreatedAt).ToList();
        var days = rows.Select(r => new Dictionary<string, object?>
        {
            ["e站"] = r.StationName,
            ["地区"] = r.RegionName,
            ["日期"] = r.Day.ToString("yyyy-MM-dd"),
            ["统计方式"] = r.SystemCounted ? "系统统计" : "手工登记",
            ["终端浏览"] = r.KioskViews,
            ["终端点赞"] = r.KioskLikes,
            ["终端提问"] = r.KioskQuestions,
            ["终端竞答"] = r.KioskQuizzes,
            ["心跳次数"] = r.Heartbeats,
            ["登记访问"] = r.Visits,
            ["登记互动"] = r.Interactions,
            ["计入指标（S03）"] = r.Total,
        }).ToList();
        var terminals = devices.Select(d => new Dictionary<string, object?>
        {
            ["e站"] = stationNames[d.StationId],
            ["终端"] = d.Name,
            ["发放日期"] = Kexie.Domain.Market.MarketRules.ChinaDate(d.CreatedAt).ToString("yyyy-MM-dd"),
            ["状态"] = !d.IsActive ? "已撤销" : d.IsOffline(now, offlineAfter) ? "离线" : "在线",
            ["最近心跳"] = d.LastHeartbeatAt is { } at ? at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm") : "从未上报",
        }).ToList();
        if (days.Count == 0)
        {
            days.Add(new() { ["e站"] = null, ["日期"] = null, ["计入指标（S03）"] = null });
        }

        if (terminals.Count == 0)
        {
            terminals.Add(new() { ["e站"] = null, ["终端"] = null, ["最近心跳"] = null });
        }

        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, new Dictionary<string, object> { [Sheet(title)] = days, ["终端心跳"] = terminals });
        return stream.ToArray();
    }

    private static string Sheet(string title) => title.Length > 31 ? title[..31] : title;

    private string RequireRegion(Actor actor, string? region, Kexie.Domain.Authorization.Permission permission, string refusal)
    {
        var code = MarketSupport.RegionFilter(region) ?? actor.ManagedScope ?? throw new DomainValidationException("region", "请选择地区");
        if (!policy.Can(actor, permission, code))
        {
            throw new NotPermittedException(refusal);
        }

        return code;
    }

    private async Task<Dictionary<string, string>> RegionNamesAsync(IEnumerable<string> codes, CancellationToken ct)
    {
        var distinct = codes.Distinct().ToList();
        return await db.Regions.AsNoTracking().Where(r => distinct.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
    }

    private async Task<IReadOnlyList<QuizQuestionDto>> ToDtosAsync(IReadOnlyList<QuizQuestion> rows, CancellationToken ct)
    {
        var names = await RegionNamesAsync(rows.Select(q => q.RegionCode), ct);
        return rows.Select(q => new QuizQuestionDto(q.Id, names.GetValueOrDefault(q.RegionCode, q.RegionCode), q.Tag, q.Stem, q.Options, q.Answer, q.Explanation, q.IsActive, q.CreatedAt)).ToList();
    }
}
