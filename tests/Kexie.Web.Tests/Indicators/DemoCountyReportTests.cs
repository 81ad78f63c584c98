using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using Kexie.Domain.Directory;
using Kexie.Domain.Indicators;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;
using Microsoft.EntityFrameworkCore;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Kexie.Web.Tests.Indicators;

/// <summary>
/// Issue 15's "done when": the 2020 report of the demo county (大英县), every statistic it prints checked against the
/// database — the indicator statistics against the activity facts summed straight from the fact table (not the rollups
/// the report reads), their record-backed parts against the records, the 自身建设 statistics against the directory,
/// the expert database and the service tickets, the ranking against the rankings API, and no paragraph left unchecked.
/// </summary>
public abstract class DemoCountyReportTests(KexieApp app)
{
    private const string DaYing = "510923";

    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>Totals of the fact table over [first, last] and up to last, as the indicators define them.</summary>
    private async Task<(FactTotals All, FactTotals Synthetic)> FactsAsync(int first, int last)
    {
        var rows = await app.QueryAsync(db => db.IndicatorFacts.AsNoTracking()
            .Where(f => f.RegionCode.StartsWith(DaYing) && f.Day <= last)
            .Select(f => new { f.Kind, f.Day, f.Count, f.AmountFen, f.Source })
            .ToListAsync());
        FactTotals Sum(Func<FactSource, bool> which)
        {
            var totals = new FactTotals();
            foreach (var g in rows.Where(r => which(r.Source)).GroupBy(r => r.Kind))
            {
                totals.UpToEnd[g.Key] = new FactTotal(g.Sum(r => (long)r.Count), g.Sum(r => r.AmountFen));
                var inPeriod = g.Where(r => r.Day >= first).ToList();
                if (inPeriod.Count > 0)
                {
                    totals.InPeriod[g.Key] = new FactTotal(inPeriod.Sum(r => (long)r.Count), inPeriod.Sum(r => r.AmountFen));
                }
            }

            return totals;
        }

        return (Sum(_ => true), Sum(s => s == FactSource.Synthetic));
    }

    /// <summary>A value as the report prints it in a sentence (CoreReportValues): amounts and ratios formatted, counts with their unit.</summary>
    private static string Printed(string code, FactTotals totals)
    {
        var indicator = IndicatorCatalogue.Get(code);
        var value = indicator.Compute(totals);
        var text = indicator.Unit switch
        {
            "元" or "%" or "元/笔" => StatFormat.Value(value, indicator.Unit),
            _ => value is { } v ? StatFormat.Count((long)v) + indicator.Unit : null,
        };
        return text ?? (code == "E03" ? "—（本期无到期需求）" : "—");
    }

    private static string Growth(string code, FactTotals now, FactTotals before)
    {
        var indicator = IndicatorCatalogue.Get(code);
        return indicator.Compute(now) is { } value && StatFormat.Growth(value, indicator.Compute(before), "上年") is { } growth ? $"（{growth}）" : string.Empty;
    }

    [Fact]
    public async Task The_2020_report_of_the_demo_county_prints_what_the_database_holds()
    {
        var daying = await app.SignInAsync("daying");
        var response = await daying.GetAsync($"/api/v1/indicators/reports/annual?region={DaYing}&year=2020");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var docx = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var paragraphs = docx.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).ToList();
        var text = string.Join("\n", paragraphs);
        AnnualReportDocxTests.AssertValidInEveryOfficeVersion(docx); // Word and WPS open it: schema-valid from Office 2007 on, its chart workbook too
        Assert.Single(docx.MainDocumentPart.ChartParts);
        await AnnualReportDocxTests.AssertChartDrawnAsync(bytes, 300); // LibreOffice draws its bars, not only axes and legend

        var (year, synthetic) = await FactsAsync(20200101, 20201231);
        var (before, _) = await FactsAsync(20190101, 20191231);
        long Cumulative(FactKind kind) => year.Get(kind, Accumulation.Cumulative).Count;

