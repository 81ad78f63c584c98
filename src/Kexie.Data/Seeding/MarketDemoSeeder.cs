using System.Text.Json;
using Kexie.Data.SharedData;
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

    /// <summary>The CSL disciplines used (their GB/T 13745 codes come from <see cref="CslDisciplineCodes"/>).</summary>
    public static readonly IReadOnlyList<string> Disciplines =
    [
        "作物学", "园艺学", "农业资源利用", "植物保护", "畜牧学/兽医学", "林学/林业工程", "中医学/中药学", "基础医学/临床医学",
        "公共卫生与预防医学", "药学", "食品科学与工程", "化学/化学工程与技术", "机械工程", "农业工程", "环境科学与工程", "纺织科学与工程",
    ];

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
        var disciplineCodes = (await db.Disciplines.AsNoTracking().Select(d => d.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var industryCodes = (await db.Industries.AsNoTracking().Select(i => i.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var codes = new MarketCodes(disciplineCodes.Contains, industryCodes.Contains);
        var records = ReadRecords(file, disciplineCodes);
        if (records.Count < OfferCount + NeedCount)
        {
            logger.LogWarning("CSL 摘要不足（{Count} 条），跳过交易市场演示数据", records.Count);
            return;
        }

        var workers = await db.ScienceWorkers
            .Where(w => w.RegionCode.StartsWith(DemoSeeder.DaYing))
            .OrderBy(w => w.Phone)
            .ToListAsync(ct);
        var organizations = await db.Organizations
            .Where(o => o.RegionCode.StartsWith(DemoSeeder.DaYing) && o.IndustryCode != null)
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

        // Offers: one CSL record each, spread over the workers, published a few days after submission.
        var offers = new List<Offer>();
        for (var i = 0; i < OfferCount; i++)
        {
            var record = records[i];
            var worker = workers[(i * 7) % workers.Count];
            var kind = (OfferKind)((i % 3) + 1);
            var (mode, min, max, unit) = (i % 4) switch
            {
                0 => (PriceMode.Negotiable, (decimal?)null, (decimal?)null, (string?)null),
                1 => (PriceMode.Fixed, 3_000m + (i * 500m), (decimal?)null, "每次"),
                2 => (PriceMode.Range, 20_000m + (i * 1_000m), 80_000m + (i * 2_000m), "每项"),
                _ => (PriceMode.Range, 5_000m, 30_000m, "每年"),
            };
            var data = new OfferData(
                kind,
                Shorten(record.Title, MarketRules.TitleMaxLength),
                Describe(record, "成果简介"),
                worker.Id,
                i % 5 == 4 ? Shorten($"{worker.Employer}{record.Discipline.Split('/')[0]}团队", 50) : null,
                null,
                [record.Code],
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

        // Needs: the next CSL records, phrased as an organization's problem; each opens a plan handled by the staff.
        var needs = new List<Need>();
        var plans = new List<ResponsePlan>();
        var staffUser = users["daying-staff"];
        for (var i = 0; i < NeedCount; i++)
        {
            var record = records[OfferCount + i];
            var organization = organizations[i % organizations.Count];
            var created = Start.AddDays(7 + (i * 12)).AddHours(i % 5);
            var topic = record.Keywords.FirstOrDefault() ?? record.Discipline;
            var data = new NeedData(
                Shorten($"寻求“{topic}”方面的技术支持", MarketRules.TitleMaxLength),
                Describe(record, $"{organization.Name}希望与科技工作者合作，参考方向如下"),
                organization.Id,
                [organization.IndustryCode!],
                [record.Code],
                i % 3 == 0 ? null : 10_000m * (i + 2),
                i % 3 == 0 ? null : 10_000m * ((i * 2) + 6),
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

        var accepted = Order.ForOffer(offers[3], organizations[1].Id, organizations[1].RegionCode, staff, at: Utc(when.AddDays(15)));
        accepted.Agree(staff, 26_500m, "demo/contracts/2025-002.pdf", Utc(when.AddDays(20)));
        accepted.StartDelivery(staff, null, Utc(when.AddDays(25)));
        accepted.Accept(staff, "需方确认验收", Utc(when.AddDays(90)));
        orders.Add(accepted);

        var delivering = Order.ForOffer(offers[6], organizations[2].Id, organizations[2].RegionCode, staff, at: Utc(when.AddDays(40)));
        delivering.Agree(staff, 120_000m, "demo/contracts/2025-003.pdf", Utc(when.AddDays(48)));
        delivering.StartDelivery(staff, "按合同分阶段实施", Utc(when.AddDays(55)));
        orders.Add(delivering);

        var agreed = Order.ForOffer(offers[9], organizations[3].Id, organizations[3].RegionCode, staff, at: Utc(when.AddDays(70)));
        agreed.Agree(staff, 8_800m, "demo/contracts/2025-004.pdf", Utc(when.AddDays(75)));
        orders.Add(agreed);

        var inquiry = Order.ForOffer(offers[12], organizations[4].Id, organizations[4].RegionCode, staff, note: "请提供报价和实施周期", at: Utc(when.AddDays(100)));
        orders.Add(inquiry);

        db.Orders.AddRange(orders);
        await db.SaveChangesAsync(ct);
        logger.LogInformation(
            "已生成交易市场演示数据：科技所能 {Offers} 项，科技需求 {Needs} 项，订单 {Orders} 笔，用时 {Ms} ms",
            offers.Count,
            needs.Count,
            orders.Count,
            started.ElapsedMilliseconds);
    }

    private static Actor ActorOf(AppUser user) =>
        new(user.Id, user.UserName, user.Role, user.RegionCode, user.ScienceWorkerId, user.OrganizationId);

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
            if (discipline is null || !perDiscipline.TryGetValue(discipline, out var bucket) || bucket.Count >= 4
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
        for (var round = 0; round < 4; round++)
        {
            result.AddRange(perDiscipline.Values.Where(b => b.Count > round).Select(b => b[round]));
        }

        return result;
    }

    private sealed record CslRecord(string Title, string Abstract, IReadOnlyList<string> Keywords, string Discipline, string Code);
}
