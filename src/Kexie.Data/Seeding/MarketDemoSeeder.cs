using System.Text.Json;
using Kexie.Data.SharedData;
using Kexie.Domain.Authorization;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kexie.Data.Seeding;

/// <summary>
/// A living market for the demo county 大英县 (510923): about 30 published offers of its science workers, 12 published
/// needs of its organizations (each with its 一单一策 plan handled by the service-centre staff) and 5 orders at
/// different stages. Offer and need texts are real Chinese abstracts of the CSL corpus (agriculture, medicine and
/// engineering), their disciplines mapped to GB/T 13745 codes. Everything goes through the domain methods, so the
/// review history and order events exist, and is dated in 2025 (China time). Deterministic; runs only on a demo
/// database (the demo accounts exist) whose market is still empty. Never places anything in 射洪市.
/// </summary>
public sealed class MarketDemoSeeder(KexieDbContext db, IWorkingCalendar calendar, ILogger<MarketDemoSeeder> logger)
{
    public const string CslFile = "csl/csl_full_dev.jsonl";
    public const int OfferCount = 30;
    public const int NeedCount = 12;

    /// <summary>
    /// The needs of the demo: real problems of 大英县's industries (化工 and 盐卤, 纺织, 机械, 食品, 柑橘/柠檬, 水稻, 生猪,
    /// 中药材, 新材料, 电子, 医疗), each by a demo company of that industry, with the fields that would answer it.
    /// </summary>
    public static readonly IReadOnlyList<DemoNeed> CountyNeeds =
    [
        new("四川大英天润化工有限公司", "精馏装置节能降耗与产品纯度提升",
            "我公司有机化学原料生产线有三套常压精馏装置，蒸汽单耗比设计值高约20%，产品纯度在99.5%上下波动，达不到下游电子级客户99.9%的要求。希望专家对精馏流程进行诊断和模拟优化（回流比、进料位置、热集成），提出技改方案并指导实施，目标蒸汽消耗降低15%、产品纯度稳定在99.9%以上。",
            ["53021", "53027"], 30, 60),
        new("四川卓筒井盐业有限公司", "卤水中锂、钾等有价元素提取工艺评估",
            "公司现有卤水资源，制盐后的老卤中锂、钾、溴、碘含量较高，目前未加以利用。希望科研团队对老卤组分进行系统分析，评估提锂、提钾的技术路线（吸附法、萃取法、膜法）与经济可行性，提出中试方案。",
            ["53034", "53021"], 50, 150),
        new("大英县蓬莱纺织有限公司", "印染车间节能降耗与废水回用改造",
            "公司棉织物印染生产线能耗和水耗偏高，吨布耗水约150吨。希望在染色工艺优化（短流程、小浴比）、余热回收和印染废水深度处理回用方面得到技术支持，目标节水30%以上、综合能耗降低15%。",
            ["54050", "61030"], 20, 50),
        new("四川大英精密机械制造有限公司", "汽车零部件精密铸件内部缺陷无损检测",
            "我公司为主机厂配套生产铝合金壳体类铸件，气孔、缩松等内部缺陷目前靠抽检剖切发现，漏检导致客户退货。希望引入X射线或超声无损检测方案，实现在线或批量检测，并建立缺陷判定标准和工艺改进闭环。",
            ["46025", "43025"], 15, 40),
        new("大英县天保食品有限公司", "红薯粉条无明矾生产工艺与保质期延长",
            "公司生产红薯粉条、粉丝，传统工艺需添加明矾，不符合消费升级和出口要求。希望开发无明矾配方和生产工艺，保证粉条耐煮、不断条，并通过包装和杀菌工艺将保质期延长到12个月。",
            ["55020", "55030"], 10, 30),
        new("大英县象山柑橘种植专业合作社", "柠檬、柑橘黄龙病防控与健康种苗繁育指导",
            "合作社种植柠檬和柑橘1200亩，近两年零星发现疑似黄龙病植株，担心扩散。急需专家开展病害诊断、木虱统防统治方案制定和社员培训，并指导建立无病毒容器苗繁育圃。",
            ["21060", "21040"], null, null),
        new("大英县金元农业专业合作社", "蔬菜基地病虫害绿色防控与测土配方施肥",
            "合作社蔬菜基地800亩，连作障碍和根结线虫问题突出，农药化肥用量偏高。希望农技专家制定绿色防控方案（轮作、生物防治、理化诱控），开展测土配方施肥，帮助基地通过绿色食品认证。",
            ["21060", "21050"], 5, 15),
        new("遂宁市回马生猪养殖有限公司", "规模猪场粪污资源化利用与臭气治理",
            "公司年出栏生猪3万头，粪污处理设施老化，周边群众反映臭味问题。希望得到粪污干湿分离、厌氧发酵沼气利用、有机肥生产和臭气生物除臭的整体技术方案，并协助申报畜禽粪污资源化利用项目。",
            ["23020", "61030"], 30, 80),
        new("大英县玉峰中药材种植专业合作社", "川芎、白芷规范化种植与产地初加工",
            "合作社种植川芎、白芷等道地药材600亩，产品有效成分含量不稳定，烘干靠土法，价格上不去。希望专家指导GAP规范化种植、采收期确定和产地趁鲜切制、低温烘干等初加工技术。",
            ["36040", "21030"], 8, 20),
        new("四川隆盛新材料科技有限公司", "锂电池负极用石墨材料改性与性能提升",
            "公司生产人造石墨负极材料，首次充放电效率和倍率性能与头部企业有差距。希望与高校或科研院所合作，在石墨化工艺、表面包覆改性方面开展联合研发，并共建检测实验室。",
            ["43045", "53041"], 80, 200),
        new("大英县河边电子科技有限公司", "印制电路板外观缺陷机器视觉自动检测",
            "公司印制电路板产线目前靠人工目检，漏检率高、用工成本大。希望引入基于机器视觉的外观缺陷自动检测设备或算法，覆盖短路、断线、缺孔、划伤等常见缺陷，检出率不低于98%。",
            ["46050", "46025"], 20, 60),
        new("大英县人民医院", "县域慢病管理与远程会诊信息化合作",
            "医院承担全县高血压、糖尿病等慢病管理任务，基层随访数据分散。希望与医学院校或信息技术团队合作，建设县乡村一体化慢病管理与远程会诊平台，并开展基层医生培训。",
            ["32065", "33081"], 50, 100),
    ];

