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
        var associations = await db.Associations.AsNoTracking().Where(a => a.RegionCode.StartsWith(DemoSeeder.DaYing)).OrderBy(a => a.RegionCode).ThenBy(a => a.Name).ToListAsync(ct);
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
                [9] = new[] { "学术交流", "继续教育和培训", "技术咨询与项目对接", "人才评价与推荐", "科普活动", "权益保障" }.Where((_, k) => random.Next(100) < (k == 1 ? 70 : 35)).DefaultIfEmpty("继续教育和培训").ToArray(),
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
