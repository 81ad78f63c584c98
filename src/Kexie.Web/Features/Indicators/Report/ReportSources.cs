using Kexie.Data;
using Kexie.Domain.Indicators;
using Kexie.Web.Features.Popularization;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Indicators.Report;

/// <summary>Formatting shared by the sources: a count with its unit as the seeds print it in sentences ("7816人").</summary>
public static class ReportText
{
    public static ReportValue Count(string name, long count, string unit) => new(name, StatFormat.Count(count) + unit, count != 0);

    public static ReportValue Context(string name, string text) => new(name, text, false);
}

/// <summary>
/// The values every report has: the context (截至, 期间, 全域, 下一年) and the indicator statistics, from the report's
/// own data (<see cref="AnnualReportData"/>), so they need no source of their own.
/// </summary>
public static class CoreReportValues
{
    private static readonly (string Name, string Code, string Meaning)[] Indicators =
    [
        ("累计注册科技工作者", "W01", "截至截止日的注册科技工作者（W01）"),
        ("新增注册科技工作者", "W02", "本期新增注册科技工作者（W02）"),
        ("发布科技服务所能", "W03", "本期发布的科技服务所能（W03）"),
        ("科技工作者承接订单", "W04", "本地区科技工作者本期承接的成交订单（W04）"),
        ("科技工作者服务收入", "W05", "本地区科技工作者本期承接订单的金额（W05）"),
        ("发布科技需求", "E02", "本期发布的科技需求（E02）"),
        ("需求按时响应率", "E03", "“一单一策”按时响应率（E03）"),
        ("成交订单", "E05", "本期成交订单（E05，签约日计）"),
        ("成交金额", "E06", "本期成交金额（E06）"),
        ("科研成果转化", "E11", "本期科研成果转化订单（E11）"),
        ("保姆式服务", "E10", "服务中心本期服务工单（E10）"),
        ("科普内容发布", "S01", "本期推送的科普内容（S01）"),
        ("科普活动参与", "S02", "本期科普活动签到参与人次（S02）"),
        ("科普e站使用", "S03", "本期科普e站访问与互动（S03）"),
        ("开展科普活动", "S04", "本期开展的科普活动场次（S04）"),
        ("智库课题立项", "D01", "本期智库课题立项（D01）"),
        ("建言献策采纳", "D02", "本期被采纳的建言献策（D02）"),
    ];

    private static readonly (string Name, FactKind Kind, string Unit, string Meaning)[] Cumulative =
    [
        ("累计注册企事业单位", FactKind.OrganizationRegistered, "个", "截至截止日的注册企事业单位"),
        ("累计发布科技需求", FactKind.NeedPublished, "条", "截至截止日累计发布的科技需求"),
        ("累计发布科技服务", FactKind.ServiceOfferPublished, "条", "截至截止日累计发布的科技服务"),
        ("累计发布科技成果", FactKind.AchievementPublished, "项", "截至截止日累计发布的科技成果"),
        ("累计发布科研项目", FactKind.ProjectPublished, "个", "截至截止日累计发布的科研项目"),
        ("累计交易订单", FactKind.DealClosed, "笔", "截至截止日累计成交订单"),
    ];

    public static IReadOnlyList<ReportPlaceholder> Placeholders { get; } =
    [
        new("截至", "“截至2020年12月31日”或“截至2026年12月4日”", false),
        new("期间", "“2020年”，年初至截止日的“2026年以来”，或“2019年12月21日至2020年12月20日”", false),
        new("全域", "“全县”“全市”“全省”", false),
        new("下一年", "年度报告为“2021年”，截止日报告为截止日后一年，如“2020年12月21日至2021年12月20日”", false),
        .. Indicators.Select(i => new ReportPlaceholder(i.Name, i.Meaning)),
        new("新增注册科技工作者增长", "“（较上年增长25%）”，上年无数据时为空", false),
        new("发布科技需求增长", "同上，科技需求", false),
        new("成交金额增长", "同上，成交金额", false),
        .. Cumulative.Select(c => new ReportPlaceholder(c.Name, c.Meaning)),
        new("累计交易金额", "截至截止日累计成交金额（万元/亿元）"),
        new("科普阵地与志愿服务", "“，大型科普活动现场参与81200人次，科普阵地接待观众…”，无记录时为空"),
    ];

