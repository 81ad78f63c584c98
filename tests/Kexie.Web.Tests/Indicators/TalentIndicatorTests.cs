using System.Net;
using System.Text.Json.Nodes;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using Kexie.Domain.Talent;
using Kexie.Domain.ThinkTank;
using Kexie.Web.Pages.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Indicators;

/// <summary>
/// The W and D indicators of 人才与组织 from their records: W06 推荐人才入选 (nominations decided 入选), W07 青少年科技创新大赛参赛作品,
/// W08 新建院士(专家)工作站和科技小院, W09 学会学术交流活动, D03 智库课题向上推荐, D04 科技工作者状况调查有效问卷 — each value and its trace
/// in 吉安县 (360821, of 吉安市 3608: written by no other test), a change reaching the figure through the outbox, and 大英县's demo figures for 2025.
/// </summary>
public abstract class TalentIndicatorTests(KexieApp app)
{
    private const string County = "360821";
    private const string City = "3608";
    private const string DaYing = "510923";
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private static DateTimeOffset At(int month, int day, int hour = 10) => new DateTimeOffset(2025, month, day, hour, 0, 0, Cst).ToUniversalTime();

    private static Dictionary<string, decimal?> ValuesOf(JsonNode values) =>
        values["values"]!.AsArray().ToDictionary(v => v!["code"]!.GetValue<string>(), v => v!["value"]?.GetValue<decimal?>());

    private static Dictionary<int, IReadOnlyList<string>> Answers() => new()
    {
        [1] = ["男"], [2] = ["31—40岁"], [3] = ["大学本科"], [4] = ["中级"], [5] = ["群众"], [6] = ["农业技术"], [7] = ["企业"], [8] = ["4"],
        [9] = ["学术交流"], [10] = ["否"], [12] = ["希望多组织培训"],
    };

