using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using Kexie.Domain.Popularization;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// Issue 13's seed phrases the demo county (大英县) prints in its annual report beside those of
/// <see cref="DemoPopularizationPhraseTests"/>: the partner units ("联合县农业农村局、县卫健局等N家单位开展…"), the 科普阵地 by kind and
/// level ("省级科普惠民共享基地4个、市级科普基地4个、科普活动室12个"), the visitors by kind ("科普教育基地…2万余人次", 科普大篷车
/// "服务15场次"), the venues opened ("科技馆建成开放"), the mass events' figures ("200多场次…展出宣传展板…"), the literacy rate
/// ("比例达7.5%") and the 科普e站 ("自助发布、个性化管理、远程订阅和双向互动", "33个"). Each sentence is rebuilt here from the
/// records; the records are read before and after the report is written (other tests may add to the county meanwhile) and the
/// report must print one of the two.
/// </summary>
public abstract class Issue13SeedPhraseTests(KexieApp app)
{
    private const string DaYing = "510923";

    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private static DateTimeOffset ChinaMidnight(int year) => new DateTimeOffset(year, 1, 1, 0, 0, 0, Cst).ToUniversalTime();

    private async Task<string> ReportTextAsync(int year)
    {
        var daying = await app.SignInAsync("daying");
        var bytes = await (await daying.GetAsync($"/api/v1/indicators/reports/annual?region={DaYing}&year={year}")).Content.ReadAsByteArrayAsync();
        using var docx = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        return string.Join("\n", docx.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

    /// <summary>Builds each expected sentence from the records before and after the report is written; the report prints one of each pair.</summary>
    private async Task AssertPrintsAsync(int year, params Func<Task<string>>[] sentences)
    {
        var before = new List<string>();
        foreach (var s in sentences)
        {
            before.Add(await s());
        }

        var text = await ReportTextAsync(year);
        for (var i = 0; i < sentences.Length; i++)
        {
            var after = await sentences[i]();
            Assert.True(text.Contains(before[i], StringComparison.Ordinal) || text.Contains(after, StringComparison.Ordinal), $"{before[i]}\n不在报告中：\n{text}");
        }
    }

    private static string Local(string name) => name.StartsWith("大英县", StringComparison.Ordinal) ? "县" + name["大英县".Length..] : name;

    private Task<string> PartnerSentenceAsync(int year) => app.QueryAsync(async db =>
    {
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var activities = db.PopularizationActivities.Where(a => a.RegionCode.StartsWith(DaYing) && a.Status != ActivityStatus.Cancelled && a.StartsOn >= first && a.StartsOn <= last).Select(a => a.Id);
        // The host left out: 大英县's own 科协 and its townships' (another association is a partner).
        var towns = await db.Regions.Where(r => r.Code.StartsWith(DaYing)).Select(r => r.Name).ToListAsync();
        var hosts = towns.SelectMany(t => new[] { t, t[..^1] }).SelectMany(t => new[] { t + "科协", t + "科学技术协会" }).Append("县科协").Append("县科学技术协会").ToHashSet();
        var rows = (await db.ActivityPartners.Where(p => activities.Contains(p.ActivityId)).Select(p => new { p.ActivityId, p.Name }).ToListAsync())
            .Where(r => !hosts.Contains(r.Name.Trim())).ToList();
        var units = rows.GroupBy(r => r.Name).Select(g => (Name: g.Key, Activities: g.Select(r => r.ActivityId).Distinct().Count()))
            .OrderByDescending(u => u.Activities).ThenBy(u => u.Name, StringComparer.Ordinal).ToList();
        Assert.True(units.Count > 2);
        return $"{year}年，联合{Local(units[0].Name)}、{Local(units[1].Name)}等{units.Count}家单位开展科普活动{rows.Select(r => r.ActivityId).Distinct().Count()}场次。";
    });

    private Task<string> VenueCountSentenceAsync(int year) => app.QueryAsync(async db =>
    {
        var last = new DateOnly(year, 12, 31);
        var counts = await db.Venues.Where(v => v.RegionCode.StartsWith(DaYing) && v.Status != VenueStatus.Closed && (v.AccreditedOn == null || v.AccreditedOn <= last))
            .GroupBy(v => new { v.Kind, v.Level }).Select(g => new { g.Key.Kind, g.Key.Level, Count = g.Count() }).ToListAsync();
        var parts = counts.OrderBy(c => c.Level).ThenBy(c => c.Kind).Select(c => $"{(c.Level == VenueLevel.Unrated ? string.Empty : c.Level.Chinese())}{c.Kind.Chinese()}{c.Count}个");
        return $"{year}年，共有科普阵地{counts.Sum(c => c.Count)}个：{string.Join("、", parts)}；";
    });

    private Task<string> VisitsByKindSentenceAsync(int year) => app.QueryAsync(async db =>
    {
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var rows = await db.VenueVisits.Where(x => x.RegionCode.StartsWith(DaYing) && x.Day >= first && x.Day <= last)
            .Join(db.Venues, x => x.VenueId, v => v.Id, (x, v) => new { v.Kind, x.Groups, x.Visitors }).ToListAsync();
        var parts = rows.GroupBy(r => r.Kind).OrderBy(g => g.Key).Select(g => g.Key is VenueKind.MobileMuseum or VenueKind.Caravan
            ? $"{g.Key.Chinese()}服务{g.Count()}场次、观众{g.Sum(r => (long)r.Visitors)}人次"
            : $"{g.Key.Chinese()}接待{(g.Sum(r => (long)r.Groups) > 0 ? $"团队{g.Sum(r => (long)r.Groups)}个、" : string.Empty)}观众{g.Sum(r => (long)r.Visitors)}人次");
        return $"其中，{string.Join("，", parts)}。";
    });

    private Task<string> OpeningsSentenceAsync(int year) => app.QueryAsync(async db =>
    {
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var opened = await db.Venues.Where(v => v.RegionCode.StartsWith(DaYing) && v.Status == VenueStatus.Open && v.OpenedOn >= first && v.OpenedOn <= last)
            .Select(v => new { v.Name, v.OpenedOn }).ToListAsync();
        var building = await db.Venues.Where(v => v.RegionCode.StartsWith(DaYing) && v.Status == VenueStatus.Building).Select(v => v.Name).ToListAsync();
        var text = $"{year}年，新建成开放科普阵地{opened.Count}个：{string.Join("、", opened.OrderBy(v => v.OpenedOn).ThenBy(v => v.Name, StringComparer.Ordinal).Select(v => v.Name))}";
        if (building.Count > 0)
        {
            text += $"；在建科普阵地{building.Count}个：{string.Join("、", building.Order(StringComparer.Ordinal))}";
        }

        return text + "。";
    });

    private Task<string> TallySentenceAsync(int year) => app.QueryAsync(async db =>
    {
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var t = await db.EventTallies.Where(x => x.RegionCode.StartsWith(DaYing) && x.Day >= first && x.Day <= last)
            .Select(x => new { x.Sessions, x.Participants, x.Consultations, x.Boards, x.Materials, x.Books, x.Items }).ToListAsync();
        var parts = new List<string> { $"共开展活动{t.Sum(x => (long)x.Sessions)}场次" };
        void Add(long n, string text)
        {
            if (n > 0)
            {
                parts.Add(text);
            }
        }

        Add(t.Sum(x => (long)x.Participants), $"参与群众{t.Sum(x => (long)x.Participants)}人次");
        Add(t.Sum(x => (long)x.Boards), $"展出宣传展板{t.Sum(x => (long)x.Boards)}块");
        Add(t.Sum(x => (long)x.Consultations), $"接受群众咨询{t.Sum(x => (long)x.Consultations)}人次");
        Add(t.Sum(x => (long)x.Materials), $"发放宣传资料{t.Sum(x => (long)x.Materials)}份");
        return $"{year}年各类科普活动中，{string.Join("，", parts)}";
    });

    private Task<string> LiteracyPhraseAsync(int year) => app.QueryAsync(async db =>
    {
        var rate = await db.LiteracySurveys.Where(s => s.RegionCode == DaYing && s.Year == year).Select(s => s.Rate).SingleAsync();
        return $"{year}年，{await db.Regions.Where(r => r.Code == DaYing).Select(r => r.Name).SingleAsync()}公民具备科学素质比例达{(rate / 100m).ToString("0.##", CultureInfo.InvariantCulture)}%";
    });

    private Task<string> EStationSentenceAsync(int year) => app.QueryAsync(async db =>
    {
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var (start, end) = (ChinaMidnight(year), ChinaMidnight(year + 1));
        var stations = await db.EStations.Where(e => e.RegionCode.StartsWith(DaYing) && e.Status == EStationStatus.Active && e.CreatedAt < end).Select(e => e.Id).ToListAsync();
        var terminals = (await db.EStationTerminals.Where(t => stations.Contains(t.StationId) && t.Status == TerminalStatus.InService && t.InstalledOn <= last)
            .Select(t => t.PlaceKind).ToListAsync()).GroupBy(p => p).OrderBy(g => g.Key).Select(g => $"{g.Key.Chinese()}{g.Count()}台").ToList();
        var terminalCount = await db.EStationTerminals.CountAsync(t => stations.Contains(t.StationId) && t.Status == TerminalStatus.InService && t.InstalledOn <= last);
        var posts = await db.EStationPosts.CountAsync(p => stations.Contains(p.StationId) && p.PublishedAt >= start && p.PublishedAt < end);
        var subscriptions = await db.EStationSubscriptions.CountAsync(s => stations.Contains(s.StationId) && s.Active && s.CreatedAt < end);
        var answered = await db.EStationQuestions.CountAsync(q => stations.Contains(q.StationId) && q.Status == QuestionStatus.Answered && q.CreatedAt >= start && q.CreatedAt < end);
        var uses = (await db.EStationUsages.Where(u => stations.Contains(u.StationId) && u.Day >= first && u.Day <= last).ToListAsync()).Sum(u => (long)u.Total);
        Assert.True(stations.Count > 0 && terminalCount > 0 && subscriptions > 0 && uses > 0);
        var parts = new List<string>();
        if (posts > 0)
        {
            parts.Add($"本站自助发布信息{posts}条");
        }

        parts.Add($"远程订阅{subscriptions}个");
        if (answered > 0)
        {
            parts.Add($"答复群众提问{answered}条");
        }

        parts.Add($"访问与互动{uses}次");
        return $"{year}年，建成科普e站{stations.Count}个、在用终端{terminalCount}台（{string.Join("、", terminals)}），提供自助发布、个性化管理、远程订阅和双向互动服务：{string.Join("，", parts)}。";
    });

    /// <summary>
    /// 科普需求画像 of the county over the year, rebuilt from the records: per topic, the subscriptions standing at the year's end,
    /// the registrations and on-site consultations of the year's tagged activities, the year's kiosk quiz attempts that asked it and
    /// the questions that name it; the three topics of most, each target group's two, and the year's content published on them.
    /// </summary>
    private Task<string> DemandSentenceAsync(int year) => app.QueryAsync(async db =>
    {
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var (start, end) = (ChinaMidnight(year), ChinaMidnight(year + 1));
        // Per topic (overall and per group): what people did one by one, and the stands' tallied consultations beside it.
        var total = new Dictionary<string, (long Declared, long Consulted)>();
        var byGroup = new Dictionary<TargetGroup, Dictionary<string, (long Declared, long Consulted)>>();
        void Count(IEnumerable<string> tags, TargetGroup? group, long n, bool consulted = false)
        {
            static void Add(Dictionary<string, (long Declared, long Consulted)> d, string tag, long n, bool consulted)
            {
                var (declared, tallied) = d.GetValueOrDefault(tag);
                d[tag] = consulted ? (declared, tallied + n) : (declared + n, tallied);
            }

            foreach (var tag in tags.Distinct().Where(ScienceTopics.All.Contains))
            {
                Add(total, tag, n, consulted);
                if (group is { } g)
                {
                    if (!byGroup.TryGetValue(g, out var mine))
                    {
                        byGroup[g] = mine = [];
                    }

                    Add(mine, tag, n, consulted);
                }
            }
        }

        var subscriptions = await db.EStationSubscriptions.Where(x => x.RegionCode.StartsWith(DaYing) && x.Active && x.CreatedAt < end).Select(x => new { x.Tags, x.TargetGroup }).ToListAsync();
        subscriptions = subscriptions.Where(x => x.Tags.Count > 0).ToList();
        subscriptions.ForEach(x => Count(x.Tags, x.TargetGroup, 1));
        var activities = (await db.PopularizationActivities.Where(a => a.RegionCode.StartsWith(DaYing) && a.Status != ActivityStatus.Cancelled && a.StartsOn >= first && a.StartsOn <= last)
            .Select(a => new { a.Id, a.Tags, a.TargetGroup }).ToListAsync()).Where(a => a.Tags.Count > 0).ToDictionary(a => a.Id);
        var ids = activities.Keys.ToList();
        var registered = (await db.ActivityParticipants.Where(p => ids.Contains(p.ActivityId)).Select(p => p.ActivityId).ToListAsync()).GroupBy(a => a).ToList();
        registered.ForEach(r => Count(activities[r.Key].Tags, activities[r.Key].TargetGroup, r.Count()));
        var consulted = await db.EventTallies.Where(t => ids.Contains(t.ActivityId) && t.Day >= first && t.Day <= last).Select(t => new { t.ActivityId, t.TargetGroup, t.Consultations }).ToListAsync();
        consulted.ForEach(t => Count(activities[t.ActivityId].Tags, t.TargetGroup ?? activities[t.ActivityId].TargetGroup, t.Consultations, consulted: true));
        var quizzes = (await db.QuizAttempts.Where(q => q.RegionCode.StartsWith(DaYing) && q.CreatedAt >= start && q.CreatedAt < end).Select(q => q.Topics).ToListAsync()).Where(q => q.Count > 0).ToList();
        quizzes.ForEach(q => Count(q, null, 1));
        var questions = (await db.EStationQuestions.Where(q => q.RegionCode.StartsWith(DaYing) && q.CreatedAt >= start && q.CreatedAt < end).Select(q => q.Title).ToListAsync())
            .Select(q => ScienceTopics.All.Where(t => q.Contains(t)).ToList()).Where(t => t.Count > 0).ToList();
        questions.ForEach(q => Count(q, null, 1));

        static List<string> Top(Dictionary<string, (long Declared, long Consulted)> d, int n) => d.Where(x => x.Value.Declared + x.Value.Consulted > 0)
            .OrderByDescending(x => x.Value.Declared).ThenByDescending(x => x.Value.Declared + x.Value.Consulted).ThenBy(x => x.Key, StringComparer.Ordinal).Take(n).Select(x => x.Key).ToList();
        static string And(List<string> items) => items.Count == 1 ? items[0] : string.Join("、", items.Take(items.Count - 1)) + "和" + items[^1];
        var top = Top(total, 3);
        Assert.NotEmpty(top);
        var groups = byGroup.OrderBy(g => g.Key).Select(g => (g.Key, Topics: Top(g.Value, 2))).Where(g => g.Topics.Count > 0).ToList();
        var wanted = top.Concat(groups.SelectMany(g => g.Topics)).ToHashSet();
        var pushed = (await db.ScienceContents.Where(c => c.RegionCode.StartsWith(DaYing) && c.Status == Kexie.Domain.Market.ReviewStatus.Published && c.PublishedAt >= start && c.PublishedAt < end)
            .Select(c => c.Tags).ToListAsync()).Count(t => t.Any(wanted.Contains));

        var sources = new List<string>();
        void Source(long n, string text)
        {
            if (n > 0)
            {
                sources.Add(text);
            }
        }

        Source(subscriptions.Count, $"科普e站远程订阅{subscriptions.Count}个");
        Source(registered.Sum(r => r.Count()), $"活动报名{registered.Sum(r => r.Count())}人次");
        Source(consulted.Sum(t => (long)t.Consultations), $"现场咨询{consulted.Sum(t => (long)t.Consultations)}人次");
        Source(quizzes.Count, $"知识竞答{quizzes.Count}人次");
        Source(questions.Count, $"群众提问{questions.Count}条");
        var text = $"{year}年，依托科普需求画像（{string.Join("、", sources)}），全县群众最关注{And(top)}";
        if (groups.Count > 0)
        {
            text += "，其中" + string.Join("，", groups.Select(g => $"{g.Key.Chinese()}最关注{And(g.Topics)}"));
        }

        return text + (pushed > 0 ? $"；据此精准推送相关科普内容{pushed}条。" : "。");
    });

    [Fact]
    public async Task The_2020_and_2025_reports_print_the_demand_profile_from_the_records()
    {
        // 2020: no 科普e站 yet — the profile is what people asked at the trainings' and campaigns' stands (农民 on farming).
        var profile2020 = await DemandSentenceAsync(2020);
        Assert.StartsWith("2020年，依托科普需求画像（现场咨询", profile2020, StringComparison.Ordinal);
        Assert.Contains("全县群众最关注农业技术", profile2020, StringComparison.Ordinal);
        Assert.Contains("农民最关注农业技术", profile2020, StringComparison.Ordinal);
        Assert.Contains("青少年最关注", profile2020, StringComparison.Ordinal);
        Assert.Contains("据此精准推送相关科普内容", profile2020, StringComparison.Ordinal);

        // 2025: the stations' subscriptions by group, the activities' registrations, the kiosks' quizzes and questions.
        var profile2025 = await DemandSentenceAsync(2025);
        Assert.StartsWith("2025年，依托科普需求画像（科普e站远程订阅", profile2025, StringComparison.Ordinal);
        Assert.Contains("活动报名", profile2025, StringComparison.Ordinal);
        Assert.Contains("老年人最关注健康", profile2025, StringComparison.Ordinal);
        Assert.Contains("农民最关注", profile2025, StringComparison.Ordinal);
        Assert.DoesNotContain("农民最关注信息技术", profile2025, StringComparison.Ordinal); // the farmers' own subscriptions, not the science week's stands

        await AssertPrintsAsync(2020, () => DemandSentenceAsync(2020));
        await AssertPrintsAsync(2025, () => DemandSentenceAsync(2025));
    }

    [Fact]
    public async Task The_2020_report_prints_the_partner_units_venues_visitors_openings_mass_events_and_literacy_rate()
    {
        // The demo's figures, as 大英县's 2020 report tells them.
        var partner = await PartnerSentenceAsync(2020);
        Assert.StartsWith("2020年，联合县农业农村局、县卫生健康局等6家单位开展科普活动", partner, StringComparison.Ordinal);
        var (first, last) = (new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31));
        var baseVisitors = await app.QueryAsync(db => db.VenueVisits.Where(x => x.RegionCode.StartsWith(DaYing) && x.Day >= first && x.Day <= last)
            .Join(db.Venues.Where(v => v.Kind == VenueKind.PopularizationBase), x => x.VenueId, v => v.Id, (x, v) => x.Visitors).SumAsync(x => (long)x));
        Assert.InRange(baseVisitors, 20_000, 29_999); // "科普教育基地…免费开放吸引了2万余人次"

        await AssertPrintsAsync(2020,
            () => PartnerSentenceAsync(2020), () => VenueCountSentenceAsync(2020), () => VisitsByKindSentenceAsync(2020), () => OpeningsSentenceAsync(2020),
            () => TallySentenceAsync(2020), () => LiteracyPhraseAsync(2020));
    }

    [Fact]
    public async Task The_2025_report_prints_the_e_stations_the_travelling_venues_trips_and_the_visitors_by_kind()
    {
        var (first, last) = (new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        var caravanTrips = await app.QueryAsync(db => db.VenueVisits.Where(x => x.RegionCode.StartsWith(DaYing) && x.Day >= first && x.Day <= last)
            .Join(db.Venues.Where(v => v.Kind == VenueKind.Caravan), x => x.VenueId, v => v.Id, (x, v) => x.Id).CountAsync());
        Assert.Equal(15, caravanTrips); // 科普大篷车 "服务15场次"

        await AssertPrintsAsync(2025, () => EStationSentenceAsync(2025), () => VisitsByKindSentenceAsync(2025), () => VenueCountSentenceAsync(2025), () => TallySentenceAsync(2025));
    }

    [Fact]
    public async Task The_activity_statistics_name_the_partner_units_with_the_report_s_sentence()
    {
        var daying = await app.SignInAsync("daying");
        var before = await PartnerSentenceAsync(2020);
        var stats = await (await daying.GetAsync($"/api/v1/popularization-activities/statistics?region={DaYing}&year=2020")).OkJsonAsync();
        var after = await PartnerSentenceAsync(2020);
        var summary = stats["partnerSummary"]!.GetValue<string>();
        Assert.True(summary == before || summary == after, summary);
        var partners = stats["partners"]!.AsArray();
        Assert.Equal("大英县农业农村局", partners[0]!["name"]!.GetValue<string>());
        Assert.Equal(["承办"], partners[0]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
    }
}

public sealed class Issue13SeedPhraseSqliteTests(SqliteApp app) : Issue13SeedPhraseTests(app);

public sealed class Issue13SeedPhrasePostgresTests(PostgresApp app) : Issue13SeedPhraseTests(app);
