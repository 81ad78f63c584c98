using Kexie.Domain.Authorization;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Talent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kexie.Data.Seeding;

/// <summary>
/// Demo records of talent work for 大英县 (510923): the 2025 全县科技工作者状况调查 from the shipped template, 3000 questionnaires given
/// out, 2463 valid answers (and some duplicates and hasty ones that do not count) with 512 suggestions — "发放问卷3000份回收有效问卷
/// 2463份征集到意见和建议共500余条". Answers go through the domain (<see cref="Survey.Answer"/>); deterministic; runs only on a demo
/// database (the demo accounts exist) that has no survey yet.
/// </summary>
public sealed class TalentDemoSeeder(KexieDbContext db, ILogger<TalentDemoSeeder> logger)
{
    public const int Distributed = 3000;
    public const int Valid = 2463;
    public const int Suggestions = 512;

    private static readonly string[] SuggestionTexts =
    [
        "希望多组织面向基层科技工作者的专业培训", "建议搭建本地企业与专家的技术对接平台", "职称评审中多考虑基层实际贡献", "希望增加学术交流的机会",
        "建议设立青年科技人才专项支持", "希望科协多到乡镇开展科技服务", "建议加强科技工作者权益保障", "希望简化项目申报程序",
        "建议建立科技工作者之家", "希望多宣传优秀科技工作者的事迹", "建议加强与高校院所的合作", "希望提供更多继续教育的网络课程",
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await SeedSurveyAsync(ct);
        await SeedAssociationsAsync(ct);
        await SeedContestsAsync(ct);
        await SeedHonoursAsync(ct);
        await SeedWorkstationsAsync(ct);
        await SeedSocietyActivitiesAsync(ct);
        await SeedAgreementsAsync(ct);
        await SeedExpertReviewsAsync(ct);
        await ContestDemoSeeder.SeedAsync(db, logger, ct);
        await SeedUpwardCandidatesAsync(ct);
        await SeedUpwardTopicAsync(ct);
        await SeedUpwardTopicApprovalAsync(ct);
        await SeedUnitKexiesAsync(ct);
        await SeedRectificationsAsync(ct);
        await SeedUnitHonoursAsync(ct);
    }

    /// <summary>遂宁市's 2024 calls for organizations' honours (<see cref="SeedUnitHonoursAsync"/>).</summary>
    public const string ExecutingUnitsCall = "遂宁市2024年科普工作优秀执行单位评选";

    public const string OrganizingUnitsCall = "遂宁市2024年青少年科技创新大赛优秀组织单位评选";

    /// <summary>
    /// Organizations' honours (the seeds' "优秀执行单位", "优秀组织单位"): 遂宁市's 2024 calls for 科普工作优秀执行单位 and 青少年科技创新大赛优秀组织单位,
    /// to which 大英县 nominated two enterprises and its two schools; the city selected one of each (2024-12-10). 大英县's 2024 honours sentence:
    /// "2024年，大英县推荐参加各类荣誉评选4人（个），入选2人（个）：1个单位获评优秀执行单位、1个单位获评优秀组织单位。" — 2024, so 2025's
    /// sentences stay the seeds'. Runs once (no such call yet).
    /// </summary>
    private async Task SeedUnitHonoursAsync(CancellationToken ct)
    {
        if (await db.HonourCalls.AnyAsync(c => c.Name == ExecutingUnitsCall, ct))
        {
            return;
        }

        var users = await db.Users.AsNoTracking().Where(u => u.UserName == "daying" || u.UserName == "suining").ToListAsync(ct);
        var units = await db.Organizations.AsNoTracking().Where(o => RegionScope.Within(o.RegionCode, DemoSeeder.DaYing) && o.IsVerified && o.Kind == OrganizationKind.Enterprise)
            .OrderBy(o => o.Name).Take(2).Select(o => new { o.Id, o.Name, o.RegionCode }).ToListAsync(ct);
        var schools = await db.Organizations.AsNoTracking().Where(o => RegionScope.Within(o.RegionCode, DemoSeeder.DaYing) && o.Kind == OrganizationKind.School)
            .OrderBy(o => o.Name).Take(2).Select(o => new { o.Id, o.Name, o.RegionCode }).ToListAsync(ct);
        if (users.Count < 2 || units.Count < 2 || schools.Count < 2)
        {
            return;
        }

        var county = users.Single(u => u.UserName == "daying").ToActor();
        var city = users.Single(u => u.UserName == "suining").ToActor();
        var executing = HonourCall.Create(new HonourCallData(ExecutingUnitsCall, HonourKind.OrganizationHonour, 2024, "5109", "遂宁市科学技术协会", 5,
            "表彰科普工作任务完成好、群众评价高的执行单位"), city);
        var organizing = HonourCall.Create(new HonourCallData(OrganizingUnitsCall, HonourKind.OrganizationHonour, 2024, "5109", "遂宁市科学技术协会", 5,
            "表彰组织学生参加青少年科技创新大赛成绩突出的学校"), city);
        db.HonourCalls.AddRange(executing, organizing);
        var on = new DateOnly(2024, 12, 10);
        var nominations = new List<Nomination>();
        foreach (var (call, picks, reason) in new[]
        {
            (executing, units, "承办科技活动周、全国科普日活动，组织科普讲座和技术培训成效显著"),
            (organizing, schools, "组织学生参加青少年科技创新大赛，作品获奖数量居全县前列"),
        })
        {
            var n = 0;
            foreach (var o in picks)
            {
                var nomination = Nomination.Nominate(call, null, o.Id, o.Name, o.RegionCode, reason, county);
                nomination.Decide(call, n == 0, n == 0 ? null : "名额有限", 0, on, city);
                nominations.Add(nomination);
                n++;
            }

            call.Close(city);
        }

        db.Nominations.AddRange(nominations);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("已生成单位荣誉演示数据：推荐{Nominated}个单位", nominations.Count);
    }

    /// <summary>The demo society under 清理整顿, led by the demo science worker (李建国, its 会长).</summary>
    public const string RectifiedSociety = "大英县蚕桑农村专业技术协会";

