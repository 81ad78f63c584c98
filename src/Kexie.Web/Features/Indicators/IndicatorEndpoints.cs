using Kexie.Data.Indicators;
using Kexie.Domain.Common;
using Kexie.Domain.Indicators;
using Kexie.Web.Features.Indicators.Report;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kexie.Web.Features.Indicators;

/// <summary>/api/v1/indicators: 精准绩效管理 — catalogue, values, rankings, traceability, weights, 联动调度, annual report.</summary>
public static class IndicatorEndpoints
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static RouteGroupBuilder MapIndicators(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/indicators").WithTags("精准绩效管理");
        g.MapGet("/catalogue", Catalogue).WithSummary("指标目录（代码、名称、服务类别、口径、方向、归一化、数据来源）");
        g.MapGet("/catalogue/export.xlsx", ExportCatalogue);

        var secured = g.MapGroup(string.Empty).RequireAuthorization();
        secured.MapGet("/values", Values).WithSummary("某地区某统计期（2025、2025Q1、2025-03）的全部指标值及上期值");
        secured.MapGet("/values/export.xlsx", ExportValues);
        secured.MapGet("/rankings", Rankings).WithSummary("该地区所在同级地区排名（县、市在全省，乡镇在全县）：综合与分类排名、较上期名次变化")
            .WithDescription("默认可能返回最近一次计算的排名（不早于系统设定的时限，默认30秒前），asOf 为数据截至时间：此前的记录变更均已计入。"
                + "fresh=true：先计入尚未处理的记录变更并等待按当前数据计算的排名（同仪表盘的“刷新”），asOf 即请求时间；fresh 只能为 true 或 false。");
        secured.MapGet("/rankings/export.xlsx", ExportRankings);
        secured.MapGet("/rankings/explain", ExplainRanking).WithSummary("排名追溯：综合评分由哪些指标值、得分和权重构成");
        secured.MapGet("/trace", Trace).WithSummary("指标值追溯到原始记录（仅限本级及下级地区）");
        secured.MapGet("/trace/export.xlsx", ExportTrace);
        secured.MapPost("/refresh", Refresh)
            .WithSummary("按记录变更重算指标事实（管理员）；full=true 全量重算（仅平台管理员，后台排队执行，返回202及状态地址）")
            .Produces<RefreshResult>()
            .Produces<IndicatorRefreshStatus>(StatusCodes.Status202Accepted)
            .RequirePermission(IndicatorPermissions.Refresh);
        secured.MapGet("/refresh/status", RefreshStatus)
            .WithSummary("全量重算的状态：运行中、排队中、上次完成时间与结果（管理员）");

        secured.MapGet("/weight-sets", WeightSets).WithSummary("权重方案各版本（最新版本生效；版本0为内置默认）");
        secured.MapGet("/weight-sets/export.xlsx", ExportWeightSets);
        secured.MapPost("/weight-sets", CreateWeightSet).WithSummary("新建权重版本（平台管理员、省级科协管理员）").RequirePermission(IndicatorPermissions.ManageWeights);

        secured.MapPost("/linkage-tasks", AssignLinkage).WithSummary("联动调度：向下级地区下达指标目标任务").RequirePermission(IndicatorPermissions.AssignLinkage);
        secured.MapGet("/linkage-tasks", LinkageTasks)
            .WithSummary("本级下达或下达给本级及下级的联动任务，含按数据计算的进度、逾期与滞后标记");
        secured.MapGet("/linkage-tasks/export.xlsx", ExportLinkageTasks);
        secured.MapGet("/linkage-tasks/{id:guid}", LinkageTask);
        secured.MapPost("/linkage-tasks/{id:guid}/comments", CommentLinkage).WithSummary("下级反馈情况说明").RequirePermission(IndicatorPermissions.CommentLinkage);

        secured.MapGet("/reports/annual", AnnualReport).WithSummary("年度报告：统计段落、指标与排名表（year=年份，或 from=起始日期；asOf=截止日期，默认年末或起始日一年后，不晚于今天；format=docx 或 xlsx）");

        secured.MapGet("/report-template", GetReportTemplate).WithSummary("本地区年度报告模板：生效的措辞（本地区最新版本或平台默认）、各段落、可用占位符与历史版本");
        secured.MapPut("/report-template", SaveReportTemplate)
            .WithSummary("保存本地区年度报告模板的新版本（校验部分标题与每个占位符，未知占位符返回400并指明）").RequirePermission(IndicatorPermissions.EditReportTemplate);
        secured.MapGet("/history", GetHistory).WithSummary("本地区近五年主要统计（统计口径同年度报告）逐年对比");
        secured.MapGet("/history/export.xlsx", ExportHistory);
        return api;
    }

    // Catalogue, values, rankings and traceability

    public static Ok<List<IndicatorDto>> Catalogue() => TypedResults.Ok(IndicatorCatalogue.All.Select(IndicatorDto.From).ToList());

    public static FileContentHttpResult ExportCatalogue() =>
        File(IndicatorExports.Catalogue(IndicatorCatalogue.All.Select(IndicatorDto.From).ToList()), "指标目录.xlsx");

    public static async Task<Ok<RegionValuesDto>> Values(HttpContext http, IndicatorService s, string? region, string? period, CancellationToken ct) =>
        TypedResults.Ok(await s.ValuesAsync(http.User.ToActor(), region, period, ct));

    public static async Task<FileContentHttpResult> ExportValues(HttpContext http, IndicatorService s, string? region, string? period, CancellationToken ct) =>
        File(IndicatorExports.Values(await s.ValuesAsync(http.User.ToActor(), region, period, ct)), $"指标值-{region}-{period}.xlsx");

    /// <summary>
    /// The peer ranking; <paramref name="fresh"/> true: the pending record changes applied and the ranking computed at the
    /// current version (<see cref="IndicatorService.RequireCurrent"/>, the dashboard's 刷新), else the last ranking up to
    /// <c>Indicators:MaxStaleSeconds</c> old with its <c>asOf</c>.
    /// </summary>
    public static async Task<Ok<RankingDto>> Rankings(HttpContext http, IndicatorService s, string? region, string? period, int? weightSet, bool? fresh, CancellationToken ct)
    {
        s.RequireCurrent = fresh == true;
        return TypedResults.Ok(await s.RankingAsync(http.User.ToActor(), region, period, weightSet, ct));
    }

    public static async Task<FileContentHttpResult> ExportRankings(HttpContext http, IndicatorService s, string? region, string? period, int? weightSet, CancellationToken ct) =>
        File(IndicatorExports.Ranking(await s.RankingAsync(http.User.ToActor(), region, period, weightSet, ct)), $"排名-{region}-{period}.xlsx");

    public static async Task<Ok<ScoreExplanationDto>> ExplainRanking(HttpContext http, IndicatorService s, string? region, string? period, int? weightSet, CancellationToken ct) =>
        TypedResults.Ok(await s.ExplainAsync(http.User.ToActor(), region, period, weightSet, ct));

    public static async Task<Ok<TraceDto>> Trace(HttpContext http, IndicatorService s, string? region, string? period, string? indicator, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await s.TraceAsync(http.User.ToActor(), region, period, indicator, page, pageSize, ct));

    public static async Task<FileContentHttpResult> ExportTrace(HttpContext http, IndicatorService s, Kexie.Data.KexieDbContext db, string? region, string? period, string? indicator, CancellationToken ct)
    {
        var trace = await s.TraceAsync(http.User.ToActor(), region, period, indicator, 1, 500, ct);
        var names = await Kexie.Web.Pages.Lookups.RegionNamesAsync(db, trace.Records.Select(r => r.RegionCode), ct);
        return File(IndicatorExports.Trace(trace, names), $"追溯-{region}-{indicator}-{period}.xlsx");
    }

    // Refresh and weights

    /// <summary>Incremental refresh now (200), or a full recomputation queued in the background (202 with the status address).</summary>
    public static async Task<Results<Accepted<IndicatorRefreshStatus>, Ok<RefreshResult>>> Refresh(HttpContext http, IndicatorService s, IndicatorRefreshQueue queue, bool? full, CancellationToken ct) =>
        full == true
            ? TypedResults.Accepted(IndicatorRefreshQueue.StatusUrl, queue.RequestFull(http.User.ToActor()))
            : TypedResults.Ok(await s.RefreshAsync(http.User.ToActor(), ct));

    public static Ok<IndicatorRefreshStatus> RefreshStatus(HttpContext http, IndicatorRefreshQueue queue) => TypedResults.Ok(queue.Status(http.User.ToActor()));

    public static async Task<Ok<IReadOnlyList<WeightSetDto>>> WeightSets(HttpContext http, IndicatorService s, CancellationToken ct) =>
        TypedResults.Ok(await s.WeightSetsAsync(http.User.ToActor(), ct));

    public static async Task<FileContentHttpResult> ExportWeightSets(HttpContext http, IndicatorService s, CancellationToken ct) =>
        File(IndicatorExports.WeightSets(await s.WeightSetsAsync(http.User.ToActor(), ct)), "权重方案.xlsx");

    public static async Task<Created<WeightSetDto>> CreateWeightSet(HttpContext http, IndicatorService s, CreateWeightSetRequest body, CancellationToken ct)
    {
        var created = await s.CreateWeightSetAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/indicators/weight-sets/{created.Version}", created);
    }

    // 联动调度

    public static async Task<Created<IReadOnlyList<LinkageTaskDto>>> AssignLinkage(HttpContext http, LinkageService s, AssignLinkageRequest body, CancellationToken ct)
    {
        var created = await s.AssignAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created("/api/v1/indicators/linkage-tasks", created);
    }

    public static async Task<Ok<IReadOnlyList<LinkageTaskDto>>> LinkageTasks(HttpContext http, LinkageService s, string? status, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), status, ct));

    public static async Task<FileContentHttpResult> ExportLinkageTasks(HttpContext http, LinkageService s, Kexie.Data.KexieDbContext db, string? status, CancellationToken ct)
    {
        var tasks = await s.ListAsync(http.User.ToActor(), status, ct);
        var names = await Kexie.Web.Pages.Lookups.RegionNamesAsync(db, tasks.Select(t => t.AssignedByRegionCode), ct);
        return File(IndicatorExports.LinkageTasks(tasks, names), "联动任务.xlsx");
    }

    public static async Task<Ok<LinkageTaskDto>> LinkageTask(HttpContext http, LinkageService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(http.User.ToActor(), id, ct));

    public static async Task<Ok<LinkageTaskDto>> CommentLinkage(HttpContext http, LinkageService s, Guid id, CommentRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.CommentAsync(http.User.ToActor(), id, body, ct));

    // Reports

    public static async Task<FileContentHttpResult> AnnualReport(HttpContext http, AnnualReportService s, string? region, int? year, string? from, string? asOf, string? format, CancellationToken ct)
    {
        var data = await s.DataAsync(http.User.ToActor(), region, year, ReportPeriod.Day(from, "from", "起始日期"), ReportPeriod.Day(asOf, "asOf", "截止日期"), ct);
        var name = data.FromNewYear ? $"{data.RegionName}{data.Year}年统计报告" : $"{data.RegionName}{data.PeriodText}统计报告";
        return (format ?? "docx").ToLowerInvariant() switch
        {
            "docx" => File(AnnualReportService.Docx(data), $"{name}.docx", Docx),
            "xlsx" => File(AnnualReportService.Xlsx(data), $"{name}.xlsx"),
            _ => throw new DomainValidationException("format", "格式应为 docx 或 xlsx"),
        };
    }

    private static async Task<Ok<ReportTemplateDto>> GetReportTemplate(HttpContext http, ReportTemplateService s, string? region, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(http.User.ToActor(), region, ct));

    private static async Task<Ok<ReportTemplateDto>> SaveReportTemplate(HttpContext http, ReportTemplateService s, string? region, SaveReportTemplateRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.SaveAsync(http.User.ToActor(), region, body, ct));

    private static async Task<Ok<ReportHistoryDto>> GetHistory(HttpContext http, ReportHistoryService s, string? region, int? years, CancellationToken ct) =>
        TypedResults.Ok(await s.HistoryAsync(http.User.ToActor(), region, years, ct));

    private static async Task<FileContentHttpResult> ExportHistory(HttpContext http, ReportHistoryService s, string? region, int? years, CancellationToken ct)
    {
        var history = await s.HistoryAsync(http.User.ToActor(), region, years, ct);
        return File(ReportHistoryService.Xlsx(history), $"{history.RegionName}近{history.Years.Count}年主要统计.xlsx");
    }

    private static FileContentHttpResult File(byte[] content, string name, string contentType = Xlsx) => TypedResults.File(content, contentType, name);
}
