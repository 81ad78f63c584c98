using Kexie.Domain.Authorization;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Talent;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kexie.Data.Seeding;

/// <summary>
/// A believable demo: 大英县 (510923, 遂宁市, 四川省) with its township associations, science workers,
/// enterprises, societies and agencies; a neighbouring county (射洪市 510981) to show region scoping;
/// and one account per role. Deterministic (fixed random seed), and only runs on an empty directory.
/// </summary>
public sealed class DemoSeeder(KexieDbContext db, UserManager<AppUser> users, ILogger<DemoSeeder> logger)
{
    public const string DemoPassword = "Kexie@2026";
    public const string DaYing = "510923";
    public const string SheHong = "510981";

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin", "平台管理员", UserRole.PlatformAdmin, ""),
        new("sichuan", "四川省科协管理员", UserRole.AssociationAdmin, "51"),
        new("suining", "遂宁市科协管理员", UserRole.AssociationAdmin, "5109"),
        new("daying", "大英县科协管理员", UserRole.AssociationAdmin, DaYing),
        new("shehong", "射洪市科协管理员", UserRole.AssociationAdmin, SheHong),
        new("daying-staff", "大英县科技云服务中心 王敏", UserRole.ServiceCenterStaff, DaYing),
        new("daying-auditor", "大英县科协纪检审计 陈静", UserRole.Auditor, DaYing),
        new("worker", "科技工作者 李建国", UserRole.ScienceWorker, DaYing),
        new("enterprise", "四川大英天润化工有限公司 张伟", UserRole.OrganizationMember, DaYing),
    ];

    internal static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "罗", "高", "林", "蒋", "唐", "邓", "冯", "曾", "彭", "谢", "袁", "文", "蒲"];
    internal static readonly string[] GivenParts = ["建", "国", "华", "明", "丽", "芳", "军", "勇", "静", "敏", "强", "磊", "洋", "艳", "杰", "涛", "超", "娟", "霞", "平", "刚", "桂", "英", "红", "志", "秀", "文", "斌", "琳", "宇"];

    /// <summary>
    /// What a county's science workers are: a field (GB/T 13745 root), where people of that field work in 大英县, and the
    /// professional titles of that field by rank (正高, 副高, 中级, 初级). A worker's title, employer, discipline and education
    /// are drawn from one profession, so they agree. Repeated entries weight the county's mix (farming first).
    /// </summary>
    internal static readonly Profession[] Professions =
    [
        new("210", ["大英县农业农村局", "大英县农业技术推广中心", "大英县卓筒井镇农业服务中心", "遂宁市农业科学研究所"], ["正高级农艺师", "高级农艺师", "农艺师", "助理农艺师"]),
        new("210", ["大英县农业技术推广中心", "大英县象山柑橘种植专业合作社", "大英县金元农业专业合作社"], ["正高级农艺师", "高级农艺师", "农艺师", "助理农艺师"]),
        new("220", ["大英县林业和草原局"], ["正高级工程师", "高级工程师", "工程师", "助理工程师"]),
        new("230", ["大英县畜牧服务中心", "遂宁市回马生猪养殖有限公司"], ["正高级兽医师", "高级兽医师", "兽医师", "助理兽医师"]),
        new("320", ["大英县人民医院"], ["主任医师", "副主任医师", "主治医师", "医师"]),
        new("330", ["大英县疾病预防控制中心"], ["主任医师", "副主任医师", "主管医师", "医师"]),
        new("360", ["大英县中医医院", "大英县玉峰中药材种植专业合作社"], ["主任中医师", "副主任中医师", "主治中医师", "中医师"]),
        new("460", ["四川大英精密机械制造有限公司", "大英县职业技术学校"], ["正高级工程师", "高级工程师", "工程师", "助理工程师"]),
        new("530", ["四川大英天润化工有限公司", "四川卓筒井盐业有限公司"], ["正高级工程师", "高级工程师", "工程师", "助理工程师"]),
        new("540", ["大英县蓬莱纺织有限公司"], ["正高级工程师", "高级工程师", "工程师", "助理工程师"]),
        new("550", ["大英县天保食品有限公司"], ["正高级工程师", "高级工程师", "工程师", "助理工程师"]),
        new("610", ["遂宁市大英生态环境局"], ["正高级工程师", "高级工程师", "工程师", "助理工程师"]),
        new("880", ["大英中学", "大英县职业技术学校"], ["正高级教师", "高级教师", "一级教师", "二级教师"]),
    ];

    /// <summary>Education by rank (正高 … 初级): the higher the title, the likelier a postgraduate degree.</summary>
    internal static readonly string[][] EducationByRank =
    [
        ["博士研究生", "硕士研究生", "硕士研究生", "大学本科"],
        ["硕士研究生", "大学本科", "大学本科", "大学本科"],
        ["硕士研究生", "大学本科", "大学本科", "大学专科"],
        ["大学本科", "大学专科", "大学专科", "中等专科"],
    ];

    internal static readonly string[] DemoPoliticalStatuses = ["中共党员", "中共预备党员", "共青团员", "九三学社社员", "无党派人士", "群众"];

    internal static readonly (string Name, OrganizationKind Kind, string Industry)[] OrganizationTemplates =
    [
        ("四川大英天润化工有限公司", OrganizationKind.Enterprise, "2614"),
        ("大英县金元农业专业合作社", OrganizationKind.Enterprise, "0141"),
        ("四川卓筒井盐业有限公司", OrganizationKind.Enterprise, "1494"),
        ("大英县蓬莱纺织有限公司", OrganizationKind.Enterprise, "1713"),
        ("遂宁市回马生猪养殖有限公司", OrganizationKind.Enterprise, "0313"),
        ("大英县象山柑橘种植专业合作社", OrganizationKind.Enterprise, "0153"),
        ("四川大英精密机械制造有限公司", OrganizationKind.Enterprise, "3484"),
        ("大英县天保食品有限公司", OrganizationKind.Enterprise, "1391"),
        ("大英县人民医院", OrganizationKind.Hospital, "8411"),
        ("大英中学", OrganizationKind.School, "8334"),
        ("大英县农业技术推广中心", OrganizationKind.Institution, "7511"),
        ("四川隆盛新材料科技有限公司", OrganizationKind.Enterprise, "3091"),
        ("大英县河边电子科技有限公司", OrganizationKind.Enterprise, "3982"),
        ("大英县玉峰中药材种植专业合作社", OrganizationKind.Enterprise, "0171"),
        ("四川大英智慧物流有限公司", OrganizationKind.Enterprise, "5990"),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.ScienceWorkers.AnyAsync(ct) || await db.Users.AnyAsync(ct))
        {
            return;
        }

        var random = new Random(20201216);
        var disciplines = await db.Disciplines.Where(d => d.Level == 2).Select(d => d.Code).ToListAsync(ct);
        var townships = await db.Regions.Where(r => r.ParentCode == DaYing || r.ParentCode == SheHong).Select(r => r.Code).ToListAsync(ct);
        var disciplineSet = disciplines.ToHashSet();

        var workers = new List<ScienceWorker>();
        var phones = new HashSet<string>();
        for (var i = 0; i < 160; i++)
        {
            var county = i < 120 ? DaYing : SheHong;
            var region = random.Next(3) == 0 ? county : PickTownship(townships, county, random);
            string phone;
            do
            {
                phone = $"13{random.Next(0, 10)}{random.Next(10_000_000, 99_999_999)}";
            }
            while (!phones.Add(phone));

            // 李建国, the demo worker account, is a chemical engineer who serves the county's chemical companies.
            var profession = i == 0 ? Professions.Single(p => p.Root == "530") : Professions[random.Next(Professions.Length)];
            var birthYear = random.Next(1962, 1998);
            var rank = i == 0 ? 0 : Math.Clamp((birthYear - 1962) / 9 + random.Next(-1, 2), 0, 3);
            var fields = disciplines.Where(c => c.StartsWith(profession.Root, StringComparison.Ordinal)).ToArray();
            var employer = i == 0 ? "四川卓筒井盐业有限公司" : profession.Employers[random.Next(profession.Employers.Length)];
            if (county == SheHong)
            {
                employer = employer.Replace("大英县", "射洪市", StringComparison.Ordinal).Replace("大英", "射洪", StringComparison.Ordinal);
            }

            workers.Add(ScienceWorker.Create(
                new ScienceWorkerData(
                    Name: i == 0 ? "李建国" : Surnames[random.Next(Surnames.Length)] + GivenParts[random.Next(GivenParts.Length)] + (random.Next(3) == 0 ? string.Empty : GivenParts[random.Next(GivenParts.Length)]),
                    Gender: random.Next(100) < 58 ? Gender.Male : Gender.Female,
                    BirthYear: i == 0 ? 1971 : birthYear,
                    Employer: employer,
                    Title: profession.Titles[rank],
                    DisciplineCodes: [i == 0 ? "53021" : fields[random.Next(fields.Length)]],
                    Education: EducationByRank[rank][random.Next(4)],
                    PoliticalStatus: DemoPoliticalStatuses[random.Next(DemoPoliticalStatuses.Length)],
                    Phone: phone,
                    RegionCode: region,
                    IsPublicProfile: random.Next(100) < 80 || i == 0), // the demo worker account trades in the market: public profile
                disciplineSet.Contains));
        }

        db.ScienceWorkers.AddRange(workers);
        await AddExpertsAsync(workers, ct);

        var organizations = new List<Organization>();
        var industries = await db.Industries.Select(i => i.Code).ToListAsync(ct);
        var industrySet = industries.ToHashSet();
        for (var i = 0; i < 40; i++)
        {
            var county = i < 30 ? DaYing : SheHong;
            var template = OrganizationTemplates[i % OrganizationTemplates.Length];
            var name = i < OrganizationTemplates.Length ? template.Name : $"{(county == DaYing ? "大英县" : "射洪市")}{GivenParts[random.Next(GivenParts.Length)]}{GivenParts[random.Next(GivenParts.Length)]}{SuffixFor(template.Kind)}";
            var organization = Organization.Create(
                new OrganizationData(name, template.Kind, CreditCodeFor(county, random, template.Kind), template.Industry, PickTownship(townships, county, random), $"{name}所在地", Surnames[random.Next(Surnames.Length)] + "经理", $"0825{random.Next(1_000_000, 9_999_999)}"),
                industrySet.Contains);
            organization.Verify(random.Next(100) < 85);
            organizations.Add(organization);
        }

        db.Organizations.AddRange(organizations.DistinctBy(o => o.Name));

        var daYingKexie = Association.Create(new AssociationData("大英县科学技术协会", AssociationKind.Kexie, DaYing, null, null, new DateOnly(1985, 6, 1)));
        var sheHongKexie = Association.Create(new AssociationData("射洪市科学技术协会", AssociationKind.Kexie, SheHong, null, null, new DateOnly(1984, 9, 1)));
        db.Associations.AddRange(daYingKexie, sheHongKexie);
        var townshipNames = await db.Regions.Where(r => r.ParentCode == DaYing).OrderBy(r => r.Code).ToListAsync(ct);
        foreach (var township in townshipNames)
        {
            var association = Association.Create(new AssociationData($"{township.Name}科学技术协会", AssociationKind.Kexie, township.Code, daYingKexie.Id, null, new DateOnly(2019, 3, 1)));
            foreach (var member in workers.Where(w => w.RegionCode == township.Code).Take(3).Select((w, n) => (w, n)))
            {
                association.AddMember(member.w.Id, null, member.n == 0 ? MemberRole.ViceChair : MemberRole.Member, new DateOnly(2019, 3, 1));
            }

            db.Associations.Add(association);
        }

        foreach (var (name, kind) in new[]
                 {
                     ("大英县柑橘产业农村专业技术协会", AssociationKind.RuralTechAssociation),
                     ("大英县生猪养殖农村专业技术协会", AssociationKind.RuralTechAssociation),
                     ("大英县中药材种植农村专业技术协会", AssociationKind.RuralTechAssociation),
                     ("大英县医学会", AssociationKind.Society),
                     ("大英县农学会", AssociationKind.Society),
                     ("四川大英天润化工有限公司科学技术协会", AssociationKind.EnterpriseKexie),
                 })
        {
            var association = Association.Create(new AssociationData(name, kind, DaYing, daYingKexie.Id, null, new DateOnly(2015 + random.Next(6), 1 + random.Next(12), 1)));
            foreach (var member in workers.Where(w => RegionScope.Within(w.RegionCode, DaYing)).OrderBy(_ => random.Next()).Take(8))
            {
                association.AddMember(member.Id, null, MemberRole.Member, new DateOnly(2020, 1, 1));
            }

            if (kind == AssociationKind.RuralTechAssociation)
            {
                association.AddMember(null, organizations[1].Id, MemberRole.Council, new DateOnly(2020, 1, 1));
            }

            db.Associations.Add(association);
        }

        foreach (var (name, scope) in new[]
                 {
                     ("四川天府知识产权代理有限公司", "专利申请代理、商标注册、知识产权运营"),
                     ("遂宁市科技成果评估中心", "科技成果评价、技术合同登记、技术经纪"),
                     ("四川中测检验检测有限公司", "产品质量检验检测、计量校准"),
                     ("遂宁创新创业孵化服务有限公司", "企业孵化、创业辅导、高新技术企业申报"),
                     ("四川蜀信科技咨询有限公司", "科技项目申报咨询、研发费用加计扣除辅导"),
                 })
        {
            var region = name.StartsWith("遂宁", StringComparison.Ordinal) ? "5109" : DaYing;
            var agency = ServiceAgency.Create(new ServiceAgencyData(name, CreditCodeFor(region.PadRight(6, '0'), random, OrganizationKind.Enterprise), scope, region, Surnames[random.Next(Surnames.Length)] + "女士", $"0825{random.Next(1_000_000, 9_999_999)}"));
            if (random.Next(5) > 0)
            {
                agency.Admit(new DateOnly(2020, 8, 1));
            }

            db.ServiceAgencies.Add(agency);
        }

        await db.SaveChangesAsync(ct);

        foreach (var account in Accounts)
        {
            var user = new AppUser
            {
                UserName = account.UserName,
                DisplayName = account.DisplayName,
                Role = account.Role,
                RegionCode = account.RegionCode,
                EmailConfirmed = true,
                ScienceWorkerId = account.Role == UserRole.ScienceWorker ? workers[0].Id : null,
                OrganizationId = account.Role == UserRole.OrganizationMember ? organizations[0].Id : null,
            };
            var result = await users.CreateAsync(user, DemoPassword);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("创建演示账号失败：" + string.Join("；", result.Errors.Select(e => e.Description)));
            }
        }

        logger.LogInformation("已生成演示数据：科技工作者 {Workers} 名，单位 {Organizations} 家", workers.Count, organizations.Count);
    }

    /// <summary>A valid 统一社会信用代码 registered in <paramref name="divisionCode"/> (6-digit prefix).</summary>
    /// <summary>
    /// 专家库: the first 71 public workers of 大英县 ("专家人才服务团71人": the county's 专家服务团 takes them all), each in
    /// their own field: expertise from the GB/T 13745 name of their discipline, research directions from its
    /// sub-disciplines, their employers the county's units. The first 12 entered in 2020 (weekly from 1 March), the others
    /// from 2021 to early 2024 as the database grew. Deterministic (no draw from the demo's random stream, so the other
    /// demo records do not move).
    /// </summary>
    /// <summary>The demo 专家库 of 大英县: 71 experts, the 专家人才服务团 of the seeds.</summary>
    public const int DemoExperts = 71;

    /// <summary>The experts admitted in 2020 (the rest joined from 2021).</summary>
    private const int FirstExperts = 12;

    private async Task AddExpertsAsync(List<ScienceWorker> workers, CancellationToken ct)
    {
        var names = await db.Disciplines.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        ExpertLevel[] levels = [ExpertLevel.County, ExpertLevel.County, ExpertLevel.Municipal, ExpertLevel.County, ExpertLevel.Provincial, ExpertLevel.County];
        var chosen = workers.Where(w => w.IsPublicProfile && RegionScope.Within(w.RegionCode, DaYing)).Take(DemoExperts).ToList();
        for (var n = 0; n < chosen.Count; n++)
        {
            var w = chosen[n];
            var code = w.DisciplineCodes[0];
            var field = names.GetValueOrDefault(code, code);
            var directions = names.Where(kv => kv.Key.Length == code.Length + 2 && kv.Key.StartsWith(code, StringComparison.Ordinal))
                .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value).Take(3).ToList();
            var expert = Expert.Admit(w, new ExpertData(levels[n % levels.Length], $"{field}技术咨询与指导", directions.Count > 0 ? directions : [field],
                $"{w.Title}，就职于{w.Employer}，长期从事{field}方面的技术服务，可为企业和农户提供现场指导、方案论证和人员培训。"),
                n < FirstExperts ? new DateOnly(2020, 3, 1).AddDays(n * 7) : new DateOnly(2021, 1, 15).AddDays((n - FirstExperts) * 19));
            db.Experts.Add(expert);
        }
    }

    public static string CreditCodeFor(string divisionCode, Random random, OrganizationKind kind)
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var prefix = kind switch
        {
            OrganizationKind.Enterprise => "91",
            OrganizationKind.Institution or OrganizationKind.Hospital or OrganizationKind.School or OrganizationKind.University or OrganizationKind.ResearchInstitute => "12",
            _ => "52",
        };
        var division = divisionCode.Length >= 6 ? divisionCode[..6] : divisionCode.PadRight(6, '0');
        var body = new char[9];
        for (var i = 0; i < 9; i++)
        {
            body[i] = alphabet[random.Next(alphabet.Length)];
        }

        var first17 = prefix + division + new string(body);
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }

    private static string PickTownship(List<string> townships, string county, Random random)
    {
        var candidates = townships.Where(t => t.StartsWith(county, StringComparison.Ordinal)).ToList();
        return candidates.Count == 0 ? county : candidates[random.Next(candidates.Count)];
    }

    private static string SuffixFor(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Hospital => "卫生院",
        OrganizationKind.School => "小学",
        OrganizationKind.Institution => "农业服务中心",
        _ => "科技有限公司",
    };
}

public sealed record DemoAccount(string UserName, string DisplayName, UserRole Role, string RegionCode);

/// <summary>A field of the demo's science workers: GB/T 13745 root, employers, titles from 正高 to 初级.</summary>
internal sealed record Profession(string Root, string[] Employers, string[] Titles);