    /// <summary>
    /// 学会清理整顿 in 大英县: the 蚕桑 农技协 (established 2017, its 会长 the demo science worker) did not submit its 2024 年检; the county put
    /// it under 整顿 on 2025-05-12 (限期 2025-08-31), its 会长 submitted the 整改报告 on 2025-08-20 and the county accepted it on
    /// 2025-09-05 (整改合格); it missed its 2025 年检 as well, and is under 整顿 again since 2026-05-10 (限期 2026-12-31, no report yet),
    /// which its 会长 sees on his workbench. With it, the county's 医学会 held its 换届 (第五次会员代表大会) in 2025. Runs once.
    /// </summary>
    private async Task SeedRectificationsAsync(CancellationToken ct)
    {
        if (await db.Rectifications.AnyAsync(ct) || await db.Associations.AnyAsync(a => a.Name == RectifiedSociety, ct))
        {
            return;
        }

        var users = await db.Users.AsNoTracking().Where(u => u.UserName == "daying" || u.UserName == "worker").ToListAsync(ct);
        var county = await db.Associations.AsNoTracking().FirstOrDefaultAsync(a => a.Kind == AssociationKind.Kexie && a.RegionCode == DemoSeeder.DaYing, ct);
        var worker = users.FirstOrDefault(u => u.UserName == "worker");
        var admin = users.FirstOrDefault(u => u.UserName == "daying");
        if (county is null || admin is null || worker?.ScienceWorkerId is null)
        {
            return;
        }

        var society = Association.Create(new AssociationData(RectifiedSociety, AssociationKind.RuralTechAssociation, DemoSeeder.DaYing, county.Id, null, new DateOnly(2017, 4, 1)));
        society.AddMember(worker.ScienceWorkerId, null, MemberRole.Chair, new DateOnly(2023, 1, 1));
        db.Associations.Add(society);
        await db.SaveChangesAsync(ct);

        var staff = admin.ToActor();
        var chair = worker.ToActor();
        var today = new DateOnly(2026, 6, 30);
        var managed = new ManagedAssociation(society.Id, society.Name, society.RegionCode);
        var first = Rectification.Open(managed, society.Kind,
            new RectificationData(2024, "未按期报送2024年度年检材料，会员名册和财务收支情况未公开", new DateOnly(2025, 8, 31), new DateOnly(2025, 5, 12)), null, null, staff, today);
        first.SubmitReport("已补报2024年度年检材料，重新核实会员名册（会员126人），建立财务收支公开制度并在理事会上通报。", chair, true, new DateOnly(2025, 8, 20));
        first.AcceptReport(new DateOnly(2025, 9, 5), "整改到位，恢复正常活动", staff, today);
        db.Rectifications.Add(first);
        await db.SaveChangesAsync(ct);

        var second = Rectification.Open(managed, society.Kind,
            new RectificationData(2025, "未按期报送2025年度年检材料，全年未开展会员活动", new DateOnly(2026, 12, 31), new DateOnly(2026, 5, 10)), null, RectificationStatus.Passed, staff, today);
        db.Rectifications.Add(second);

        var medical = await db.Associations.AsNoTracking().FirstOrDefaultAsync(a => a.Name == "大英县医学会" && a.RegionCode == DemoSeeder.DaYing, ct);
        if (medical is not null)
        {
            var terms = await db.Congresses.Where(c => c.AssociationId == medical.Id).Select(c => c.Term).ToListAsync(ct);
            if (!terms.Contains(5))
            {
                db.Congresses.Add(Congress.Record(new ManagedAssociation(medical.Id, medical.Name, medical.RegionCode),
                    new CongressData(5, new DateOnly(2025, 11, 16), 5, "大英县医学会第五次会员代表大会，选举产生第五届理事会"), terms, staff, today));
            }
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("已生成学会清理整顿演示数据：{Society}", RectifiedSociety);
    }

    /// <summary>The 科协 of units the demo adds to the county's one 企业科协 (<see cref="UnitKexies"/>).</summary>
    public static readonly IReadOnlyList<(string Name, AssociationKind Kind, string RegionCode, DateOnly EstablishedOn)> UnitKexies =
    [
        ("四川卓筒井盐业有限公司科学技术协会", AssociationKind.EnterpriseKexie, DemoSeeder.DaYing, new DateOnly(2018, 5, 16)),
        ("四川大英精密机械制造有限公司科学技术协会", AssociationKind.EnterpriseKexie, DemoSeeder.DaYing, new DateOnly(2020, 9, 8)),
        ("四川隆盛新材料科技有限公司科学技术协会", AssociationKind.EnterpriseKexie, DemoSeeder.DaYing, new DateOnly(2022, 4, 21)),
        ("四川大英经济开发区科学技术协会", AssociationKind.ParkKexie, DemoSeeder.DaYing, new DateOnly(2019, 11, 12)),
        ("四川职业技术学院科学技术协会", AssociationKind.UniversityKexie, "5109", new DateOnly(2016, 6, 3)),
        ("遂宁职业学院科学技术协会", AssociationKind.UniversityKexie, "5109", new DateOnly(2021, 10, 15)),
        ("遂宁市农业科学研究所科学技术协会", AssociationKind.InstituteKexie, "5109", new DateOnly(2017, 3, 28)),
    ];

    /// <summary>
    /// "2所高校科协、2所科研院所科协、28家企业科协及3家园区科协" in the demo's size: 大英县 has no 高校 or 科研院所 of its own, so its
    /// enterprise 科协 (the seeded one and three more) and the 经济开发区's 园区科协 are the county's; the 高校科协 of 四川职业技术学院 and
    /// 遂宁职业学院 and the 科研院所科协 of 遂宁市农业科学研究所 are the city's (遂宁市 5109). Runs once: not when one of them exists,
    /// nor on a database without the demo county's 科协.
    /// </summary>
    private async Task SeedUnitKexiesAsync(CancellationToken ct)
    {
        var names = UnitKexies.Select(u => u.Name).ToList();
        var county = await db.Associations.AsNoTracking().FirstOrDefaultAsync(a => a.Kind == AssociationKind.Kexie && a.RegionCode == DemoSeeder.DaYing, ct);
        if (county is null || await db.Associations.AnyAsync(a => names.Contains(a.Name), ct))
        {
            return;
        }

        foreach (var (name, kind, region, established) in UnitKexies)
        {
            db.Associations.Add(Association.Create(new AssociationData(name, kind, region, region == DemoSeeder.DaYing ? county.Id : null, null, established)));
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("已生成企业、园区、高校、科研院所科协演示数据：{Count}个", UnitKexies.Count);
    }

    /// <summary>
    /// D03 智库课题向上推荐: 大英县's approved 柠檬产业链 topic recommended on 2025-06-16 to 遂宁市's 2025 call (opened for the counties'
    /// recommendations, 截止 2025-09-30). Runs once (no 遂宁市 demo call yet).
    /// </summary>
    private async Task SeedUpwardTopicAsync(CancellationToken ct)
    {
        const string Title = "遂宁市2025年度科协智库课题征集";
        if (await db.ThinkTankCalls.AnyAsync(c => c.RegionCode == "5109" && c.Title == Title, ct))
        {
            return;
        }

        var users = await db.Users.AsNoTracking().Where(u => u.UserName == "daying" || u.UserName == "suining").ToListAsync(ct);
        var lemon = await db.ThinkTankTopics.FirstOrDefaultAsync(t => t.RegionCode == DemoSeeder.DaYing && t.Title == "大英县柠檬产业链延伸与品牌建设研究" && t.RecommendedTopicId == null, ct);
        if (users.Count < 2 || lemon is null || lemon.ApprovedAt is null)
        {
            return;
        }

        var cst = TimeSpan.FromHours(8);
        var call = Kexie.Domain.ThinkTank.ThinkTankCall.Open(
            new Kexie.Domain.ThinkTank.ThinkTankCallData(Title, "各区县科协推荐已立项的优秀课题，围绕特色产业、科技人才和基层科普开展研究。", "5109", new DateOnly(2025, 9, 30)),
            users.Single(u => u.UserName == "suining").ToActor(), new DateTimeOffset(2025, 6, 2, 9, 0, 0, cst).ToUniversalTime());
        db.ThinkTankCalls.Add(call);
        db.ThinkTankTopics.Add(lemon.RecommendTo(call, users.Single(u => u.UserName == "daying").ToActor(), new DateTimeOffset(2025, 6, 16, 10, 0, 0, cst).ToUniversalTime()));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("已生成智库课题向上推荐演示数据：{Title}", lemon.Title);
    }

    /// <summary>
    /// The 柠檬 topic 大英县 recommended to 遂宁市's 2025 call is scored there by two experts of 遂宁市's 专家库 (not the demo science worker,
    /// none with a conflict) and approved by the city on 2025-10-20 — the seeds' "3个课题入选国家级…选题" in the demo county's form:
    /// "2025年，大英县向上级推荐智库课题1个，1个课题入选上级选题（市级1个）。" The copy is no second 立项 of the county (D01 counts the
    /// original, D03 the recommendation). Runs once (while the copy waits for its review).
    /// </summary>
    private async Task SeedUpwardTopicApprovalAsync(CancellationToken ct)
    {
        var copy = await db.ThinkTankTopics.FirstOrDefaultAsync(t => t.SourceTopicId != null && t.CallRegionCode == "5109" && t.RegionCode == DemoSeeder.DaYing
            && t.Title == "大英县柠檬产业链延伸与品牌建设研究" && t.Status == Kexie.Domain.ThinkTank.TopicStatus.Submitted, ct);
        var users = await db.Users.AsNoTracking().Where(u => u.UserName == "suining" || u.UserName == "worker").ToListAsync(ct);
        var call = copy is null ? null : await db.ThinkTankCalls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == copy.CallId, ct);
        var city = users.FirstOrDefault(u => u.UserName == "suining");
        if (copy is null || call is null || city is null || await db.ExpertAssignments.AnyAsync(a => a.TopicId == copy.Id, ct))
        {
            return;
        }

        var demoWorker = users.FirstOrDefault(u => u.UserName == "worker")?.ScienceWorkerId;
        var experts = await db.Experts.AsNoTracking().Where(e => e.Status == ExpertStatus.Active && RegionScope.Within(e.RegionCode, "5109"))
            .Join(db.ScienceWorkers.AsNoTracking(), e => e.WorkerId, w => w.Id, (e, w) => new { Expert = e, Worker = w })
            .Where(x => x.Worker.Id != demoWorker).OrderBy(x => x.Expert.AdmittedOn).ThenBy(x => x.Worker.Name).Take(20).ToListAsync(ct);
        var admin = city.ToActor();
        static DateTimeOffset At(int month, int day) => new(2025, month, day, 2, 0, 0, TimeSpan.Zero);
        var assignments = new List<Kexie.Domain.ThinkTank.ExpertAssignment>();
        decimal[][] sheets = [[9, 8.5m, 8, 9], [8.5m, 8, 8.5m, 8]];
        foreach (var x in experts)
        {
            var candidate = new Kexie.Domain.ThinkTank.ExpertCandidate(x.Expert.Id, x.Worker.Id, x.Worker.Name, x.Worker.Employer, null, true);
            if (assignments.Count == 2 || Kexie.Domain.ThinkTank.ExpertAssignment.ConflictOf(copy, candidate) is not null)
            {
                continue;
            }

            var assignment = Kexie.Domain.ThinkTank.ExpertAssignment.Assign(copy, call.Rubric, candidate, [.. assignments.Select(a => a.ExpertId)], admin, At(10, 8));
            var values = call.Rubric.Select((c, i) => (decimal?)Math.Min(sheets[assignments.Count][i % 4], c.MaxScore)).ToList();
            assignment.Score(copy, values, assignments.Count == 0 ? "选题契合全市柠檬产业发展需要" : "研究基础扎实，建议纳入市级选题",
                new Actor(null, null, UserRole.ScienceWorker, x.Worker.RegionCode, x.Worker.Id, DisplayName: x.Worker.Name), At(10, 15));
            assignments.Add(assignment);
        }

        if (assignments.Count == 0)
        {
            return;
        }

        copy.Approve(admin, At(10, 20));
        db.ExpertAssignments.AddRange(assignments);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("已生成智库课题入选上级选题演示数据：{Title}", copy.Title);
    }

    /// <summary>
    /// 2025's candidates 大英县 sent to the province's awards ("积极向中、省、市科协举荐“青年科技奖”“最美科技工作者”等候选人"): 1 for the
    /// 四川省青年科技奖 (the demo science worker 李建国, so his workbench shows it), 1 for the province's 最美科技工作者 and 2 for the
    /// 全国科技助力精准扶贫先进个人 the province recommends to 中国科协 — the calls still open, the candidates waiting for the province's
    /// decision. The sentence: "向省科协推荐1人参评青年科技奖、1人参评最美科技工作者、2人参评全国科技助力精准扶贫先进个人". Runs once (no
    /// 青年科技奖 call yet).
    /// </summary>
    private async Task SeedUpwardCandidatesAsync(CancellationToken ct)
    {
        if (await db.HonourCalls.AnyAsync(c => c.Kind == HonourKind.YouthScienceAward, ct))
        {
            return;
        }

        var users = await db.Users.AsNoTracking().Where(u => u.UserName == "daying" || u.UserName == "sichuan" || u.UserName == "worker").ToListAsync(ct);
        var own = users.FirstOrDefault(u => u.UserName == "worker")?.ScienceWorkerId;
        var picked = await db.ScienceWorkers.AsNoTracking().Where(w => RegionScope.Within(w.RegionCode, DemoSeeder.DaYing) && w.Id != own).OrderBy(w => w.Id).Skip(15).Take(3)
            .Select(w => new Candidate(w.Id, w.Name, w.RegionCode, w.Employer, w.Title)).ToListAsync(ct);
        var mine = own is { } id
            ? await db.ScienceWorkers.AsNoTracking().Where(w => w.Id == id).Select(w => new Candidate(w.Id, w.Name, w.RegionCode, w.Employer, w.Title)).FirstOrDefaultAsync(ct)
            : null;
        if (users.Count < 3 || mine is null || picked.Count < 3)
        {
            return;
        }

        var county = users.Single(u => u.UserName == "daying").ToActor();
        var province = users.Single(u => u.UserName == "sichuan").ToActor();
        var youth = HonourCall.Create(new HonourCallData("2025年四川省青年科技奖", HonourKind.YouthScienceAward, 2025, "51", "四川省科学技术协会", 30,
            "表彰在科学研究、技术创新和成果推广中取得突出成绩的40周岁以下青年科技工作者"), province);
        var beautiful = HonourCall.Create(new HonourCallData("2025年四川省“最美科技工作者”推选", HonourKind.MostBeautifulWorker, 2025, "51", "四川省科学技术协会", 10), province);
        var poverty = HonourCall.Create(new HonourCallData("2025年全国科技助力精准扶贫先进个人（四川省推荐）", HonourKind.PovertyAlleviation, 2025, "51", "中国科学技术协会", 20,
            "由省科协汇总各地推荐人选后报中国科协"), province);
        db.HonourCalls.AddRange(youth, beautiful, poverty);
        Nomination Nominate(HonourCall call, Candidate w, string reason) =>
            Nomination.Nominate(call, w.Id, null, w.Name, w.RegionCode, $"{w.Employer ?? "本单位"}{w.Title}，{reason}", county);
        db.Nominations.AddRange(
            Nominate(youth, mine, "长期扎根基层开展农业技术推广，主持县级科技项目2项，带动农户增收成效明显"),
            Nominate(beautiful, picked[0], "数十年如一日服务一线，事迹感人，群众口碑好"),
            Nominate(poverty, picked[1], "驻村开展产业技术帮扶，培训农民600余人次，帮助贫困村发展特色种养业"),
            Nominate(poverty, picked[2], "组建科技服务小分队，推广实用技术12项，助力脱贫户稳定增收"));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("已生成向上推荐演示数据：青年科技奖、最美科技工作者、全国科技助力精准扶贫先进个人候选人共4人");
    }

    private sealed record Candidate(Guid Id, string Name, string RegionCode, string? Employer, string? Title);

    /// <summary>
    /// 2025's activities of 大英县's 学会 and 农技协: 22 特色学术交流 (医学会 12, 农学会 10), their 年会, 学术交流 and 科普, the 农技协's
    /// trainings — "学会开展特色学术交流活动22个". Runs once (no activity yet).
    /// </summary>
    private async Task SeedSocietyActivitiesAsync(CancellationToken ct)
    {
        if (await db.SocietyActivities.AnyAsync(ct))
        {
            return;
        }

        var admin = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == "daying", ct);
        var associations = await db.Associations.AsNoTracking().Where(a => RegionScope.Within(a.RegionCode, DemoSeeder.DaYing) && a.Kind != AssociationKind.Kexie)
            .ToDictionaryAsync(a => a.Name, ct);
        if (admin is null || !associations.ContainsKey("大英县医学会") || !associations.ContainsKey("大英县农学会"))
        {
            return;
        }

        var actor = admin.ToActor();
        var today = new DateOnly(2025, 12, 31);
        var activities = new List<SocietyActivity>();
        void Add(string association, SocietyActivityKind kind, string title, int month, int day, int participants, string? partners = null)
        {
            if (associations.TryGetValue(association, out var a))
            {
                activities.Add(SocietyActivity.Record(new ManagedAssociation(a.Id, a.Name, a.RegionCode), new SocietyActivityData(kind, title, new DateOnly(2025, month, day), participants, partners), actor, today));
            }
        }

        string[] medical = ["基层慢病规范化管理", "县域医共体建设", "急诊急救能力提升", "儿童常见病诊疗", "中西医结合康复", "基层合理用药", "老年综合评估", "院前急救与转运", "妇幼保健", "基层影像诊断", "医院感染防控", "家庭医生签约服务"];
        for (var i = 0; i < medical.Length; i++)
        {
            Add("大英县医学会", SocietyActivityKind.FeaturedExchange, $"{medical[i]}专题学术交流会", 2 + (i % 10), 8 + i, 60 + (i * 7) % 50, i % 3 == 0 ? "遂宁市中心医院" : null);
        }

        string[] farming = ["柑橘绿色高效栽培", "生猪健康养殖", "井盐化工与土壤改良", "中药材规范化种植", "稻渔综合种养", "农产品质量安全", "高标准农田建设", "丘区农机化", "水肥一体化", "病虫害统防统治"];
        for (var i = 0; i < farming.Length; i++)
        {
            Add("大英县农学会", SocietyActivityKind.FeaturedExchange, $"{farming[i]}技术交流会", 3 + (i % 9), 10 + i, 45 + (i * 11) % 60, i % 2 == 0 ? "四川农业大学" : "遂宁市农业科学研究所");
        }

        Add("大英县医学会", SocietyActivityKind.AnnualMeeting, "大英县医学会2025年学术年会", 11, 22, 230);
        Add("大英县农学会", SocietyActivityKind.AnnualMeeting, "大英县农学会2025年年会", 12, 6, 150);
        Add("大英县医学会", SocietyActivityKind.AcademicExchange, "县域医学新技术新项目交流会", 6, 14, 120, "遂宁市医学会");
        Add("大英县农学会", SocietyActivityKind.AcademicExchange, "丘区现代农业发展论坛", 9, 19, 90, "遂宁市农学会");
        Add("大英县医学会", SocietyActivityKind.Popularization, "全国科技工作者日健康义诊", 5, 30, 300);
        Add("大英县农学会", SocietyActivityKind.Popularization, "科技下乡送技术活动", 3, 5, 260);
        Add("大英县柑橘产业农村专业技术协会", SocietyActivityKind.Training, "柑橘修剪与病虫害防治培训班", 2, 20, 85);
        Add("大英县生猪养殖农村专业技术协会", SocietyActivityKind.Training, "生猪疫病防控培训班", 4, 16, 60);
        Add("大英县中药材种植农村专业技术协会", SocietyActivityKind.Training, "中药材种植技术培训班", 3, 26, 40);
        db.SocietyActivities.AddRange(activities);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("已生成学会活动演示数据：{Count}个", activities.Count);
    }

