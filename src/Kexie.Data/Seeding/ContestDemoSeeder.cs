using Kexie.Domain.Authorization;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Talent;
using Kexie.Domain.ThinkTank;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kexie.Data.Seeding;

/// <summary>
/// The demo's contest records beyond 2025's 大英县第23届 edition (run at the end of <see cref="TalentDemoSeeder"/>, each part once).
/// <para>遂宁市2025年青少年科技创新成果市长奖评选 (<see cref="SeedMayorAwardAsync"/>): the seeds' county "积极组织参加…青少年科技创新成果
/// 市长奖评选表彰"; six of its first-prize works entered, reviewed and awarded by the city, so the county's 2025 summary says where
/// its works were awarded ("6件作品在…市长奖评选上获奖").</para>
/// <para>The current year's 大英县 contest in 评审中 with its expert panel (<see cref="SeedPanelAsync"/>): 大英县第N届
/// 青少年科技创新大赛 (N = 23 + years since 2025, so 2025's 第23届 with its 827 works and 85 recommended stays as the seeds say), 36 works
/// of the county's schools; experts of the 专家库 assigned to the 科技创新成果 works, most sheets scored (each work's mean shown), the
/// demo expert 李建国 (account <c>worker</c>) with works still to score (his workbench says so), one expert who declared once that he
/// stands aside from a school (长期回避) left out of its works, and one who declared a conflict on a single work. The demo has two schools
/// in 大英县 (大英中学 and one 小学 of the demo's organizations), so the works alternate between them (an earlier version wanted three
/// and never ran).</para>
/// </summary>
public static class ContestDemoSeeder
{
    public const string MayorAward = "遂宁市2025年青少年科技创新成果市长奖评选";

    /// <summary>Works of 大英县 awarded in <see cref="MayorAward"/>: 一等奖1件、二等奖2件、三等奖3件.</summary>
    public static readonly AwardGrade[] MayorAwards = [AwardGrade.First, AwardGrade.Second, AwardGrade.Second, AwardGrade.Third, AwardGrade.Third, AwardGrade.Third];

    public static async Task SeedAsync(KexieDbContext db, ILogger logger, CancellationToken ct = default)
    {
        await SeedMayorAwardAsync(db, logger, ct);
        await SeedPanelAsync(db, logger, ct);
        await SeedProvinceAwardsAsync(db, logger, ct);
        await SeedKindsAsync(db, logger, ct);
        await SeedCityRoundsAsync(db, logger, ct);
    }

    public const string CountyEdition2024 = "大英县第22届青少年科技创新大赛";

    public const string CityEdition2024 = "遂宁市第35届青少年科技创新大赛";

    /// <summary>Works of <see cref="CountyEdition2024"/>: received, recommended to <see cref="CityEdition2024"/>.</summary>
    public const int Works2024 = 120;

    public const int Recommended2024 = 24;

