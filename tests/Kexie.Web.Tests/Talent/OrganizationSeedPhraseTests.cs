using System.Text.Json.Nodes;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Regions;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Talent;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Talent;

/// <summary>
/// Every organization phrase of the seeds — "学会54个、会员人数31034人", "2所高校科协、2所科研院所科协、28家企业科协及3家园区科协", "指导学会按期年检，
/// 开展学会清理整顿", "54个学会明确党建指导员", the rule "有3名及以上正式党员的…单独建立党组织", "乡镇科协组织全覆盖", "吸纳455名…三长",
/// "深入推进10个镇(街道)科协组织建设", "专职副主席1名、挂职副主席1名、兼职副主席3名", the 科协's congress and the societies' 换届 — comes out
/// of the region's counts (<c>/api/v1/association-management/statistics</c>), each sentence rebuilt here from the records in the database.
/// And the indicators W10–W12 (the stations' yearly output) and W13 学会年检合格率 equal the records' counts. In 威远县 (511024) and
/// 资中县 (511025) of 内江市, for 2013: no other test writes there.
/// </summary>
public abstract class OrganizationSeedPhraseTests(KexieApp app)
{
    private const string County = "511024";
    private const string IndicatorCounty = "511025";
    private const int Year = 2013;

    private static readonly DateOnly End = new(Year, 12, 31);

    private static ManagedAssociation Ref(Association a) => new(a.Id, a.Name, a.RegionCode);