    /// <summary>
    /// 286 产学研合作协议 of 2025 under 大英县's 7 产学研合作项目 (41 or 40 each), between the county's enterprises and the projects' experts or a
    /// university — "产学研合作项目7个、合作协议286份". Runs once (no agreement yet).
    /// </summary>
    private async Task SeedAgreementsAsync(CancellationToken ct)
    {
        if (await db.CooperationAgreements.AnyAsync(ct))
        {
            return;
        }

        var admin = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == "daying", ct);
        var projects = await db.Workstations.AsNoTracking().Where(w => RegionScope.Within(w.RegionCode, DemoSeeder.DaYing) && w.Kind == WorkstationKind.CooperationProject)
            .OrderBy(w => w.FoundedOn).ThenBy(w => w.Name).ToListAsync(ct);
        var enterprises = await db.Organizations.AsNoTracking().Where(o => RegionScope.Within(o.RegionCode, DemoSeeder.DaYing) && o.IsVerified && o.Kind == OrganizationKind.Enterprise)
            .OrderBy(o => o.Name).Select(o => new AgreementParty(o.Id, o.Name)).ToListAsync(ct);
        if (admin is null || projects.Count == 0 || enterprises.Count == 0)
        {
            return;
        }

        string[] institutions = ["四川大学", "西南石油大学", "四川农业大学", "西南科技大学", "成都理工大学", "四川轻化工大学", "遂宁市农业科学研究所"];
        var actor = admin.ToActor();
        var today = new DateOnly(2025, 12, 31);
        const int Total = 286;
        var agreements = new List<CooperationAgreement>();
        for (var p = 0; p < projects.Count; p++)
        {
            var project = projects[p];
            var count = (Total / projects.Count) + (p < Total % projects.Count ? 1 : 0);
            var span = Math.Max(1, today.DayNumber - project.FoundedOn.DayNumber);
            for (var k = 0; k < count; k++)
            {
                var signed = project.FoundedOn.AddDays((int)((long)k * span / count));
                var organization = enterprises[(p * 5 + k) % enterprises.Count];
                var experts = project.ExpertWorkerIds.Length > 0 && k % 3 != 2 ? new[] { project.ExpertWorkerIds[k % project.ExpertWorkerIds.Length] } : [];
                var institution = experts.Length == 0 || k % 2 == 0 ? institutions[(p + k) % institutions.Length] : null;
                var subject = $"{project.Name.Replace("产学研合作项目", string.Empty, StringComparison.Ordinal)}{(k % 4) switch { 0 => "技术开发", 1 => "技术服务", 2 => "成果转化", _ => "人才联合培养" }}协议（第{k + 1}号）";
                agreements.Add(CooperationAgreement.Sign(project, new CooperationAgreementData(subject, signed, institution, k % 5 == 0 ? null : 5 + (k * 3 % 40)), [organization], experts, actor, today));
            }
        }

