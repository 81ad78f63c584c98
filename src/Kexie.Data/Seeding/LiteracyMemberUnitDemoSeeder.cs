using Kexie.Domain.Identity;
using Kexie.Domain.Popularization;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Data.Seeding;

/// <summary>
/// 大英县's 全民科学素质纲要实施工作成员单位 as its reports tell them: 24 departments and organizations since the county's
/// “十三五” 纲要实施方案 (May 2016), six more joining in 2020 ("成员单位由24个增加到30个"), each given its 2020 tasks (任务分工) and
/// assessed at the year's end (27 完成, 2 基本完成, 1 未完成), with the 县科协's note. Recorded by the county's admin (科协); runs once
/// on a demo database (the account daying exists) whose county has no member unit yet.
/// </summary>
public static class LiteracyMemberUnitDemoSeeder
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>The 24 units of 2016–2019, with the task each is given for 2020 and its target.</summary>
    private static readonly (string Name, string Task, string Target)[] Original =
    [
        ("县委宣传部", "统筹全民科学素质行动宣传，在县融媒体开设科普专栏", "全年刊播科普稿件50篇"),
        ("县委组织部", "将科学素质纳入领导干部和公务员教育培训", "举办干部科学素质专题培训2期"),
        ("县发展和改革局", "将科普基础设施建设纳入县“十四五”规划编制", "完成规划专章"),
        ("县教育局", "实施青少年科学素质提升行动，组织青少年科技创新大赛", "参赛作品100件以上"),
        ("县科学技术局", "组织科技活动周，推动科技成果科普化", "举办科技活动周主场活动1次"),
        ("县经济和信息化局", "推动企业职工科学素质提升，开展职工技能竞赛", "覆盖规上企业30家"),
        ("县民政局", "在城乡社区开展老年人科普和防诈骗宣传", "开展社区科普20场次"),
        ("县财政局", "落实全民科学素质工作经费并纳入年度预算", "经费按人均标准足额列支"),
        ("县人力资源和社会保障局", "开展城镇劳动者职业技能培训", "培训2000人次"),
        ("县自然资源和规划局", "开展地质灾害防治和土地节约利用科普", "发放宣传资料3000份"),
        ("县生态环境局", "开展六五环境日和生态环境保护科普宣传", "举办宣传活动4场次"),
        ("县住房和城乡建设局", "开展建筑安全和燃气安全科普进社区", "进社区宣传10场次"),
        ("县农业农村局", "开展农村实用技术培训和高素质农民培育", "培训农民40场次"),
        ("县水利局", "开展节约用水和防汛抗旱科普宣传", "举办宣传活动3场次"),
        ("县文化广播电视和旅游局", "依托图书馆、文化馆开展科普讲座和展览", "举办科普讲座12场"),
        ("县卫生健康局", "开展新冠肺炎防控和健康素养科普", "发布防疫科普信息600条"),
        ("县应急管理局", "开展防灾减灾日和安全生产月科普宣传", "开展应急演练科普6场次"),
        ("县市场监督管理局", "开展食品药品安全科普宣传", "举办食品安全宣传周活动1次"),
        ("县统计局", "配合开展公民科学素质抽样调查", "完成全县调查样本1500份"),
        ("县气象局", "开展气象防灾减灾科普和世界气象日开放活动", "开放气象科普馆4次"),
        ("县总工会", "组织职工科普和职工技术创新活动", "评选职工创新成果10项"),
        ("共青团大英县委", "组织青年科技志愿服务", "开展志愿服务30场次"),
        ("县妇女联合会", "开展农村妇女科学素质提升行动", "培训农村妇女500人次"),
        ("县科学技术协会", "牵头协调纲要实施，组织全国科普日活动", "全国科普日主场活动1次"),
    ];

    /// <summary>The six units that join in 2020.</summary>
    private static readonly (string Name, DateOnly JoinedOn, string Task, string Target)[] Joined2020 =
    [
        ("县委网信办", new DateOnly(2020, 3, 18), "开展网络安全宣传周和网络辟谣", "发布辟谣信息100条"),
        ("县司法局", new DateOnly(2020, 3, 18), "结合普法开展科学精神宣传，反对封建迷信", "开展宣传活动6场次"),
        ("县医疗保障局", new DateOnly(2020, 3, 18), "开展医保政策和健康知识科普", "进乡镇宣传10场次"),
        ("县融媒体中心", new DateOnly(2020, 3, 18), "开办科普栏目，转载权威科普内容", "全年播出科普节目48期"),
        ("县残疾人联合会", new DateOnly(2020, 6, 1), "为残疾人提供无障碍科普服务", "开展科普助残活动4场次"),
        ("县工商业联合会", new DateOnly(2020, 6, 1), "组织民营企业参与科普和技术创新", "组织企业科普活动3场次"),
    ];

    /// <summary>The 2020 assessments that are not 完成 (the rest are), with the 县科协's note.</summary>
    private static readonly Dictionary<string, (MemberAssessmentResult Result, int Score, string Note)> NotFully = new(StringComparer.Ordinal)
    {
        ["县自然资源和规划局"] = (MemberAssessmentResult.MostlyCompleted, 82, "宣传资料发放2400份，未达目标"),
        ["县统计局"] = (MemberAssessmentResult.MostlyCompleted, 85, "调查样本完成1320份"),
        ["县工商业联合会"] = (MemberAssessmentResult.NotCompleted, 58, "下半年加入，企业科普活动未组织"),
    };

    public static async Task SeedAsync(KexieDbContext db, CancellationToken ct = default)
    {
        if (await db.LiteracyMemberUnits.AnyAsync(u => u.RegionCode == DemoSeeder.DaYing, ct))
        {
            return;
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == "daying", ct);
        if (user is null)
        {
            return;
        }

        var admin = user.ToActor();
        var recorded = new DateTimeOffset(2021, 1, 15, 10, 0, 0, Cst).ToUniversalTime();
        var units = new List<(LiteracyMemberUnit Unit, string Task, string Target)>();
        var i = 0;
        foreach (var (name, task, target) in Original)
        {
            var phone = $"0825{4800100 + (i * 7):D7}";
            var unit = LiteracyMemberUnit.Join(new MemberUnitData(DemoSeeder.DaYing, name, new DateOnly(2016, 5, 20), i % 3 == 0 ? "科普联络员" : null, i % 3 == 0 ? phone : null), null, admin, recorded);
            units.Add((unit, task, target));
            i++;
        }

        foreach (var (name, joined, task, target) in Joined2020)
        {
            units.Add((LiteracyMemberUnit.Join(new MemberUnitData(DemoSeeder.DaYing, name, joined, Note: "2020年纲要实施工作领导小组调整时新增"), null, admin, recorded), task, target));
        }

        db.LiteracyMemberUnits.AddRange(units.Select(u => u.Unit));
        await db.SaveChangesAsync(ct);

        var k = 0;
        foreach (var (unit, task, target) in units)
        {
            var main = LiteracyMemberTask.Assign(unit, new MemberTaskData(2020, task, new DateOnly(2020, 12, 20), target), admin, recorded);
            var notFully = NotFully.TryGetValue(unit.Name, out var verdict);
            if (!notFully || verdict.Result == MemberAssessmentResult.MostlyCompleted)
            {
                main.MarkDone(unit, new DateOnly(2020, 11 + (k % 2), 10 + (k % 15)), admin, recorded);
            }

            var shared = LiteracyMemberTask.Assign(unit, new MemberTaskData(2020, "参加全国科普日和科技活动周联合行动", new DateOnly(2020, 9, 30), "派员参与主场活动"), admin, recorded);
            if (!notFully)
            {
                shared.MarkDone(unit, new DateOnly(2020, 9, 19), admin, recorded);
            }

            db.LiteracyMemberTasks.AddRange(main, shared);
            var assessment = notFully
                ? LiteracyMemberAssessment.Assess(unit, new MemberAssessmentData(2020, verdict.Result, verdict.Score, verdict.Note), admin, recorded)
                : LiteracyMemberAssessment.Assess(unit, new MemberAssessmentData(2020, MemberAssessmentResult.Completed, 90 + (k % 9)), admin, recorded);
            db.LiteracyMemberAssessments.Add(assessment);
            k++;
        }

        await db.SaveChangesAsync(ct);
    }
}
