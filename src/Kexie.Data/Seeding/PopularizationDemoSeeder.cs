using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;
using Kexie.Domain.Popularization;
using Kexie.Domain.ThinkTank;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kexie.Data.Seeding;

/// <summary>
/// Demo records of the two public-facing services for 大英县 (510923) and 射洪市 (510981): 科普 content (published and
/// one waiting for review), activities with registrations and check-ins, 科普e站 with daily use; and 智库 calls with
/// topics at every stage, and 建言献策 adopted, declined and pending. Everything goes through the domain methods (so the
/// facts behind S01–S03 and D01–D02 come from real records) and is dated in 2025 (China time), except what 大英县's 2020
/// report tells of that year (its 市级科普教育基地's visitors and 40 实用技术培训, <see cref="SeedDaYing2020Async"/>; its 6 集中科普宣传,
/// 64 volunteer teams with 2451 volunteers serving at 300-odd activities and its 防疫 content, <see cref="SeedDaYing2020ScaleAsync"/>). Deterministic; runs only
/// on a demo database (the demo accounts exist) that has none of these records yet.
/// </summary>
public sealed class PopularizationDemoSeeder(KexieDbContext db, ILogger<PopularizationDemoSeeder> logger)
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await SeedVenuesAsync(ct);
        await SeedLiteracyAsync(ct);
        if (await db.ScienceContents.AnyAsync(ct) || await db.PopularizationActivities.AnyAsync(ct) || await db.EStations.AnyAsync(ct)
            || await db.ThinkTankCalls.AnyAsync(ct) || await db.Proposals.AnyAsync(ct))
        {
            await SeedVolunteersAsync(ct);
            await SeedStationInteractionAsync(ct);
            await SeedQuizBankAsync(ct);
            await SeedDaYing2020Async(ct);
            await SeedDaYing2020ScaleAsync(ct);
            await SeedDaYing2020PartnersAsync(ct);
            await LiteracyMemberUnitDemoSeeder.SeedAsync(db, ct);
            await SeedSeriesAsync(ct);
            await SeedRecruitmentAndWebQuizAsync(ct);
            return;
        }

        if (await DemoActorsAsync(["daying", "daying-staff", "shehong", "worker"], ct) is not { } actors)
        {
            return;
        }

        var daying = actors["daying"];
        var staff = actors["daying-staff"];
        var shehong = actors["shehong"];
        var worker = actors["worker"];
        var townships = await db.Regions.AsNoTracking()
            .Where(r => r.ParentCode == DemoSeeder.DaYing || r.ParentCode == DemoSeeder.SheHong)
            .OrderBy(r => r.Code)
            .Select(r => new { r.Code, r.Name, r.ParentCode })
            .ToListAsync(ct);
        string Township(string county, int i)
        {
            var list = townships.Where(t => t.ParentCode == county).ToList();
            return list.Count == 0 ? county : list[i % list.Count].Code;
        }

        SeedContents(daying, staff, shehong);
        var participants = SeedActivities(daying, staff, shehong, Township);
        var usage = SeedStations(staff, shehong, Township);
        await db.SaveChangesAsync(ct);
        db.AddRange(participants);
        db.AddRange(usage);
        await db.SaveChangesAsync(ct);
        SeedTallies(staff, Township);
        await db.SaveChangesAsync(ct);

        var topics = SeedThinkTank(daying, shehong, worker, Township);
        await db.SaveChangesAsync(ct);
        db.AddRange(topics);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("已生成科普与智库演示数据：{Participants} 人次报名，{Usage} 条e站使用记录，{Topics} 项课题", participants.Count, usage.Count, topics.Count);
        await SeedVolunteersAsync(ct);
        await SeedStationInteractionAsync(ct);
        await SeedQuizBankAsync(ct);
        await SeedKiosksAsync(ct);
        await SeedDaYing2020Async(ct); // after the rest: its activities would otherwise read as "already seeded" above
        await SeedDaYing2020ScaleAsync(ct);
        await SeedDaYing2020PartnersAsync(ct);
        await LiteracyMemberUnitDemoSeeder.SeedAsync(db, ct);
        await ScienceBoardDemoSeeder.SeedAsync(db, ct);
        await SeedSeriesAsync(ct); // it groups the science weeks seeded above
        await SeedRecruitmentAndWebQuizAsync(ct);
    }

    /// <summary>
    /// What a visitor of the demo finds open today: 大英县's call for 6 volunteers (讲解、实验演示、秩序引导) at its coming 青少年科技创新
    /// 作品展评暨科学实验开放日, open until three days before it (no application yet: a demo science worker can apply), and the
    /// county's 网上科普知识竞赛 of the current year, open from three days ago for a month, drawing on the county's 知识竞答 bank (no
    /// attempt yet, so no year's report figure moves). Each runs once (no call, no web quiz yet).
    /// </summary>
    private async Task SeedRecruitmentAndWebQuizAsync(CancellationToken ct)
    {
        if (await DemoActorsAsync(["daying"], ct) is not { } actors)
        {
            return;
        }

        var admin = actors["daying"];
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.ToOffset(Cst).DateTime);
        if (!await db.VolunteerCalls.AnyAsync(ct)
            && await db.PopularizationActivities.FirstOrDefaultAsync(a => a.RegionCode == DemoSeeder.DaYing && a.Title == "青少年科技创新作品展评暨科学实验开放日" && a.Status == ActivityStatus.Open, ct) is { } openDay
            && openDay.StartsOn.AddDays(-3) >= today)
        {
            db.VolunteerCalls.Add(VolunteerCall.Publish(openDay, new VolunteerCallData(6, openDay.StartsOn.AddDays(-3), "作品讲解、科学实验演示助手、现场秩序引导", "有中小学科学教育或科技辅导经验者优先"), admin, now.AddDays(-2)));
        }

        if (!await db.WebQuizzes.AnyAsync(ct) && await db.QuizQuestions.AnyAsync(q => q.RegionCode == DemoSeeder.DaYing, ct))
        {
            db.WebQuizzes.Add(WebQuiz.Publish(new WebQuizData(DemoSeeder.DaYing, $"{today.Year}年大英县网上科普知识竞赛", null, today.AddDays(-3), today.AddDays(27)), admin, now.AddDays(-3)));
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// 活动系列 of 大英县: its 科技活动周 of each year the demo has one (2020, 2025) — "全国科技活动周暨县第N届科普宣传周", as its reports
    /// name it — grouping the county's science-week activities so the series page sums their tallies by township and the report
    /// reads the week's sentence from the series. Runs once (no series of the county yet), after the rest of the demo.
    /// </summary>
    private async Task SeedSeriesAsync(CancellationToken ct)
    {
        if (await db.ActivitySeries.AnyAsync(s => s.RegionCode == DemoSeeder.DaYing, ct) || await DemoActorsAsync(["daying-staff"], ct) is not { } actors)
        {
            return;
        }

        var staff = actors["daying-staff"];
        var weeks = await db.PopularizationActivities
            .Where(a => RegionScope.Within(a.RegionCode, DemoSeeder.DaYing) && a.Kind == ActivityKind.ScienceWeek && a.Status != ActivityStatus.Cancelled && a.SeriesId == null)
            .OrderBy(a => a.StartsOn).ThenBy(a => a.Id).ToListAsync(ct);
        var editions = new Dictionary<int, string> { [2020] = "二十五", [2021] = "二十六", [2025] = "三十" };
        foreach (var year in weeks.GroupBy(a => a.StartsOn.Year))
        {
            var first = year.Min(a => a.StartsOn);
            var last = year.Max(a => a.EndsOn.Year == year.Key ? a.EndsOn : new DateOnly(year.Key, 12, 31));
            var name = editions.TryGetValue(year.Key, out var edition) ? $"{year.Key}年全国科技活动周暨大英县第{edition}届科普宣传周" : $"{year.Key}年大英县科技活动周";
            var series = ActivitySeries.Create(
                new ActivitySeriesData(DemoSeeder.DaYing, year.Key, name, ActivityKind.ScienceWeek, first, last, "县科协牵头，各乡镇、县级部门同步开展"),
                staff, new DateTimeOffset(first.AddDays(-20).ToDateTime(new TimeOnly(10, 0)), Cst).ToUniversalTime());
            db.ActivitySeries.Add(series);
            foreach (var activity in year)
            {
                activity.JoinSeries(series, staff, activity.UpdatedAt);
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// 大英县 in 2020, as its report of that year tells it: the four 市级科普教育基地 open free from May (after the epidemic
    /// closure) "吸引了2万余人次" (three days' counts a month and one group visit a month each, 20 000-odd visitors), and 40
    /// 实用技术培训 in its towns from March to December, each with its on-site tally (进农村, 农民) and two of 24 科技志愿者
    /// registered that March serving at it. Runs once (its first training not there yet), after the rest of the demo.
    /// </summary>
    private async Task SeedDaYing2020Async(CancellationToken ct)
    {
        const string FirstTraining = "2020年蓬莱镇柑橘春季修剪与保花保果实用技术培训"; // the first of the 40 below
        if (await db.PopularizationActivities.AnyAsync(a => a.Title == FirstTraining, ct)
            || await DemoActorsAsync(["daying-staff"], ct) is not { } actors)
        {
            return;
        }

        var bases = await db.Venues.Where(v => v.Kind == VenueKind.PopularizationBase && v.Level == VenueLevel.Prefectural && v.Status == VenueStatus.Open)
            .Where(v => RegionScope.Within(v.RegionCode, DemoSeeder.DaYing)).OrderBy(v => v.Name).ToListAsync(ct);
        var towns = await db.Regions.AsNoTracking().Where(r => r.ParentCode == DemoSeeder.DaYing && r.Name.EndsWith("镇")).OrderBy(r => r.Code)
            .Select(r => new { r.Code, r.Name }).ToListAsync(ct);
        if (towns.Count == 0)
        {
            return;
        }

        var staff = actors["daying-staff"];
        static DateTimeOffset On(DateOnly day, int hour) => new DateTimeOffset(day.Year, day.Month, day.Day, hour, 0, 0, Cst).ToUniversalTime();

        // 科普教育基地 visitors: May to December, the counts of three days a month (10th, 20th, 27th) and one group visit.
        (string Place, ServiceSetting Setting, TargetGroup Group)[] groupVisits =
        [
            ("大英县实验小学", ServiceSetting.School, TargetGroup.Youth),
            ("蓬莱镇柑橘种植专业合作社", ServiceSetting.Countryside, TargetGroup.Farmers),
            ("大英县老年大学", ServiceSetting.Community, TargetGroup.Elderly),
            ("大英县直机关工委", ServiceSetting.Agency, TargetGroup.Officials),
            ("大英县育才中学", ServiceSetting.School, TargetGroup.Youth),
            ("四川大英天润化工有限公司", ServiceSetting.Enterprise, TargetGroup.UrbanWorkers),
        ];
        var visits = 0;
        var visitors = 0;
        for (var b = 0; b < bases.Count; b++)
        {
            var venue = bases[b];
            var daily = 130 + (b * 47 % 110);
            for (var month = 5; month <= 12; month++)
            {
                foreach (var (day, share) in new[] { (10, 9), (20, 10), (27, 12) })
                {
                    var on = new DateOnly(2020, month, day);
                    var count = (daily * share / 10) + ((month * 13 + day + b * 7) % 29);
                    db.VenueVisits.Add(venue.RecordVisit(new VenueVisitData(on, 0, count), staff, On(on, 18)));
                    visits++;
                    visitors += count;
                }

                var (place, setting, group) = groupVisits[(b + month) % groupVisits.Length];
                var visitDay = new DateOnly(2020, month, 15 + b);
                var people = 45 + ((b * 17 + month * 11) % 60);
                db.VenueVisits.Add(venue.RecordVisit(new VenueVisitData(visitDay, 1 + ((b + month) % 2), people, place, setting, group), staff, On(visitDay, 17)));
                visits++;
                visitors += people;
            }
        }

        // 实用技术培训: 40 in the towns, March to December (none in the epidemic's February), on the season's crops and stock.
        string[][] seasons =
        [
            ["柑橘春季修剪与保花保果", "水稻机械化育插秧", "柠檬春梢病虫害绿色防控"], // March, April
            ["柠檬溃疡病与红蜘蛛防控", "稻渔综合种养", "蔬菜大棚种植管理", "生猪健康养殖与非洲猪瘟防控"], // May, June
            ["柑橘夏季控梢与病虫害防治", "农村电商与直播带货", "生猪健康养殖与非洲猪瘟防控"], // July to September
            ["果树冬季清园", "冬春蔬菜种植管理", "农村电商与直播带货", "生猪冬季疫病防控"], // October to December
        ];
        var trainings = new List<PopularizationActivity>(40);
        for (var i = 0; i < 40; i++)
        {
            var town = towns[i % towns.Count];
            var on = new DateOnly(2020, 3 + (i * 10 / 40), 4 + ((i * 7) % 24));
            var season = seasons[on.Month switch { <= 4 => 0, <= 6 => 1, <= 9 => 2, _ => 3 }];
            var topic = i == 0 ? season[0] : season[(i + (i / towns.Count)) % season.Length];
            var title = $"2020年{town.Name}{topic}实用技术培训";
            if (trainings.Count(t => t.Title.StartsWith(title, StringComparison.Ordinal)) is > 0 and var held)
            {
                title += held == 1 ? "（第二期）" : "（第三期）";
            }

            var tag = topic.Contains("电商", StringComparison.Ordinal) ? "信息技术" : "农业技术";
            var data = new PopularizationActivityData(ActivityKind.Training, title, $"县农业技术推广中心专家到{town.Name}讲解{topic}技术，现场答疑", town.Code,
                i % 2 == 0 ? $"{town.Name}农民夜校" : $"{town.Name}便民服务中心", on, on, 80, "大英县科协、县农业农村局", ServiceSetting.Countryside, TargetGroup.Farmers, [tag]);
            var activity = PopularizationActivity.Create(data, staff, On(on.AddDays(-10), 10));
            db.PopularizationActivities.Add(activity);
            trainings.Add(activity);
        }

        // 科技志愿者: 24 of the county's 2020 teams (科技志愿服务队, 科普志愿者队伍) registered in March, two of them serving at
        // each training (80 services of two to three hours, confirmed that evening).
        var teams = await db.VolunteerTeams.Where(t => t.RegionCode == DemoSeeder.DaYing && (t.Name == "大英县科技志愿服务队" || t.Name == "大英县科普志愿者队伍"))
            .OrderBy(t => t.Name).ToListAsync(ct);
        string[] surnames = ["何", "罗", "郑", "谢", "唐", "蒋", "冯", "邓"];
        string[] given = ["建华", "德明", "春梅", "小军", "永红", "国强"];
        string[] skills = ["果树栽培", "植物保护", "畜牧兽医", "水稻栽培", "蔬菜种植", "农村电商"];
        var helpers = new List<Volunteer>(24);
        for (var i = 0; teams.Count > 0 && i < 24; i++)
        {
            var volunteer = Volunteer.Register(new VolunteerData(surnames[i % surnames.Length] + given[(i * 5 + i / 8) % given.Length], $"1390820{i:0000}", towns[i % towns.Count].Code, skills[i % skills.Length]),
                teams[i % teams.Count], null, staff, On(new DateOnly(2020, 3, 1), 10));
            db.Volunteers.Add(volunteer);
            helpers.Add(volunteer);
        }

        await db.SaveChangesAsync(ct);
        var trained = 0;
        for (var n = 0; n < trainings.Count; n++)
        {
            var activity = trainings[n];
            var participants = 45 + ((n * 23) % 50);
            trained += participants;
            var day = activity.StartsOn;
            db.EventTallies.Add(EventTally.Record(activity, new EventTallyData(activity.RegionCode, day, 1, participants, 8 + (n % 12), 0, 60 + (n % 5) * 20, 0, 0, ServiceSetting.Countryside, TargetGroup.Farmers), staff, On(day, 20)));
            for (var k = 0; k < 2 && helpers.Count > 0; k++)
            {
                var helper = helpers[(2 * n + k) % helpers.Count];
                var start = On(day, 8).AddMinutes(30);
                var record = ServiceRecord.SignIn(helper, activity, false, staff, start);
                record.SignOut(helper, activity, staff, start.AddMinutes(120 + (30 * ((n + k) % 3))));
                record.Confirm(activity, staff, null, On(day, 19));
                db.ServiceRecords.Add(record);
            }
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo 大英县2020年: {Visits} visitor records ({Visitors} 人次) at {Bases} 市级科普教育基地, {Trainings} 实用技术培训 ({Trained} 人次), {Volunteers} volunteers serving at them", visits, visitors, bases.Count, trainings.Count, trained, helpers.Count);
    }

    /// <summary>
    /// 大英县 in 2020 at the scale its report tells: "全国科普日等集中科普宣传6次" (科技活动周, moved to August that year, 全国科普日 and
    /// four county-wide days of stands), each tallied in its communities, schools and agencies so that with the 40 trainings'
    /// villages "进农村、进社区、进学校、进机关…63次"; the volunteer scale "64支科技志愿服务队伍、2451名科技志愿者…300余场" (the
    /// townships' teams and volunteers filling up the county's to 64 and 2451, 258 township 科技志愿服务 activities served by
    /// two volunteers each beside the trainings and the 6 campaigns); and the year's 防疫 and other 科普内容, 防疫 the most
    /// published topic ("发布权威防疫科普信息…条"). Everything in one insert batch (thousands of rows: no per-row round trips
    /// through the services). Runs once (its first campaign not there yet), after <see cref="SeedDaYing2020Async"/>.
    /// </summary>
    private async Task SeedDaYing2020ScaleAsync(CancellationToken ct)
    {
        const string FirstCampaign = "2020年大英县“世界气象日”集中科普宣传";
        var started = System.Diagnostics.Stopwatch.StartNew();
        if (await db.PopularizationActivities.AnyAsync(a => a.Title == FirstCampaign, ct)
            || await DemoActorsAsync(["daying", "daying-staff"], ct) is not { } actors)
        {
            return;
        }

        var towns = await db.Regions.AsNoTracking().Where(r => r.ParentCode == DemoSeeder.DaYing).OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(ct);
        if (towns.Count == 0)
        {
            return;
        }

        var admin = actors["daying"];
        var staff = actors["daying-staff"];
        static DateTimeOffset On(DateOnly day, int hour, int minute = 0) => new DateTimeOffset(day.Year, day.Month, day.Day, hour, minute, 0, Cst).ToUniversalTime();
        var activities = new List<PopularizationActivity>();
        var tallies = new List<EventTally>();

        // 集中科普宣传: six county-wide days, tallied where they went (23 场次 in communities, schools and agencies).
        (ActivityKind Kind, string Title, string Summary, string Place, DateOnly From, int Days, string[] Tags, (ServiceSetting Setting, TargetGroup Group, int Town, int People)[] Stands)[] campaigns =
        [
            (ActivityKind.Campaign, FirstCampaign, "气象科普展板、气象站开放参观、防雷避险知识讲解", "大英县气象局", new DateOnly(2020, 3, 23), 1, ["应急避险"],
                [(ServiceSetting.Community, TargetGroup.UrbanWorkers, 0, 320), (ServiceSetting.Community, TargetGroup.Elderly, 1, 210), (ServiceSetting.School, TargetGroup.Youth, 0, 460)]),
            (ActivityKind.Campaign, "2020年“防灾减灾日”集中科普宣传", "地震、洪涝避险知识宣传，应急疏散演练", "大英县人民广场", new DateOnly(2020, 5, 12), 1, ["应急避险"],
                [(ServiceSetting.Community, TargetGroup.UrbanWorkers, 0, 540), (ServiceSetting.Community, TargetGroup.Elderly, 5, 260), (ServiceSetting.School, TargetGroup.Youth, 2, 880), (ServiceSetting.School, TargetGroup.Youth, 7, 640), (ServiceSetting.Agency, TargetGroup.Officials, 0, 150)]),
            (ActivityKind.Campaign, "2020年“安全生产月”应急科普集中宣传", "安全生产法规、危化品与燃气安全知识进机关、进社区", "大英县应急管理局", new DateOnly(2020, 6, 16), 1, ["应急避险"],
                [(ServiceSetting.Agency, TargetGroup.Officials, 0, 180), (ServiceSetting.Agency, TargetGroup.UrbanWorkers, 5, 95), (ServiceSetting.Community, TargetGroup.UrbanWorkers, 1, 330)]),
            (ActivityKind.ScienceWeek, "2020年大英县科技活动周", "科技创新成果展、青少年科技体验、科技咨询（受疫情影响调整至8月举办）", "大英县科技馆", new DateOnly(2020, 8, 23), 7, ["青少年科技", "信息技术"],
                [(ServiceSetting.School, TargetGroup.Youth, 0, 720), (ServiceSetting.School, TargetGroup.Youth, 3, 410), (ServiceSetting.School, TargetGroup.Youth, 6, 380), (ServiceSetting.Community, TargetGroup.UrbanWorkers, 0, 650), (ServiceSetting.Community, TargetGroup.Elderly, 4, 240), (ServiceSetting.Agency, TargetGroup.Officials, 0, 120)]),
            (ActivityKind.NationalScienceDay, "2020年全国科普日大英县主场活动", "“决胜全面小康 科技战疫同行”主题展览、健康义诊、防诈科普", "大英县人民广场", new DateOnly(2020, 9, 19), 2, ["防疫", "健康"],
                [(ServiceSetting.Community, TargetGroup.UrbanWorkers, 0, 1200), (ServiceSetting.Community, TargetGroup.Elderly, 8, 310), (ServiceSetting.School, TargetGroup.Youth, 1, 560), (ServiceSetting.School, TargetGroup.Youth, 9, 430), (ServiceSetting.Agency, TargetGroup.Officials, 0, 160)]),
            (ActivityKind.Campaign, "2020年秋冬季疫情防控科普集中宣传", "秋冬季新冠肺炎和流感防控知识进机关，发放防疫手册", "大英县卫生健康局", new DateOnly(2020, 11, 20), 1, ["防疫", "健康"],
                [(ServiceSetting.Agency, TargetGroup.Officials, 0, 210)]),
        ];
        for (var c = 0; c < campaigns.Length; c++)
        {
            var (kind, title, summary, place, from, days, tags, stands) = campaigns[c];
            var activity = PopularizationActivity.Create(new PopularizationActivityData(kind, title, summary, DemoSeeder.DaYing, place, from, from.AddDays(days - 1), null, "大英县科协", Tags: tags), staff, On(from.AddDays(-15), 10));
            activities.Add(activity);
            for (var i = 0; i < stands.Length; i++)
            {
                var (setting, group, town, people) = stands[i];
                var day = from.AddDays(i % days);
                var region = town == 0 ? DemoSeeder.DaYing : towns[town % towns.Count].Code;
                tallies.Add(EventTally.Record(activity, new EventTallyData(region, day, 1, people, people / 20, 6 + (people / 100), people / 2, people / 10, 0, setting, group), staff, On(day, 20)));
            }
        }

        // The volunteer scale: the townships' teams (six in each, two of the county's departments) and their volunteers, filling
        // the county up to 64 teams and 2451 volunteers by the year's end whatever the demo has already.
        var yearEnd = new DateOnly(2020, 12, 31);
        var end = On(new DateOnly(2021, 1, 1), 0);
        var haveTeams = await db.VolunteerTeams.Where(VolunteerTeam.ExistedBy(yearEnd, end)).CountAsync(t => RegionScope.Within(t.RegionCode, DemoSeeder.DaYing), ct);
        var haveVolunteers = await db.Volunteers.CountAsync(v => RegionScope.Within(v.RegionCode, DemoSeeder.DaYing) && v.CreatedAt < end, ct);
        (string Name, VolunteerTeamKind Kind, string[] Skills)[] teamKinds =
        [
            ("科技志愿服务队", VolunteerTeamKind.ScienceService, ["农业技术推广", "果树栽培", "植物保护"]),
            ("科普志愿者服务队", VolunteerTeamKind.Popularization, ["科普宣传", "青少年科技教育", "防诈宣传"]),
            ("农技科技志愿服务队", VolunteerTeamKind.ScienceService, ["水稻栽培", "畜牧兽医", "蔬菜种植"]),
            ("应急科普志愿服务队", VolunteerTeamKind.Popularization, ["应急救护", "防汛避险", "消防安全"]),
            ("卫生健康科普志愿服务队", VolunteerTeamKind.Popularization, ["健康科普", "中医药", "慢病管理"]),
            ("科普信息员队伍", VolunteerTeamKind.Informants, ["信息发布", "农村电商", "新媒体运营"]),
        ];
        var teams = new List<VolunteerTeam>();
        foreach (var (name, org) in new[] { ("大英县农业农村局科技志愿服务队", "大英县农业农村局"), ("大英县卫生健康科技志愿服务队", "大英县卫生健康局") })
        {
            if (teams.Count + haveTeams < 64)
            {
                teams.Add(VolunteerTeam.Create(new VolunteerTeamData(name, VolunteerTeamKind.ScienceService, DemoSeeder.DaYing, org, new DateOnly(2019, 9, 10)), staff, On(new DateOnly(2019, 9, 10), 10)));
            }
        }

        for (var k = 0; k < teamKinds.Length && teams.Count + haveTeams < 64; k++)
        {
            for (var t = 0; t < towns.Count && teams.Count + haveTeams < 64; t++)
            {
                var town = towns[t];
                var on = k < 3 ? new DateOnly(2019, 3 + ((t + k * 3) % 9), 1 + ((t * 7 + k) % 27)) : new DateOnly(2020, 1 + ((t + k) % 2), 1 + ((t * 7 + k) % 27));
                teams.Add(VolunteerTeam.Create(new VolunteerTeamData(town.Name + teamKinds[k].Name, teamKinds[k].Kind, town.Code, town.Name + (town.Name.EndsWith("街道") ? "办事处" : "人民政府"), on), staff, On(on, 10)));
            }
        }

        string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "邓", "冯", "韩", "曹", "曾", "彭", "萧", "蔡", "潘", "田", "董", "袁", "于", "余", "蒋", "杜", "苏", "魏", "程", "吕", "丁", "沈", "任", "姚", "卢", "傅", "钟", "姜", "崔", "谭", "廖", "范", "汪", "陆"];
        string[] given = ["建国", "秀英", "桂英", "志强", "海燕", "春花", "德明", "晓燕", "国华", "玉兰", "永康", "丽娟", "明亮", "红梅", "文军", "小琴", "家宝", "淑芬", "成刚", "雪梅", "立新", "婷", "勇", "静", "涛", "敏", "磊", "霞", "杰", "芳", "俊杰", "思远", "欣怡", "子涵", "浩然", "雨萱", "宇航", "梓萱", "鹏飞", "佳怡", "光荣", "凤英", "德华", "金凤", "长春", "翠兰", "泽宇", "诗琪"];
        var volunteers = new List<Volunteer>();
        var byTown = new Dictionary<string, List<Volunteer>>();
        var wanted = Math.Max(0, 2451 - haveVolunteers);
        for (var i = 0; i < wanted && teams.Count > 0; i++)
        {
            var team = teams[i % teams.Count];
            var skills = teamKinds.FirstOrDefault(k => team.Name.EndsWith(k.Name, StringComparison.Ordinal)).Skills ?? new[] { "农业技术推广" };
            var name = surnames[(i * 7 + i / 60) % surnames.Length] + given[(i * 11 + i / 48) % given.Length];
            var joined = On(new DateOnly(2020, 3 + (i % 9), 1 + (i % 28)), 10);
            var volunteer = Volunteer.Register(new VolunteerData(name, $"1{(i % 2 == 0 ? 37 : 58)}0823{i:0000}", team.RegionCode, skills[i % skills.Length]), team, null, staff, joined);
            volunteers.Add(volunteer);
            if (!byTown.TryGetValue(team.RegionCode, out var list))
            {
                byTown[team.RegionCode] = list = [];
            }

            list.Add(volunteer);
        }

        // 科技志愿服务 in the townships, April to December: 258 activities, two volunteers of the township each.
        (ActivityKind Kind, string Topic, string Tag)[] services =
        [
            (ActivityKind.Other, "防疫知识入户宣传", "防疫"),
            (ActivityKind.ScienceToCountryside, "柑橘病虫害田间诊断", "农业技术"),
            (ActivityKind.Other, "老年人智能手机使用辅导", "智慧助老"),
            (ActivityKind.Lecture, "青少年科学小实验", "青少年科技"),
            (ActivityKind.Other, "防汛应急避险宣传", "应急避险"),
            (ActivityKind.Lecture, "健康义诊与科普讲座", "健康"),
            (ActivityKind.ScienceToCountryside, "农村电商技能辅导", "信息技术"),
            (ActivityKind.Other, "防范电信诈骗宣传", "智慧助老"),
        ];
        var records = new List<ServiceRecord>();
        var served = new List<(PopularizationActivity Activity, List<Volunteer> Pool)>();
        for (var i = 0; i < 258 && volunteers.Count > 0; i++)
        {
            var town = towns[i % towns.Count];
            var (kind, topic, tag) = services[(i / towns.Count + i) % services.Length];
            var day = new DateOnly(2020, 4 + (i * 9 / 258), 1 + ((i * 13) % 28));
            var activity = PopularizationActivity.Create(new PopularizationActivityData(kind, $"{town.Name}{topic}科技志愿服务（{day.Month}月{day.Day}日）", $"{town.Name}科技志愿者开展{topic}", town.Code,
                $"{town.Name}便民服务中心", day, day, null, town.Name + (town.Name.EndsWith("街道") ? "办事处" : "人民政府"), Tags: [tag]), staff, On(day.AddDays(-7), 10));
            activities.Add(activity);
            served.Add((activity, byTown.GetValueOrDefault(town.Code) ?? volunteers));
        }

        // The campaigns are served by eight of the county's volunteers each.
        foreach (var campaign in activities.Take(campaigns.Length))
        {
            served.Add((campaign, volunteers));
        }

        var n = 0;
        foreach (var (activity, pool) in served)
        {
            var helpers = activity.RegionCode == DemoSeeder.DaYing ? 8 : 2;
            for (var k = 0; k < helpers; k++, n++)
            {
                var volunteer = pool[(n * 31 + k) % pool.Count];
                var start = On(activity.StartsOn, 8, 30);
                var record = ServiceRecord.SignIn(volunteer, activity, false, staff, start);
                record.SignOut(volunteer, activity, staff, start.AddMinutes(120 + (30 * (n % 3))));
                record.Confirm(activity, staff, null, On(activity.StartsOn, 19));
                records.Add(record);
            }
        }

        // 科普内容 of 2020: the epidemic's authoritative items (防疫 the year's most published topic) and the season's farming.
        (string Title, string[] Tags, int Month, int Day)[] contents =
        [
            ("新型冠状病毒肺炎防控知识问答", ["防疫"], 1, 28), ("居家隔离怎么做？这份指南请收好", ["防疫"], 2, 3), ("正确佩戴口罩的方法", ["防疫"], 2, 6),
            ("返岗复工疫情防控指引", ["防疫"], 2, 18), ("春耕生产疫情防控两不误", ["防疫", "农业技术"], 3, 2), ("学校开学疫情防控要点", ["防疫", "青少年科技"], 4, 10),
            ("“五一”出行防疫提示", ["防疫"], 4, 28), ("常态化疫情防控：公共场所注意事项", ["防疫"], 6, 5), ("进口冷链食品的防疫常识", ["防疫", "食品安全"], 7, 20),
            ("秋冬季疫情防控健康提示", ["防疫", "健康"], 10, 15), ("新冠疫苗知多少", ["防疫"], 12, 18), ("柑橘春季修剪与保花保果", ["农业技术"], 3, 12),
            ("水稻机械化育插秧技术要点", ["农业技术"], 4, 2), ("生猪非洲猪瘟防控技术", ["农业技术"], 6, 20), ("汛期防汛避险常识", ["应急避险"], 7, 1),
        ];
        var published = new List<ScienceContent>();
        foreach (var (title, tags, month, day) in contents)
        {
            var created = On(new DateOnly(2020, month, day), 9);
            var content = ScienceContent.Create(new ScienceContentData(ScienceContentKind.Article, title, $"<p>{title}：大英县科协联合县卫生健康局、县农业农村局整理发布。</p>", "大英县科协", DemoSeeder.DaYing, null, tags), staff, created);
            content.Submit(staff, created.AddHours(1));
            content.Publish(admin, created.AddHours(4));
            published.Add(content);
        }

        // One batch, as the reference data is loaded: no change detection over thousands of new rows, and none of them left
        // tracked for the seeders after (each of their saves would scan them all again).
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            db.VolunteerTeams.AddRange(teams);
            db.Volunteers.AddRange(volunteers);
            db.PopularizationActivities.AddRange(activities);
            db.EventTallies.AddRange(tallies);
            db.ServiceRecords.AddRange(records);
            db.ScienceContents.AddRange(published);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }

        logger.LogInformation("Demo 大英县2020年规模: {Teams} teams, {Volunteers} volunteers, {Activities} activities ({Tallies} tallies), {Records} services, {Contents} contents in {Ms} ms",
            teams.Count, volunteers.Count, activities.Count, tallies.Count, records.Count, published.Count, started.ElapsedMilliseconds);
    }

    /// <summary>
    /// 合作单位 of 大英县's 2020 activities, as its report words it ("联合县农业农村局、县卫生健康局等…家单位开展…"): the 40 实用技术培训
    /// 承办 by 县农业农村局, the township 健康义诊与科普讲座 and the epidemic campaigns with 县卫生健康局, and the campaigns' departments
    /// (气象局, 应急管理局, 科学技术局, 教育局). Runs once (the first campaign has no partner yet), after <see cref="SeedDaYing2020ScaleAsync"/>.
    /// </summary>
    private async Task SeedDaYing2020PartnersAsync(CancellationToken ct)
    {
        const string FirstCampaign = "2020年大英县“世界气象日”集中科普宣传";
        var first = await db.PopularizationActivities.AsNoTracking().Where(a => a.Title == FirstCampaign).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        if (first is null || await db.ActivityPartners.AnyAsync(p => p.ActivityId == first, ct)
            || await DemoActorsAsync(["daying-staff"], ct) is not { } actors)
        {
            return;
        }

        var staff = actors["daying-staff"];
        var (from, to) = (new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31));
        var activities = await db.PopularizationActivities.AsNoTracking()
            .Where(a => RegionScope.Within(a.RegionCode, DemoSeeder.DaYing) && a.StartsOn >= from && a.StartsOn <= to && a.Status != ActivityStatus.Cancelled)
            .OrderBy(a => a.StartsOn).ThenBy(a => a.Title).ToListAsync(ct);
        (string Title, (PartnerRole Role, string Name)[] Units)[] campaigns =
        [
            (FirstCampaign, [(PartnerRole.Organizer, "大英县气象局")]),
            ("2020年“防灾减灾日”集中科普宣传", [(PartnerRole.CoOrganizer, "大英县应急管理局")]),
            ("2020年“安全生产月”应急科普集中宣传", [(PartnerRole.Host, "大英县应急管理局")]),
            ("2020年大英县科技活动周", [(PartnerRole.Host, "大英县科学技术局"), (PartnerRole.CoOrganizer, "大英县教育局")]),
            ("2020年全国科普日大英县主场活动", [(PartnerRole.CoOrganizer, "大英县卫生健康局"), (PartnerRole.CoOrganizer, "大英县教育局")]),
            ("2020年秋冬季疫情防控科普集中宣传", [(PartnerRole.Host, "大英县卫生健康局")]),
        ];
        var partners = new List<ActivityPartner>();
        foreach (var activity in activities)
        {
            (PartnerRole Role, string Name)[] units = campaigns.FirstOrDefault(c => c.Title == activity.Title).Units
                ?? (activity.Kind == ActivityKind.Training ? [(PartnerRole.Organizer, "大英县农业农村局")]
                : activity.Title.Contains("健康义诊与科普讲座", StringComparison.Ordinal) ? [(PartnerRole.CoOrganizer, "大英县卫生健康局")]
                : []);
            for (var i = 0; i < units.Length; i++)
            {
                partners.Add(ActivityPartner.Add(activity, units[i].Role, null, units[i].Name, i, staff, activity.CreatedAt));
            }
        }

        db.ActivityPartners.AddRange(partners);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo 大英县2020年合作单位: {Partners} partner entries", partners.Count);
    }

    /// <summary>
    /// 知识竞答题库 of 大英县: twelve questions on the topics its people subscribe to, which its 科普e站屏 draw from. Runs once
    /// (no question yet); the kiosks' demo attempts are seeded with their days (<see cref="SeedKiosksAsync"/>).
    /// </summary>
    private async Task SeedQuizBankAsync(CancellationToken ct)
    {
        if (await db.QuizQuestions.AnyAsync(ct) || await DemoActorsAsync(["daying-staff"], ct) is not { } actors)
        {
            return;
        }

        var staff = actors["daying-staff"];
        (string Tag, string Stem, string[] Options, int Answer, string Explanation)[] bank =
        [
            ("智慧助老", "接到自称“公检法”的电话，要求把钱转到“安全账户”，应该怎么做？", ["按要求转账", "挂断电话，拨打110核实", "告诉对方银行卡密码"], 1, "公检法机关不会要求转账到所谓“安全账户”，遇到此类电话请挂断并报警。"),
            ("智慧助老", "手机收到陌生链接说“医保卡即将冻结”，正确做法是？", ["点开链接填写信息", "不点击，到医保窗口或官方App核实", "转发给亲友"], 1, "医保部门不会通过短信链接办理业务，可疑链接不要点。"),
            ("应急避险", "发生地震时在室内，首先应当？", ["乘电梯下楼", "就近躲到坚固桌下或墙角", "跳窗逃生"], 1, "震时就近避险，震后再有序撤离，切勿乘电梯、跳楼。"),
            ("应急避险", "家中燃气泄漏时，下列做法正确的是？", ["开灯查看", "立即关闭阀门、开窗通风", "打电话报修（在室内）"], 1, "燃气泄漏时严禁明火和开关电器，应关阀通风后到室外报修。"),
            ("航空航天", "我国空间站的名字是？", ["天宫", "神舟", "嫦娥"], 0, "天宫是我国空间站，神舟是载人飞船，嫦娥是探月工程。"),
            ("航空航天", "飞机机翼能产生升力，主要是因为？", ["机翼上下表面气流速度不同形成压力差", "发动机向下喷气", "空气浮力"], 0, "机翼上表面气流快、压强小，下表面气流慢、压强大，形成升力。"),
            ("青少年科技", "天空看起来是蓝色的，主要原因是？", ["海水反射", "蓝光被大气散射得最多", "臭氧是蓝色的"], 1, "太阳光中波长较短的蓝光被大气分子散射得最多。"),
            ("青少年科技", "植物进行光合作用需要吸收的气体是？", ["氧气", "二氧化碳", "氮气"], 1, "光合作用吸收二氧化碳、释放氧气。"),
            ("健康", "成年人每天建议的食盐摄入量不超过？", ["5克", "10克", "15克"], 0, "《中国居民膳食指南》建议成人每天食盐不超过5克。"),
            ("健康", "正确洗手应当用流动水和肥皂搓洗至少多长时间？", ["5秒", "20秒", "2分钟"], 1, "七步洗手法搓洗不少于20秒。"),
            ("农业技术", "防治柑橘红蜘蛛，下列做法更科学的是？", ["高浓度单一药剂连续喷洒", "轮换用药并保护天敌捕食螨", "不管不问"], 1, "轮换用药防抗性，保护天敌实现绿色防控。"),
            ("食品安全", "发芽的土豆能不能吃？", ["可以，削掉芽就行", "发芽多、变绿的不要吃", "煮熟就没问题"], 1, "发芽变绿的土豆含龙葵素较多，加热难以去除，容易中毒。"),
        ];
        foreach (var (tag, stem, options, answer, explanation) in bank)
        {
            db.QuizQuestions.Add(QuizQuestion.Create(new QuizQuestionData(DemoSeeder.DaYing, tag, stem, options, answer, explanation), staff, At(6, 20, 10)));
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo 知识竞答题库: {Questions} questions", bank.Length);
    }

    /// <summary>
    /// 科普e站屏 of 大英县: the school's and the library's stations each got a kiosk device (July 2025), whose use from then on is
    /// counted by the system (views, likes, questions, heartbeats), and each published a notice of its own (自助发布). The
    /// devices' tokens are not kept: a demonstration issues a fresh one on the station page. Runs once (no device yet).
    /// </summary>
    private async Task SeedKiosksAsync(CancellationToken ct)
    {
        if (await db.EStationDevices.AnyAsync(ct) || await DemoActorsAsync(["daying-staff"], ct) is not { } actors)
        {
            return;
        }

        var staff = actors["daying-staff"];
        var stations = await db.EStations.Where(s => s.Name == "大英中学科普e站" || s.Name == "大英县图书馆科普e站").OrderBy(s => s.Name).ToListAsync(ct);
        var plan = new Dictionary<string, (string Device, string Title, string Body, string[] Tags, int Daily)>
        {
            ["大英中学科普e站"] = ("图书馆一楼触摸屏", "本周五下午科技社团开放日：航模试飞", "本周五下午4点，学校科技社团在操场进行航模试飞展示，欢迎同学们到场观看，现场讲解飞行原理。", ["航空航天", "青少年科技"], 38),
            ["大英县图书馆科普e站"] = ("一楼大厅科普大屏", "防范电信诈骗，老年朋友请记住“三不一多”", "不轻信、不透露、不转账，多核实。接到自称公检法、客服的电话要求转账，请先挂断并拨打110或向家人核实。", ["智慧助老", "应急避险"], 52),
        };
        var first = new DateOnly(2025, 7, 1);
        var bank = await db.QuizQuestions.AsNoTracking().Where(q => q.RegionCode == DemoSeeder.DaYing).OrderBy(q => q.Stem).ToListAsync(ct);
        foreach (var station in stations)
        {
            var (deviceName, title, body, tags, daily) = plan[station.Name];
            var drawn = bank.Where(q => tags.Contains(q.Tag)).Concat(bank.Where(q => !tags.Contains(q.Tag))).ToList();
            var issued = At(6, 30, 15);
            var (device, _) = EStationDevice.Issue(station, deviceName, staff, issued);
            db.EStationDevices.Add(device);
            db.EStationPosts.Add(EStationPost.Publish(station, new StationPostData(title, body, tags), staff, At(9, 8, 9)));
            for (var d = 0; d < 90; d++)
            {
                var day = first.AddDays(d);
                var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
                var views = (daily * (weekend ? 13 : 10) / 10) + ((d * 29 + daily) % 9);
                var usage = EStationUsage.ForKiosk(station, day, At(day.Month, day.Day, 8));
                // 知识竞答: a few visitors a day finish a quiz of three questions, mostly on the station's own topics.
                var quizzes = drawn.Count < 3 ? 0 : 1 + (d % 3);
                for (var n = 0; n < quizzes; n++)
                {
                    var answers = Enumerable.Range(0, 3).Select(i => drawn[(d + n + i * 2) % Math.Min(drawn.Count, 6)]).Distinct()
                        .Select((q, i) => (q, (i + d + n) % 4 == 0 ? (q.Answer + 1) % q.Options.Count : q.Answer)).ToList();
                    db.QuizAttempts.Add(QuizAttempt.Grade(station, device.Id, answers, At(day.Month, day.Day, 15)));
                }

                usage.AddKioskCounts(views, views / 6 + (d % 3), d % 4 == 0 ? 1 : 0, 600 + (d % 7) * 10, At(day.Month, day.Day, 20), quizzes);
                db.EStationUsages.Add(usage);
            }
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo 科普e站屏: {Devices} devices", stations.Count);
    }

    /// <summary>
    /// 科技志愿者 of 大英县: a 科技志愿服务队, a 科普志愿者队伍 and a 科普信息员队伍 with 12 volunteers (4 of them science workers of
    /// the directory, linked), and 32 confirmed services at the county's three 2025 activities ("志愿服务30余人次"); one
    /// team of 射洪市. Runs once (no team yet), after the activities.
    /// </summary>
    private async Task SeedVolunteersAsync(CancellationToken ct)
    {
        if (await db.VolunteerTeams.AnyAsync(ct))
        {
            return;
        }

        var actors = await DemoActorsAsync(["daying-staff", "shehong", "worker"], ct);
        var activities = await db.PopularizationActivities.Where(a => RegionScope.Within(a.RegionCode, DemoSeeder.DaYing) && a.StartsOn >= new DateOnly(2025, 1, 1) && a.StartsOn <= new DateOnly(2025, 12, 31) && a.Status == ActivityStatus.Open)
            .OrderBy(a => a.StartsOn).ToListAsync(ct);
        if (actors is null || activities.Count == 0)
        {
            return;
        }

        var staff = actors["daying-staff"];
        var shehong = actors["shehong"];
        var ownWorker = actors["worker"].ScienceWorkerId;
        var founded = At(1, 5);
        VolunteerTeam Team(Actor actor, VolunteerTeamData data)
        {
            var team = VolunteerTeam.Create(data, actor, founded);
            db.VolunteerTeams.Add(team);
            return team;
        }

        var science = Team(staff, new("大英县科技志愿服务队", VolunteerTeamKind.ScienceService, DemoSeeder.DaYing, "大英县科协", new DateOnly(2020, 3, 5), "在中国科协“科技志愿服务”平台注册"));
        var popularization = Team(staff, new("大英县科普志愿者队伍", VolunteerTeamKind.Popularization, DemoSeeder.DaYing, "大英县科协", new DateOnly(2019, 6, 1)));
        var informants = Team(staff, new("大英县科普信息员队伍", VolunteerTeamKind.Informants, DemoSeeder.DaYing, "大英县科协", new DateOnly(2021, 4, 1)));
        Team(shehong, new("射洪市科技志愿服务队", VolunteerTeamKind.ScienceService, DemoSeeder.SheHong, "射洪市科协", new DateOnly(2020, 5, 1)));

        var workers = await db.ScienceWorkers.AsNoTracking().Where(w => RegionScope.Within(w.RegionCode, DemoSeeder.DaYing) && w.Id != ownWorker)
            .OrderBy(w => w.Name).Select(w => new { w.Id, w.Name, w.Phone, w.RegionCode }).Take(4).ToListAsync(ct);
        string[] names = ["周晓红", "陈志强", "刘芳", "杨洋", "黄丽", "吴刚", "赵敏", "孙磊"];
        string[] expertise = ["柑橘栽培", "应急科普", "青少年科技教育", "健康科普", "农村电商", "防诈宣传", "生猪养殖", "气象科普"];
        var volunteers = new List<Volunteer>();
        for (var i = 0; i < workers.Count; i++)
        {
            var w = workers[i];
            volunteers.Add(Volunteer.Register(new VolunteerData(w.Name, w.Phone, w.RegionCode, "农业技术推广"), science, (w.Id, w.RegionCode), staff, founded));
        }

        for (var i = 0; i < names.Length; i++)
        {
            var team = i < 5 ? popularization : informants;
            volunteers.Add(Volunteer.Register(new VolunteerData(names[i], $"1390925{i:0000}", DemoSeeder.DaYing, expertise[i]), team, null, staff, founded));
        }

        db.Volunteers.AddRange(volunteers);
        await db.SaveChangesAsync(ct);

        // 32 services: 10 at the first activity, 12 and 10 at the next two; two to three hours each, confirmed that evening.
        int[] perActivity = [10, 12, 10];
        var n = 0;
        for (var a = 0; a < activities.Count && a < perActivity.Length; a++)
        {
            var activity = activities[a];
            for (var i = 0; i < perActivity[a]; i++, n++)
            {
                var volunteer = volunteers[n % volunteers.Count];
                var day = activity.StartsOn.AddDays(i % (activity.EndsOn.DayNumber - activity.StartsOn.DayNumber + 1));
                var start = new DateTimeOffset(day.Year, day.Month, day.Day, 8, 30, 0, Cst).ToUniversalTime();
                var record = ServiceRecord.SignIn(volunteer, activity, false, staff, start);
                record.SignOut(volunteer, activity, staff, start.AddMinutes(120 + (30 * (n % 3))));
                record.Confirm(activity, staff, null, start.AddHours(10));
                db.ServiceRecords.Add(record);
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private static DateTimeOffset At(int month, int day, int hour = 10) => new DateTimeOffset(2025, month, day, hour, 0, 0, Cst).ToUniversalTime();

    private void SeedContents(Actor admin, Actor staff, Actor shehong)
    {
        (ScienceContentKind Kind, string Title, string Body, string? Video, string[] Tags)[] daying =
        [
            (ScienceContentKind.RumourRebuttal, "“柠檬水能治癌症”？不可信", "<p>柠檬富含维生素C和柠檬酸，适量饮用有益健康，但目前没有任何可靠研究证明柠檬水能够预防或治疗癌症。</p><p>身体不适请及时就医，不要轻信偏方。</p>", null, new[] { "科学辟谣", "健康" }),
            (ScienceContentKind.Article, "春季柠檬园病虫害绿色防控要点", "<p>春梢期是柠檬溃疡病、红蜘蛛的高发期。</p><ul><li>清园修剪，减少越冬虫源；</li><li>使用黄板、杀虫灯等物理防控；</li><li>科学轮换用药，严格安全间隔期。</li></ul>", null, new[] { "农业技术" }),
            (ScienceContentKind.Video, "三分钟看懂家庭急救：心肺复苏", "<p>视频演示成人心肺复苏的按压位置、深度和频率，以及自动体外除颤器（AED）的使用方法。</p>", "https://www.kepuchina.cn/", new[] { "健康", "应急避险" }),
            (ScienceContentKind.RumourRebuttal, "“隔夜菜一律致癌”？要看怎么存", "<p>隔夜菜中的亚硝酸盐含量与储存温度、时间有关。及时冷藏、两天内吃完，一般不会对健康造成危害。</p>", null, new[] { "科学辟谣", "食品安全" }),
            (ScienceContentKind.Article, "防范电信网络诈骗：老年人要牢记“三不一多”", "<p>不轻信、不透露、不转账，多核实。接到自称“公检法”的电话，请挂断后拨打110核实。</p>", null, new[] { "智慧助老", "信息技术" }),
            (ScienceContentKind.Article, "秋冬季节预防流感，接种疫苗是关键", "<p>流感疫苗每年接种一次，60岁以上老人、慢性病患者和儿童是优先接种人群。</p>", null, new[] { "防疫", "健康" }),
        ];
        for (var i = 0; i < daying.Length; i++)
        {
            var (kind, title, body, video, tags) = daying[i];
            var created = At(3 + i, 10 + i);
            var content = ScienceContent.Create(new ScienceContentData(kind, title, body, "大英县科协", DemoSeeder.DaYing, video, tags), staff, created);
            content.Submit(staff, created.AddHours(2));
            if (i < daying.Length - 1)
            {
                content.Publish(admin, created.AddDays(1));
            }

            db.ScienceContents.Add(content);
        }

        var rebuttal = ScienceContent.Create(new ScienceContentData(ScienceContentKind.RumourRebuttal, "“喝醋能软化血管”？没有科学依据", "<p>醋进入消化道后会被中和，不会改变血液酸碱度，更不能“软化血管”。控制血压血脂要靠合理膳食和遵医嘱用药。</p>", "射洪市科协", DemoSeeder.SheHong, null, ["科学辟谣", "健康"]), shehong, At(4, 8));
        rebuttal.Submit(shehong, At(4, 8, 11));
        rebuttal.Publish(shehong, At(4, 9));
        db.ScienceContents.Add(rebuttal);
    }

    private List<ActivityParticipant> SeedActivities(Actor admin, Actor staff, Actor shehong, Func<string, int, string> township)
    {
        string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高"];
        string[] given = ["芳", "伟", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "霞"];
        string[] groups = ["学生", "农民", "社区居民", "企业职工", "老年人"];
        var activities = new (Actor Actor, PopularizationActivityData Data, int Registered, int CheckedIn)[]
        {
            (staff, new(ActivityKind.ScienceToCountryside, "2025年科技下乡暨柠檬种植技术培训", "邀请市农科院专家现场讲解柠檬修剪与病虫害防治", township(DemoSeeder.DaYing, 2), "蓬莱镇农民夜校", new DateOnly(2025, 3, 15), new DateOnly(2025, 3, 15), 60, "大英县科协、县农业农村局", Tags: ["农业技术", "食品安全"]), 24, 21),
            (staff, new(ActivityKind.ScienceWeek, "2025年大英县科技活动周", "科普展板、科技咨询、青少年科技体验", DemoSeeder.DaYing, "大英县人民广场", new DateOnly(2025, 5, 18), new DateOnly(2025, 5, 24), null, "大英县科协", Tags: ["青少年科技", "信息技术"]), 40, 37),
            (admin, new(ActivityKind.NationalScienceDay, "2025年全国科普日大英县主场活动", "应急科普、健康科普、防诈科普进社区", DemoSeeder.DaYing, "大英县科技馆", new DateOnly(2025, 9, 20), new DateOnly(2025, 9, 21), 300, "大英县科协", Tags: ["应急避险", "健康"]), 30, 26),
            (shehong, new(ActivityKind.ScienceCaravan, "科普大篷车进校园（射洪站）", "流动科技馆展品巡展", township(DemoSeeder.SheHong, 1), "射洪中学", new DateOnly(2025, 4, 22), new DateOnly(2025, 4, 23), null, "射洪市科协"), 18, 16),
        };
        var participants = new List<ActivityParticipant>();
        var phone = 0;

        // Coming up (relative to the day the demo is seeded, so a demonstration always has activities open for registration).
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Cst).DateTime);
        var upcoming = new (Actor Actor, PopularizationActivityData Data, int Registered)[]
        {
            (staff, new(ActivityKind.ScienceToCountryside, "柑橘黄龙病识别与防控现场培训", "县农业技术推广中心专家讲解黄龙病识别、木虱防治和健康种苗选择，欢迎种植户报名", township(DemoSeeder.DaYing, 3), "象山镇柑橘基地", today.AddDays(10), today.AddDays(10), 80, "大英县科协、县农业技术推广中心", Tags: ["农业技术"]), 12),
            (admin, new(ActivityKind.Other, "青少年科技创新作品展评暨科学实验开放日", "中小学生科技创新作品展示、趣味科学实验体验，家长可陪同参加", DemoSeeder.DaYing, "大英县科技馆", today.AddDays(24), today.AddDays(25), 200, "大英县科协、县教育局", Tags: ["青少年科技"]), 35),
        };
        foreach (var (actor, data, registered) in upcoming)
        {
            var opened = DateTimeOffset.UtcNow.AddDays(-5);
            var activity = PopularizationActivity.Create(data, actor, opened);
            db.PopularizationActivities.Add(activity);
            for (var i = 0; i < registered; i++)
            {
                var n = participants.Count + 1;
                var name = surnames[(n * 3) % surnames.Length] + given[(n * 5) % given.Length];
                participants.Add(activity.Register(new ParticipantData(name, $"1390924{n:0000}", groups[n % groups.Length]), i, Actor.Public, opened.AddHours(3 + (i * 2))));
            }
        }
        foreach (var (actor, data, registered, checkedIn) in activities)
        {
            var activity = PopularizationActivity.Create(data, actor, At(data.StartsOn!.Value.Month, 1).AddDays(-20));
            db.PopularizationActivities.Add(activity);
            for (var i = 0; i < registered; i++)
            {
                phone++;
                var name = surnames[(phone * 7) % surnames.Length] + given[(phone * 11) % given.Length];
                var registeredAt = At(data.StartsOn.Value.Month, 1).AddDays(-10 + (i % 9));
                var participant = activity.Register(new ParticipantData(name, $"1390923{phone:0000}", groups[phone % groups.Length]), i, i % 3 == 0 ? actor : Actor.Public, registeredAt);
                if (i < checkedIn)
                {
                    var day = data.StartsOn.Value.AddDays(i % (data.EndsOn!.Value.DayNumber - data.StartsOn.Value.DayNumber + 1));
                    participant.CheckIn(activity, actor, new DateTimeOffset(day.ToDateTime(new TimeOnly(9, i % 50)), Cst).ToUniversalTime());
                }

                participants.Add(participant);
            }
        }

        return participants;
    }

    /// <summary>
    /// 活动统计 of 大英县's 2025 科技活动周 across the county and its townships, summing to what the reports count: 206 场次,
    /// 81 200 人次, 1 030 展板, 200 人次 consultations, 600 份 materials, 25 000 科普实物, 30 150 科普丛书.
    /// </summary>
    private void SeedTallies(Actor staff, Func<string, int, string> township)
    {
        var week = db.PopularizationActivities.Local.FirstOrDefault(a => a.Kind == ActivityKind.ScienceWeek && a.RegionCode == DemoSeeder.DaYing);
        if (week is null)
        {
            return;
        }

        (int Total, string Field)[] totals = [(206, "sessions"), (81200, "participants"), (200, "consultations"), (1030, "boards"), (600, "materials"), (30150, "books"), (25000, "items")];
        int[] shares = [30, 14, 12, 10, 9, 8, 7, 4, 3, 3];
        var settings = new[] { ServiceSetting.Community, ServiceSetting.Countryside, ServiceSetting.School, ServiceSetting.Enterprise, ServiceSetting.Agency };
        var groups = new[] { TargetGroup.UrbanWorkers, TargetGroup.Farmers, TargetGroup.Youth, TargetGroup.UrbanWorkers, TargetGroup.Officials };
        var sum = shares.Sum();
        var given = new int[totals.Length];
        for (var i = 0; i < shares.Length; i++)
        {
            var v = new int[totals.Length];
            for (var f = 0; f < totals.Length; f++)
            {
                v[f] = i == shares.Length - 1 ? totals[f].Total - given[f] : totals[f].Total * shares[i] / sum;
                given[f] += v[f];
            }

            var day = week.StartsOn.AddDays(i % 7);
            var region = i == 0 ? DemoSeeder.DaYing : township(DemoSeeder.DaYing, i - 1);
            db.EventTallies.Add(EventTally.Record(week, new EventTallyData(region, day, v[0], v[1], v[2], v[3], v[4], v[5], v[6], settings[i % 5], groups[i % 5]), staff, At(day.Month, day.Day, 20)));
        }
    }

    /// <summary>
    /// 科普阵地 of 大英县 as its 2020 report counts them (dated 2025 like the rest of the demo): the county's 流动科技馆 and two
    /// 中学科技馆 receiving 14 groups and 14 500 visitors in the year, 4 省级科普惠民共享基地, 4 市级科普教育基地, 12 科普活动室,
    /// a 科普大篷车 with 15 trips (进校园、进乡村、进社区); two venues of 射洪市. Runs once (no venue yet).
    /// </summary>
    /// <summary>
    /// 公民具备科学素质比例 of 大英县 (the "十三五" and "十四五" targets of its 纲要实施方案, met: 10.56% in 2020, 15.31% in 2025) and
    /// 射洪市 (15% by 2025, measured 14.2%: not met), from the province's sample surveys. Runs once (no result yet).
    /// </summary>
    private async Task SeedLiteracyAsync(CancellationToken ct)
    {
        if (await db.LiteracySurveys.AnyAsync(ct) || await db.LiteracyTargets.AnyAsync(ct))
        {
            return;
        }

        if (await DemoActorsAsync(["daying-staff", "shehong"], ct) is not { } actors)
        {
            return;
        }

        var staff = actors["daying-staff"];
        var shehong = actors["shehong"];
        var when = new DateTimeOffset(2025, 12, 20, 9, 0, 0, Cst).ToUniversalTime();
        const string Source = "四川省公民科学素质抽样调查";
        db.LiteracyTargets.AddRange(
            LiteracyTarget.Set(new LiteracyTargetData(DemoSeeder.DaYing, 2020, 10m, "大英县“十三五”全民科学素质行动计划纲要实施方案"), staff, when),
            LiteracyTarget.Set(new LiteracyTargetData(DemoSeeder.DaYing, 2025, 15m, "大英县全民科学素质行动规划纲要实施方案（2021—2025年）"), staff, when),
            LiteracyTarget.Set(new LiteracyTargetData(DemoSeeder.SheHong, 2025, 15m, "射洪市全民科学素质行动规划纲要实施方案（2021—2025年）"), shehong, when));
        db.LiteracySurveys.AddRange(
            LiteracySurvey.Record(new LiteracySurveyData(DemoSeeder.DaYing, 2018, 8.62m, 1200, Source, new DateOnly(2018, 11, 20)), staff, when),
            LiteracySurvey.Record(new LiteracySurveyData(DemoSeeder.DaYing, 2020, 10.56m, 1500, Source, new DateOnly(2020, 11, 25)), staff, when),
            LiteracySurvey.Record(new LiteracySurveyData(DemoSeeder.DaYing, 2023, 13.2m, 1500, Source, new DateOnly(2023, 11, 18)), staff, when),
            LiteracySurvey.Record(new LiteracySurveyData(DemoSeeder.DaYing, 2025, 15.31m, 1600, Source, new DateOnly(2025, 11, 22)), staff, when),
            LiteracySurvey.Record(new LiteracySurveyData(DemoSeeder.SheHong, 2020, 11m, 1500, Source, new DateOnly(2020, 11, 25)), shehong, when),
            LiteracySurvey.Record(new LiteracySurveyData(DemoSeeder.SheHong, 2025, 14.2m, 1600, Source, new DateOnly(2025, 11, 22)), shehong, when));
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedVenuesAsync(CancellationToken ct)
    {
        if (await db.Venues.AnyAsync(ct))
        {
            return;
        }

        if (await DemoActorsAsync(["daying-staff", "shehong"], ct) is not { } actors)
        {
            return;
        }

        var staff = actors["daying-staff"];
        var shehong = actors["shehong"];
        var townships = await db.Regions.AsNoTracking().Where(r => r.ParentCode == DemoSeeder.DaYing).OrderBy(r => r.Code).Select(r => r.Code).ToListAsync(ct);
        string Township(int i) => townships.Count == 0 ? DemoSeeder.DaYing : townships[i % townships.Count];
        var opened = new DateOnly(2019, 5, 1);
        var setUp = At(1, 3);
        Venue Add(Actor actor, VenueData data)
        {
            var venue = Venue.Create(data, actor, setUp);
            db.Venues.Add(venue);
            return venue;
        }

        var visits = new List<VenueVisit>();
        void Visit(Venue venue, int month, int day, int groups, int visitors, string? place = null, ServiceSetting? setting = null, TargetGroup? group = null) =>
            visits.Add(venue.RecordVisit(new VenueVisitData(new DateOnly(2025, month, day), groups, visitors, place, setting, group), RegionScope.Within(venue.RegionCode, DemoSeeder.SheHong) ? shehong : staff, At(month, day, 18)));

        var mobile = Add(staff, new("大英县流动科技馆", VenueKind.MobileMuseum, VenueLevel.County, DemoSeeder.DaYing, "大英县科协", "大英县科协", opened, VenueStatus.Open, opened));
        Visit(mobile, 3, 12, 3, 2600, "蓬莱镇中心小学", ServiceSetting.School, TargetGroup.Youth);
        Visit(mobile, 5, 20, 2, 2100, "卓筒井镇文化广场", ServiceSetting.Countryside, TargetGroup.Farmers);
        Visit(mobile, 9, 16, 3, 3000, "隆盛镇中学", ServiceSetting.School, TargetGroup.Youth);
        Visit(mobile, 11, 8, 1, 1800, "河边镇社区", ServiceSetting.Community, TargetGroup.Elderly);
        var school1 = Add(staff, new("大英中学科技馆", VenueKind.SchoolMuseum, VenueLevel.Unrated, Township(0), "大英中学", null, null, VenueStatus.Open, new DateOnly(2020, 9, 1)));
        Visit(school1, 4, 10, 3, 2800, group: TargetGroup.Youth);
        var school2 = Add(staff, new("大英县实验中学科技馆", VenueKind.SchoolMuseum, VenueLevel.Unrated, Township(1), "大英县实验中学", null, null, VenueStatus.Open, new DateOnly(2020, 9, 1)));
        Visit(school2, 10, 15, 2, 2200, group: TargetGroup.Youth);

        string[] shared = ["卓筒井盐文化", "中国死海康养", "柑橘产业", "郪江湿地生态"];
        for (var i = 0; i < shared.Length; i++)
        {
            Add(staff, new($"大英县{shared[i]}科普惠民共享基地", VenueKind.SharedBase, VenueLevel.Provincial, Township(i), null, "四川省科协", new DateOnly(2020, 11, 20), VenueStatus.Open, new DateOnly(2020, 12, 1)));
        }

        string[] bases = ["大英县气象科普", "大英县农业科技示范园", "大英县中医药科普", "大英县防震减灾科普"];
        for (var i = 0; i < bases.Length; i++)
        {
            Add(staff, new($"{bases[i]}教育基地", VenueKind.PopularizationBase, VenueLevel.Prefectural, i == 0 ? DemoSeeder.DaYing : Township(i + 2), null, "遂宁市科协", new DateOnly(2020, 6, 1), VenueStatus.Open, new DateOnly(2018, 6, 1)));
        }

        for (var i = 0; i < 12; i++)
        {
            Add(staff, new($"第{i + 1}科普活动室", VenueKind.ActivityRoom, VenueLevel.Unrated, Township(i), null, null, null, VenueStatus.Open, new DateOnly(2019, 3, 1)));
        }

        var caravan = Add(staff, new("大英县科普大篷车", VenueKind.Caravan, VenueLevel.County, DemoSeeder.DaYing, null, null, null, VenueStatus.Open, new DateOnly(2018, 4, 1)));
        var settings = new[] { ServiceSetting.School, ServiceSetting.Countryside, ServiceSetting.Community };
        for (var i = 0; i < 15; i++)
        {
            var setting = settings[i % 3];
            var place = setting switch { ServiceSetting.School => "中心小学", ServiceSetting.Countryside => "村文化广场", _ => "社区服务中心" };
            Visit(caravan, 3 + (i * 8 / 15), 5 + i, 0, 150 + (i * 10), $"第{i + 1}站{place}", setting, setting == ServiceSetting.School ? TargetGroup.Youth : TargetGroup.Farmers);
        }

        var museum = Add(shehong, new("射洪市科技馆", VenueKind.ScienceMuseum, VenueLevel.County, DemoSeeder.SheHong, "射洪市子昂科技城", null, null, VenueStatus.Open, new DateOnly(2021, 6, 1)));
        Visit(museum, 6, 1, 6, 3200, group: TargetGroup.Youth);
        Add(shehong, new("射洪市锂电产业科普基地", VenueKind.IndustryBase, VenueLevel.Prefectural, DemoSeeder.SheHong, null, "遂宁市科协", new DateOnly(2022, 5, 1), VenueStatus.Building));

        await db.SaveChangesAsync(ct);
        db.VenueVisits.AddRange(visits);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo 科普阵地: {Venues} venues, {Visits} visitor records", await db.Venues.CountAsync(ct), visits.Count);
    }

    /// <summary>
    /// 科普e站 that work, for the demo county: terminals in its school, community, library and village stations, visitors'
    /// subscriptions by topic and target group, questions answered by the staff, and an authoritative 防疫 item to push.
    /// Runs once (when no station has a terminal yet) and only where the demo stations exist.
    /// </summary>
    private async Task SeedStationInteractionAsync(CancellationToken ct)
    {
        if (await db.EStationTerminals.AnyAsync(ct))
        {
            return;
        }

        var stations = await db.EStations.Where(s => RegionScope.Within(s.RegionCode, DemoSeeder.DaYing) || RegionScope.Within(s.RegionCode, DemoSeeder.SheHong)).OrderBy(s => s.CreatedAt).ThenBy(s => s.Name).ToListAsync(ct);
        if (stations.Count == 0 || await DemoActorsAsync(["daying", "daying-staff", "shehong"], ct) is not { } actors)
        {
            return;
        }

        var admin = actors["daying"];
        var staff = actors["daying-staff"];
        var shehong = actors["shehong"];
        EStation? Named(string name) => stations.FirstOrDefault(s => s.Name == name);

        var terminals = new (string Station, string Name, TerminalKind Kind, EStationSiteKind Place, string Where, int Month)[]
        {
            ("大英中学科普e站", "大英中学 1号触摸屏", TerminalKind.TouchScreen, EStationSiteKind.School, "大英中学图书馆一楼", 1),
            ("大英中学科普e站", "大英中学 科普大屏", TerminalKind.BigScreen, EStationSiteKind.School, "大英中学教学楼门厅", 2),
            ("蓬莱镇社区科普e站", "蓬莱镇便民服务中心触摸屏", TerminalKind.TouchScreen, EStationSiteKind.Community, "蓬莱镇便民服务中心大厅", 1),
            ("蓬莱镇社区科普e站", "蓬莱镇电子科普宣传栏", TerminalKind.NoticeBoard, EStationSiteKind.Community, "蓬莱镇文化广场", 3),
            ("大英县图书馆科普e站", "县图书馆 1号触摸屏", TerminalKind.TouchScreen, EStationSiteKind.Library, "大英县图书馆一楼大厅", 1),
            ("大英县图书馆科普e站", "县图书馆 少儿阅览室平板", TerminalKind.Tablet, EStationSiteKind.Library, "大英县图书馆少儿阅览室", 2),
            ("隆盛镇农家书屋科普e站", "隆盛镇农家书屋触摸屏", TerminalKind.TouchScreen, EStationSiteKind.Village, "隆盛镇农家书屋", 2),
            ("射洪市科技馆科普e站", "射洪市科技馆科普大屏", TerminalKind.BigScreen, EStationSiteKind.ScienceVenue, "射洪市科技馆序厅", 1),
        };
        foreach (var (stationName, name, kind, place, where, month) in terminals)
        {
            if (Named(stationName) is { } station)
            {
                var actor = RegionScope.Within(station.RegionCode, DemoSeeder.DaYing) ? staff : shehong;
                db.EStationTerminals.Add(EStationTerminal.Install(station, new TerminalData(name, kind, place, where, new DateOnly(2025, month, 8)), actor, At(month, 8)));
            }
        }

        // An authoritative 防疫 item for the subscribers of that topic.
        var epidemic = ScienceContent.Create(new ScienceContentData(ScienceContentKind.Article, "呼吸道传染病高发季，做好这几点防护", "<p>勤洗手、常通风、科学佩戴口罩；出现发热、咳嗽等症状及时就医。老年人和慢性病患者尽早接种疫苗。</p>", "大英县科协", DemoSeeder.DaYing, null, ["防疫", "健康"]), staff, At(10, 20));
        epidemic.Submit(staff, At(10, 20, 11));
        epidemic.Publish(admin, At(10, 21));
        db.ScienceContents.Add(epidemic);

        // Subscriptions: who subscribes where, in which group, to what (deterministic, shaped like the county: students at the
        // school, farmers at the village, elderly and workers in the community and library).
        string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
        string[] given = ["芳", "伟", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰"];
        var plan = new (string Station, SubscriberKind Kind, TargetGroup Group, string[] Tags, int Count)[]
        {
            ("大英中学科普e站", SubscriberKind.Resident, TargetGroup.Youth, ["青少年科技", "航空航天", "信息技术"], 9),
            ("大英中学科普e站", SubscriberKind.School, TargetGroup.Youth, ["青少年科技", "防疫", "应急避险"], 1),
            ("蓬莱镇社区科普e站", SubscriberKind.Resident, TargetGroup.Elderly, ["健康", "智慧助老", "防疫"], 7),
            ("蓬莱镇社区科普e站", SubscriberKind.Resident, TargetGroup.UrbanWorkers, ["食品安全", "应急避险"], 3),
            ("大英县图书馆科普e站", SubscriberKind.Resident, TargetGroup.Elderly, ["健康", "科学辟谣"], 4),
            ("大英县图书馆科普e站", SubscriberKind.ScienceWorker, TargetGroup.UrbanWorkers, ["信息技术", "生态环保"], 3),
            ("大英县图书馆科普e站", SubscriberKind.Organization, TargetGroup.Officials, ["应急避险", "防疫"], 1),
            ("隆盛镇农家书屋科普e站", SubscriberKind.Resident, TargetGroup.Farmers, ["农业技术", "食品安全", "健康"], 8),
            ("射洪市科技馆科普e站", SubscriberKind.Resident, TargetGroup.Youth, ["航空航天", "青少年科技"], 4),
        };
        var n = 0;
        foreach (var (stationName, kind, group, tags, count) in plan)
        {
            if (Named(stationName) is not { } station)
            {
                continue;
            }

            for (var i = 0; i < count; i++, n++)
            {
                var name = kind switch
                {
                    SubscriberKind.School => "大英中学",
                    SubscriberKind.Organization => "大英县应急管理局",
                    _ => surnames[n % surnames.Length] + given[(n * 3 + 1) % given.Length],
                };
                var mine = tags.Take(1 + (i % tags.Length)).ToList();
                db.EStationSubscriptions.Add(EStationSubscription.Subscribe(station, new SubscriptionData(kind, name, $"1390823{n:0000}", group, mine), Actor.Public, At(4 + (n % 8), 1 + (n % 27), 15)));
            }
        }

        // Questions: two answered (one followed up and answered again), one waiting.
        if (Named("蓬莱镇社区科普e站") is { } community)
        {
            var q = EStationQuestion.Ask(community, "陈大爷", null, "今年的流感疫苗在哪里打？60岁以上要不要钱？", At(10, 8, 9));
            q.Answer(community, staff, "蓬莱镇社区科普e站工作人员", "镇卫生院预防接种门诊周一至周五可接种；60岁以上老人凭身份证免费接种，具体以卫生院通知为准。", At(10, 8, 15));
            q.FollowUp("需要提前预约吗？", At(10, 9, 8));
            q.Answer(community, staff, "蓬莱镇社区科普e站工作人员", "建议提前一天电话预约，避免排队。", At(10, 9, 10));
            db.EStationQuestions.Add(q);
        }

        if (Named("隆盛镇农家书屋科普e站") is { } village)
        {
            var q = EStationQuestion.Ask(village, "刘先生", null, "柠檬树叶子发黄卷曲，是缺肥还是病虫害？", At(6, 3, 19));
            q.Answer(village, staff, "隆盛镇农家书屋科普e站工作人员", "多为红蜘蛛危害或缺镁，请翻看叶背有无红色小虫；已联系县农技中心专家下周入户查看。", At(6, 4, 10));
            db.EStationQuestions.Add(q);
        }

        if (Named("大英中学科普e站") is { } school)
        {
            db.EStationQuestions.Add(EStationQuestion.Ask(school, "小周同学", null, "学校科技社团想做航空航天模型，有没有相关的科普课程？", At(11, 12, 16)));
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("已生成科普e站终端、订阅与问答演示数据：{Subscriptions} 个订阅", n);
    }

    private List<EStationUsage> SeedStations(Actor staff, Actor shehong, Func<string, int, string> township)
    {
        var stations = new (Actor Actor, EStationData Data, int Daily)[]
        {
            (staff, new("大英中学科普e站", EStationSiteKind.School, township(DemoSeeder.DaYing, 0), "大英中学图书馆一楼", "赵老师", "13808230001"), 45),
            (staff, new("蓬莱镇社区科普e站", EStationSiteKind.Community, township(DemoSeeder.DaYing, 2), "蓬莱镇便民服务中心", "刘主任", "13808230002"), 30),
            (staff, new("大英县图书馆科普e站", EStationSiteKind.Library, DemoSeeder.DaYing, "大英县图书馆", null, null), 60),
            (staff, new("隆盛镇农家书屋科普e站", EStationSiteKind.Village, township(DemoSeeder.DaYing, 4), null, null, null), 12),
            (shehong, new("射洪市科技馆科普e站", EStationSiteKind.ScienceVenue, DemoSeeder.SheHong, "射洪市科技馆", null, null), 80),
            (shehong, new("太和街道社区科普e站", EStationSiteKind.Community, township(DemoSeeder.SheHong, 0), null, null, null), 25),
        };
        var usage = new List<EStationUsage>();
        var setUp = At(1, 6);
        var first = new DateOnly(2025, 3, 1);
        foreach (var (actor, data, daily) in stations)
        {
            var station = EStation.Create(data, actor, setUp);
            db.EStations.Add(station);
            for (var d = 0; d < 120; d++)
            {
                var day = first.AddDays(d);
                var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
                var visits = (daily * (weekend ? 14 : 10) / 10) + ((d * 37 + daily) % 11);
                var interactions = visits / 4 + (d % 5);
                usage.Add(station.LogUsage(day, visits, interactions, actor, null, At(day.Month, day.Day, 20)));
            }
        }

        return usage;
    }

    private List<ThinkTankTopic> SeedThinkTank(Actor daying, Actor shehong, Actor worker, Func<string, int, string> township)
    {
        var call = ThinkTankCall.Open(new ThinkTankCallData("2025年度大英县科协智库课题征集", "围绕县域特色产业发展、基层科普能力提升、科技人才队伍建设征集研究课题。", DemoSeeder.DaYing, new DateOnly(2025, 4, 30)), daying, At(3, 1));
        var shehongCall = ThinkTankCall.Open(new ThinkTankCallData("射洪市2025年科技创新决策咨询课题", "围绕锂电产业链与子昂科技城建设。", DemoSeeder.SheHong, new DateOnly(2025, 5, 31)), shehong, At(3, 20));
        db.ThinkTankCalls.AddRange(call, shehongCall);
        var topics = new List<ThinkTankTopic>();
        ThinkTankTopic Apply(ThinkTankCall c, Actor actor, string title, string leader, string organization, string region, int day) =>
            ThinkTankTopic.Apply(c, new ThinkTankTopicData(title, $"{title}：开展实地调研，形成对策建议报告。", leader, organization, region), actor, At(4, day));

        var lemon = Apply(call, worker, "大英县柠檬产业链延伸与品牌建设研究", "李建国", "大英县农业技术推广中心", DemoSeeder.DaYing, 2);
        lemon.ReviewBy("王教授（四川农业大学）", 92, "选题切合县情，研究方案可行", daying, At(5, 8));
        lemon.ReviewBy("陈研究员（遂宁市农科院）", 88, null, daying, At(5, 8));
        lemon.Approve(daying, At(5, 12));
        lemon.Conclude(daying, "形成《大英县柠檬产业链延伸对策研究》报告一份，获县委主要领导批示。", At(11, 28));
        var salt = Apply(call, worker, "卓筒井盐卤资源综合利用路径研究", "张伟", "四川大英天润化工有限公司", township(DemoSeeder.DaYing, 1), 9);
        salt.ReviewBy("刘高工（四川省盐业协会）", 85, "建议补充环保评估", daying, At(5, 9));
        salt.Approve(daying, At(5, 12));
        var science = Apply(call, daying, "基层科普阵地运行效能评估", "周敏", "大英县科协", DemoSeeder.DaYing, 15);
        science.ReviewBy("吴教授（西南科技大学）", 58, "研究内容与已立项课题重复", daying, At(5, 10));
        science.Reject(daying, "与已立项课题内容重复，建议合并申报", At(5, 12));
        var talent = Apply(call, worker, "县域青年科技人才托举机制研究", "李建国", "大英县人才服务中心", DemoSeeder.DaYing, 28);
        talent.ReviewBy("郑研究员（四川省科技人才研究中心）", 80, null, daying, At(5, 11));
        var lithium = Apply(shehongCall, shehong, "射洪锂电产业创新联合体建设路径研究", "何工", "射洪市锂电产业技术研究院", DemoSeeder.SheHong, 20);
        lithium.ReviewBy("孙教授（电子科技大学）", 90, null, shehong, At(6, 5));
        lithium.Approve(shehong, At(6, 10));
        var water = Apply(shehongCall, shehong, "涪江流域生态保护与绿色发展研究", "罗博士", "射洪市生态环境局", township(DemoSeeder.SheHong, 2), 25);
        topics.AddRange([lemon, salt, science, talent, lithium, water]);

        (Actor Actor, ProposalData Data, AdoptionLevel? Level, string? By, string? Decline, int Month)[] proposals =
        [
            (worker, new("关于在蓬莱镇建设柠檬产业科技小院的建议", "建议依托县农技中心和高校专家团队，在蓬莱镇建设柠檬产业科技小院，开展驻村技术服务。", "李建国", "大英县农业技术推广中心", DemoSeeder.DaYing), Kexie.Domain.ThinkTank.AdoptionLevel.County, "大英县人民政府", null, 4),
            (worker, new("关于完善县级科技特派员激励机制的建议", "建议将科技特派员服务成效纳入职称评审加分项目，设立县级科技特派员专项经费。", "李建国", "大英县农业技术推广中心", DemoSeeder.DaYing), Kexie.Domain.ThinkTank.AdoptionLevel.City, "遂宁市科学技术局", null, 6),
            (daying, new("关于推进中小学科普e站全覆盖的建议", "建议三年内实现全县中小学科普e站全覆盖，纳入教育信息化建设统筹。", "周敏", "大英县科协", DemoSeeder.DaYing), null, null, "已纳入县教育信息化规划统筹考虑，暂不单列", 7),
            (worker, new("关于设立企业科协专项工作经费的建议", "建议对新建企业科协给予一次性工作经费补助。", "李建国", null, DemoSeeder.DaYing), null, null, null, 9),
            (shehong, new("关于建设射洪市锂电产业人才公寓的建议", "建议在子昂科技城配套建设人才公寓，吸引锂电产业高层次人才。", "何工", "射洪市锂电产业技术研究院", DemoSeeder.SheHong), Kexie.Domain.ThinkTank.AdoptionLevel.County, "射洪市人民政府", null, 5),
        ];
        foreach (var (actor, data, level, by, decline, month) in proposals)
        {
            var proposal = Proposal.Submit(data, actor, At(month, 3));
            if (level is { } l)
            {
                proposal.Adopt(l, by, "领导批示，责成相关部门落实", actor == shehong ? shehong : daying, At(month, 25));
            }
            else if (decline is not null)
            {
                proposal.Decline(decline, daying, At(month, 25));
            }

            db.Proposals.Add(proposal);
        }

        return topics;
    }

    /// <summary>The demo accounts' actors by login name, or null when one is missing (a database without the demo accounts).</summary>
    private async Task<IReadOnlyDictionary<string, Actor>?> DemoActorsAsync(string[] names, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName!)).ToListAsync(ct);
        return users.Count < names.Length ? null : users.ToDictionary(u => u.UserName!, u => u.ToActor());
    }
}
