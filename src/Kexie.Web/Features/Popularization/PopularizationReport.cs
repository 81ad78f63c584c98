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
public sealed class PopularizationReport(KexieDbContext db, VenueService venues, EventTallyService tallies, VolunteerService volunteers, LiteracyService literacy, LiteracyMemberUnitService memberUnits, ScienceBoardService boards, SeriesService series)
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

        if (await BoardSentenceAsync(regionCode, period, ct) is { } boardSentence)
        {
            sentences.Add(boardSentence);
        }

        var tallyStats = await tallies.StatisticsAsync(regionCode, period, null, ct);
        if (tallyStats.Totals.Events > 0)
        {
            sentences.Add(tallyStats.Summary);
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