    [Fact]
    public async Task Each_organization_phrase_of_the_seeds_is_rebuilt_from_the_records_of_the_region()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var actor = new Actor("org-phrase", "测试管理员", UserRole.AssociationAdmin, County);
        var today = new DateOnly(2014, 3, 31);
        var townships = await app.QueryAsync(db => db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Township && r.Code.StartsWith(County)).OrderBy(r => r.Code)
            .Select(r => new { r.Code, r.Name }).ToListAsync());
        Assert.True(townships.Count >= 3, $"威远县只有{townships.Count}个乡镇");

        Association New(string name, AssociationKind kind, string region, int established) =>
            Association.Create(new AssociationData($"{name}{token}", kind, region, null, null, new DateOnly(established, 3, 1)));
        var kexie = New("威远县科学技术协会", AssociationKind.Kexie, County, 1980);
        var towns = townships.Select(t => New($"{t.Name}科学技术协会", AssociationKind.Kexie, t.Code, 2012)).ToList();
        var medical = New("威远县医学会", AssociationKind.Society, County, 1990);
        var farming = New("威远县农学会", AssociationKind.Society, County, 1992);
        var coal = New("威远县煤炭学会", AssociationKind.Society, County, 2001);
        var tea = New("威远县茶叶农村专业技术协会", AssociationKind.RuralTechAssociation, County, 2008);
        var units = new[]
        {
            New("威远县职业技术学校科协", AssociationKind.UniversityKexie, County, 2010),
            New("威远县农业科学研究所科协", AssociationKind.InstituteKexie, County, 2011),
            New("四川威远钢铁有限公司科协", AssociationKind.EnterpriseKexie, County, 2009),
            New("威远县天然气公司科协", AssociationKind.EnterpriseKexie, County, 2012),
            New("威远县经济开发区科协", AssociationKind.ParkKexie, County, 2012),
        };
        var records = new List<object> { kexie, medical, farming, coal, tea };
        records.AddRange(towns);
        records.AddRange(units);

        // 年检 of 2013 (members), one of 2012 failed and 2013 missing → 整顿 opened and concluded in 2013.
        foreach (var (society, members, result) in new[] { (medical, 512, InspectionStatus.Passed), (farming, 233, InspectionStatus.BasicallyPassed), (coal, 87, InspectionStatus.Passed) })
        {
            var inspection = Inspection.Submit(Ref(society), new InspectionData(Year, members, 5, "年度工作报告", new DateOnly(2014, 3, 1)), actor, today);
            inspection.Decide(result, new DateOnly(2014, 3, 20), result == InspectionStatus.Passed ? null : "会员名册未更新", actor, today);
            records.Add(inspection);
        }

        var failed = Inspection.Submit(Ref(tea), new InspectionData(Year - 1, 40, 2, "年度工作报告", new DateOnly(2013, 3, 1)), actor, today);
        failed.Decide(InspectionStatus.Failed, new DateOnly(2013, 3, 20), "未开展活动", actor, today);
        var rectification = Rectification.Open(Ref(tea), tea.Kind, new RectificationData(Year - 1, "年检不合格：全年未开展活动", new DateOnly(2013, 9, 30), new DateOnly(2013, 4, 10)),
            InspectionStatus.Failed, null, actor, today);
        rectification.SubmitReport("已恢复会员活动。", actor, false, new DateOnly(2013, 9, 1));
        rectification.AcceptReport(new DateOnly(2013, 9, 20), null, actor, today);
        records.Add(failed);
        records.Add(rectification);

        // 党建: two 党建指导员; the 农学会 with 4 formal members and no party organization is flagged by the rule.
        records.Add(PartyBuilding.Create(Ref(medical), new PartyBuildingData("王志强", 6, PartyOrganizationForm.Independent, new DateOnly(2010, 7, 1)), actor, today));
        records.Add(PartyBuilding.Create(Ref(farming), new PartyBuildingData("李红梅", 4, PartyOrganizationForm.None, null), actor, today));
        records.Add(PartyBuilding.Create(Ref(coal), new PartyBuildingData(null, 1, PartyOrganizationForm.Joint, new DateOnly(2011, 7, 1)), actor, today));

        // The county 科协's leadership, and the “三长” of every township but the last (which has two).
        foreach (var kind in new[] { LeadershipKind.FullTimeViceChair, LeadershipKind.SecondedViceChair, LeadershipKind.PartTimeViceChair, LeadershipKind.PartTimeViceChair, LeadershipKind.PartTimeViceChair })
        {
            records.Add(LeadershipPost.Appoint(Ref(kexie), new LeadershipPostData("测试", kind, null, new DateOnly(2012, 5, 1)), actor, today));
        }

        foreach (var (town, n) in towns.Select((t, n) => (t, n)))
        {
            foreach (var position in (n == towns.Count - 1 ? new[] { "卫生院院长", "中心小学校长" } : new[] { "卫生院院长", "中心小学校长", "农业服务中心站长" }))
            {
                records.Add(LeadershipPost.Appoint(Ref(town), new LeadershipPostData("测试", LeadershipKind.ThreeHeads, position, new DateOnly(2012, 5, 1)), actor, today));
            }
        }

        // 换届: the county 科协's 第六次代表大会 in 2013, the 医学会's 换届 in 2013, the 煤炭学会's term ran out in 2010.
        records.Add(Congress.Record(Ref(kexie), new CongressData(6, new DateOnly(2013, 6, 18), 5, "第六次代表大会"), [], actor, today));
        records.Add(Congress.Record(Ref(medical), new CongressData(4, new DateOnly(2013, 11, 2), 5, "第四次会员代表大会"), [], actor, today));
        records.Add(Congress.Record(Ref(coal), new CongressData(2, new DateOnly(2005, 11, 2), 5, "第二次会员代表大会"), [], actor, today));

        await app.QueryAsync(async db =>
        {
            db.AddRange(records.OfType<Association>());
            await db.SaveChangesAsync();
            db.AddRange(records.Where(r => r is not Association));
            return await db.SaveChangesAsync();
        });

        var admin = await app.SignInAsync("admin");
        var stats = await (await admin.GetAsync($"/api/v1/association-management/statistics?region={County}&year={Year}")).OkJsonAsync();
        var summary = stats["summary"]!.GetValue<string>();

        // Each sentence from the database's own counts.
        var counts = await app.QueryAsync(async db =>
        {
            var associations = await db.Associations.AsNoTracking().Where(a => a.RegionCode.StartsWith(County) && (a.EstablishedOn == null || a.EstablishedOn <= End))
                .Select(a => new { a.Id, a.Kind, a.RegionCode }).ToListAsync();
            var societies = associations.Where(a => a.Kind == AssociationKind.Society).Select(a => a.Id).ToList();
            var inspections = await db.Inspections.AsNoTracking().Where(i => i.RegionCode.StartsWith(County) && i.Year <= Year).ToListAsync();
            var members = inspections.Where(i => societies.Contains(i.AssociationId)).GroupBy(i => i.AssociationId).Sum(g => g.MaxBy(i => i.Year)!.IndividualMembers);
            var parties = await db.PartyBuildings.AsNoTracking().Where(p => p.RegionCode.StartsWith(County)).ToListAsync();
            var inspected = associations.Where(a => AssociationManagementService.InspectedKinds.Contains(a.Kind)).Select(a => a.Id).ToList();
            var ofYear = inspections.Where(i => i.Year == Year && inspected.Contains(i.AssociationId) && i.Status != InspectionStatus.Returned).ToList();
            var rectified = await db.Rectifications.AsNoTracking().Where(r => r.RegionCode.StartsWith(County) && r.StartedOn >= new DateOnly(Year, 1, 1) && r.StartedOn <= End).ToListAsync();
            var own = associations.Where(a => a.Kind == AssociationKind.Kexie && a.RegionCode == County).Select(a => a.Id).ToList();
            var posts = await db.LeadershipPosts.AsNoTracking().Where(p => p.RegionCode.StartsWith(County) && p.From <= End && (p.Until == null || p.Until > End)).ToListAsync();
            var townshipCodes = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Township && r.Code.StartsWith(County)).Select(r => r.Code).ToListAsync();
            var congresses = await db.Congresses.AsNoTracking().Where(c => c.RegionCode.StartsWith(County) && c.HeldOn <= End).ToListAsync();
            return new
            {
                Societies = societies.Count,
                Members = members,
                ByKind = associations.GroupBy(a => a.Kind).ToDictionary(g => g.Key, g => g.Count()),
                WithInstructor = parties.Count(p => societies.Contains(p.AssociationId) && p.InstructorName != null),
                Independent = parties.Count(p => p.Form == PartyOrganizationForm.Independent),
                Joint = parties.Count(p => p.Form == PartyOrganizationForm.Joint),
                Flagged = parties.Count(p => p.FormalMembers >= 3 && p.Form != PartyOrganizationForm.Independent),
                Due = inspected.Count,
                Submitted = ofYear.Count,
                Passed = ofYear.Count(i => i.Status == InspectionStatus.Passed),
                Basically = ofYear.Count(i => i.Status == InspectionStatus.BasicallyPassed),
                Rectified = rectified.Count,
                RectifiedPassed = rectified.Count(r => r.Status == RectificationStatus.Passed && r.ConcludedOn <= End),
                FullTime = posts.Count(p => own.Contains(p.AssociationId) && p.Kind == LeadershipKind.FullTimeViceChair),
                Seconded = posts.Count(p => own.Contains(p.AssociationId) && p.Kind == LeadershipKind.SecondedViceChair),
                PartTime = posts.Count(p => own.Contains(p.AssociationId) && p.Kind == LeadershipKind.PartTimeViceChair),
                Townships = townshipCodes.Count,
                Covered = associations.Where(a => a.Kind == AssociationKind.Kexie).Select(a => a.RegionCode).Intersect(townshipCodes).Count(),
                ThreeHeads = posts.Count(p => p.Kind == LeadershipKind.ThreeHeads && townshipCodes.Contains(p.RegionCode)),
                ThreeHeadTownships = posts.Where(p => p.Kind == LeadershipKind.ThreeHeads).Select(p => p.RegionCode).Intersect(townshipCodes).Count(),
                OwnTerm = congresses.Where(c => own.Contains(c.AssociationId) && c.HeldOn.Year == Year).Select(c => (int?)c.Term).Max(),
                Held = congresses.Count(c => !own.Contains(c.AssociationId) && c.HeldOn.Year == Year),
                Expired = congresses.Where(c => inspected.Contains(c.AssociationId)).GroupBy(c => c.AssociationId).Count(g => g.MaxBy(c => c.HeldOn)!.NextDueOn <= End),
            };
        });
        int Kind(AssociationKind kind) => counts.ByKind.GetValueOrDefault(kind);

        // "学会54个、会员人数31034人"
        Assert.Contains($"威远县有学会{counts.Societies}个、会员人数{counts.Members}人", summary);
        Assert.Equal((3, 832), (counts.Societies, counts.Members));
        // "2所高校科协、2所科研院所科协、28家企业科协及3家园区科协"
        Assert.Contains($"建有{Kind(AssociationKind.UniversityKexie)}所高校科协、{Kind(AssociationKind.InstituteKexie)}所科研院所科协、{Kind(AssociationKind.EnterpriseKexie)}家企业科协及{Kind(AssociationKind.ParkKexie)}家园区科协", summary);
        // "54个学会明确党建指导员" and the rule "有3名及以上正式党员的…必须单独建立党组织"
        Assert.Contains($"{counts.WithInstructor}个学会明确党建指导员，单独建立党组织{counts.Independent}个、联合建立{counts.Joint}个，另有{counts.Flagged}个有3名及以上正式党员尚未单独建立党组织", summary);
        Assert.Equal(1, counts.Flagged);
        // "指导学会按期年检，开展学会清理整顿"
        var rate = AssociationManagementService.PassRate(counts.Passed + counts.Basically, counts.Due);
        Assert.Contains($"指导学会按期年检，{Year}年度应年检学会、协会{counts.Due}个，已报送{counts.Submitted}个，合格{counts.Passed}个、基本合格{counts.Basically}个，年检合格率{rate}%", summary);
        Assert.Contains($"开展学会清理整顿，整顿{counts.Rectified}个、整改合格{counts.RectifiedPassed}个、撤销0个", summary);
        Assert.Equal("75", rate);
        // "专职副主席1名、挂职副主席1名、兼职副主席3名"
        Assert.Contains($"县科协有专职副主席{counts.FullTime}名、挂职副主席{counts.Seconded}名、兼职副主席{counts.PartTime}名", summary);
        // Congresses and elections: the 科协's 代表大会 of the year, the 换届 of the year, the terms run out.
        Assert.Equal(6, counts.OwnTerm);
        Assert.Contains($"{Year}年召开县科协第{AssociationManagementService.ChineseNumber(counts.OwnTerm!.Value)}次代表大会，选举产生第六届委员会和领导班子", summary);
        Assert.Contains($"{Year}年学会（协会）和基层科协完成换届{counts.Held}个，届满未换届的学会（协会）{counts.Expired}个", summary);
        Assert.Equal((1, 1), (counts.Held, counts.Expired));
        // "乡镇科协组织全覆盖", "深入推进10个镇(街道)科协组织建设", "吸纳455名…三长"
        Assert.Equal(counts.Townships, counts.Covered);
        Assert.Contains($"{counts.Townships}个乡镇（街道）均建立科协组织，实现乡镇科协组织全覆盖，深入推进{counts.ThreeHeadTownships}个镇（街道）科协组织建设（“3+1”），"
            + $"吸纳{counts.ThreeHeads}名医院院长、学校校长、农技站长（“三长”）进入乡镇科协领导机构", summary);
        Assert.Equal((3 * townships.Count) - 1, counts.ThreeHeads);

        // The annual report's 组织建设 paragraph says the same.
        Assert.Equal(counts.Due, stats["inspectionsDue"]!.GetValue<int>());
        Assert.Equal("六", AssociationManagementService.ChineseNumber(6));
        Assert.Equal(("十", "十二", "二十一"), (AssociationManagementService.ChineseNumber(10), AssociationManagementService.ChineseNumber(12), AssociationManagementService.ChineseNumber(21)));
    }

    [Fact]
    public async Task The_station_output_and_inspection_pass_rate_indicators_equal_the_records_and_trace_to_them()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var actor = new Actor("org-indicator", "测试管理员", UserRole.AssociationAdmin, IndicatorCounty);
        var today = new DateOnly(2014, 3, 31);
        var host = Organization.Create(new OrganizationData($"资中县测试企业{token}", OrganizationKind.Enterprise,
            Kexie.Data.Seeding.DemoSeeder.CreditCodeFor(IndicatorCounty, Random.Shared, OrganizationKind.Enterprise), null, IndicatorCounty, null, null, null), _ => true);
        var expert = ScienceWorker.Create(new ScienceWorkerData("资中专家", Gender.Male, 1970, "资中县农业农村局", "高级农艺师", [], "大学本科", null, KexieApp.NewPhone(), IndicatorCounty, false), _ => true);
        Workstation Station(string name, WorkstationKind kind) =>
            Workstation.Create(new WorkstationData(name + token, kind, HonourLevel.County, new DateOnly(2012, 3, 1), "资中县科学技术协会", "农业"), host.Id, host.Name, IndicatorCounty, [expert.Id], actor, today);
        var station = Station("院士(专家)工作站", WorkstationKind.AcademicianWorkstation);
        var courtyard = Station("科技小院", WorkstationKind.ScienceCourtyard);
        var output = WorkstationOutput.Record(station, new WorkstationOutputData(Year, 4, 2, 6, 300), actor, today);
        var courtyardOutput = WorkstationOutput.Record(courtyard, new WorkstationOutputData(Year, 1, 0, 9, 450), actor, today);
        var earlier = WorkstationOutput.Record(station, new WorkstationOutputData(Year - 1, 7, 7, 7, 70), actor, today);

        Association Society(string name, AssociationKind kind, int established) =>
            Association.Create(new AssociationData($"{name}{token}", kind, IndicatorCounty, null, null, new DateOnly(established, 5, 1)));
        var passed = Society("资中县医学会", AssociationKind.Society, 1995);
        var basically = Society("资中县农学会", AssociationKind.Society, 1998);
        var failing = Society("资中县血橙农村专业技术协会", AssociationKind.RuralTechAssociation, 2006);
        var missing = Society("资中县蚕桑协会", AssociationKind.Association, 2010);
        var later = Society("资中县新材料学会", AssociationKind.Society, 2015);
        var enterprise = Society("资中县企业科协", AssociationKind.EnterpriseKexie, 2005);
        Inspection Inspect(Association a, InspectionStatus result)
        {
            var inspection = Inspection.Submit(Ref(a), new InspectionData(Year, 50, 1, "年度工作报告", new DateOnly(2014, 3, 1)), actor, today);
            inspection.Decide(result, new DateOnly(2014, 3, 20), result == InspectionStatus.Passed ? null : "需整改", actor, today);
            return inspection;
        }

        var inspections = new[] { Inspect(passed, InspectionStatus.Passed), Inspect(basically, InspectionStatus.BasicallyPassed), Inspect(failing, InspectionStatus.Failed), Inspect(enterprise, InspectionStatus.Passed) };
        await app.QueryAsync(async db =>
        {
            db.AddRange(host, expert, passed, basically, failing, missing, later, enterprise);
            await db.SaveChangesAsync();
            db.AddRange(station, courtyard);
            await db.SaveChangesAsync();
            db.AddRange(output, courtyardOutput, earlier);
            db.AddRange(inspections);
            return await db.SaveChangesAsync();
        });

        var national = await app.SignInAsync("admin");
        var values = (await (await national.GetAsync($"/api/v1/indicators/values?region={IndicatorCounty}&period={Year}")).OkJsonAsync())["values"]!.AsArray()
            .ToDictionary(v => v!["code"]!.GetValue<string>(), v => v!["value"]?.GetValue<decimal?>());

        // W10–W12 equal the outputs of the year in the county; W13 the 年检 passed (合格、基本合格) over the 学会、协会、农技协 due.
        var expected = await app.QueryAsync(async db =>
        {
            var outputs = await db.WorkstationOutputs.AsNoTracking().Where(o => o.RegionCode.StartsWith(IndicatorCounty) && o.Year == Year).ToListAsync();
            var kinds = new[] { AssociationKind.Society, AssociationKind.Association, AssociationKind.RuralTechAssociation };
            var due = (await db.Associations.AsNoTracking().Where(a => a.RegionCode.StartsWith(IndicatorCounty) && kinds.Contains(a.Kind)).ToListAsync())
                .Count(a => (a.EstablishedOn?.Year ?? a.CreatedAt.ToOffset(TimeSpan.FromHours(8)).Year) <= Year);
            var passing = await db.Inspections.AsNoTracking().CountAsync(i => i.RegionCode.StartsWith(IndicatorCounty) && i.Year == Year
                && (i.Status == InspectionStatus.Passed || i.Status == InspectionStatus.BasicallyPassed)
                && db.Associations.Any(a => a.Id == i.AssociationId && kinds.Contains(a.Kind)));
            return (Projects: outputs.Sum(o => o.Projects), Patents: outputs.Sum(o => o.Patents), Trainings: outputs.Sum(o => o.Trainings), Due: due, Passing: passing);
        });
        Assert.Equal((5, 2, 15, 4, 2), expected);
        Assert.Equal((expected.Projects, expected.Patents, expected.Trainings), ((int)values["W10"]!, (int)values["W11"]!, (int)values["W12"]!));
        Assert.Equal(decimal.Round(expected.Passing * 100m / expected.Due, 2), values["W13"]);
        Assert.Equal(50m, values["W13"]);

        // Each traces to its records, and the trace's links open the station and the society's file.
        async Task<HashSet<Guid>> TracedAsync(string code)
        {
            var trace = await (await national.GetAsync($"/api/v1/indicators/trace?region={IndicatorCounty}&period={Year}&indicator={code}")).OkJsonAsync();
            return trace["records"]!.AsArray().Select(r => Guid.Parse(r!["sourceId"]!.GetValue<string>())).ToHashSet();
        }

        Assert.Equal(new HashSet<Guid> { output.Id, courtyardOutput.Id }, await TracedAsync("W12"));
        Assert.Equal(new HashSet<Guid> { output.Id }, await TracedAsync("W11"));
        var w13 = await TracedAsync("W13");
        // The rate's trace holds both its parts: the 年检 passed and the societies due (not the one founded later, nor the 企业科协).
        Assert.Equal(new HashSet<Guid> { inspections[0].Id, inspections[1].Id, passed.Id, basically.Id, failing.Id, missing.Id }, w13);
        var anonymous = app.Anonymous();
        var opened = await anonymous.GetAsync(Kexie.Web.Pages.Indicators.IndicatorsUi.SourceLink(Kexie.Domain.Indicators.FactSource.WorkstationOutput, output.Id));
        Assert.Equal($"/Talent/Stations/Edit/{station.Id}", opened.Headers.Location?.OriginalString);
        var inspectionLink = await anonymous.GetAsync(Kexie.Web.Pages.Indicators.IndicatorsUi.SourceLink(Kexie.Domain.Indicators.FactSource.Inspection, inspections[0].Id));
        Assert.Equal($"/Talent/Organizations/Details/{passed.Id}", inspectionLink.Headers.Location?.OriginalString);

        // A 年检 decided later reaches the rate through the outbox; the catalogue gives the units.
        await app.QueryAsync(async db =>
        {
            var late = Inspection.Submit(Ref(missing), new InspectionData(Year, 30, 0, "年度工作报告", new DateOnly(2014, 3, 25)), actor, today);
            late.Decide(InspectionStatus.Passed, new DateOnly(2014, 3, 28), null, actor, today);
            db.Inspections.Add(late);
            return await db.SaveChangesAsync();
        });
        var after = (await (await national.GetAsync($"/api/v1/indicators/values?region={IndicatorCounty}&period={Year}")).OkJsonAsync())["values"]!.AsArray()
            .First(v => v!["code"]!.GetValue<string>() == "W13")!["value"]!.GetValue<decimal>();
        Assert.Equal(75m, after);
        var catalogue = (await (await anonymous.GetAsync("/api/v1/indicators/catalogue")).OkJsonAsync()).AsArray();
        string Unit(string code) => catalogue.First(i => i!["code"]!.GetValue<string>() == code)!["unit"]!.GetValue<string>();
        Assert.Equal(("个", "件", "场次", "%"), (Unit("W10"), Unit("W11"), Unit("W12"), Unit("W13")));
    }
}

public sealed class OrganizationSeedPhraseSqliteTests(SqliteApp app) : OrganizationSeedPhraseTests(app);

public sealed class OrganizationSeedPhrasePostgresTests(PostgresApp app) : OrganizationSeedPhraseTests(app);