    [Fact]
    public async Task Each_new_indicator_counts_its_records_in_the_county_and_traces_to_them()
    {
        var admin = new Actor("ind-talent", "测试管理员", UserRole.AssociationAdmin, County);
        var cityAdmin = new Actor("ind-talent-city", "测试市管理员", UserRole.AssociationAdmin, City);
        var token = Guid.NewGuid().ToString("N")[..8];
        var today = new DateOnly(2025, 12, 31);
        ScienceWorker Worker(string name) => ScienceWorker.Create(
            new ScienceWorkerData(name, Gender.Female, 1985, "吉安县农业农村局", "工程师", [], "大学本科", null, KexieApp.NewPhone(), County, false), _ => true);
        Organization Org(string name, OrganizationKind kind) => Organization.Create(
            new OrganizationData(name + token, kind, Kexie.Data.Seeding.DemoSeeder.CreditCodeFor(County, Random.Shared, kind), null, County, null, null, null), _ => true);
        var selectedWorker = Worker("入选人");
        var otherWorker = Worker("未入选人");
        var school = Org("吉安县实验中学", OrganizationKind.School);
        var host = Org("吉安县测试企业", OrganizationKind.Enterprise);
        var society = Association.Create(new AssociationData($"吉安县农学会{token}", AssociationKind.Society, County, null, null, null));

        // W06: a person selected counts on the day decided; one not selected and an organization's honour do not.
        var call = HonourCall.Create(new HonourCallData($"吉安县2025年优秀科技人才评选{token}", HonourKind.OutstandingTalent, 2025, County), admin);
        var selected = Nomination.Nominate(call, selectedWorker.Id, null, selectedWorker.Name, County, "扎根基层", admin);
        selected.Decide(call, true, null, 0, new DateOnly(2025, 6, 30), admin);
        var notSelected = Nomination.Nominate(call, otherWorker.Id, null, otherWorker.Name, County, "扎根基层", admin);
        notSelected.Decide(call, false, "名额有限", 1, new DateOnly(2025, 6, 30), admin);
        var unitCall = HonourCall.Create(new HonourCallData($"吉安县2025年优秀组织单位{token}", HonourKind.OrganizationHonour, 2025, County), admin);
        var unit = Nomination.Nominate(unitCall, null, host.Id, host.Name, County, "组织有力", admin);
        unit.Decide(unitCall, true, null, 0, new DateOnly(2025, 6, 30), admin);

        // W07: works entered in 2025 count unless they failed; the copy recommended to the city's edition is not counted again.
        var contest = Contest.Create(new ContestData($"吉安县青少年科技创新大赛{token}", 2025, County, ContestNames.DefaultCategories, null), admin);
        var cityContest = Contest.Create(new ContestData($"吉安市青少年科技创新大赛{token}", 2025, City, ContestNames.DefaultCategories, null), cityAdmin);
        ContestEntry Enter(string title, int month)
        {
            var entry = ContestEntry.Submit(contest, school.Id, school.Name, County, new ContestEntryData(title, ContestNames.DefaultCategories[0], ["王小明"], "李老师"), admin);
            entry.CreatedAt = At(month, 10);
            return entry;
        }

        var accepted = Enter("雨水收集装置", 4);
        var waiting = Enter("校园植物调查", 5);
        var failed = Enter("空气质量观察", 5);
        contest.MoveTo(ContestStatus.Reviewing, admin);
        accepted.Review(contest, true, 88, null, admin);
        failed.Review(contest, false, 40, "作品完整性不足", admin);
        var copy = accepted.RecommendTo(contest, cityContest, 0, admin);
        copy.CreatedAt = At(6, 1);

        // W08: 院士(专家)工作站 and 科技小院 founded in 2025; a 产学研合作项目 and a station of 2024 do not count.
        Workstation Station(string name, WorkstationKind kind, DateOnly founded) =>
            Workstation.Create(new WorkstationData(name + token, kind, HonourLevel.County, founded, "吉安县科学技术协会", "农业"), host.Id, host.Name, County, [selectedWorker.Id], admin, today);
        var academician = Station("院士(专家)工作站", WorkstationKind.AcademicianWorkstation, new DateOnly(2025, 3, 1));
        var courtyard = Station("科技小院", WorkstationKind.ScienceCourtyard, new DateOnly(2025, 7, 1));
        var project = Station("产学研合作项目", WorkstationKind.CooperationProject, new DateOnly(2025, 8, 1));
        var older = Station("专家工作站", WorkstationKind.ExpertWorkstation, new DateOnly(2024, 8, 1));

        // W09: a society's 年会 and 学术交流 count; its training does not.
        var managed = new ManagedAssociation(society.Id, society.Name, County);
        var meeting = SocietyActivity.Record(managed, new SocietyActivityData(SocietyActivityKind.AnnualMeeting, "2025年年会", new DateOnly(2025, 11, 1), 120), admin, today);
        var exchange = SocietyActivity.Record(managed, new SocietyActivityData(SocietyActivityKind.FeaturedExchange, "稻虾共作技术交流会", new DateOnly(2025, 5, 1), 60), admin, today);
        var training = SocietyActivity.Record(managed, new SocietyActivityData(SocietyActivityKind.Training, "农技培训班", new DateOnly(2025, 6, 1), 40), admin, today);

        // D03: the county's approved topic recommended to the city's call counts once, in the county; D01 still counts it once.
        var ttCall = ThinkTankCall.Open(new ThinkTankCallData($"吉安县智库课题征集{token}", null, County, new DateOnly(2025, 4, 30)), admin, At(3, 1));
        var ttCity = ThinkTankCall.Open(new ThinkTankCallData($"吉安市智库课题征集{token}", null, City, new DateOnly(2025, 9, 30)), cityAdmin, At(6, 1));
        var topic = ThinkTankTopic.Apply(ttCall, new ThinkTankTopicData("庐陵文化产业研究", "内容", "甲", "单位", County), admin, At(3, 2));
        topic.ReviewBy("专家", 85, null, admin, At(3, 5));
        topic.Approve(admin, At(5, 12));
        var upward = topic.RecommendTo(ttCity, admin, At(6, 16));

        // D04: a valid questionnaire counts; one too fast and a duplicate do not.
        var survey = Survey.Create(new SurveyData($"吉安县科技工作者状况调查{token}", 2025, County, SurveyDistribution.Anonymous, 100, null, 30), Survey.ScienceWorkerTemplate, admin);
        survey.Open(admin);

        await app.QueryAsync(async db =>
        {
            db.AddRange(selectedWorker, otherWorker, school, host, society);
            db.AddRange(call, unitCall, contest, cityContest, ttCall, ttCity, survey);
            await db.SaveChangesAsync();
            db.AddRange(selected, notSelected, unit, accepted, waiting, failed, copy, academician, courtyard, project, older, meeting, exchange, training, topic, upward);
            return await db.SaveChangesAsync();
        });
        var valid = survey.Answer(Answers(), $"a-{token}", false, 120, null, At(5, 6));
        var hasty = survey.Answer(Answers(), $"b-{token}", false, 5, null, At(5, 6));
        var duplicate = survey.Answer(Answers(), $"a-{token}", true, 120, null, At(5, 7));
        await app.QueryAsync(db => { db.SurveyResponses.AddRange(valid, hasty, duplicate); return db.SaveChangesAsync(); });
        Assert.Equal((true, false, false), (valid.Valid, hasty.Valid, duplicate.Valid));

        var national = await app.SignInAsync("admin");
        var year = ValuesOf(await (await national.GetAsync($"/api/v1/indicators/values?region={County}&period=2025")).OkJsonAsync());
        Assert.Equal((1m, 2m, 2m, 2m), (year["W06"], year["W07"], year["W08"], year["W09"]));
        Assert.Equal((1m, 1m, 1m), (year["D01"], year["D03"], year["D04"]));
        var q2 = ValuesOf(await (await national.GetAsync($"/api/v1/indicators/values?region={County}&period=2025Q2")).OkJsonAsync());
        Assert.Equal((1m, 2m, 0m, 1m, 1m, 1m), (q2["W06"], q2["W07"], q2["W08"], q2["W09"], q2["D03"], q2["D04"]));
        // The city's figures hold the county's.
        var city = ValuesOf(await (await national.GetAsync($"/api/v1/indicators/values?region={City}&period=2025")).OkJsonAsync());
        Assert.True(city["D03"] >= 1m && city["W07"] >= 2m);

        // Each figure traces to its records, and each record's link opens its page.
        async Task<Guid> TracedAsync(string code)
        {
            var trace = await (await national.GetAsync($"/api/v1/indicators/trace?region={County}&period=2025&indicator={code}")).OkJsonAsync();
            return trace["records"]!.AsArray().Select(r => Guid.Parse(r!["sourceId"]!.GetValue<string>())).First();
        }

        async Task<HashSet<Guid>> AllTracedAsync(string code)
        {
            var trace = await (await national.GetAsync($"/api/v1/indicators/trace?region={County}&period=2025&indicator={code}")).OkJsonAsync();
            return trace["records"]!.AsArray().Select(r => Guid.Parse(r!["sourceId"]!.GetValue<string>())).ToHashSet();
        }

        Assert.Equal(selected.Id, await TracedAsync("W06"));
        Assert.Equal(new HashSet<Guid> { accepted.Id, waiting.Id }, await AllTracedAsync("W07"));
        Assert.Equal(new HashSet<Guid> { academician.Id, courtyard.Id }, await AllTracedAsync("W08"));
        Assert.Equal(new HashSet<Guid> { meeting.Id, exchange.Id }, await AllTracedAsync("W09"));
        Assert.Equal(topic.Id, await TracedAsync("D03"));
        Assert.Equal(valid.Id, await TracedAsync("D04"));

        var anonymous = app.Anonymous();
        async Task Opens(FactSource source, Guid id, string expected)
        {
            var response = await anonymous.GetAsync(IndicatorsUi.SourceLink(source, id));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(expected, response.Headers.Location?.OriginalString);
        }

        await Opens(FactSource.Nomination, selected.Id, $"/Talent/Honours/Details/{call.Id}");
        await Opens(FactSource.SocietyActivity, meeting.Id, $"/Talent/Organizations/Details/{society.Id}");
        await Opens(FactSource.SurveyResponse, valid.Id, $"/Talent/Surveys/Details/{survey.Id}");
        Assert.Equal($"/Talent/Contests/Entry/{accepted.Id}", IndicatorsUi.SourceLink(FactSource.ContestEntry, accepted.Id));
        Assert.Equal($"/Talent/Stations/Edit/{academician.Id}", IndicatorsUi.SourceLink(FactSource.Workstation, academician.Id));
        Assert.Equal($"/ThinkTank/Topics/{topic.Id}", IndicatorsUi.SourceLink(FactSource.ThinkTankTopic, topic.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Talent/Records/nomination/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Talent/Records/other/{selected.Id}")).StatusCode);
        var county = await app.SignInAsync("admin");
        Assert.Contains("推荐人才入选", await county.GetStringAsync($"/Indicators/Trace?region={County}&period=2025&indicator=W06"));

        // Changes reach the figures through the outbox: a second valid answer, a waiting work that fails, a nomination reversed.
        var second = survey.Answer(Answers(), $"c-{token}", false, 200, null, At(7, 1));
        await app.QueryAsync(async db =>
        {
            db.SurveyResponses.Add(second);
            var work = await db.ContestEntries.SingleAsync(e => e.Id == waiting.Id);
            var edition = await db.Contests.SingleAsync(c => c.Id == contest.Id);
            work.Review(edition, false, 30, "不符合要求", admin);
            var nomination = await db.Nominations.SingleAsync(n => n.Id == selected.Id);
            nomination.Decide(await db.HonourCalls.SingleAsync(c => c.Id == call.Id), false, "复核未入选", 0, new DateOnly(2025, 7, 1), admin);
            return await db.SaveChangesAsync();
        });
        var after = ValuesOf(await (await national.GetAsync($"/api/v1/indicators/values?region={County}&period=2025")).OkJsonAsync());
        Assert.Equal((0m, 1m, 2m), (after["W06"], after["W07"], after["D04"]));
    }

    [Fact]
    public async Task The_demo_county_shows_each_new_indicator_from_its_2025_records()
    {
        var admin = await app.SignInAsync("daying");
        var values = ValuesOf(await (await admin.GetAsync($"/api/v1/indicators/values?region={DaYing}&period=2025")).OkJsonAsync());
        var first = new DateTimeOffset(2025, 1, 1, 0, 0, 0, Cst);
        var last = first.AddYears(1);

        // The demo's own records: 12 persons selected (2 托举工程, 10 优秀科技人才), the 第23届's works less those that failed, the provincial
        // 院士(专家)工作站 and three 科技小院 of 2025, 26 学术交流 and 年会, the 柠檬 topic recommended to 遂宁市, 2463 valid questionnaires.
        var selected = await app.QueryAsync(db => db.Nominations.CountAsync(n => n.RegionCode.StartsWith(DaYing) && n.Status == NominationStatus.Selected && n.OrganizationId == null
            && n.DecidedOn >= new DateOnly(2025, 1, 1) && n.DecidedOn <= new DateOnly(2025, 12, 31)));
        var works = (await app.QueryAsync(db => db.ContestEntries.Where(e => e.RegionCode.StartsWith(DaYing) && e.SourceEntryId == null && e.Status != ContestEntryStatus.Rejected)
            .Select(e => e.CreatedAt).ToListAsync())).Count(at => at >= first && at < last);
        var demoWorks = await app.QueryAsync(db => db.ContestEntries.CountAsync(e => e.SourceEntryId == null && e.Status != ContestEntryStatus.Rejected
            && db.Contests.Any(c => c.Id == e.ContestId && c.Name == "大英县第23届青少年科技创新大赛")));
        Assert.InRange(demoWorks, 700, 827);
        Assert.True(selected >= 12);
        Assert.Equal(selected, values["W06"]);
        Assert.True(works >= demoWorks);
        Assert.Equal(works, values["W07"]);
        Assert.True(values["W08"] >= 4m);
        Assert.True(values["W09"] >= 26m);
        Assert.True(values["D03"] >= 1m);
        Assert.True(values["D04"] >= Kexie.Data.Seeding.TalentDemoSeeder.Valid);

        // The trace of D03 names the recommended topic; its copy in 遂宁市's call does not count as a second 立项.
        var trace = await (await admin.GetAsync($"/api/v1/indicators/trace?region={DaYing}&period=2025&indicator=D03")).OkJsonAsync();
        var lemon = await app.QueryAsync(db => db.ThinkTankTopics.Where(t => t.RegionCode == DaYing && t.Title == "大英县柠檬产业链延伸与品牌建设研究" && t.SourceTopicId == null).Select(t => t.Id).SingleAsync());
        Assert.Contains(trace["records"]!.AsArray(), r => r!["sourceId"]!.GetValue<string>() == lemon.ToString());

        // The catalogue lists them with their units; the dashboard ranks the groups they belong to.
        var catalogue = (await (await app.Anonymous().GetAsync("/api/v1/indicators/catalogue")).OkJsonAsync()).AsArray();
        string Unit(string code) => catalogue.First(i => i!["code"]!.GetValue<string>() == code)!["unit"]!.GetValue<string>();
        Assert.Equal(("人", "件", "家", "个", "项", "份"), (Unit("W06"), Unit("W07"), Unit("W08"), Unit("W09"), Unit("D03"), Unit("D04")));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/Indicators?region={DaYing}&period=2025")).StatusCode);
    }
}

public sealed class TalentIndicatorSqliteTests(SqliteApp app) : TalentIndicatorTests(app);

public sealed class TalentIndicatorPostgresTests(PostgresApp app) : TalentIndicatorTests(app);