    public static IEnumerable<ReportValue> Values(AnnualReportData d)
    {
        yield return ReportText.Context("截至", d.AsOfText);
        yield return ReportText.Context("期间", d.PeriodText);
        yield return ReportText.Context("全域", IndicatorService.Whole(d.RegionName));
        yield return ReportText.Context("下一年", ReportPeriod.NextText(d.First, d.AsOf));
        foreach (var (name, code, _) in Indicators)
        {
            var indicator = IndicatorCatalogue.Get(code);
            var value = d.Values.GetValueOrDefault(code);
            var text = indicator.Unit switch
            {
                "元" or "%" or "元/笔" => StatFormat.Value(value, indicator.Unit),
                _ => value is { } v ? StatFormat.Count((long)v) + indicator.Unit : null,
            };
            yield return new ReportValue(name, text ?? (code == "E03" ? "—（本期无到期需求）" : "—"), value is { } x && x != 0);
        }

        yield return Growth(d, "新增注册科技工作者增长", "W02");
        yield return Growth(d, "发布科技需求增长", "E02");
        yield return Growth(d, "成交金额增长", "E06");
        foreach (var (name, kind, unit, _) in Cumulative)
        {
            yield return ReportText.Count(name, d.Cumulative(kind), unit);
        }

        yield return new ReportValue("累计交易金额", StatFormat.Amount(d.CumulativeYuan(FactKind.DealClosed)), d.CumulativeYuan(FactKind.DealClosed) != 0);
        var reach = AnnualReportService.PopularizationReach(d);
        yield return new ReportValue("科普阵地与志愿服务", reach, reach.Length > 0);
    }

    private static ReportValue Growth(AnnualReportData d, string name, string code) =>
        ReportText.Context(name, d.Values.GetValueOrDefault(code) is { } now && StatFormat.Growth(now, d.PreviousValues.GetValueOrDefault(code), d.PreviousName) is { } g ? $"（{g}）" : string.Empty);
}

/// <summary>Statistics counted from records (<see cref="ReportStatistics"/>): 自身建设 (R01–R06) and the proposals submitted (R07, 服务党委政府科学决策).</summary>
public sealed class ResourceReportSource(ReportStatistics statistics) : IReportStatisticSource
{
    public IReadOnlyList<ReportPlaceholder> Placeholders { get; } =
    [
        new("学会协会", "R01 学会、协会（个）"),
        new("农村专业技术协会", "R02 农技协（个）"),
        new("入驻第三方服务机构", "R03 入驻第三方服务机构（家）"),
        new("入库专家", "R04 专家库入库专家（名）"),
        new("接待咨询上门服务", "R05 服务中心接待咨询、上门服务（人次）"),
        new("组织培训", "R06 服务中心组织培训（场次）"),
        new("报送建言献策", "R07 报送建言献策（条，不论是否采纳）"),
    ];

    public async Task<IReadOnlyList<ReportValue>> ValuesAsync(ReportScope scope, CancellationToken ct)
    {
        var r = await statistics.ComputeAsync(scope.RegionCode, new DayRange(scope.First, scope.Last), ct);
        return
        [
            ReportText.Count("学会协会", r.Societies, "个"),
            ReportText.Count("农村专业技术协会", r.RuralTechAssociations, "个"),
            ReportText.Count("入驻第三方服务机构", r.Agencies, "家"),
            ReportText.Count("入库专家", r.Experts, "名"),
            ReportText.Count("接待咨询上门服务", r.ServedPeople, "人次"),
            ReportText.Count("组织培训", r.Trainings, "场次"),
            ReportText.Count("报送建言献策", r.ProposalsSubmitted, "条"),
        ];
    }
}

/// <summary>
/// The popularization module's sentences in the seeds' words (<see cref="PopularizationReport"/>) as one value, and the count of
/// 纲要实施成员单位 alone for a template that words it itself ("纲要实施成员单位{纲要实施成员单位}" → "纲要实施成员单位由24个增加到30个").
/// </summary>
public sealed class PopularizationReportSource(PopularizationReport report, LiteracyMemberUnitService memberUnits, VenueService venues) : IReportStatisticSource
{
    public IReadOnlyList<ReportPlaceholder> Placeholders { get; } =
    [
        new("科普工作", "科普阵地与观众、科普e站、科普需求画像、大型科普活动及其开展地点和对象、集中科普宣传、实用技术培训、科技志愿者、发布最多的科普主题、科普知识竞答、公民科学素质和纲要实施成员单位（科普模块的句子，无记录的部分不写）"),
        new("纲要实施成员单位", "全民科学素质纲要实施工作成员单位：年末个数，比上年有变化时写“由N个增加到M个”"),
        new("科普宣传栏", "科普宣传栏、画廊、宣传点：期内在用的个数和块数，新开辟的宣传栏、新设的宣传点（按主题，如“设立疫情防控科普宣传点2个”），期内更新宣传内容期数"),
        new("合作单位", "“2020年，联合县农业农村局、县卫生健康局等6家单位开展科普活动46场次。”：期内开展的科普活动登记的主办、承办、协办、支持单位（科协本身不计），参与活动最多的两家单位点名"),
        new("科普e站", "“2025年，建成科普e站4个、在用终端7台（学校3台…），提供自助发布、个性化管理、远程订阅和双向互动服务：…”：期末运行的科普e站及在用终端、期内自助发布、远程订阅、答复提问和访问与互动次数"),
        new("新开放科普阵地", "“2020年，新建成开放科普阵地6个：…；在建科普阵地1个：…。”：期内建成开放的科普阵地和期末在建的"),
        new("科普需求画像", "“2025年，依托科普需求画像（科普e站远程订阅36个、活动报名120人次、现场咨询85人次…），全县群众最关注健康、农业技术和防疫，其中青少年最关注…；据此精准推送相关科普内容18条。”：期末有效的e站订阅、期内开展的带主题活动的报名、e站知识竞答、提到主题的群众提问按主题合计排序，现场咨询人次其次（订阅者、活动或统计登记的重点人群分组），期内发布的这些主题的科普内容"),
        new("阵地分类接待", "“其中，科普教育基地接待观众20318人次，科普大篷车服务15场次、观众3300人次。”：期内各类科普阵地的接待人次（流动科技馆、大篷车按场次）"),
    ];