        db.CooperationAgreements.AddRange(agreements);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("已生成产学研合作协议演示数据：{Count}份", agreements.Count);
    }

    /// <summary>
    /// Expert reviews of 大英县's 2025 智库 call by experts of the 专家库: two more topics applied by the county 科协, scored on the rubric by
    /// three experts each — the demo science worker 李建国 (account <c>worker</c>, an expert of the 专家库) has scored one and has one waiting
    /// (his workbench and 我的评审 show it) — and the 人才托举 topic scored by two experts (its applicant 李建国 is excluded as a conflict of interest).
    /// Runs once (no assignment yet).
    /// </summary>
    private async Task SeedExpertReviewsAsync(CancellationToken ct)
    {
        if (await db.ExpertAssignments.AnyAsync(ct))
        {
            return;
        }

        var call = await db.ThinkTankCalls.FirstOrDefaultAsync(c => c.RegionCode == DemoSeeder.DaYing && c.Title == "2025年度大英县科协智库课题征集", ct);
        var users = await db.Users.AsNoTracking().Where(u => u.UserName == "daying" || u.UserName == "worker").ToListAsync(ct);
        var experts = await db.Experts.AsNoTracking().Where(e => e.Status == ExpertStatus.Active && RegionScope.Within(e.RegionCode, DemoSeeder.DaYing))
            .Join(db.ScienceWorkers.AsNoTracking(), e => e.WorkerId, w => w.Id, (e, w) => new { Expert = e, Worker = w })
            .OrderBy(x => x.Expert.AdmittedOn).ThenBy(x => x.Worker.Name).ToListAsync(ct);
        var workerUser = users.FirstOrDefault(u => u.UserName == "worker");
        var county = users.FirstOrDefault(u => u.UserName == "daying");
        if (call is null || county is null || workerUser?.ScienceWorkerId is not { } demoWorker || experts.Count < 4 || experts.All(x => x.Worker.Id != demoWorker))
        {
            return;
        }

        var admin = county.ToActor();
        var me = experts.Single(x => x.Worker.Id == demoWorker);
        var others = experts.Where(x => x.Worker.Id != demoWorker).ToList();
        Kexie.Domain.ThinkTank.ExpertCandidate Candidate(Expert e, ScienceWorker w) => new(e.Id, w.Id, w.Name, w.Employer, w.Id == demoWorker ? workerUser.Id : null, true);
        Actor ExpertActor(ScienceWorker w) => w.Id == demoWorker ? workerUser.ToActor() : new Actor(null, null, UserRole.ScienceWorker, w.RegionCode, w.Id, DisplayName: w.Name);
        static DateTimeOffset At(int month, int day) => new(2025, month, day, 2, 0, 0, TimeSpan.Zero);

        Kexie.Domain.ThinkTank.ThinkTankTopic Apply(string title, string leader, string organization, int day) =>
            Kexie.Domain.ThinkTank.ThinkTankTopic.Apply(call, new Kexie.Domain.ThinkTank.ThinkTankTopicData(title, $"{title}：开展实地调研，形成对策建议报告。", leader, organization, DemoSeeder.DaYing), admin, At(4, day));
        var volunteers = Apply("大英县科技志愿服务体系建设研究", "周敏", "大英县科协", 18);
        var venues = Apply("县域科普基础设施布局优化研究", "王芳", "大英县科技馆", 24);
        db.ThinkTankTopics.AddRange(volunteers, venues);
        var talent = await db.ThinkTankTopics.FirstOrDefaultAsync(t => t.CallId == call.Id && t.Title == "县域青年科技人才托举机制研究", ct);

        var assignments = new List<Kexie.Domain.ThinkTank.ExpertAssignment>();
        var rubric = call.Rubric;
        decimal[][] sheets = [[9, 8.5m, 8, 9], [8, 8, 7.5m, 8.5m], [9.5m, 9, 8.5m, 8], [7, 8, 8, 7.5m], [8.5m, 7.5m, 8, 9]];
        var sheet = 0;
        void Review(Kexie.Domain.ThinkTank.ThinkTankTopic topic, Expert e, ScienceWorker w, int month, int day, bool score, string? opinion = null)
        {
            var candidate = Candidate(e, w);
            if (Kexie.Domain.ThinkTank.ExpertAssignment.ConflictOf(topic, candidate) is not null)
            {
                return;
            }

            var assignment = Kexie.Domain.ThinkTank.ExpertAssignment.Assign(topic, rubric, candidate, assignments.Where(a => a.TopicId == topic.Id).Select(a => a.ExpertId).ToList(), admin, At(month, day));
            if (score)
            {
                var values = sheets[sheet++ % sheets.Length].Take(rubric.Count).Select(v => (decimal?)Math.Min(v, rubric[0].MaxScore)).ToList();
                while (values.Count < rubric.Count)
                {
                    values.Add(rubric[values.Count].MaxScore * 0.8m);
                }

                for (var i = 0; i < values.Count; i++)
                {
                    values[i] = Math.Min(values[i]!.Value, rubric[i].MaxScore);
                }

                assignment.Score(topic, values, opinion, ExpertActor(w), At(month, day + 6));
            }

            assignments.Add(assignment);
        }

        Review(volunteers, me.Expert, me.Worker, 5, 6, true, "选题贴近基层实际，建议细化志愿者激励措施");
        Review(volunteers, others[0].Expert, others[0].Worker, 5, 6, true, "研究方案可行");
        Review(volunteers, others[1].Expert, others[1].Worker, 5, 6, true);
        Review(venues, me.Expert, me.Worker, 5, 12, false);
        Review(venues, others[2].Expert, others[2].Worker, 5, 12, true, "建议补充人口分布数据分析");
        if (talent is not null)
        {
            Review(talent, me.Expert, me.Worker, 5, 9, false);
            Review(talent, others[1].Expert, others[1].Worker, 5, 9, true, "机制设计有新意");
            Review(talent, others[3].Expert, others[3].Worker, 5, 9, true);
        }

        db.ExpertAssignments.AddRange(assignments);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("已生成智库专家评审演示数据：{Count}条", assignments.Count);
    }

    /// <summary>
    /// 2025's contests: 大英县第23届青少年科技创新大赛 with 827 works from the county's schools, reviewed (a few not passed), awarded, and 85 of
    /// them recommended to 四川省第35届青少年科技创新大赛 — "共收获827件作品，推荐85件作品参加第35届省青少年科技创新大赛" — then closed;
    /// 遂宁市第36届 open. Runs once (no contest yet).
    /// </summary>
    private async Task SeedContestsAsync(CancellationToken ct)
    {
        if (await db.Contests.AnyAsync(ct))
        {
            return;
        }

        var users = await db.Users.AsNoTracking().Where(u => u.UserName == "daying" || u.UserName == "sichuan" || u.UserName == "suining").ToListAsync(ct);
        var schools = await db.Organizations.AsNoTracking().Where(o => RegionScope.Within(o.RegionCode, DemoSeeder.DaYing) && o.Kind == OrganizationKind.School)
            .OrderBy(o => o.Name).Select(o => new { o.Id, o.Name, o.RegionCode }).ToListAsync(ct);
        if (users.Count < 3 || schools.Count == 0)
        {
            return;
        }

        var county = users.Single(u => u.UserName == "daying").ToActor();
        var province = Contest.Create(new ContestData("四川省第35届青少年科技创新大赛", 2025, "51", ContestNames.DefaultCategories, null), users.Single(u => u.UserName == "sichuan").ToActor());
        var city = Contest.Create(new ContestData("遂宁市第36届青少年科技创新大赛", 2025, "5109", ContestNames.DefaultCategories, 30), users.Single(u => u.UserName == "suining").ToActor());
        var contest = Contest.Create(new ContestData("大英县第23届青少年科技创新大赛", 2025, DemoSeeder.DaYing, ContestNames.DefaultCategories, 85, "2025年3月至5月征集"), county);
        db.Contests.AddRange(province, city, contest);
        var random = new Random(2323);
        string Student() => $"{Surnames[random.Next(Surnames.Length)]}{Given[random.Next(Given.Length)]}";
        var topics = new[] { "柑橘保鲜", "井盐文化", "雨水收集", "智能浇灌", "垃圾分类", "空气质量", "红薯储藏", "太阳能小车", "郪江水质", "校园植物", "节水灌溉", "防溺水报警" };
        var kinds = new[] { "研究", "装置", "调查", "设计", "观察" };
        var entries = new List<ContestEntry>();
        for (var i = 0; i < 827; i++)
        {
            var school = schools[i % schools.Count];
            var category = ContestNames.DefaultCategories[random.Next(10) switch { < 4 => 0, < 6 => 1, < 8 => 2, 8 => 3, _ => 4 }];
            var students = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Student()).ToArray();
            var entry = ContestEntry.Submit(contest, school.Id, school.Name, school.RegionCode,
                new ContestEntryData($"{topics[random.Next(topics.Length)]}的{kinds[random.Next(kinds.Length)]}（{i + 1:000}号）", category, students, $"{Student()}老师"), county);
            // Entered in the 征集 months (2025年3月至5月), the day W07 counts it on.
            entry.CreatedAt = new DateTimeOffset(2025, 3, 1, 1, 0, 0, TimeSpan.Zero).AddMinutes(i * 91L * 24 * 60 / 827);
            entries.Add(entry);
        }

        contest.MoveTo(ContestStatus.Reviewing, county);
        foreach (var entry in entries)
        {
            var passed = random.Next(100) >= 6;
            entry.Review(contest, passed, passed ? 60 + random.Next(400) / 10m : 40 + random.Next(200) / 10m, passed ? null : "作品完整性不足", county);
        }

        var ranked = entries.Where(e => e.Status == ContestEntryStatus.Accepted).OrderByDescending(e => e.Score).ThenBy(e => e.Title, StringComparer.Ordinal).ToList();
        for (var i = 0; i < ranked.Count && i < 120; i++)
        {
            ranked[i].SetAward(contest, i < 15 ? AwardGrade.First : i < 45 ? AwardGrade.Second : i < 90 ? AwardGrade.Third : AwardGrade.Excellence, county);
        }

        var recommended = ranked.Take(85).Select((e, n) => e.RecommendTo(contest, province, n, county)).ToList();
        contest.MoveTo(ContestStatus.Closed, county);
        db.ContestEntries.AddRange(entries);
        db.ContestEntries.AddRange(recommended);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("已生成青少年科技创新大赛演示数据：作品{Entries}件，推荐{Recommended}件", entries.Count, recommended.Count);
    }

    /// <summary>
    /// 2025's honours: 遂宁市青年科技人才托举工程 (大英县 nominates 3, 2 selected — "2名同志入选…青年科技人才托举工程") and 大英县优秀科技人才评选
    /// (12 nominated, 10 selected — "评选出的10名优秀科技人才"), both closed. Runs once (no call yet).
    /// </summary>
    private async Task SeedHonoursAsync(CancellationToken ct)
    {
        if (await db.HonourCalls.AnyAsync(ct))
        {
            return;
        }

        var users = await db.Users.AsNoTracking().Where(u => u.UserName == "daying" || u.UserName == "suining").ToListAsync(ct);
        // The honoured are announced (表彰名单): the demo picks them among the people whose profile is public, so a visitor who follows a
        // name of the list reaches the profile that shows the honour.
        var workers = await db.ScienceWorkers.AsNoTracking().Where(w => RegionScope.Within(w.RegionCode, DemoSeeder.DaYing) && w.IsPublicProfile).OrderBy(w => w.Id).Take(15)
            .Select(w => new { w.Id, w.Name, w.RegionCode, w.Employer }).ToListAsync(ct);
        if (users.Count < 2 || workers.Count < 15)
        {
            return;
        }

        var county = users.Single(u => u.UserName == "daying").ToActor();
        var city = users.Single(u => u.UserName == "suining").ToActor();
        var lifting = HonourCall.Create(new HonourCallData("遂宁市2025年青年科技人才托举工程", HonourKind.YouthTalentLifting, 2025, "5109", "遂宁市科学技术协会", 6), city);
        var talent = HonourCall.Create(new HonourCallData("大英县2025年优秀科技人才评选", HonourKind.OutstandingTalent, 2025, DemoSeeder.DaYing, "大英县科学技术协会", 10), county);
        db.HonourCalls.AddRange(lifting, talent);
        var on = new DateOnly(2025, 11, 20);
        var nominations = new List<Nomination>();
        void Run(HonourCall call, Actor decider, IEnumerable<int> picks, int selected, string reason)
        {
            var n = 0;
            foreach (var w in picks.Select(i => workers[i]))
            {
                var nomination = Nomination.Nominate(call, w.Id, null, w.Name, w.RegionCode, $"{w.Employer ?? "本单位"}骨干，{reason}", county);
                nomination.Decide(call, n < selected, n < selected ? null : "名额有限", Math.Min(n, selected), on, decider);
                nominations.Add(nomination);
                n++;
            }

            call.Close(decider);
        }

        Run(lifting, city, [0, 1, 2], 2, "在本领域取得突出成绩的青年科技工作者");
        Run(talent, county, Enumerable.Range(3, 12), 10, "扎根基层、服务产业发展成效显著");
        db.Nominations.AddRange(nominations);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("已生成人才荣誉演示数据：推荐{Nominated}人", nominations.Count);
    }

    /// <summary>
    /// 大英县's workstations and bases: its first provincial 院士(专家)工作站 ("实现零突破"), three 科技小院 accredited by 中国农技协 ("3家企业被中国农技协
    /// 授牌"), expert workstations, an expert service team and 7 产学研合作项目 ("7个…落地推进"), with the stations' 2025 output ("2025年，工作站和基地
    /// 承担项目9个、获得专利3件、开展培训45场次、培训1800人次"). Runs once (no workstation yet).
    /// </summary>
    private async Task SeedWorkstationsAsync(CancellationToken ct)
    {
        if (await db.Workstations.AnyAsync(ct))
        {
            return;
        }

        var admin = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == "daying", ct);
        var hosts = await db.Organizations.AsNoTracking().Where(o => RegionScope.Within(o.RegionCode, DemoSeeder.DaYing) && o.IsVerified && o.Kind == OrganizationKind.Enterprise)
            .OrderBy(o => o.Name).Take(12).Select(o => new { o.Id, o.Name, o.RegionCode }).ToListAsync(ct);
        var experts = await db.ScienceWorkers.AsNoTracking().Where(w => RegionScope.Within(w.RegionCode, DemoSeeder.DaYing)).OrderByDescending(w => w.Id).Take(20).Select(w => w.Id).ToListAsync(ct);
        // The 专家服务团's members are experts of the 专家库.
        var pool = await db.Experts.AsNoTracking().Where(e => e.Status == ExpertStatus.Active && RegionScope.Within(e.RegionCode, DemoSeeder.DaYing))
            .OrderBy(e => e.AdmittedOn).Select(e => e.WorkerId).ToListAsync(ct);
        if (admin is null || hosts.Count == 0 || experts.Count < 20)
        {
            return;
        }

        var actor = admin.ToActor();
        var today = new DateOnly(2025, 12, 31);
        var n = 0;
        Workstation Station(string name, WorkstationKind kind, HonourLevel level, DateOnly founded, int expertCount, string? accreditedBy, string field)
        {
            var host = hosts[n++ % hosts.Count];
            var members = kind == WorkstationKind.ExpertServiceTeam && pool.Count > 0
                ? pool.Take(expertCount).ToList()
                : Enumerable.Range(0, expertCount).Select(k => experts[(n * 2 + k) % experts.Count]).Distinct().ToList();
            return Workstation.Create(new WorkstationData(name.Replace("{host}", host.Name, StringComparison.Ordinal), kind, level, founded, accreditedBy, field), host.Id, host.Name, host.RegionCode,
                members, actor, today);
        }

        var stations = new List<Workstation>
        {
            Station("{host}院士(专家)工作站", WorkstationKind.AcademicianWorkstation, HonourLevel.Provincial, new DateOnly(2025, 6, 18), 3, "四川省科学技术协会", "精细化工"),
            Station("{host}专家工作站", WorkstationKind.ExpertWorkstation, HonourLevel.Prefectural, new DateOnly(2023, 9, 1), 2, "遂宁市科学技术协会", "新材料"),
            Station("{host}专家工作站", WorkstationKind.ExpertWorkstation, HonourLevel.County, new DateOnly(2024, 5, 10), 2, "大英县科学技术协会", "食品加工"),
            Station("大英柑橘科技小院", WorkstationKind.ScienceCourtyard, HonourLevel.National, new DateOnly(2025, 4, 12), 2, "中国农村专业技术协会", "柑橘种植"),
            Station("大英生猪科技小院", WorkstationKind.ScienceCourtyard, HonourLevel.National, new DateOnly(2025, 4, 12), 2, "中国农村专业技术协会", "生猪养殖"),
            Station("大英中药材科技小院", WorkstationKind.ScienceCourtyard, HonourLevel.National, new DateOnly(2025, 4, 12), 2, "中国农村专业技术协会", "中药材种植"),
            Station("大英县科技专家服务团", WorkstationKind.ExpertServiceTeam, HonourLevel.County, new DateOnly(2024, 3, 1), DemoSeeder.DemoExperts, "大英县科学技术协会", "农业、工业、医疗"),
        };
        foreach (var (title, field) in new[]
                 {
                     ("井盐化工副产物综合利用", "化工"), ("柑橘采后保鲜技术", "农产品加工"), ("生猪粪污资源化利用", "环保"), ("机械零部件精密加工工艺", "装备制造"),
                     ("纺织废水深度处理", "环保"), ("道地中药材规范化种植", "中药材"), ("食品冷链物流监测", "食品"),
                 })
        {
            stations.Add(Station($"{title}产学研合作项目", WorkstationKind.CooperationProject, HonourLevel.County, new DateOnly(2025, 3 + stations.Count % 8, 15), 2, null, field));
        }

        db.Workstations.AddRange(stations);

        // Their yearly output (年度成果) as reported for the review: 2025 for the stations and 科技小院, 2024 too for the one of 2023.
        var outputs = new (int Station, int Year, int Projects, int Patents, int Trainings, int Trainees)[]
        {
            (0, 2025, 3, 2, 4, 160), (1, 2024, 2, 1, 4, 150), (1, 2025, 2, 1, 6, 240), (2, 2025, 1, 0, 5, 200), (3, 2025, 1, 0, 12, 480), (4, 2025, 1, 0, 10, 400), (5, 2025, 1, 0, 8, 320),
        };
        db.WorkstationOutputs.AddRange(outputs.Select(o => WorkstationOutput.Record(stations[o.Station], new WorkstationOutputData(o.Year, o.Projects, o.Patents, o.Trainings, o.Trainees), actor, today)));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("已生成工作站与基地演示数据：{Count}个", stations.Count);
    }

    /// <summary>
    /// The management records of 大英县's associations: 2024 and 2025 年检 of its 学会 and 农技协 (one 2025 result still pending), their 党建
    /// (党建指导员 named; 医学会 with its own party organization, 农学会 with 4 formal members and none yet — the rule flags it), the county
    /// 科协's leadership (专职副主席1名、挂职副主席1名、兼职副主席3名), the “三长” of each township 科协 and the last 换届. Runs once.
    /// </summary>
    private async Task SeedAssociationsAsync(CancellationToken ct)
    {
        if (await db.Inspections.AnyAsync(ct) || await db.LeadershipPosts.AnyAsync(ct))
        {
            return;
        }

        var admin = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == "daying", ct);
        var associations = await db.Associations.AsNoTracking().Where(a => RegionScope.Within(a.RegionCode, DemoSeeder.DaYing)).OrderBy(a => a.RegionCode).ThenBy(a => a.Name).ToListAsync(ct);
        var county = associations.FirstOrDefault(a => a.Kind == AssociationKind.Kexie && a.RegionCode == DemoSeeder.DaYing);
        if (admin is null || county is null)
        {
            return;
        }

        var actor = admin.ToActor();
        var today = new DateOnly(2026, 6, 30);
        ManagedAssociation Ref(Association a) => new(a.Id, a.Name, a.RegionCode);
        var random = new Random(2026);
        string Person() => $"{Surnames[random.Next(Surnames.Length)]}{Given[random.Next(Given.Length)]}";

        var members = new Dictionary<string, (int Y2024, int Y2025, int Groups)>
        {
            ["大英县医学会"] = (598, 612, 18),
            ["大英县农学会"] = (331, 348, 6),
            ["大英县柑橘产业农村专业技术协会"] = (118, 126, 9),
            ["大英县生猪养殖农村专业技术协会"] = (74, 80, 5),
            ["大英县中药材种植农村专业技术协会"] = (52, 57, 3),
        };
        foreach (var association in associations.Where(a => members.ContainsKey(a.Name)))
        {
            var (y2024, y2025, groups) = members[association.Name];
            var first = Inspection.Submit(Ref(association), new InspectionData(2024, y2024, groups, "年度工作报告、财务审计报告、会员名册", new DateOnly(2025, 3, 20)), actor, today);
            var basically = association.Name.Contains("中药材", StringComparison.Ordinal);
            first.Decide(basically ? InspectionStatus.BasicallyPassed : InspectionStatus.Passed, new DateOnly(2025, 4, 25), basically ? "会员名册未及时更新，限期整改" : null, actor, today);
            var second = Inspection.Submit(Ref(association), new InspectionData(2025, y2025, groups, "年度工作报告、财务审计报告、会员名册、党建工作情况", new DateOnly(2026, 3, 18)), actor, today);
            if (association.Name != "大英县农学会")
            {
                second.Decide(InspectionStatus.Passed, new DateOnly(2026, 4, 22), null, actor, today);
            }

            db.Inspections.AddRange(first, second);
        }

        foreach (var (name, instructor, formal, form) in new[]
                 {
                     ("大英县医学会", "王志强", 9, PartyOrganizationForm.Independent),
                     ("大英县农学会", "李红梅", 4, PartyOrganizationForm.None),
                     ("大英县柑橘产业农村专业技术协会", "陈德明", 2, PartyOrganizationForm.Joint),
                     ("大英县生猪养殖农村专业技术协会", "陈德明", 1, PartyOrganizationForm.Joint),
                 })
        {
            var association = associations.FirstOrDefault(a => a.Name == name);
            if (association is not null)
            {
                db.PartyBuildings.Add(PartyBuilding.Create(Ref(association), new PartyBuildingData(instructor, formal, form, form == PartyOrganizationForm.None ? null : new DateOnly(2019, 7, 1)), actor, today));
            }
        }

        foreach (var (kind, position) in new[]
                 {
                     (LeadershipKind.Chair, "县科协主席"),
                     (LeadershipKind.FullTimeViceChair, "县科协专职副主席"),
                     (LeadershipKind.SecondedViceChair, "西南石油大学副教授（挂职）"),
                     (LeadershipKind.PartTimeViceChair, "大英县人民医院院长"),
                     (LeadershipKind.PartTimeViceChair, "四川大英天润化工有限公司总工程师"),
                     (LeadershipKind.PartTimeViceChair, "大英县农业农村局高级农艺师"),
                 })
        {
            db.LeadershipPosts.Add(LeadershipPost.Appoint(Ref(county), new LeadershipPostData(Person(), kind, position, new DateOnly(2021, 9, 28)), actor, today));
        }

        db.Congresses.Add(Congress.Record(Ref(county), new CongressData(8, new DateOnly(2021, 9, 28), 5, "大英县科学技术协会第八次代表大会"), [], actor, today));
        foreach (var township in associations.Where(a => a.Kind == AssociationKind.Kexie && a.RegionCode.Length > 6))
        {
            var place = township.Name.Replace("科学技术协会", string.Empty, StringComparison.Ordinal);
            foreach (var position in new[] { $"{place}卫生院院长", $"{place}中心小学校长", $"{place}农业综合服务中心站长" })
            {
                db.LeadershipPosts.Add(LeadershipPost.Appoint(Ref(township), new LeadershipPostData(Person(), LeadershipKind.ThreeHeads, position, new DateOnly(2019, 3, 1)), actor, today));
            }

            db.Congresses.Add(Congress.Record(Ref(township), new CongressData(1, new DateOnly(2019, 3, 1), 5, $"{place}科协成立大会"), [], actor, today));
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("已生成组织建设演示数据：年检{Inspections}份", await db.Inspections.CountAsync(ct));
    }

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "蒋", "何", "罗", "唐"];

    private static readonly string[] Given = ["建国", "志刚", "晓燕", "明华", "德全", "海燕", "国平", "玉兰", "小军", "春梅", "永康", "丽君", "文斌", "秀英"];

    private async Task SeedSurveyAsync(CancellationToken ct)
    {
        if (await db.Surveys.AnyAsync(ct))
        {
            return;
        }

        var admin = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == "daying", ct);
        if (admin is null)
        {
            return;
        }

        var actor = admin.ToActor();
        var survey = Survey.Create(
            new SurveyData("全县科技工作者状况调查", 2025, DemoSeeder.DaYing, SurveyDistribution.Anonymous, Distributed, "了解全县科技工作者队伍的规模、从业结构、年龄结构、职称结构及政治面貌，听取意见和建议。", 30),
            Survey.ScienceWorkerTemplate, actor);
        survey.Open(actor);
        db.Surveys.Add(survey);
        await db.SaveChangesAsync(ct);

        var random = new Random(2025);
        string Pick(params (string Option, int Weight)[] options)
        {
            var roll = random.Next(options.Sum(o => o.Weight));
            foreach (var (option, weight) in options)
            {
                roll -= weight;
                if (roll < 0)
                {
                    return option;
                }
            }

            return options[^1].Option;
        }

        var start = new DateTimeOffset(2025, 5, 6, 1, 0, 0, TimeSpan.Zero);
        var responses = new List<SurveyResponse>();
        var invalid = 0;
        for (var i = 0; responses.Count(r => r.Valid) < Valid; i++)
        {
            var takesPart = Pick(("是", 6), ("否", 4));
            var answers = new Dictionary<int, IReadOnlyList<string>>
            {
                [1] = [Pick(("男", 58), ("女", 42))],
                [2] = [Pick(("30岁及以下", 16), ("31—40岁", 31), ("41—50岁", 30), ("51—60岁", 19), ("61岁及以上", 4))],
                [3] = [Pick(("博士研究生", 1), ("硕士研究生", 8), ("大学本科", 52), ("大学专科", 27), ("中专及以下", 12))],
                [4] = [Pick(("正高级", 3), ("副高级", 17), ("中级", 41), ("初级", 27), ("无职称", 12))],
                [5] = [Pick(("中共党员", 38), ("民主党派", 3), ("共青团员", 9), ("群众", 50))],
                [6] = [Pick(("工程技术", 24), ("农业技术", 21), ("卫生健康", 22), ("教学", 20), ("科学研究", 3), ("企业经营与技术服务", 7), ("其他", 3))],
                [7] = [Pick(("企业", 30), ("事业单位", 22), ("学校", 20), ("医疗卫生机构", 18), ("党政机关", 6), ("其他", 4))],
                [8] = [Pick(("1", 3), ("2", 8), ("3", 27), ("4", 41), ("5", 21))],
                [9] = new[] { "学术交流", "继续教育和培训", "技术咨询与项目对接", "人才评价与推荐", "科普活动", "权益保障" }.Where((_, k) => random.Next(100) < (k == 1 ? 70 : 35)).DefaultIfEmpty("继续教育和培训").ToArray().Take(3).ToArray(), // 至多选3项 (every option is drawn first: the same draws as before the rule)
                [10] = [takesPart],
                [11] = takesPart == "是" ? new[] { "学术交流", "科技活动周", "科技下乡", "培训讲座", "其他" }.Where(_ => random.Next(100) < 45).DefaultIfEmpty("科技活动周").ToArray() : [],
            };
            var validSoFar = responses.Count(r => r.Valid);
            var withSuggestion = validSoFar * Suggestions / Valid < (validSoFar + 1) * Suggestions / Valid;
            if (withSuggestion)
            {
                answers[12] = [SuggestionTexts[random.Next(SuggestionTexts.Length)]];
            }

            // Every 37th answer comes again from the same browser, every 53rd in under half a minute: returned, not valid.
            var duplicate = i % 37 == 36;
            var seconds = i % 53 == 52 ? 12 : 90 + random.Next(600);
            var response = survey.Answer(answers, $"demo-{(duplicate ? i - 1 : i)}", duplicate, seconds, null, start.AddMinutes(i * 7));
            if (!response.Valid)
            {
                invalid++;
            }

            responses.Add(response);
        }

        db.SurveyResponses.AddRange(responses);
        await db.SaveChangesAsync(ct);
        var tracked = await db.Surveys.FirstAsync(s => s.Id == survey.Id, ct);
        tracked.Close(actor);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("已生成问卷调查演示数据：回收问卷{Returned}份，其中有效{Valid}份", responses.Count, responses.Count - invalid);
    }
}