        // The facts' record-backed parts are the records: the directory, the deals (agreed, not cancelled: decision 27).
        var end = new DateTimeOffset(2021, 1, 1, 0, 0, 0, Cst).ToUniversalTime();
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, Cst).ToUniversalTime();
        var workers = await app.QueryAsync(db => db.ScienceWorkers.CountAsync(w => w.RegionCode.StartsWith(DaYing) && w.CreatedAt < end));
        var organizations = await app.QueryAsync(db => db.Organizations.CountAsync(o => o.RegionCode.StartsWith(DaYing) && o.CreatedAt < end));
        var deals = await app.QueryAsync(db => db.Orders.Where(o => o.RegionCode.StartsWith(DaYing)).Where(StatisticDefinitions.IsDeal).Where(o => o.AgreedAt >= start && o.AgreedAt < end).Select(o => o.ContractAmount).ToListAsync());
        Assert.Equal(workers, Cumulative(FactKind.WorkerRegistered) - synthetic.Get(FactKind.WorkerRegistered, Accumulation.Cumulative).Count);
        Assert.Equal(organizations, Cumulative(FactKind.OrganizationRegistered) - synthetic.Get(FactKind.OrganizationRegistered, Accumulation.Cumulative).Count);
        Assert.Equal(deals.Count, year.Get(FactKind.DealClosed, Accumulation.Period).Count - synthetic.Get(FactKind.DealClosed, Accumulation.Period).Count);
        Assert.Equal((long)(deals.Sum(a => a ?? 0m) * 100m), year.Get(FactKind.DealClosed, Accumulation.Period).AmountFen - synthetic.Get(FactKind.DealClosed, Accumulation.Period).AmountFen);

        string P(string code) => Printed(code, year);
        var reach = new List<string>();
        if (year.Get(FactKind.MassEventParticipants, Accumulation.Period).Count is > 0 and var mass)
        {
            reach.Add($"大型科普活动现场参与{mass}人次");
        }

        if (year.Get(FactKind.VenueVisitors, Accumulation.Period).Count is > 0 and var visitors)
        {
            reach.Add($"科普阵地接待观众{visitors}人次");
        }

        if (year.Get(FactKind.VolunteerService, Accumulation.Period) is { Count: > 0 } service)
        {
            reach.Add(FormattableString.Invariant($"科技志愿服务{service.Count}人次、{service.AmountYuan:0.#}小时"));
        }

        // 自身建设 from the directory, the expert database and the service tickets.
        var last = new DateOnly(2020, 12, 31);
        var kinds = await app.QueryAsync(db => db.Associations.Where(a => a.RegionCode.StartsWith(DaYing) && a.CreatedAt < end).Select(a => a.Kind).ToListAsync());
        var agencies = await app.QueryAsync(db => db.ServiceAgencies.Where(a => a.RegionCode.StartsWith(DaYing)).Select(a => new { a.Status, a.AdmittedOn }).ToListAsync());
        var experts = await app.QueryAsync(db => db.Experts.Where(e => e.RegionCode.StartsWith(DaYing)).Select(e => new { e.AdmittedOn, e.Status, e.WithdrawnOn }).ToListAsync());
        var tickets = await app.QueryAsync(db => db.ServiceTickets.Where(t => t.RegionCode.StartsWith(DaYing) && t.ServedOn >= new DateOnly(2020, 1, 1) && t.ServedOn <= last).Select(t => new { t.Kind, t.ParticipantCount }).ToListAsync());
        var societies = kinds.Count(k => k is AssociationKind.Society or AssociationKind.Association);
        var rural = kinds.Count(k => k == AssociationKind.RuralTechAssociation);
        var admitted = agencies.Count(a => a.Status == AgencyStatus.Admitted && a.AdmittedOn <= last);
        var inDatabase = experts.Count(e => e.AdmittedOn <= last && (e.Status == ExpertStatus.Active || e.WithdrawnOn > last));
        var served = tickets.Where(t => t.Kind is ServiceTicketKind.Consultation or ServiceTicketKind.Visit).Sum(t => (long)(t.ParticipantCount ?? 1));
        var trainings = tickets.Count(t => t.Kind == ServiceTicketKind.Training);
        var proposals = await app.QueryAsync(db => db.Proposals.CountAsync(p => p.RegionCode.StartsWith(DaYing) && p.CreatedAt >= start && p.CreatedAt < end)); // R07: submitted, adopted or not

        var expected = new List<string>
        {
            $"截至2020年12月31日，全县累计注册科技工作者{P("W01")}；2020年，新增注册科技工作者{P("W02")}{Growth("W02", year, before)}，发布科技服务所能{P("W03")}，科技工作者承接订单{P("W04")}、服务收入{P("W05")}。",
            $"截至2020年12月31日，全县累计注册企事业单位{Cumulative(FactKind.OrganizationRegistered)}个，累计发布科技需求{Cumulative(FactKind.NeedPublished)}条、科技服务{Cumulative(FactKind.ServiceOfferPublished)}条、科技成果{Cumulative(FactKind.AchievementPublished)}项、科研项目{Cumulative(FactKind.ProjectPublished)}个，累计达成交易订单{Cumulative(FactKind.DealClosed)}笔{StatFormat.Amount(year.Get(FactKind.DealClosed, Accumulation.Cumulative).AmountYuan)}。",
            $"2020年，全县发布科技需求{P("E02")}{Growth("E02", year, before)}，“一单一策”需求按时响应率{P("E03")}，成交交易订单{P("E05")}、金额{P("E06")}{Growth("E06", year, before)}，其中科研成果转化{P("E11")}；科技云服务中心开展保姆式服务{P("E10")}。",
            $"2020年，全县推送科普文章、视频、科学辟谣等科普内容{P("S01")}，开展科普活动{P("S04")}、签到参与{P("S02")}，科普e站访问与互动{P("S03")}{(reach.Count == 0 ? string.Empty : "，" + string.Join("，", reach))}。",
            $"2020年，全县智库课题立项{P("D01")}，报送建言献策{StatFormat.Count(proposals)}条，建言献策被采纳{P("D02")}。",
        };
        if (societies + rural + admitted + inDatabase + served + trainings > 0)
        {
            expected.Add($"截至2020年12月31日，全县登记学会、协会{societies}个、农村专业技术协会{rural}个，入驻第三方服务机构{admitted}家，专家库入库专家{inDatabase}名；2020年，科技云服务中心接待咨询、上门服务{served}人次，组织培训{trainings}场次。");
        }

        foreach (var paragraph in expected)
        {
            Assert.True(paragraphs.Contains(paragraph), $"未找到：{paragraph}\n报告：\n{text}");
        }

        // The ranking paragraph: the 2020 ranking of the 183 counties, as the rankings API gives it.
        var ranking = await (await daying.GetAsync($"/api/v1/indicators/rankings?region={DaYing}&period=2020")).OkJsonAsync();
        var own = ranking["entries"]!.AsArray().First(e => e!["regionCode"]!.GetValue<string>() == DaYing)!;
        var score = own["score"]!.GetValue<decimal>().ToString("0.##", CultureInfo.InvariantCulture);
        var rankingParagraph = Assert.Single(paragraphs, p => p.Contains("精准绩效管理指标综合评分", StringComparison.Ordinal));
        // The rank change (the paragraph's "较上年上升N位" and 附表2's 较上年 column): the 2020 rank against the 2019 rank of the
        // same peers, both as the rankings API gives them (the newest weights, each year's own facts).
        var lastYear = await (await daying.GetAsync($"/api/v1/indicators/rankings?region={DaYing}&period=2019")).OkJsonAsync();
        Assert.Equal(ranking["peerCount"]!.GetValue<int>(), lastYear["peerCount"]!.GetValue<int>());
        Assert.Equal(ranking["weightSet"]!["version"]!.GetValue<int>(), lastYear["weightSet"]!["version"]!.GetValue<int>());
        var ranks2019 = lastYear["entries"]!.AsArray().ToDictionary(e => e!["regionCode"]!.GetValue<string>(), e => e!["rank"]?.GetValue<int>());
        int? RankChange(System.Text.Json.Nodes.JsonNode entry) =>
            ranks2019.GetValueOrDefault(entry["regionCode"]!.GetValue<string>()) is { } before && entry["rank"]?.GetValue<int>() is { } now ? before - now : null;
        Assert.All(ranking["entries"]!.AsArray(), e => Assert.Equal(RankChange(e!), e!["rankChange"]?.GetValue<int>()));
        var ownChange = RankChange(own) switch
        {
            > 0 and var up => $"，较上年上升{up}位",
            < 0 and var down => $"，较上年下降{-down}位",
            0 => "，与上年持平",
            _ => string.Empty,
        };
        var rankSentence = $"2020年，大英县精准绩效管理指标综合评分{score}分，位列{ranking["peerDescription"]!.GetValue<string>()}中第{own["rank"]!.GetValue<int>()}位{ownChange}";
        Assert.True(rankingParagraph.StartsWith(rankSentence + "；", StringComparison.Ordinal) || rankingParagraph.StartsWith(rankSentence + "。", StringComparison.Ordinal), $"{rankSentence}\n{rankingParagraph}");
        foreach (var group in own["groups"]!.AsArray().Where(g => g!["rank"] is not null))
        {
            Assert.Contains($"{group!["groupName"]!.GetValue<string>()}主要指标综合排名第{group["rank"]!.GetValue<int>()}位", rankingParagraph);
        }

        // 附表1: every indicator's row, this year and last, against the fact table (as printed: units, 万元/亿元, "—" for no
        // value, "待接入" for an indicator whose module is not built).
        var tables = docx.MainDocumentPart.Document.Body.Elements<W.Table>().ToList();
        string[][] Rows(W.Table table) => table.Elements<W.TableRow>().Skip(1).Select(r => r.Elements<W.TableCell>().Select(c => c.InnerText).ToArray()).ToList().ToArray();
        string Cell(IndicatorDefinition indicator, FactTotals totals) => StatFormat.Value(indicator.Compute(totals), indicator.Unit) ?? (indicator.IsAvailable ? "—" : "待接入");
        var indicatorRows = Rows(tables[0]);
        Assert.Equal(IndicatorCatalogue.All.Select(i => i.Code), indicatorRows.Select(r => r[0]));
        foreach (var indicator in IndicatorCatalogue.All)
        {
            var row = indicatorRows.Single(r => r[0] == indicator.Code);
            Assert.Equal([indicator.Code, indicator.Name, Cell(indicator, year), Cell(indicator, before)], new[] { row[0], row[1], row[3], row[4] });
        }

        // 附表2: the first ten of the ranking and the county itself, as the rankings API gives them; the chart: the county's
        // group scores beside the peers' average of the same API.
        var entries = ranking["entries"]!.AsArray().Select(e => e!).ToList();
        string Rank(System.Text.Json.Nodes.JsonNode? rank) => rank is null ? "—" : rank.GetValue<int>().ToString(CultureInfo.InvariantCulture);
        var shown = entries.Take(10).ToList();
        if (!shown.Contains(own))
        {
            shown.Add(own);
        }

        // The demo's activity begins in July 2020: no county ranks in 2019, so every change is "—" here (2021 below has them).
        var rankRows = Rows(tables[1]);
        Assert.Equal(shown.Count, rankRows.Length);
        foreach (var (entry, row) in shown.Zip(rankRows))
        {
            Assert.Equal(Rank(entry["rank"]), row[0]);
            Assert.Equal(entry["regionName"]!.GetValue<string>(), row[1]);
            Assert.Equal(entry["score"] is { } s ? s.GetValue<decimal>().ToString("0.##", CultureInfo.InvariantCulture) : "—", row[2]);
            Assert.Equal(RankChange(entry) switch { > 0 and var up => $"↑{up}", < 0 and var down => $"↓{-down}", 0 => "持平", _ => "—" }, row[3]);
            Assert.Equal(entry["groups"]!.AsArray().Select(g => g!["rank"] is { } r ? r.GetValue<int>().ToString(CultureInfo.InvariantCulture) : "未评分"), row[4..]);
        }

        var scored = own["groups"]!.AsArray().Where(g => g!["score"] is not null).Select(g => g!).ToList();
        var series = docx.MainDocumentPart.ChartParts.Single().ChartSpace!.Descendants<C.BarChartSeries>().ToList();
        decimal[] Cached(C.BarChartSeries bars) => bars.GetFirstChild<C.Values>()!.NumberReference!.NumberingCache!.Elements<C.NumericPoint>()
            .Select(p => decimal.Parse(p.InnerText, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(scored.Select(g => g["groupName"]!.GetValue<string>()), series[0].GetFirstChild<C.CategoryAxisData>()!.Descendants<C.StringPoint>().Select(p => p.InnerText));
        Assert.Equal(scored.Select(g => decimal.Round(g["score"]!.GetValue<decimal>(), 2, MidpointRounding.AwayFromZero)), Cached(series[0]));
        Assert.Equal(scored.Select(g => decimal.Round(entries
            .Select(e => e["groups"]!.AsArray().FirstOrDefault(x => x!["groupName"]!.GetValue<string>() == g["groupName"]!.GetValue<string>())?["score"]?.GetValue<decimal>())
            .OfType<decimal>().Average(), 2, MidpointRounding.AwayFromZero)), Cached(series[1]));

        // The synthetic note: the synthetic facts of the fact table beside the directory.
        var syntheticWorkers = synthetic.Get(FactKind.WorkerRegistered, Accumulation.Cumulative).Count;
        Assert.Contains($"累计注册科技工作者{Cumulative(FactKind.WorkerRegistered)}名中{syntheticWorkers}名为合成数据、平台记录{workers}名", text);

        // The modules' sentences are their statistics pages' own (one definition), which their tests check against their
        // records: 科普阵地, 科普活动, 科技志愿者 and 公民科学素质 ({科普工作}), 学会与基层组织建设 ({组织建设}).
        async Task<System.Text.Json.Nodes.JsonNode> StatisticsAsync(string path) =>
            await (await daying.GetAsync($"/api/v1/{path}/statistics?region={DaYing}&year=2020")).OkJsonAsync();
        var venues = await StatisticsAsync("venues");
        var tallies = await StatisticsAsync("popularization-activities");
        var volunteers = await StatisticsAsync("volunteers");
        var literacy = await StatisticsAsync("science-literacy");
        var popularization = new List<string>();
        if (venues["venues"]!.GetValue<int>() > 0 || venues["visits"]!["sessions"]!.GetValue<int>() > 0)
        {
            popularization.Add(venues["summary"]!.GetValue<string>());
        }

        if (tallies["totals"]!["events"]!.GetValue<int>() > 0)
        {
            popularization.Add(tallies["summary"]!.GetValue<string>());
        }

        if (volunteers["teams"]!.GetValue<int>() > 0 || volunteers["volunteers"]!.GetValue<int>() > 0)
        {
            popularization.Add(volunteers["summary"]!.GetValue<string>());
        }

        if (literacy["measured"]?["year"]?.GetValue<int>() == 2020 && literacy["summary"]?.GetValue<string>() is { } outcome)
        {
            popularization.Add(outcome);
        }

        Assert.NotEmpty(popularization);
        var popularizationParagraph = Assert.Single(paragraphs, p => p.StartsWith(popularization[0], StringComparison.Ordinal));
        Assert.All(popularization, sentence => Assert.Contains(sentence, popularizationParagraph));
        var buildingParagraph = (await StatisticsAsync("association-management"))["summary"]!.GetValue<string>();
        Assert.Contains(buildingParagraph, paragraphs);

        // The talent module's sentences ({人才举荐}, {科技工作者状况调查}, {专家工作站}, {青少年科技创新大赛}) are likewise their
        // statistics pages' own; other tests may give 大英县 such records, so they are taken from there, not assumed absent.
        var talent = new List<string>();
        foreach (var path in new[] { "honours", "surveys", "workstations", "contests", "think-tank" })
        {
            if ((await StatisticsAsync(path))["summary"]?.GetValue<string>() is { Length: > 0 } summary)
            {
                talent.Add(summary);
            }
        }

        string WithoutTalentSentences(string paragraph) => talent.Aggregate(paragraph, (rest, sentence) => rest.Replace(sentence, string.Empty, StringComparison.Ordinal));

        // Nothing else with a number is printed unchecked: the statistics paragraphs are the expected ones, the modules'
        // sentences, the synthetic note and the ranking.
        var checkedParagraphs = expected.Append(rankingParagraph).Append(popularizationParagraph).Append(buildingParagraph).ToHashSet();
        var parts = paragraphs.SkipWhile(p => !p.StartsWith("一、", StringComparison.Ordinal)).TakeWhile(p => !p.StartsWith("附表1", StringComparison.Ordinal))
            .Where(p => !System.Text.RegularExpressions.Regex.IsMatch(p, "^[一二三四五六七八]、") && !checkedParagraphs.Contains(p) && !p.StartsWith("注：以上统计含", StringComparison.Ordinal))
            .Where(p => WithoutTalentSentences(p).Any(char.IsAsciiDigit))
            .ToList();
        Assert.True(parts.Count == 0, "未核对的段落：\n" + string.Join("\n", parts));
    }

    [Fact]
    public async Task The_2021_report_ranks_against_2020_in_the_rank_change_column_and_sentence()
    {
        var daying = await app.SignInAsync("daying");
        var bytes = await (await daying.GetAsync($"/api/v1/indicators/reports/annual?region={DaYing}&year=2021")).Content.ReadAsByteArrayAsync();
        using var docx = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = docx.MainDocumentPart!.Document!.Body!;
        var ranking = await (await daying.GetAsync($"/api/v1/indicators/rankings?region={DaYing}&period=2021")).OkJsonAsync();
        var before = await (await daying.GetAsync($"/api/v1/indicators/rankings?region={DaYing}&period=2020")).OkJsonAsync();
        var ranks2020 = before["entries"]!.AsArray().ToDictionary(e => e!["regionCode"]!.GetValue<string>(), e => e!["rank"]?.GetValue<int>());
        int? RankChange(System.Text.Json.Nodes.JsonNode entry) =>
            ranks2020.GetValueOrDefault(entry["regionCode"]!.GetValue<string>()) is { } then && entry["rank"]?.GetValue<int>() is { } now ? then - now : null;
        var entries = ranking["entries"]!.AsArray().Select(e => e!).ToList();
        Assert.All(entries, e => Assert.Equal(RankChange(e), e["rankChange"]?.GetValue<int>()));
        var own = entries.First(e => e["regionCode"]!.GetValue<string>() == DaYing);
        var shown = entries.Take(10).ToList();
        if (!shown.Contains(own))
        {
            shown.Add(own);
        }

        Assert.Contains(shown, e => RankChange(e) is not null); // 2021 against 2020: the demo's counties rank in both
        var rows = body.Elements<W.Table>().ElementAt(1).Elements<W.TableRow>().ToList();
        Assert.Equal("较上年", rows[0].Elements<W.TableCell>().ElementAt(3).InnerText);
        Assert.Equal(
            shown.Select(e => (e["regionName"]!.GetValue<string>(), RankChange(e) switch { > 0 and var up => $"↑{up}", < 0 and var down => $"↓{-down}", 0 => "持平", _ => "—" })),
            rows.Skip(1).Select(r => (r.Elements<W.TableCell>().ElementAt(1).InnerText, r.Elements<W.TableCell>().ElementAt(3).InnerText)));

        var change = RankChange(own) switch
        {
            > 0 and var up => $"，较上年上升{up}位",
            < 0 and var down => $"，较上年下降{-down}位",
            0 => "，与上年持平",
            _ => string.Empty,
        };
        var rankingParagraph = Assert.Single(body.Elements<W.Paragraph>().Select(p => p.InnerText), p => p.Contains("精准绩效管理指标综合评分", StringComparison.Ordinal));
        Assert.Contains($"位列{ranking["peerDescription"]!.GetValue<string>()}中第{own["rank"]!.GetValue<int>()}位{change}", rankingParagraph);
    }
}

/// <summary>
/// The report test reads a whole county's figures three times (the report, the fact table, the rankings API) and compares
/// them, and the ranking it checks is computed over every county with the newest weight set. Other test classes write to
/// the same databases in parallel (a weight set published, an order agreed), so this collection runs alone, after the
/// parallel ones: the three reads then see one state.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WholeDatabaseReads
{
    public const string Name = "Whole-database reads";
}

[Collection(WholeDatabaseReads.Name)]
public sealed class DemoCountyReportSqliteTests(SqliteApp app) : DemoCountyReportTests(app);

[Collection(WholeDatabaseReads.Name)]
public sealed class DemoCountyReportPostgresTests(PostgresApp app) : DemoCountyReportTests(app);
