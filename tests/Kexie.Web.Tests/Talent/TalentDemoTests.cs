using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Talent;

/// <summary>The demo county's talent records say what the seeds say: the contest's 827 works and 85 sent upward, the honours, the workstations of 2025.</summary>
public abstract class TalentDemoTests(KexieApp app)
{
    private const string DaYing = "510923";

    /// <summary>The seeds' organizations' honours ("优秀执行单位", "优秀组织单位") for the demo county: 遂宁市's 2024 calls, one unit of 大英县 selected in each.</summary>
    [Fact]
    public async Task The_demo_county_prints_the_seeds_organization_honours_from_the_citys_2024_calls()
    {
        var summary = (await (await app.Anonymous().GetAsync($"/api/v1/honours/statistics?region={DaYing}&year=2024")).OkJsonAsync())["summary"]!.GetValue<string>();
        Assert.StartsWith("2024年，大英县推荐参加各类荣誉评选4人（个），入选2人（个）：", summary);
        Assert.Contains("1个单位获评优秀执行单位", summary);
        Assert.Contains("1个单位获评优秀组织单位", summary);

        // The call's page lists the result for anyone (an announced 表彰名单).
        var calls = (await (await app.Anonymous().GetAsync("/api/v1/honours/calls?region=5109&year=2024")).OkJsonAsync())["items"]!.AsArray();
        Assert.Contains(calls, c => c!["name"]!.GetValue<string>() == Kexie.Data.Seeding.TalentDemoSeeder.ExecutingUnitsCall);
        Assert.Contains(calls, c => c!["name"]!.GetValue<string>() == Kexie.Data.Seeding.TalentDemoSeeder.OrganizingUnitsCall);
    }

    /// <summary>
    /// The seeds' "3个课题入选国家级…选题" for the demo county: the 柠檬 topic it sent to 遂宁市's 2025 call, scored there by experts of the 专家库
    /// and approved; the copy is no second 立项 of the county (D01's trace holds the original only).
    /// </summary>
    [Fact]
    public async Task The_demo_countys_topic_sent_up_is_scored_and_taken_on_by_the_city()
    {
        var stats = await (await app.Anonymous().GetAsync($"/api/v1/think-tank/statistics?region={DaYing}&year=2025")).OkJsonAsync();
        Assert.Equal("2025年，大英县向上级推荐智库课题1个，1个课题入选上级选题（市级1个）。", stats["summary"]!.GetValue<string>());
        var copy = await app.QueryAsync(db => db.ThinkTankTopics.Where(t => t.RegionCode == DaYing && t.CallRegionCode == "5109" && t.SourceTopicId != null)
            .Select(t => new { t.Id, t.ApprovedAt }).SingleAsync());
        Assert.NotNull(copy.ApprovedAt);
        Assert.Equal(2, await app.QueryAsync(db => db.ExpertAssignments.CountAsync(a => a.TopicId == copy.Id && a.Status == Kexie.Domain.ThinkTank.AssignmentStatus.Scored)));
        var admin = await app.SignInAsync("admin");
        var trace = await (await admin.GetAsync($"/api/v1/indicators/trace?region={DaYing}&period=2025&indicator=D01")).OkJsonAsync();
        Assert.DoesNotContain(trace["records"]!.AsArray(), r => r!["sourceId"]?.GetValue<string>() == copy.Id.ToString());
    }

