using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Indicators;
using Kexie.Domain.Market;
using Kexie.Domain.Identity;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Popularization;

/// <summary>
/// The popularization sentences of a region's annual report, in the seeds' style, from the records: 科普阵地 and their
/// visitors ("全年接待团队14个、观众14500人次"), mass events counted on site ("共开展活动206场次，参与群众81200人次…"), where they
/// went ("进农村、进社区、进学校、进机关…"), 集中科普宣传 ("全国科普日等集中科普宣传6次"), 实用技术培训 ("实用技术培训40场次"), volunteers
/// ("64支科技志愿服务队伍、2451名科技志愿者…"), the most published topic ("发布权威防疫科普信息6000余条"), 科普知识竞答 ("110余万人次参与"),
/// the year's 公民具备科学素质比例 against the 纲要 target, and the 纲要实施成员单位 with their tasks and assessments ("成员单位由24个增加到30个").
/// A part without records is left out. Everything is counted over the report's days (a year, or a span such as 2024年12月21日至2025年12月20日);
/// the literacy survey is the one of the last day's year.
/// </summary>
public sealed class PopularizationReport(KexieDbContext db, VenueService venues, EventTallyService tallies, VolunteerService volunteers, LiteracyService literacy, LiteracyMemberUnitService memberUnits, ScienceBoardService boards, SeriesService series, InterestProfileService interests)
{
    /// <summary>
    /// The 科普宣传栏 sentence ("2020年，在用科普宣传栏10个（30块）…；设立疫情防控科普宣传点2个；全年更新宣传内容58期。"); null when the region
    /// had none in use in the period.
    /// </summary>
    public async Task<string?> BoardSentenceAsync(string regionCode, DayRange period, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(regionCode))
        {
            return null;
        }