    /// <summary>
    /// 2024's chain county → city with review rounds (a year apart from 2025's seeds sentence "共收获827件作品，推荐85件作品参加第35届省青少年
    /// 科技创新大赛", which stays as it is): <see cref="CountyEdition2024"/> receives <see cref="Works2024"/> works of 大英县's schools, passes
    /// and awards them and recommends the best <see cref="Recommended2024"/> to <see cref="CityEdition2024"/> (推荐名额24). The city reviews them
    /// in 初评 and 终评 with panels of 专家库 experts scoring on the rubric (conflicts left out): the 科技创新成果 category, which holds its 答辩,
    /// goes to 终评 on its own first (top 6), the other categories with the edition's round (top 3 of each); the 终评 scores make the
    /// results, the city awards them (一等奖3、二等奖5, the rest 三等奖: their 获奖证书 download) and closes the edition. The city's page lists
    /// the works with their school and county. Runs once (no such city edition yet).
    /// </summary>
    public static async Task SeedCityRoundsAsync(KexieDbContext db, ILogger logger, CancellationToken ct = default)
    {
        if (await db.Contests.AnyAsync(c => c.RegionCode == "5109" && c.Name == CityEdition2024, ct))
        {
            return;
        }

        var users = await db.Users.AsNoTracking().Where(u => u.UserName == "daying" || u.UserName == "suining" || u.UserName == "worker").ToListAsync(ct);
        var countyUser = users.FirstOrDefault(u => u.UserName == "daying");
        var cityUser = users.FirstOrDefault(u => u.UserName == "suining");
        var demoWorker = users.FirstOrDefault(u => u.UserName == "worker")?.ScienceWorkerId;
        var schools = await db.Organizations.AsNoTracking().Where(o => RegionScope.Within(o.RegionCode, DemoSeeder.DaYing) && o.Kind == OrganizationKind.School)
            .OrderBy(o => o.Name).Select(o => new { o.Id, o.Name, o.RegionCode }).ToListAsync(ct);
        // The city's panels: experts of the 专家库 in 遂宁市 other than the demo expert (whose own review list stays the current year's), the last admitted first.
        var experts = (await db.Experts.AsNoTracking().Where(e => e.Status == ExpertStatus.Active && RegionScope.Within(e.RegionCode, "5109"))
            .Join(db.ScienceWorkers.AsNoTracking(), e => e.WorkerId, w => w.Id, (e, w) => new { Expert = e, Worker = w })
            .ToListAsync(ct))
            .Where(x => x.Worker.Id != demoWorker && !schools.Any(s => s.Name == x.Worker.Employer))
            .OrderByDescending(x => x.Expert.AdmittedOn).ThenBy(x => x.Worker.Name, StringComparer.Ordinal).Take(6).ToList();
        if (countyUser is null || cityUser is null || schools.Count == 0 || experts.Count < 6)
        {
            return;
        }

        var county = countyUser.ToActor();
        var cityAdmin = cityUser.ToActor();
        string[] categories = [.. ContestNames.DefaultCategories.Take(3)];
        var countyEdition = Contest.Create(new ContestData(CountyEdition2024, 2024, DemoSeeder.DaYing, ContestNames.DefaultCategories, Recommended2024, "2024年3月至5月征集"), county);
        var cityEdition = Contest.Create(new ContestData(CityEdition2024, 2024, "5109", ContestNames.DefaultCategories, null, "各县（市、区）科协推荐作品，市级初评、终评",
            Rounds: ["初评", "终评"]), cityAdmin);
        var random = new Random(2224);
        string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "何", "罗"];
        string[] given = ["子涵", "浩然", "欣怡", "宇轩", "雨桐", "梓萱", "俊杰", "思远", "一诺", "佳怡", "明轩", "语嫣"];
        string Person() => $"{surnames[random.Next(surnames.Length)]}{given[random.Next(given.Length)]}";
        string[] topics = ["郪江水质", "柑橘保鲜", "井盐文化", "智能浇灌", "红薯储藏", "校园节能", "雨水收集", "太阳能小车", "防溺水报警", "空气质量"];
        string[] kinds = ["研究", "装置", "调查", "设计"];
        var entries = new List<ContestEntry>();
        for (var i = 0; i < Works2024; i++)
        {
            var school = schools[i % schools.Count];
            var category = categories[(i % 5) switch { < 2 => 0, < 4 => 1, _ => 2 }];
            var entry = ContestEntry.Submit(countyEdition, school.Id, school.Name, school.RegionCode,
                new ContestEntryData($"{topics[random.Next(topics.Length)]}的{kinds[random.Next(kinds.Length)]}（{i + 1:000}号）", category, [.. Enumerable.Range(0, 1 + random.Next(2)).Select(_ => Person())],
                    $"{Person()}老师", $"{school.Name}学生的{category}作品。"), county);
            entry.CreatedAt = new DateTimeOffset(2024, 3, 4, 1, 0, 0, TimeSpan.Zero).AddHours(i * 18L);
            entries.Add(entry);
        }

        countyEdition.MoveTo(ContestStatus.Reviewing, county);
        foreach (var (entry, i) in entries.Select((e, i) => (e, i)))
        {
            var passed = i % 15 != 7;
            entry.Review(countyEdition, passed, passed ? 62 + ((i * 37) % 340) / 10m : 45 + (i % 10), passed ? null : "作品完整性不足", county);
        }

        var ranked = entries.Where(e => e.Status == ContestEntryStatus.Accepted).OrderByDescending(e => e.Score).ThenBy(e => e.Title, StringComparer.Ordinal).ToList();
        for (var i = 0; i < 30; i++)
        {
            ranked[i].SetAward(countyEdition, i < 6 ? AwardGrade.First : i < 16 ? AwardGrade.Second : AwardGrade.Third, county);
        }