    public async Task<IReadOnlyList<ReportValue>> ValuesAsync(ReportScope scope, CancellationToken ct)
    {
        var sentences = await report.SentencesAsync(scope.RegionCode, new DayRange(scope.First, scope.Last), ct);
        var boardSentence = await report.BoardSentenceAsync(scope.RegionCode, new DayRange(scope.First, scope.Last), ct);
        var units = string.IsNullOrEmpty(scope.RegionCode) ? null : await memberUnits.YearAsync(Kexie.Domain.Identity.Actor.Public, scope.RegionCode, scope.Last.Year, ct);
        var period = new DayRange(scope.First, scope.Last);
        var partners = await report.PartnerSentenceAsync(scope.RegionCode, period, ct);
        var stations = string.IsNullOrEmpty(scope.RegionCode) ? null : await report.EStationSentenceAsync(scope.RegionCode, period, ct);
        var openings = string.IsNullOrEmpty(scope.RegionCode) ? null : await report.OpeningsSentenceAsync(scope.RegionCode, period, ct);
        var demand = await report.DemandSentenceAsync(scope.RegionCode, period, ct);
        var byKind = string.IsNullOrEmpty(scope.RegionCode) ? null : PopularizationReport.VisitsByKindSentence((await venues.StatisticsAsync(scope.RegionCode, period, null, ct)).VisitsByKind);
        return
        [
            new ReportValue("合作单位", partners ?? string.Empty, partners is not null),
            new ReportValue("科普e站", stations ?? string.Empty, stations is not null),
            new ReportValue("新开放科普阵地", openings ?? string.Empty, openings is not null),
            new ReportValue("科普需求画像", demand ?? string.Empty, demand is not null),
            new ReportValue("阵地分类接待", byKind ?? string.Empty, byKind is not null),
            new ReportValue("科普工作", string.Concat(sentences), sentences.Count > 0),
            new ReportValue("纲要实施成员单位", units is null ? string.Empty : LiteracyMemberUnitService.CountText(units.PreviousCount, units.Count), units?.Count > 0),
            new ReportValue("科普宣传栏", boardSentence ?? string.Empty, boardSentence is not null),
        ];
    }
}

/// <summary>
/// 下一年工作安排: the targets of the linkage tasks assigned to the region for the period after the report's
/// (<see cref="ReportPeriod.Next"/>): those that run at least half their days in it (a task of the next calendar year;
/// after a span to 20 December, the next year's tasks to 31 December, not the current year's last days).
/// </summary>
public sealed class LinkageReportSource(KexieDbContext db) : IReportStatisticSource
{
    public IReadOnlyList<ReportPlaceholder> Placeholders { get; } =
        [new("联动任务目标", "上级下达本地区、主要在下一年（年度报告为下一个自然年，截止日报告为截止日后一年）执行的联动任务目标，如“新增注册科技工作者不少于1200人（12月31日前）”")];

    public async Task<IReadOnlyList<ReportValue>> ValuesAsync(ReportScope scope, CancellationToken ct)
    {
        var next = scope.Next;
        var tasks = await db.LinkageTasks.AsNoTracking()
            .Where(t => t.RegionCode == scope.RegionCode && t.DueOn >= next.First && t.StartsOn <= next.Last)
            .ToListAsync(ct);
        var calendarYear = next.First.DayOfYear == 1;
        var targets = tasks.Where(t => MostlyIn(t.StartsOn, t.DueOn, next)).OrderBy(t => t.DueOn).ThenBy(t => t.IndicatorCode)
            .Select(t => $"{t.Indicator.Name}不少于{StatFormat.Value(t.Target, t.Indicator.Unit)}（{(calendarYear ? string.Empty : $"{t.DueOn.Year}年")}{t.DueOn.Month}月{t.DueOn.Day}日前）")
            .ToList();
        return [new ReportValue("联动任务目标", string.Join("，", targets), targets.Count > 0)];
    }

    /// <summary>At least half the days from <paramref name="starts"/> to <paramref name="due"/> lie in <paramref name="period"/>.</summary>
    public static bool MostlyIn(DateOnly starts, DateOnly due, DayRange period)
    {
        var first = starts > period.First ? starts : period.First;
        var last = due < period.Last ? due : period.Last;
        var inside = last.DayNumber - first.DayNumber + 1;
        return inside * 2 >= due.DayNumber - starts.DayNumber + 1;
    }
}