        var stats = await boards.StatisticsAsync(regionCode, period, ct);
        return stats.InUse > 0 ? stats.Summary : null;
    }

    public async Task<IReadOnlyList<string>> SentencesAsync(string regionCode, DayRange period, CancellationToken ct)
    {
        var sentences = new List<string>();
        if (string.IsNullOrEmpty(regionCode))
        {
            return sentences; // the statistics are per region subtree; the country's report keeps the indicator sentence only
        }

        var year = period.Last.Year;
        var venueStats = await venues.StatisticsAsync(regionCode, period, null, ct);
        if (venueStats.Venues > 0 || venueStats.Visits.Sessions > 0)
        {
            sentences.Add(venueStats.Summary);
        }

        if (VisitsByKindSentence(venueStats.VisitsByKind) is { } byKind)
        {
            sentences.Add(byKind);
        }

        if (await OpeningsSentenceAsync(regionCode, period, ct) is { } openings)
        {
            sentences.Add(openings);
        }

        if (await EStationSentenceAsync(regionCode, period, ct) is { } stations)
        {
            sentences.Add(stations);
        }

        if (await DemandSentenceAsync(regionCode, period, ct) is { } demand)
        {
            sentences.Add(demand);
        }

        if (await BoardSentenceAsync(regionCode, period, ct) is { } boardSentence)
        {
            sentences.Add(boardSentence);
        }

        var tallyStats = await tallies.StatisticsAsync(regionCode, period, null, ct);
        if (tallyStats.Totals.Events > 0)
        {
            sentences.Add(tallyStats.Summary);
        }

        if (tallyStats.PartnerSummary is { } partners)
        {
            sentences.Add(partners);
        }

        // 科技活动周、全国科普日 read from their series when the region has one: "2025年大英县科技活动周期间，共开展活动206场次，…".
        sentences.AddRange(await series.ReportSentencesAsync(regionCode, period, ct));

        var (first, last) = (period.First, period.Last);
        var held = await db.PopularizationActivities.AsNoTracking()
            .Where(a => RegionScope.Within(a.RegionCode, regionCode) && a.Status != ActivityStatus.Cancelled && a.StartsOn >= first && a.StartsOn <= last)
            .Where(a => a.Kind == ActivityKind.Training || a.Kind == ActivityKind.Campaign || a.Kind == ActivityKind.ScienceWeek || a.Kind == ActivityKind.NationalScienceDay)
            .GroupBy(a => a.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);
        var heldByKind = held.ToDictionary(h => h.Kind, h => h.Count);
        if (CampaignSentence(heldByKind) is { } campaigns)
        {
            sentences.Add(campaigns);
        }

        if (tallyStats.Totals.Events > 0 && SettingsSentence(tallyStats.BySetting, tallyStats.ByTargetGroup) is { } settings)
        {
            sentences.Add(settings);
        }

        if (heldByKind.GetValueOrDefault(ActivityKind.Training) is > 0 and var trainings)
        {
            var trained = tallyStats.ByKind.FirstOrDefault(k => k.Key == nameof(ActivityKind.Training))?.Participants ?? 0;
            sentences.Add(TrainingSentence(period, trainings, trained));
        }

        var volunteerStats = await volunteers.StatisticsAsync(regionCode, period, ct);
        if (volunteerStats.Teams > 0 || volunteerStats.Volunteers > 0)
        {
            sentences.Add(volunteerStats.Summary);
        }

        if (await TopTopicAsync(regionCode, period, ct) is { } topic)
        {
            sentences.Add($"{PopularizationPeriod.Text(period)}，发布权威{topic.Tag}科普信息{topic.Count}条。");
        }

        var (start, end) = MarketSupport.ChinaPeriod(first, last);
        var quizzes = await db.QuizAttempts.AsNoTracking().Where(q => RegionScope.Within(q.RegionCode, regionCode) && q.CreatedAt >= start!.Value && q.CreatedAt < end!.Value).CountAsync(ct);
        if (quizzes > 0)
        {
            sentences.Add($"{PopularizationPeriod.Text(period)}，开展科普知识竞答，{quizzes}人次参与。");
        }

        // The statutory outcome, only when the year itself was surveyed ("2020年，恩施州公民具备科学素质比例达7.5%，圆满完成“十三五”目标…").
        var literacyStats = await literacy.StatisticsAsync(regionCode, year, ct);
        if (literacyStats.Measured?.Year == year && literacyStats.Summary is { } outcome)
        {
            sentences.Add(outcome);
        }

        // 纲要实施成员单位 at the end of the last day's year, their tasks and assessments ("成员单位由24个增加到30个…").
        if (MemberUnitsSentence(await memberUnits.YearAsync(Actor.Public, regionCode, year, ct)) is { } members)
        {
            sentences.Add(members);
        }

        return sentences;
    }

    /// <summary>The 科普需求画像 sentence of the region subtree (<see cref="DemandSentence"/>); null for the country or without interest records.</summary>
    public async Task<string?> DemandSentenceAsync(string regionCode, DayRange period, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(regionCode))
        {
            return null;
        }

        var figures = await interests.DemandAsync(regionCode, period, ct);
        if (figures.Top.Count == 0)
        {
            return null;
        }

        var name = await db.Regions.AsNoTracking().Where(r => r.Code == regionCode).Select(r => r.Name).FirstOrDefaultAsync(ct) ?? string.Empty;
        return DemandSentence(period, Kexie.Web.Features.Indicators.IndicatorService.Whole(name), figures);
    }

    /// <summary>
    /// "2025年，依托科普需求画像（科普e站远程订阅36个、活动报名120人次、现场咨询85人次、知识竞答40人次、群众提问12条），全县群众最关注健康、
    /// 农业技术和防疫，其中青少年最关注青少年科技和航空航天，农民最关注农业技术和食品安全；据此精准推送相关科普内容18条。" — the 天府科技云
    /// 精细画像 in the seeds' words, only the sources and groups that have records; null without any.
    /// </summary>
    public static string? DemandSentence(DayRange period, string whole, DemandFigures f)
    {
        if (f.Top.Count == 0)
        {
            return null;
        }

        var sources = new List<string>();
        if (f.Subscriptions > 0)
        {
            sources.Add($"科普e站远程订阅{f.Subscriptions}个");
        }

        if (f.Registrations > 0)
        {
            sources.Add($"活动报名{f.Registrations}人次");
        }

        if (f.Consultations > 0)
        {
            sources.Add($"现场咨询{f.Consultations}人次");
        }

        if (f.QuizAttempts > 0)
        {
            sources.Add($"知识竞答{f.QuizAttempts}人次");
        }

        if (f.Questions > 0)
        {
            sources.Add($"群众提问{f.Questions}条");
        }

        var text = $"{PopularizationPeriod.Text(period)}，依托科普需求画像（{string.Join("、", sources)}），{whole}群众最关注{Enumerate(f.Top)}";
        if (f.Groups.Count > 0)
        {
            text += $"，其中{string.Join("，", f.Groups.Select(g => $"{g.GroupName}最关注{Enumerate(g.Topics.Select(t => t.Tag).ToList())}"))}";
        }

        return text + (f.Pushed > 0 ? $"；据此精准推送相关科普内容{f.Pushed}条。" : "。");
    }

    /// <summary>"健康", "健康和防疫", "健康、防疫和农业技术".</summary>
    private static string Enumerate(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : $"{string.Join("、", items.Take(items.Count - 1))}和{items[^1]}";

    /// <summary>"2020年，联合县农业农村局、县卫生健康局等6家单位开展科普活动46场次。" (<see cref="EventTallyService.PartnerSentence"/>); null without partners.</summary>
    public async Task<string?> PartnerSentenceAsync(string regionCode, DayRange period, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(regionCode))
        {
            return null;
        }

        var (partners, activities) = await tallies.PartnersAsync(regionCode, period, null, ct);
        return EventTallyService.PartnerSentence(period, await tallies.RegionShortNameAsync(regionCode, ct), partners, activities);
    }

    /// <summary>
    /// "其中，科普教育基地接待观众20318人次，科普大篷车服务15场次、观众3300人次。" — the venue kinds that had visitors in the period
    /// (a travelling kind by its trips, the others by groups and head count); null when none had.
    /// </summary>
    public static string? VisitsByKindSentence(IReadOnlyList<VisitTotals> byKind)
    {
        var parts = new List<string>();
        foreach (var k in byKind.Where(k => k.Visitors > 0 || k.Sessions > 0))
        {
            var travels = Enum.TryParse<VenueKind>(k.Key, out var kind) && kind.Travels();
            parts.Add(travels
                ? $"{k.Name}服务{k.Sessions}场次、观众{k.Visitors}人次"
                : $"{k.Name}接待{(k.Groups > 0 ? $"团队{k.Groups}个、" : string.Empty)}观众{k.Visitors}人次");
        }

        return parts.Count == 0 ? null : $"其中，{string.Join("，", parts)}。";
    }

    /// <summary>
    /// "2020年，新建成开放科普阵地6个：大英中学科技馆、…；在建科技馆1个：…。" — the region's venues (not closed) opened in the period,
    /// and those under construction at its end; null when neither.
    /// </summary>
    public async Task<string?> OpeningsSentenceAsync(string regionCode, DayRange period, CancellationToken ct)
    {
        var (first, last) = (period.First, period.Last);
        var rows = await db.Venues.AsNoTracking()
            .Where(v => RegionScope.Within(v.RegionCode, regionCode) && (v.Status == VenueStatus.Building || (v.Status == VenueStatus.Open && v.OpenedOn >= first && v.OpenedOn <= last)))
            .Select(v => new { v.Name, v.Kind, v.Status, v.OpenedOn }).ToListAsync(ct);
        return OpeningsSentence(period,
            rows.Where(r => r.Status == VenueStatus.Open).OrderBy(r => r.OpenedOn).ThenBy(r => r.Name, StringComparer.Ordinal).Select(r => r.Name).ToList(),
            rows.Where(r => r.Status == VenueStatus.Building).OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => r.Name).ToList());
    }

    public static string? OpeningsSentence(DayRange period, IReadOnlyList<string> opened, IReadOnlyList<string> building)
    {
        var parts = new List<string>();
        if (opened.Count > 0)
        {
            parts.Add($"新建成开放科普阵地{opened.Count}个：{string.Join("、", opened)}");
        }

        if (building.Count > 0)
        {
            parts.Add($"在建科普阵地{building.Count}个：{string.Join("、", building)}");
        }

        return parts.Count == 0 ? null : $"{PopularizationPeriod.Text(period)}，{string.Join("；", parts)}。";
    }

    /// <summary>The figures of the 科普e站 sentence (<see cref="EStationSentence"/>), each counted from records.</summary>
    public sealed record EStationFigures(int Stations, IReadOnlyList<(string Place, int Count)> Terminals, int Posts, int Subscriptions, int Answered, long Uses);

    /// <summary>
    /// 科普e站 of the region subtree: the stations running at the period's end (set up by then), their terminals in service (installed
    /// by then, by place), the stations' own posts (自助发布) and the questions answered (双向互动) of the period, the active
    /// subscriptions (远程订阅) made by its end, and the period's uses (S03's figure: kiosk counts on system-counted days, else typed in).
    /// </summary>
    public async Task<EStationFigures> EStationFiguresAsync(string regionCode, DayRange period, CancellationToken ct)
    {
        var (first, last) = (period.First, period.Last);
        var (from, to) = MarketSupport.ChinaPeriod(first, last);
        var (start, end) = (from!.Value, to!.Value);
        var stationIds = await db.EStations.AsNoTracking()
            .Where(e => RegionScope.Within(e.RegionCode, regionCode) && e.Status == EStationStatus.Active && e.CreatedAt < end)
            .Select(e => e.Id).ToListAsync(ct);
        if (stationIds.Count == 0)
        {
            return new EStationFigures(0, [], 0, 0, 0, 0);
        }

        var terminals = await db.EStationTerminals.AsNoTracking()
            .Where(t => stationIds.Contains(t.StationId) && t.Status == TerminalStatus.InService && t.InstalledOn <= last)
            .GroupBy(t => t.PlaceKind).Select(g => new { Place = g.Key, Count = g.Count() }).ToListAsync(ct);
        var posts = await db.EStationPosts.AsNoTracking().CountAsync(p => stationIds.Contains(p.StationId) && p.PublishedAt >= start && p.PublishedAt < end, ct);
        var subscriptions = await db.EStationSubscriptions.AsNoTracking().CountAsync(s => stationIds.Contains(s.StationId) && s.Active && s.CreatedAt < end, ct);
        var answered = await db.EStationQuestions.AsNoTracking()
            .CountAsync(q => stationIds.Contains(q.StationId) && q.Status == QuestionStatus.Answered && q.CreatedAt >= start && q.CreatedAt < end, ct);
        var usage = await db.EStationUsages.AsNoTracking().Where(u => stationIds.Contains(u.StationId) && u.Day >= first && u.Day <= last).ToListAsync(ct);
        return new EStationFigures(
            stationIds.Count, terminals.OrderBy(t => t.Place).Select(t => (t.Place.Chinese(), t.Count)).ToList(), posts, subscriptions, answered, usage.Sum(u => (long)u.Total));
    }

    public async Task<string?> EStationSentenceAsync(string regionCode, DayRange period, CancellationToken ct) =>
        EStationSentence(period, await EStationFiguresAsync(regionCode, period, ct));

    /// <summary>
    /// "2025年，建成科普e站4个、在用终端7台（学校3台、社区2台、图书馆2台），提供自助发布、个性化管理、远程订阅和双向互动服务：本站自助发布
    /// 信息5条，远程订阅36个，答复群众提问12条，访问与互动21000次。" — only the parts that have records; null without stations.
    /// </summary>
    public static string? EStationSentence(DayRange period, EStationFigures f)
    {
        if (f.Stations == 0)
        {
            return null;
        }

        var text = $"{PopularizationPeriod.Text(period)}，建成科普e站{f.Stations}个";
        var terminals = f.Terminals.Sum(t => t.Count);
        if (terminals > 0)
        {
            text += $"、在用终端{terminals}台（{string.Join("、", f.Terminals.Select(t => $"{t.Place}{t.Count}台"))}）";
        }

        var parts = new List<string>();
        if (f.Posts > 0)
        {
            parts.Add($"本站自助发布信息{f.Posts}条");
        }

        if (f.Subscriptions > 0)
        {
            parts.Add($"远程订阅{f.Subscriptions}个");
        }

        if (f.Answered > 0)
        {
            parts.Add($"答复群众提问{f.Answered}条");
        }

        if (f.Uses > 0)
        {
            parts.Add($"访问与互动{f.Uses}次");
        }

        return parts.Count == 0 ? text + "。" : text + $"，提供自助发布、个性化管理、远程订阅和双向互动服务：{string.Join("，", parts)}。";
    }

    /// <summary>
    /// "开展科技活动周、全国科普日等集中科普宣传6次": the activities of the series kinds and of kind 集中科普宣传 that began in the
    /// period, the series named when there are any; null when there were none.
    /// </summary>
    public static string? CampaignSentence(IReadOnlyDictionary<ActivityKind, int> heldByKind)
    {
        ActivityKind[] kinds = [ActivityKind.ScienceWeek, ActivityKind.NationalScienceDay, ActivityKind.Campaign];
        var count = kinds.Sum(k => heldByKind.GetValueOrDefault(k));
        if (count == 0)
        {
            return null;
        }

        var series = kinds[..2].Where(k => heldByKind.GetValueOrDefault(k) > 0).Select(k => k.Chinese()).ToList();
        return $"开展{(series.Count == 0 ? string.Empty : string.Join("、", series) + "等")}集中科普宣传{count}次。";
    }

    /// <summary>"2020年，开展实用技术培训40场次，培训群众2780人次。" — the 科普培训 activities begun in the period and their tallied participants.</summary>
    public static string TrainingSentence(DayRange period, int trainings, long trained) =>
        $"{PopularizationPeriod.Text(period)}，开展实用技术培训{trainings}场次{(trained > 0 ? $"，培训群众{trained}人次" : string.Empty)}。";

    /// <summary>
    /// The topic with the most 科普内容 published in the period (published ones of the region subtree, each counted under every
    /// tag it carries; ties to the name), or null when nothing was published.
    /// </summary>
    private async Task<(string Tag, int Count)?> TopTopicAsync(string regionCode, DayRange period, CancellationToken ct)
    {
        var (start, end) = MarketSupport.ChinaPeriod(period.First, period.Last);
        var tags = await db.ScienceContents.AsNoTracking()
            .Where(c => RegionScope.Within(c.RegionCode, regionCode) && c.Status == Kexie.Domain.Market.ReviewStatus.Published && c.PublishedAt >= start!.Value && c.PublishedAt < end!.Value)
            .Select(c => c.Tags).ToListAsync(ct);
        return tags.SelectMany(t => t).GroupBy(t => t).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ((string Tag, int Count)?)(g.Key, g.Count())).FirstOrDefault();
    }

    /// <summary>
    /// "纲要实施成员单位由24个增加到30个，分解落实年度任务36项、已完成33项，年度考核完成27个、基本完成2个、未完成1个。" —
    /// the tasks and assessments only when there are any; null without units.
    /// </summary>
    public static string? MemberUnitsSentence(MemberUnitYearDto year)
    {
        if (year.Summary is not { } summary)
        {
            return null;
        }

        var text = summary;
        if (year.TasksTotal > 0)
        {
            text += $"，分解落实年度任务{year.TasksTotal}项、已完成{year.TasksDone}项";
        }

        if (year.Assessed > 0)
        {
            var results = new[] { ("完成", year.Completed), ("基本完成", year.MostlyCompleted), ("未完成", year.NotCompleted) }.Where(r => r.Item2 > 0).Select(r => $"{r.Item1}{r.Item2}个");
            text += $"，年度考核{string.Join("、", results)}";
        }

        return text + "。";
    }

    /// <summary>"深入开展科普进农村、进社区、进学校、进机关活动63场次，其中…；面向青少年、农民…" — only what was counted.</summary>
    public static string? SettingsSentence(IReadOnlyList<TallyTotals> bySetting, IReadOnlyList<TallyTotals> byGroup)
    {
        var settings = bySetting.Where(s => s.Sessions > 0).ToList();
        if (settings.Count == 0)
        {
            return null;
        }

        var text = $"深入开展科普{string.Join("、", settings.Select(s => s.Name))}活动{settings.Sum(s => s.Sessions)}场次（{string.Join("、", settings.Select(s => $"{s.Name}{s.Sessions}场次"))}）";
        var groups = byGroup.Where(g => g.Participants > 0).ToList();
        if (groups.Count > 0)
        {
            text += $"，面向{string.Join("、", groups.Select(g => $"{g.Name}{g.Participants}人次"))}";
        }

        return text + "。";
    }
}