        var sent = ranked.Take(Recommended2024).Select((e, n) => e.RecommendTo(countyEdition, cityEdition, n, county)).ToList();
        countyEdition.MoveTo(ContestStatus.Closed, county);
        foreach (var copy in sent)
        {
            copy.CreatedAt = new DateTimeOffset(2024, 6, 3, 2, 0, 0, TimeSpan.Zero);
        }

        // 初评: three experts a work, scored on the rubric; then 科技创新成果 goes on alone, the rest with the edition's round.
        cityEdition.MoveTo(ContestStatus.Reviewing, cityAdmin);
        ExpertCandidate Candidate(Expert e, ScienceWorker w) => new(e.Id, w.Id, w.Name, w.Employer, null, true);
        Actor ExpertActor(ScienceWorker w) => new(null, null, UserRole.ScienceWorker, w.RegionCode, w.Id, DisplayName: w.Name);
        var assignments = new List<ContestAssignment>();
        var sheet = 0;

        void Panel(IEnumerable<ContestEntry> works, int skip, DateTimeOffset at)
        {
            foreach (var entry in works)
            {
                var mine = new List<ContestAssignment>();
                foreach (var x in experts.Skip(skip).Concat(experts.Take(skip)))
                {
                    if (mine.Count == 3)
                    {
                        break;
                    }

                    var others = assignments.Where(a => a.EntryId == entry.Id).ToList();
                    if (ContestAssignment.ConflictOf(entry, Candidate(x.Expert, x.Worker), others) is not null)
                    {
                        continue;
                    }

                    var a = ContestAssignment.Assign(cityEdition, entry, Candidate(x.Expert, x.Worker), others, cityAdmin, at);
                    var shift = (sheet++ * 7) % 9;
                    a.Score(cityEdition, entry, [22 + (shift % 8), 20 + ((shift * 3) % 10), 13 + (shift % 7), 12 + ((shift * 5) % 8)], shift % 4 == 0 ? "选题新颖，数据翔实" : null, ExpertActor(x.Worker), at.AddDays(5));
                    mine.Add(a);
                    assignments.Add(a);
                }

                entry.SetExpertScore(ContestRubric.Mean([.. mine.Select(a => a.Total!.Value)]));
            }
        }

        Panel(sent, 0, new DateTimeOffset(2024, 6, 10, 1, 0, 0, TimeSpan.Zero));
        var first = cityEdition.Advance(sent, new ContestAdvanceData(6, null, false, "科技创新成果类须现场答辩，先行确定进入终评的作品"), cityAdmin, categories[0]);
        var rest = cityEdition.Advance(sent, new ContestAdvanceData(3, null, true, "按初评专家评分排序，经市评审委员会研究确定"), cityAdmin);
        first.CreatedAt = new DateTimeOffset(2024, 6, 20, 2, 0, 0, TimeSpan.Zero);
        rest.CreatedAt = new DateTimeOffset(2024, 6, 27, 2, 0, 0, TimeSpan.Zero);

        // 终评: a fresh panel a work; its scores make the results, then the awards.
        var finals = sent.Where(e => e.Status == ContestEntryStatus.Submitted && e.Round == 2).ToList();
        Panel(finals, 3, new DateTimeOffset(2024, 7, 4, 1, 0, 0, TimeSpan.Zero));
        foreach (var entry in finals)
        {
            entry.Review(cityEdition, true, null, null, cityAdmin);
        }

        var order = finals.OrderByDescending(e => e.Score).ThenBy(e => e.Title, StringComparer.Ordinal).ToList();
        for (var i = 0; i < order.Count; i++)
        {
            order[i].SetAward(cityEdition, i < 3 ? AwardGrade.First : i < 8 ? AwardGrade.Second : AwardGrade.Third, cityAdmin);
        }