    [Fact]
    public async Task The_demo_county_has_the_seeds_contest_honours_and_workstations_of_2025()
    {
        var contest = await (await app.Anonymous().GetAsync($"/api/v1/contests/statistics?region={DaYing}&year=2025")).OkJsonAsync();
        Assert.StartsWith("2025年，大英县青少年科技创新大赛共收获827件作品，推荐85件作品参加四川省第35届青少年科技创新大赛", contest["summary"]!.GetValue<string>());

        // The province's edition holds the 85 works the county sent, each from a school of 大英县.
        var contests = (await (await app.Anonymous().GetAsync("/api/v1/contests?region=51&year=2025&q=四川省第35届")).OkJsonAsync())["items"]!.AsArray();
        var province = Assert.Single(contests)!["id"]!.GetValue<string>();
        var sichuan = await app.SignInAsync("sichuan");
        var entries = await (await sichuan.GetAsync($"/api/v1/contests/{province}/entries?pageSize=100")).OkJsonAsync();
        Assert.Equal(85, entries["total"]!.GetValue<int>());

        var honours = await (await app.Anonymous().GetAsync($"/api/v1/honours/statistics?region={DaYing}&year=2025")).OkJsonAsync();
        Assert.Contains("2名同志入选青年科技人才托举工程", honours["summary"]!.GetValue<string>());
        Assert.Contains("10名同志入选", honours["summary"]!.GetValue<string>());

        var stations = await (await app.Anonymous().GetAsync($"/api/v1/workstations/statistics?region={DaYing}&year=2025")).OkJsonAsync();
        int FoundedIn(string kind) => stations["byKind"]!.AsArray().Single(k => k!["kind"]!.GetValue<string>() == kind)!["foundedInYear"]!.GetValue<int>();
        Assert.Equal(1, FoundedIn("AcademicianWorkstation"));
        Assert.Equal(3, FoundedIn("ScienceCourtyard"));
        Assert.Equal(7, FoundedIn("CooperationProject"));

        // "产学研合作项目7个/合作协议286份", "专家服务团…人" (members of the 专家库), "学会开展特色学术交流活动22个".
        var projects = stations["byKind"]!.AsArray().Single(k => k!["kind"]!.GetValue<string>() == "CooperationProject")!;
        Assert.Equal(286, projects["agreements"]!.GetValue<int>());
        Assert.Contains("签订合作协议286份", stations["summary"]!.GetValue<string>());
        Assert.Contains("专家服务团1个（县级1个），专家71人", stations["summary"]!.GetValue<string>());
        // The stations' yearly output, as they reported it for 2025.
        Assert.EndsWith("2025年，工作站和基地承担项目9个、获得专利3件、开展培训45场次、培训1800人次。", stations["summary"]!.GetValue<string>());
        Assert.Equal(6, stations["outputs"]!["stations"]!.GetValue<int>());
        var daying = await app.SignInAsync("daying");
        var building = await (await daying.GetAsync($"/api/v1/association-management/statistics?region={DaYing}&year=2025")).OkJsonAsync();
        Assert.Contains("特色学术交流活动22个", building["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_demo_county_recommends_candidates_for_the_provinces_awards_and_its_report_counts_them_as_the_records_say()
    {
        // "积极向中、省、市科协举荐“青年科技奖”“最美科技工作者”等候选人", "…3人获评“全国科技助力精准扶贫先进个人”": the sentence is rebuilt
        // from the records — 2025 nominations of 大英县's people to persons' awards held above the county (not the 托举工程, a programme).
        var rows = await app.QueryAsync(db => db.Nominations.Where(n => n.RegionCode.StartsWith(DaYing))
            .Join(db.HonourCalls.Where(c => c.Year == 2025), n => n.CallId, c => c.Id, (n, c) => new { c.Kind, c.Name, c.RegionCode, c.Level }).ToListAsync());
        var upward = rows.Where(r => r.RegionCode != DaYing && DaYing.StartsWith(r.RegionCode, StringComparison.Ordinal)
                && r.Kind is not (Kexie.Domain.Talent.HonourKind.YouthTalentLifting or Kexie.Domain.Talent.HonourKind.OrganizationHonour))
            .Select(r => (r.Kind, Award: r.Name.Contains("全国" + Kexie.Domain.Talent.HonourNames.Chinese(r.Kind), StringComparison.Ordinal) ? "全国" + Kexie.Domain.Talent.HonourNames.Chinese(r.Kind) : Kexie.Domain.Talent.HonourNames.Chinese(r.Kind), r.Level))
            .ToList();
        var counts = upward.GroupBy(u => (u.Kind, u.Award)).OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Award, StringComparer.Ordinal).Select(g => $"{g.Count()}人参评{g.Key.Award}").ToList();
        var levels = upward.Select(u => u.Level).Distinct().Order().Select(l => l switch
        {
            Kexie.Domain.Talent.HonourLevel.National => "中",
            Kexie.Domain.Talent.HonourLevel.Provincial => "省",
            _ => "市",
        }).ToList();
        Assert.Contains(upward, u => u.Award == "青年科技奖");
        Assert.Contains(upward, u => u.Award == "最美科技工作者");
        Assert.True(upward.Count(u => u.Award == "全国科技助力精准扶贫先进个人") >= 2);
        var clause = $"向{string.Join("、", levels)}科协推荐{string.Join("、", counts)}";

        var honours = await (await app.Anonymous().GetAsync($"/api/v1/honours/statistics?region={DaYing}&year=2025")).OkJsonAsync();
        var summary = honours["summary"]!.GetValue<string>();
        Assert.EndsWith($"；{clause}。", summary);
        Assert.Matches("向省科协推荐\\d+人参评青年科技奖、\\d+人参评最美科技工作者、\\d+人参评全国科技助力精准扶贫先进个人", summary);
        Assert.StartsWith($"2025年，大英县推荐参加各类荣誉评选{rows.Count}人（个）", summary);
        var daying = await app.SignInAsync("daying");
        var response = await daying.GetAsync($"/api/v1/indicators/reports/annual?region={DaYing}&year=2025");
        using (var docx = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false))
        {
            Assert.Contains(clause, docx.MainDocumentPart!.Document!.Body!.InnerText);
        }

        // The calls are the province's, still open: the demo science worker sees his own candidacy waiting, the province's admin has
        // the candidates waiting on the workbench.
        var mine = await (await (await app.SignInAsync("worker")).GetAsync("/api/v1/honours/mine")).OkJsonAsync();
        var youth = Assert.Single(mine["nominations"]!.AsArray(), n => n!["callName"]!.GetValue<string>() == "2025年四川省青年科技奖")!;
        Assert.Equal("已推荐", youth["statusName"]!.GetValue<string>());
        var bench = await (await (await app.SignInAsync("sichuan")).GetAsync("/api/v1/workbench")).OkJsonAsync();
        Assert.Contains(bench["items"]!.AsArray(), i => i!["kindName"]!.GetValue<string>() == "待评选的荣誉推荐" && i["title"]!.GetValue<string>() == "2025年全国科技助力精准扶贫先进个人（四川省推荐）");
    }

    [Fact]
    public async Task The_demo_expert_database_holds_the_seeds_71_people_of_the_service_team_and_the_2025_report_prints_them()
    {
        // "专家人才服务团71人": the county's 专家服务团 is the 71 experts of the demo 专家库, each of the county, in a GB/T 13745 field.
        var daying = await app.SignInAsync("daying");
        var teams = (await (await daying.GetAsync($"/api/v1/workstations?region={DaYing}&kind=ExpertServiceTeam")).OkJsonAsync())["items"]!.AsArray();
        var team = Assert.Single(teams, t => t!["name"]!.GetValue<string>() == "大英县科技专家服务团")!;
        Assert.Equal(71, team["experts"]!.GetValue<int>());
        var members = team["expertNames"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Equal(71, members.Count);
        Assert.All(members, n => Assert.Matches("^\\p{IsCJKUnifiedIdeographs}{2,3}$", n));
        var experts = (await (await daying.GetAsync($"/api/v1/experts?region={DaYing}&pageSize=100")).OkJsonAsync())["items"]!.AsArray();
        Assert.True(experts.Count >= 71, $"{experts.Count} experts");
        Assert.All(members, n => Assert.Contains(experts, e => e!["name"]!.GetValue<string>() == n));

        var response = await daying.GetAsync($"/api/v1/indicators/reports/annual?region={DaYing}&year=2025");
        using var docx = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        Assert.Contains("专家服务团1个（县级1个），专家71人", docx.MainDocumentPart!.Document!.Body!.InnerText);
    }

    [Fact]
    public async Task The_demo_expert_has_think_tank_reviews_waiting_and_scored_and_the_workbench_shows_the_waiting_one()
    {
        var worker = await app.SignInAsync("worker");
        var mine = (await (await worker.GetAsync("/api/v1/think-tank/assignments/mine")).OkJsonAsync()).AsArray();
        Assert.Contains(mine, r => r!["mayScore"]!.GetValue<bool>() && r["topicTitle"]!.GetValue<string>() == "县域科普基础设施布局优化研究");
        var scored = Assert.Single(mine, r => r!["topicTitle"]!.GetValue<string>() == "大英县科技志愿服务体系建设研究")!;
        Assert.Equal("已评分", scored["assignment"]!["statusName"]!.GetValue<string>());

        // The call's admin sees the topic's scores from three experts of the 专家库.
        var review = await (await (await app.SignInAsync("daying")).GetAsync($"/api/v1/think-tank/topics/{scored["topicId"]!.GetValue<string>()}/expert-review")).OkJsonAsync();
        Assert.Equal(3, review["scored"]!.GetValue<int>());
        Assert.NotNull(review["meanTotal"]);

        var workbench = await (await worker.GetAsync("/api/v1/workbench")).OkJsonAsync();
        Assert.Contains(workbench["items"]!.AsArray(), i => i!["kindName"]!.GetValue<string>() == "待我评分的智库课题" && i["title"]!.GetValue<string>() == "县域科普基础设施布局优化研究");
        Assert.True(workbench["counts"]!["review"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public async Task The_demo_countys_2025_report_says_its_first_provincial_workstation_broke_zero_and_the_courtyards_the_national_association_accredited()
    {
        // "推动省级院士(专家)工作站建设实现零突破", "3家企业被中国农技协授牌": the county's first provincial station (2025-06-18) and
        // its three 科技小院 accredited by 中国农村专业技术协会 that year.
        var stations = (await (await app.Anonymous().GetAsync($"/api/v1/workstations/statistics?region={DaYing}&year=2025")).OkJsonAsync())["summary"]!.GetValue<string>();
        // Other tests may add stations of earlier years to the county (none provincial), so the totals are not assumed.
        Assert.Matches("院士\\(专家\\)工作站\\d+家（[^）]*省级1家[^）]*），当年新建1家，省级院士\\(专家\\)工作站建设实现零突破，专家", stations);
        Assert.Matches("科技小院\\d+家（[^）]*），当年新建3家，3家企业被中国农技协授牌，专家", stations);
        var daying = await app.SignInAsync("daying");
        var response = await daying.GetAsync($"/api/v1/indicators/reports/annual?region={DaYing}&year=2025");
        using (var docx = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false))
        {
            var text = docx.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("省级院士(专家)工作站建设实现零突破", text);
            Assert.Contains("3家企业被中国农技协授牌", text);
        }

        // A later provincial station is no breakthrough; a 科技小院 accredited by another body is not counted as 中国农技协's.
        var token = Guid.NewGuid().ToString("N")[..6];
        var host = (await (await daying.PostJsonAsync("/api/v1/organizations", new { name = $"大英县零突破测试企业{token}", kind = "Enterprise", creditCode = AccessScopeTests.NewCreditCode(DaYing), industryCode = "2614", regionCode = DaYing })).OkJsonAsync())["id"]!.GetValue<string>();
        var body = new { name = $"零突破测试院士(专家)工作站{token}", kind = "AcademicianWorkstation", level = "Provincial", hostOrganizationId = host, foundedOn = "2026-01-15", accreditedBy = "四川省科学技术协会" };
        await (await daying.PostJsonAsync("/api/v1/workstations", body)).OkJsonAsync();
        await (await daying.PostJsonAsync("/api/v1/workstations", body with { name = $"测试科技小院甲{token}", kind = "ScienceCourtyard", level = "National", accreditedBy = " 中国农技协 " })).OkJsonAsync();
        await (await daying.PostJsonAsync("/api/v1/workstations", body with { name = $"测试科技小院乙{token}", kind = "ScienceCourtyard", level = "Provincial", accreditedBy = "四川省农村专业技术协会" })).OkJsonAsync();
        var later = (await (await app.Anonymous().GetAsync($"/api/v1/workstations/statistics?region={DaYing}&year=2026")).OkJsonAsync())["summary"]!.GetValue<string>();
        Assert.Matches("院士\\(专家\\)工作站\\d+家（[^）]*省级2家[^）]*），当年新建1家[，；。]", later);
        Assert.DoesNotContain("零突破", later);
        Assert.Matches("科技小院\\d+家（[^）]*），当年新建2家，1家企业被中国农技协授牌", later);

        // A 科技小院 accredited by 中国农技协 whose host is not an enterprise: the hosts are 依托单位, not 企业.
        var institute = (await (await daying.PostJsonAsync("/api/v1/organizations", new { name = $"大英县农业科学研究所{token}", kind = "Institution", creditCode = AccessScopeTests.NewCreditCode(DaYing), industryCode = "7310", regionCode = DaYing })).OkJsonAsync())["id"]!.GetValue<string>();
        await (await daying.PostJsonAsync("/api/v1/workstations", body with { name = $"测试科技小院丙{token}", kind = "ScienceCourtyard", level = "National", hostOrganizationId = institute, accreditedBy = "中国农村专业技术协会" })).OkJsonAsync();
        var mixed = (await (await app.Anonymous().GetAsync($"/api/v1/workstations/statistics?region={DaYing}&year=2026")).OkJsonAsync())["summary"]!.GetValue<string>();
        Assert.Matches("科技小院\\d+家（[^）]*），当年新建3家，2家依托单位被中国农技协授牌", mixed);
    }
}

public sealed class TalentDemoSqliteTests(SqliteApp app) : TalentDemoTests(app);

public sealed class TalentDemoPostgresTests(PostgresApp app) : TalentDemoTests(app);