    /// <summary>The CSL disciplines used (their GB/T 13745 codes come from <see cref="CslDisciplineCodes"/>).</summary>
    public static readonly IReadOnlyList<string> Disciplines =
    [
        "作物学", "园艺学", "农业资源利用", "植物保护", "畜牧学/兽医学", "林学/林业工程", "中医学/中药学", "基础医学/临床医学",
        "公共卫生与预防医学", "药学", "食品科学与工程", "化学/化学工程与技术", "机械工程", "农业工程", "环境科学与工程", "纺织科学与工程",
    ];

    /// <summary>CSL records read per discipline: enough for every field of the county's workers.</summary>
    private const int PerDiscipline = 8;

    private static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 30, 0, TimeSpan.FromHours(8));

    public async Task SeedAsync(string dataPath, CancellationToken ct = default)
    {
        if (await db.Offers.AnyAsync(ct) || await db.Needs.AnyAsync(ct) || await db.Orders.AnyAsync(ct))
        {
            return;
        }

        var users = await db.Users.AsNoTracking()
            .Where(u => u.UserName == "daying" || u.UserName == "daying-staff" || u.UserName == "worker" || u.UserName == "enterprise")
            .ToDictionaryAsync(u => u.UserName!, ct);
        if (users.Count < 4 || users["worker"].ScienceWorkerId is null || users["enterprise"].OrganizationId is null)
        {
            return;
        }

        var file = Path.Combine(dataPath, CslFile);
        if (!File.Exists(file))
        {
            logger.LogWarning("未找到 CSL 摘要文件 {File}，跳过交易市场演示数据", file);
            return;
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        var disciplineNames = await db.Disciplines.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Name, StringComparer.Ordinal, ct);
        var disciplineCodes = disciplineNames.Keys.ToHashSet(StringComparer.Ordinal);
        var industryCodes = (await db.Industries.AsNoTracking().Select(i => i.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var codes = new MarketCodes(disciplineCodes.Contains, industryCodes.Contains);
        var records = ReadRecords(file, disciplineCodes);
        if (records.Count < OfferCount)
        {
            logger.LogWarning("CSL 摘要不足（{Count} 条），跳过交易市场演示数据", records.Count);
            return;
        }

        var workers = await db.ScienceWorkers
            .Where(w => RegionScope.Within(w.RegionCode, DemoSeeder.DaYing))
            .OrderBy(w => w.Phone)
            .ToListAsync(ct);
        var organizations = await db.Organizations
            .Where(o => RegionScope.Within(o.RegionCode, DemoSeeder.DaYing) && o.IndustryCode != null)
            .OrderBy(o => o.CreditCode)
            .ToListAsync(ct);
        var liJianguo = workers.Single(w => w.Id == users["worker"].ScienceWorkerId);
        var tianrun = organizations.Single(o => o.Id == users["enterprise"].OrganizationId);
        workers.Remove(liJianguo);
        workers.Insert(0, liJianguo);
        organizations.Remove(tianrun);
        organizations.Insert(0, tianrun);

        var admin = ActorOf(users["daying"]);
        var staff = ActorOf(users["daying-staff"]);
        var workerActor = ActorOf(users["worker"]);
        var buyerActor = ActorOf(users["enterprise"]);

        // Offers: each by a worker of the county, on a CSL record of the worker's own field (same GB/T 13745 root), so the
        // worker's title, employer and discipline agree with what they offer. Published a few days after submission.
        var pool = records.GroupBy(r => r.Code[..3], StringComparer.Ordinal).ToDictionary(g => g.Key, g => new Queue<CslRecord>(g), StringComparer.Ordinal);
        var offers = new List<Offer>();
        for (var w = 0; offers.Count < OfferCount && w < workers.Count; w++)
        {
            var worker = workers[(w * 7) % workers.Count];
            var field = worker.DisciplineCodes[0];
            if (!pool.TryGetValue(field[..3], out var queue) || queue.Count == 0)
            {
                continue;
            }

            var i = offers.Count;
            var record = queue.Dequeue();
            var kind = (OfferKind)((i % 3) + 1);
            var (mode, min, max, unit) = (i % 4) switch
            {
                0 => (PriceMode.Negotiable, (decimal?)null, (decimal?)null, (string?)null),
                1 => (PriceMode.Fixed, 3_000m + (i * 500m), (decimal?)null, "每次"),
                2 => (PriceMode.Range, 20_000m + (i * 1_000m), 80_000m + (i * 2_000m), "每项"),
                _ => (PriceMode.Range, 5_000m, 30_000m, "每年"),
            };
            // A service is offered in the worker's own field; achievements and projects are the worker's research (the record).
            var title = kind == OfferKind.Service ? $"{disciplineNames.GetValueOrDefault(field, record.Discipline.Split('/')[0])}技术咨询与现场指导" : record.Title;
            var data = new OfferData(
                kind,
                Shorten(title, MarketRules.TitleMaxLength),
                Describe(record, kind == OfferKind.Achievement ? "成果简介" : $"{worker.Title}{worker.Name}（{worker.Employer}）可提供以下方向的服务，相关研究基础"),
                worker.Id,
                i % 5 == 4 ? Shorten($"{worker.Employer}{record.Discipline.Split('/')[0]}团队", 50) : null,
                null,
                [kind == OfferKind.Service ? field : record.Code],
                null,
                worker.RegionCode,
                mode,
                min,
                max,
                unit,
                kind == OfferKind.Achievement ? (MaturityStage)((i % 5) + 1) : null,
                null,
                kind == OfferKind.Achievement ? (i % 2 == 0 ? TransferModes.Licence | TransferModes.JointDevelopment : TransferModes.Assignment) : TransferModes.None);
            var created = Start.AddDays(i * 5).AddHours(i % 6);
            var owner = worker.Id == liJianguo.Id ? workerActor : staff;
            var offer = Offer.Create(data, owner, codes, Utc(created));
            offer.Submit(owner, Utc(created.AddHours(1)));
            offer.Publish(admin, Utc(created.AddDays(1 + (i % 3))));
            offers.Add(offer);
        }

        db.Offers.AddRange(offers);

        // Needs: what the county's companies of each industry ask for, each posted by a company of that industry; each
        // opens a plan handled by the staff.
        var needs = new List<Need>();
        var plans = new List<ResponsePlan>();
        var staffUser = users["daying-staff"];
        for (var i = 0; i < CountyNeeds.Count; i++)
        {
            var spec = CountyNeeds[i];
            var organization = organizations.FirstOrDefault(o => o.Name == spec.Organization);
            if (organization is null)
            {
                continue;
            }

            var created = Start.AddDays(7 + (i * 12)).AddHours(i % 5);
            var data = new NeedData(
                spec.Title,
                spec.Problem,
                organization.Id,
                [organization.IndustryCode!],
                spec.Disciplines,
                spec.BudgetWan is { } lo ? lo * 10_000m : null,
                spec.BudgetMaxWan is { } hi ? hi * 10_000m : null,
                i % 2 == 0 ? new DateOnly(2027, 6, 30) : null,
                organization.RegionCode,
                i % 4 == 3 ? NeedVisibility.Restricted : NeedVisibility.Public);
            var owner = organization.Id == tianrun.Id ? buyerActor : staff;
            var need = Need.Create(data, owner, codes, Utc(created));
            need.Submit(owner, Utc(created.AddHours(2)));
            var publishedAt = created.AddDays(1);
            var plan = need.Publish(admin, calendar, at: Utc(publishedAt))!;
            plan.AssignHandler(admin, staffUser.Id, staffUser.DisplayName, "县科技云服务中心负责跟进", Utc(publishedAt.AddHours(1)));
            plan.LogContact(staff, new ContactData(organization.ContactName ?? organization.Name, ContactChannel.Phone, "电话了解需求细节，整理候选专家名单", OrganizationId: organization.Id), Utc(publishedAt.AddDays(1)));
            needs.Add(need);
            plans.Add(plan);
        }

        db.Needs.AddRange(needs);
        db.ResponsePlans.AddRange(plans);

        // Orders: settled and rated (李建国 → 天润化工, answering its need), accepted, in delivery, agreed, inquiry.
        var orders = new List<Order>();
        var when = Start.AddMonths(4);
        var settled = Order.ForOffer(offers[0], tianrun.Id, tianrun.RegionCode, buyerActor, needs[0], note: "希望尽快对接", at: Utc(when));
        settled.Propose(workerActor, 48_000m, "现场诊断后两个月内完成工艺优化，验收后一次付清", "demo/contracts/2025-001.pdf", Utc(when.AddDays(5)));
        settled.Confirm(buyerActor, Utc(when.AddDays(6)));
        settled.StartDelivery(workerActor, "技术人员进场", Utc(when.AddDays(10)));
        settled.Accept(buyerActor, "达到合同约定指标", Utc(when.AddDays(60)));
        settled.Settle(workerActor, "已收到全部款项", Utc(when.AddDays(68)));
        settled.Rate(buyerActor, 5, "响应及时，方案实用，效果明显", Utc(when.AddDays(69)));
        settled.Rate(workerActor, 5, "合作顺畅，付款及时", Utc(when.AddDays(70)));
        plans[0].StartNegotiation(staff, "组织双方洽谈", Utc(when.AddDays(2)));
        plans[0].RecordDeal(staff, settled.Id, "已签约", Utc(when.AddDays(6)));
        needs[0].CloseOnDeal(settled, Utc(when.AddDays(6))); // 已对接: the agreed deal closes the need
        orders.Add(settled);

        // The other orders answer other needs, each with an offer of a field the need asks for.
        var used = new HashSet<Guid> { offers[0].Id };
        Offer OfferFor(Need need)
        {
            var roots = need.DisciplineCodes.Select(c => c[..3]).ToHashSet(StringComparer.Ordinal);
            var offer = offers.FirstOrDefault(o => !used.Contains(o.Id) && o.DisciplineCodes.Any(c => roots.Contains(c[..3])))
                ?? offers.First(o => !used.Contains(o.Id));
            used.Add(offer.Id);
            return offer;
        }

        var accepted = Order.ForOffer(OfferFor(needs[5]), needs[5].OrganizationId, needs[5].RegionCode, staff, needs[5], at: Utc(when.AddDays(15)));
        accepted.Agree(staff, 26_500m, "demo/contracts/2025-002.pdf", Utc(when.AddDays(20)));
        accepted.StartDelivery(staff, null, Utc(when.AddDays(25)));
        accepted.Accept(staff, "需方确认验收", Utc(when.AddDays(90)));
        orders.Add(accepted);

        var delivering = Order.ForOffer(OfferFor(needs[7]), needs[7].OrganizationId, needs[7].RegionCode, staff, needs[7], at: Utc(when.AddDays(40)));
        delivering.Agree(staff, 120_000m, "demo/contracts/2025-003.pdf", Utc(when.AddDays(48)));
        delivering.StartDelivery(staff, "按合同分阶段实施", Utc(when.AddDays(55)));
        orders.Add(delivering);

        var agreed = Order.ForOffer(OfferFor(needs[4]), needs[4].OrganizationId, needs[4].RegionCode, staff, needs[4], at: Utc(when.AddDays(70)));
        agreed.Agree(staff, 88_000m, "demo/contracts/2025-004.pdf", Utc(when.AddDays(75)));
        orders.Add(agreed);

        var inquiry = Order.ForOffer(OfferFor(needs[2]), needs[2].OrganizationId, needs[2].RegionCode, staff, needs[2], note: "请提供报价和实施周期", at: Utc(when.AddDays(100)));
        orders.Add(inquiry);

        db.Orders.AddRange(orders);

        // Two studios (科创工作室) with members of the same field, and the county's 科创会 with projects from both sides.
        var chemists = workers.Where(w => w.DisciplineCodes[0].StartsWith("530", StringComparison.Ordinal) && w.Id != liJianguo.Id).Take(2).Select(w => w.Id).ToList();
        db.Storefronts.Add(Storefront.Create(liJianguo.Id, new StorefrontData(
            "李建国盐化工技术工作室",
            "卤水资源综合利用团队",
            "工作室由正高级工程师李建国牵头，长期从事盐卤化工、废水中溴碘回收和化工分离工艺研究，已为县内多家化工、制盐企业提供工艺诊断和技改方案。可提供：工艺诊断、中试方案设计、技改项目申报辅导。",
            liJianguo.RegionCode,
            chemists), workerActor, Utc(Start.AddDays(20))));
        var grower = workers.FirstOrDefault(w => w.IsPublicProfile && w.DisciplineCodes[0].StartsWith("210", StringComparison.Ordinal) && (w.Title ?? string.Empty).Contains("高级", StringComparison.Ordinal));
        if (grower is not null)
        {
            var growers = workers.Where(w => w.Id != grower.Id && w.DisciplineCodes[0].StartsWith("210", StringComparison.Ordinal)).Take(3).Select(w => w.Id).ToList();
            db.Storefronts.Add(Storefront.Create(grower.Id, new StorefrontData(
                $"{grower.Name}柑橘柠檬绿色种植工作室",
                "果树绿色生产服务队",
                $"由{grower.Title}{grower.Name}（{grower.Employer}）牵头，服务全县柑橘、柠檬种植户：病虫害绿色防控、修剪整形、测土配方施肥和健康种苗推广，农忙季节可驻点指导。",
                grower.RegionCode,
                growers), staff, Utc(Start.AddDays(30))));
        }

        var association = await db.Associations.AsNoTracking().FirstOrDefaultAsync(a => a.RegionCode == DemoSeeder.DaYing && a.ParentId == null, ct);
        if (association is not null)
        {
            var fair = Fair.Open(new FairData("大英县科技成果对接会（科创会）", "常年征集县内企业技术难题和科技工作者可转化成果，定期组织线上线下对接，服务化工、纺织、机械、食品和特色农业。", DemoSeeder.DaYing, association.Id), admin, Utc(Start.AddDays(40)));
            db.Fairs.Add(fair);
            var projects = new List<FairProject>();
            foreach (var (need, k) in needs.Take(3).Select((n, k) => (n, k)))
            {
                var project = FairProject.Create(fair, new FairProjectData(FairCategory.ProblemToSolve, need.Title, need.Problem, null, need.OrganizationId, need.RegionCode, need.DisciplineCodes, need.IndustryCodes, NeedId: need.Id), staff, codes, Utc(Start.AddDays(45 + k)));
                project.Submit(staff, Utc(Start.AddDays(45 + k).AddHours(1)));
                project.Select(admin, Utc(Start.AddDays(47 + k)));
                projects.Add(project);
            }

            foreach (var (offer, k) in offers.Where(o => o.Kind == OfferKind.Achievement).Take(3).Select((o, k) => (o, k)))
            {
                var project = FairProject.Create(fair, new FairProjectData(FairCategory.AchievementToCommercialise, offer.Title, offer.Description, offer.ProviderWorkerId, null, offer.RegionCode, offer.DisciplineCodes, null, OfferId: offer.Id), staff, codes, Utc(Start.AddDays(50 + k)));
                project.Submit(staff, Utc(Start.AddDays(50 + k).AddHours(1)));
                project.Select(admin, Utc(Start.AddDays(52 + k)));
                projects.Add(project);
            }

            db.FairProjects.AddRange(projects);
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation(
            "已生成交易市场演示数据：科技所能 {Offers} 项，科技需求 {Needs} 项，订单 {Orders} 笔，用时 {Ms} ms",
            offers.Count,
            needs.Count,
            orders.Count,
            started.ElapsedMilliseconds);
    }

    private static Actor ActorOf(AppUser user) =>
        new(user.Id, user.UserName, user.Role, user.RegionCode, user.ScienceWorkerId, user.OrganizationId, user.DisplayName);

    private static DateTimeOffset Utc(DateTimeOffset chinaTime) => chinaTime.ToUniversalTime();

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max];

    private static string Describe(CslRecord record, string heading)
    {
        var keywords = record.Keywords.Count == 0 ? string.Empty : $"\n\n关键词：{string.Join("、", record.Keywords)}";
        return Shorten($"{heading}：\n{record.Abstract}{keywords}", MarketRules.DescriptionMaxLength);
    }

    /// <summary>
    /// The CSL records of the chosen disciplines, interleaved round-robin by discipline (in the order of
    /// <see cref="Disciplines"/>, each in file order), so the market covers agriculture, medicine and engineering.
    /// </summary>
    private static List<CslRecord> ReadRecords(string file, HashSet<string> disciplineCodes)
    {
        var perDiscipline = Disciplines.ToDictionary(k => k, _ => new List<CslRecord>(), StringComparer.Ordinal);
        foreach (var line in File.ReadLines(file))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var discipline = root.TryGetProperty("discipline", out var d) ? d.GetString() : null;
            if (discipline is null || !perDiscipline.TryGetValue(discipline, out var bucket) || bucket.Count >= PerDiscipline
                || !disciplineCodes.Contains(CslDisciplineCodes.Map[discipline]))
            {
                continue;
            }

            var title = root.TryGetProperty("title", out var t) ? t.GetString()?.Trim() : null;
            var text = root.TryGetProperty("abstract", out var a) ? a.GetString()?.Trim() : null;
            if (string.IsNullOrEmpty(title) || string.IsNullOrEmpty(text) || title.Length > MarketRules.TitleMaxLength)
            {
                continue;
            }

            var keywords = root.TryGetProperty("keywords", out var k) && k.ValueKind == JsonValueKind.Array
                ? k.EnumerateArray().Select(x => x.GetString()).OfType<string>().Where(x => x.Length > 0).ToList()
                : [];
            bucket.Add(new CslRecord(title, text, keywords, discipline, CslDisciplineCodes.Map[discipline]));
        }

        var result = new List<CslRecord>();
        for (var round = 0; round < PerDiscipline; round++)
        {
            result.AddRange(perDiscipline.Values.Where(b => b.Count > round).Select(b => b[round]));
        }

        return result;
    }

    private sealed record CslRecord(string Title, string Abstract, IReadOnlyList<string> Keywords, string Discipline, string Code);
}

/// <summary>A demo need: the posting company (by name), title, problem, fields (GB/T 13745) and budget in 万元.</summary>
public sealed record DemoNeed(string Organization, string Title, string Problem, IReadOnlyList<string> Disciplines, decimal? BudgetWan, decimal? BudgetMaxWan);