        cityEdition.MoveTo(ContestStatus.Closed, cityAdmin);
        db.Contests.AddRange(countyEdition, cityEdition);
        db.ContestEntries.AddRange(entries);
        db.ContestEntries.AddRange(sent);
        db.ContestAssignments.AddRange(assignments);
        db.ContestRoundDecisions.AddRange(first, rest);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("已生成{Name}演示数据：大英县推荐作品{Sent}件，进入终评{Finals}件，评审指派{Assignments}份", CityEdition2024, sent.Count, finals.Count, assignments.Count);
    }

    public const string ProvinceEdition = "四川省第35届青少年科技创新大赛";

    /// <summary>Of the 85 works 大英县 sent to <see cref="ProvinceEdition"/>, those awarded there: 一等奖3件、二等奖8件、三等奖17件.</summary>
    public static readonly (AwardGrade Grade, int Count)[] ProvinceAwards = [(AwardGrade.First, 3), (AwardGrade.Second, 8), (AwardGrade.Third, 17)];

    /// <summary>
    /// The province reviews the works 大英县 recommended to <see cref="ProvinceEdition"/>: all pass, the best 28 are awarded
    /// (<see cref="ProvinceAwards"/>), and the edition closes — the county's 2025 summary then says, as 恩施's "286件作品在全省青少年科技创新大赛上
    /// 获奖", "28件作品在四川省第35届青少年科技创新大赛上获奖". Runs once (while the edition has no award).
    /// </summary>
    public static async Task SeedProvinceAwardsAsync(KexieDbContext db, ILogger logger, CancellationToken ct = default)
    {
        var province = await db.Contests.FirstOrDefaultAsync(c => c.RegionCode == "51" && c.Year == 2025 && c.Name == ProvinceEdition, ct);
        var sichuan = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == "sichuan", ct);
        if (province is null || sichuan is null || province.Status == ContestStatus.Closed || await db.ContestEntries.AnyAsync(e => e.ContestId == province.Id && e.Award != null, ct))
        {
            return;
        }

        var entries = await db.ContestEntries.Where(e => e.ContestId == province.Id && e.Status == ContestEntryStatus.Submitted).ToListAsync(ct);
        if (entries.Count < ProvinceAwards.Sum(a => a.Count))
        {
            return;
        }

        var admin = sichuan.ToActor();
        if (province.Status == ContestStatus.Open)
        {
            province.MoveTo(ContestStatus.Reviewing, admin);
        }

        var ranked = entries.OrderBy(e => e.Title, StringComparer.Ordinal).ToList();
        for (var i = 0; i < ranked.Count; i++)
        {
            ranked[i].Review(province, true, 90 - (i * 0.3m), null, admin);
        }

        var n = 0;
        foreach (var (grade, count) in ProvinceAwards)
        {
            for (var i = 0; i < count; i++)
            {
                ranked[n++].SetAward(province, grade, admin);
            }
        }

        province.MoveTo(ContestStatus.Closed, admin);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("已生成{Name}评审演示数据：获奖作品{Count}件", ProvinceEdition, n);
    }

    /// <summary>The other youth activities the seeds name ("积极组织全县中小学生参加省、市“金钥匙”科技竞赛、青少年科技创新大赛、科幻绘画竞赛等活动",
    /// "组织参加青少年高校科学营和青少年科学调查体验活动"): 遂宁市's 2025 editions of each kind with works of 大英县's schools, and how many were awarded.</summary>
    public static readonly (string Name, ContestKind Kind, string[] Categories, int Works, AwardGrade[] Awards)[] Kinds =
    [
        ("遂宁市2025年青少年科技教育“金钥匙”科技竞赛", ContestKind.GoldenKey, new[] { "小学组", "初中组" }, 12,
            new[] { AwardGrade.First, AwardGrade.First, AwardGrade.Second, AwardGrade.Second, AwardGrade.Second, AwardGrade.Third, AwardGrade.Third, AwardGrade.Third, AwardGrade.Third }),
        ("遂宁市2025年少年儿童科幻绘画竞赛", ContestKind.SciFiPainting, new[] { "科幻绘画" }, 20,
            new[] { AwardGrade.First, AwardGrade.Second, AwardGrade.Second, AwardGrade.Third, AwardGrade.Third, AwardGrade.Third, AwardGrade.Excellence, AwardGrade.Excellence }),
        ("遂宁市2025年青少年科学调查体验活动", ContestKind.ScienceSurvey, new[] { "科学调查体验" }, 30,
            new[] { AwardGrade.Excellence, AwardGrade.Excellence, AwardGrade.Excellence, AwardGrade.Excellence, AwardGrade.Excellence }),
    ];

    /// <summary>Seeds <see cref="Kinds"/> once (no 金钥匙 edition yet): the county enters the works in its schools' names, the city reviews, awards and closes.</summary>
    public static async Task SeedKindsAsync(KexieDbContext db, ILogger logger, CancellationToken ct = default)
    {
        if (await db.Contests.AnyAsync(c => c.Kind == ContestKind.GoldenKey, ct))
        {
            return;
        }

        var users = await db.Users.AsNoTracking().Where(u => u.UserName == "daying" || u.UserName == "suining").ToListAsync(ct);
        var county = users.FirstOrDefault(u => u.UserName == "daying");
        var city = users.FirstOrDefault(u => u.UserName == "suining");
        var schools = await db.Organizations.AsNoTracking().Where(o => RegionScope.Within(o.RegionCode, DemoSeeder.DaYing) && o.Kind == OrganizationKind.School)
            .OrderBy(o => o.Name).Select(o => new { o.Id, o.Name, o.RegionCode }).ToListAsync(ct);
        if (county is null || city is null || schools.Count == 0)
        {
            return;
        }

        var cityAdmin = city.ToActor();
        var random = new Random(2525);
        string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"];
        string[] given = ["子涵", "浩然", "欣怡", "宇轩", "雨桐", "梓萱", "俊杰", "思远", "一诺", "佳怡"];
        string Person() => $"{surnames[random.Next(surnames.Length)]}{given[random.Next(given.Length)]}";
        string[] topics = ["月球基地", "郪江的未来", "会飞的城市", "海底农场", "太空电梯", "井盐的秘密", "校园节水", "柑橘病虫害"];
        var total = 0;
        foreach (var (name, kind, categories, works, awards) in Kinds)
        {
            var contest = Contest.Create(new ContestData(name, 2025, "5109", categories, null, $"{kind.Chinese()}：各县（市、区）科协组织中小学生参加", Kind: kind), cityAdmin);
            var entries = new List<ContestEntry>();
            for (var i = 0; i < works; i++)
            {
                var school = schools[i % schools.Count];
                var entry = ContestEntry.Submit(contest, school.Id, school.Name, school.RegionCode,
                    new ContestEntryData($"{topics[random.Next(topics.Length)]}（{i + 1:00}号）", categories[i % categories.Length], [Person()], $"{Person()}老师"), county.ToActor());
                entry.CreatedAt = new DateTimeOffset(2025, 4, 1, 2, 0, 0, TimeSpan.Zero).AddDays(i);
                entries.Add(entry);
            }

            contest.MoveTo(ContestStatus.Reviewing, cityAdmin);
            for (var i = 0; i < entries.Count; i++)
            {
                entries[i].Review(contest, true, 92 - i, null, cityAdmin);
                if (i < awards.Length)
                {
                    entries[i].SetAward(contest, awards[i], cityAdmin);
                }
            }

            contest.MoveTo(ContestStatus.Closed, cityAdmin);
            db.Contests.Add(contest);
            db.ContestEntries.AddRange(entries);
            total += entries.Count;
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("已生成金钥匙、科幻绘画、科学调查体验演示数据：大英县作品{Count}件", total);
    }

    /// <summary>
    /// 市长奖评选 of 遂宁市 for 2025: the county admin enters six of the first-prize works of 大英县第23届 (the best scores) in their
    /// schools' names, the city passes and awards them (<see cref="MayorAwards"/>) and closes the selection. Runs once (no such edition yet).
    /// </summary>
    public static async Task SeedMayorAwardAsync(KexieDbContext db, ILogger logger, CancellationToken ct = default)
    {
        if (await db.Contests.AnyAsync(c => c.RegionCode == "5109" && c.Name == MayorAward, ct))
        {
            return;
        }

        var users = await db.Users.AsNoTracking().Where(u => u.UserName == "daying" || u.UserName == "suining").ToListAsync(ct);
        var county = users.FirstOrDefault(u => u.UserName == "daying");
        var city = users.FirstOrDefault(u => u.UserName == "suining");
        var edition = await db.Contests.AsNoTracking().FirstOrDefaultAsync(c => c.RegionCode == DemoSeeder.DaYing && c.Year == 2025 && c.Name == "大英县第23届青少年科技创新大赛", ct);
        if (county is null || city is null || edition is null)
        {
            return;
        }

        var best = await db.ContestEntries.AsNoTracking().Where(e => e.ContestId == edition.Id && e.Award == AwardGrade.First)
            .OrderByDescending(e => e.Score).ThenBy(e => e.Title).Take(MayorAwards.Length).ToListAsync(ct);
        if (best.Count < MayorAwards.Length || best.Any(e => e.SchoolId is null))
        {
            return;
        }

        var cityAdmin = city.ToActor();
        var contest = Contest.Create(new ContestData(MayorAward, 2025, "5109", ContestNames.DefaultCategories, null, "各县（市、区）科协组织推荐，市级评审表彰", Kind: ContestKind.MayorAward), cityAdmin);
        var entries = best.Select(e => ContestEntry.Submit(contest, e.SchoolId!.Value, e.SchoolName, e.RegionCode,
            new ContestEntryData(e.Title, e.Category, e.Students, e.Teacher, e.Summary, e.TeacherOrganization), county.ToActor())).ToList();
        contest.MoveTo(ContestStatus.Reviewing, cityAdmin);
        for (var i = 0; i < entries.Count; i++)
        {
            entries[i].Review(contest, true, 95 - (i * 2), null, cityAdmin);
            entries[i].SetAward(contest, MayorAwards[i], cityAdmin);
        }

        contest.MoveTo(ContestStatus.Closed, cityAdmin);
        db.Contests.Add(contest);
        db.ContestEntries.AddRange(entries);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("已生成{Name}演示数据：大英县获奖作品{Count}件", MayorAward, entries.Count);
    }

    public const int Works = 36;

    /// <summary>The edition's year: the current China year, 2026 at the earliest (2025's edition is the seeds' closed one).</summary>
    public static int Year => Math.Max(2026, DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year);

    public static async Task SeedPanelAsync(KexieDbContext db, ILogger logger, CancellationToken ct = default)
    {
        var year = Year;
        if (await db.Contests.AnyAsync(c => c.RegionCode == DemoSeeder.DaYing && c.Year == year, ct) || await db.ExpertConflicts.AnyAsync(ct))
        {
            return;
        }

        var users = await db.Users.AsNoTracking().Where(u => u.UserName == "daying" || u.UserName == "worker").ToListAsync(ct);
        var county = users.FirstOrDefault(u => u.UserName == "daying");
        var workerUser = users.FirstOrDefault(u => u.UserName == "worker");
        var schools = await db.Organizations.AsNoTracking().Where(o => RegionScope.Within(o.RegionCode, DemoSeeder.DaYing) && o.Kind == OrganizationKind.School)
            .OrderBy(o => o.Name).Select(o => new { o.Id, o.Name, o.RegionCode }).ToListAsync(ct);
        var experts = await db.Experts.AsNoTracking().Where(e => e.Status == ExpertStatus.Active && RegionScope.Within(e.RegionCode, DemoSeeder.DaYing))
            .Join(db.ScienceWorkers.AsNoTracking(), e => e.WorkerId, w => w.Id, (e, w) => new { Expert = e, Worker = w })
            .OrderBy(x => x.Expert.AdmittedOn).ThenBy(x => x.Worker.Name).ToListAsync(ct);
        if (county is null || workerUser?.ScienceWorkerId is not { } demoWorker || schools.Count < 2 || experts.Count < 4 || experts.All(x => x.Worker.Id != demoWorker))
        {
            return;
        }

        var admin = county.ToActor();
        var now = DateTimeOffset.UtcNow;
        var contest = Contest.Create(new ContestData($"大英县第{23 + year - 2025}届青少年科技创新大赛", year, DemoSeeder.DaYing, ContestNames.DefaultCategories, 85, $"{year}年3月至5月征集；专家评审中"), admin);
        db.Contests.Add(contest);
        var random = new Random(2424);
        string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"];
        string[] given = ["子涵", "浩然", "欣怡", "宇轩", "雨桐", "梓萱", "俊杰", "思远", "一诺", "佳怡"];
        string Person() => $"{surnames[random.Next(surnames.Length)]}{given[random.Next(given.Length)]}";
        string[] topics = ["郪江水质监测", "智能节水灌溉", "校园垃圾分类", "柑橘保鲜", "太阳能路灯", "井盐文化", "防溺水报警", "红薯储藏"];
        string[] kinds = ["装置", "研究", "调查", "设计"];
        var entries = new List<ContestEntry>();
        for (var i = 0; i < Works; i++)
        {
            var school = schools[i % Math.Min(schools.Count, 6)];
            var category = ContestNames.DefaultCategories[i % 3 == 2 ? 1 : 0];
            entries.Add(ContestEntry.Submit(contest, school.Id, school.Name, school.RegionCode,
                new ContestEntryData($"{topics[i % topics.Length]}{kinds[random.Next(kinds.Length)]}（{i + 1:00}号）", category, [Person(), Person()], $"{Person()}老师",
                    $"{school.Name}学生围绕{topics[i % topics.Length]}开展的探究。"), admin));
        }

        contest.MoveTo(ContestStatus.Reviewing, admin);
        db.ContestEntries.AddRange(entries);

        // The panel: the demo expert, two colleagues, and one who stands aside from the first school for good.
        var me = experts.Single(x => x.Worker.Id == demoWorker);
        var others = experts.Where(x => x.Worker.Id != demoWorker && !schools.Any(s => s.Name == x.Worker.Employer)).Take(3).ToList();
        if (others.Count < 3)
        {
            return;
        }

        ExpertCandidate Candidate(Expert e, ScienceWorker w) => new(e.Id, w.Id, w.Name, w.Employer, w.Id == demoWorker ? workerUser.Id : null, true);
        Actor ExpertActor(ScienceWorker w) => w.Id == demoWorker ? workerUser.ToActor() : new Actor(null, null, UserRole.ScienceWorker, w.RegionCode, w.Id, DisplayName: w.Name);
        var aside = others[2];
        var standing = ExpertConflict.Declare(Candidate(aside.Expert, aside.Worker), aside.Expert.RegionCode, ConflictKind.Organization, (schools[0].Id, schools[0].Name), null,
            "本人在该校兼任科技辅导员", ExpertActor(aside.Worker));
        db.ExpertConflicts.Add(standing);

        var works = entries.Where(e => e.Category == ContestNames.DefaultCategories[0]).ToList();
        var assignments = new List<ContestAssignment>();
        var excluded = 0;
        var panel = new[] { (me.Expert, me.Worker), (others[0].Expert, others[0].Worker), (others[1].Expert, others[1].Worker), (aside.Expert, aside.Worker) };
        foreach (var (expert, worker) in panel)
        {
            foreach (var entry in works)
            {
                var mine = assignments.Where(a => a.EntryId == entry.Id).ToList();
                if (ContestAssignment.ConflictOf(entry, Candidate(expert, worker), mine, [standing]) is not null)
                {
                    excluded++;
                    continue;
                }

                assignments.Add(ContestAssignment.Assign(contest, entry, Candidate(expert, worker), mine, admin, now.AddDays(-12), [standing]));
            }
        }

        // Scores: the colleagues score all but one declared conflict; the demo expert has scored the first half, the rest wait for him.
        decimal[][] sheets = [[26, 25, 17, 16], [24, 27, 15, 18], [28, 24, 18, 15], [22, 23, 16, 17], [27, 26, 17, 18]];
        var n = 0;
        var declined = false;
        foreach (var a in assignments)
        {
            var entry = works.Single(e => e.Id == a.EntryId);
            var (expert, worker) = panel.Single(p => p.Expert.Id == a.ExpertId);
            if (worker.Id == demoWorker && works.IndexOf(entry) >= works.Count / 2)
            {
                continue;
            }

            if (!declined && expert.Id == others[1].Expert.Id && works.IndexOf(entry) == 1)
            {
                a.Decline(contest, entry, "作者是本人亲属", ExpertActor(worker), now.AddDays(-10));
                declined = true;
                continue;
            }

            a.Score(contest, entry, [.. sheets[n++ % sheets.Length].Select(v => (decimal?)v)], n % 3 == 0 ? "选题贴近生活，实验记录完整" : null, ExpertActor(worker), now.AddDays(-9));
        }

        foreach (var entry in works)
        {
            var totals = assignments.Where(a => a.EntryId == entry.Id && a.Status == AssignmentStatus.Scored).Select(a => a.Total!.Value).ToList();
            if (totals.Count > 0)
            {
                entry.SetExpertScore(ContestRubric.Mean(totals));
            }
        }

        db.ContestAssignments.AddRange(assignments);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("已生成{Year}年大英县大赛专家评审演示数据：作品{Works}件，评审指派{Assignments}份，长期回避{Excluded}件", year, Works, assignments.Count, excluded);
    }
}
