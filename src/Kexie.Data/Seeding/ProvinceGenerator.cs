using System.Diagnostics;
using System.Text.Json;
using Kexie.Data.Bulk;
using Kexie.Data.Indicators;
using Kexie.Data.SharedData;
using Kexie.Domain.Auditing;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using Kexie.Domain.Market;
using Kexie.Domain.Regions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kexie.Data.Seeding;

/// <summary>How big a generated province is; <see cref="Scale"/> multiplies every count (1 = 天府科技云's size).</summary>
public sealed record ProvinceSize(double Scale = 1.0)
{
    public int People => Count(1_200_000);

    /// <summary>About 60 % of the people are science workers (a directory profile claimed by their account).</summary>
    public int Workers => (int)Math.Round(People * 0.6);

    public int Organizations => Count(50_000);

    public int Needs => Count(100_000);

    public int Offers => Count(200_000);

    public int Orders => Count(50_000);

    public int Notifications => Count(500_000);

    public int Facts => Count(5_000_000);

    public int AuditRows => Count(2_000_000);

    private int Count(int full) => Math.Max(1, (int)Math.Round(full * Scale));
}

/// <summary>What a generation wrote, and how long each stage took.</summary>
public sealed record ProvinceReport(IReadOnlyDictionary<string, long> Rows, IReadOnlyList<(string Stage, TimeSpan Took)> Stages);

/// <summary>
/// Fills a PostgreSQL database with a province (default 四川, 51) for load tests: people, science workers, organizations,
/// needs with their 一单一策 plans, offers, orders, notifications, indicator facts and audit rows, placed in the
/// province's real counties and townships (weighted by their number of townships). Flat records go in by binary COPY;
/// the market's aggregates go through the domain methods and SaveChanges in batches, so their histories, audit rows and
/// outboxes are what the platform writes. The same seed gives the same people, names, places, texts and counts (record
/// ids are new each run). Accounts share one password (<see cref="DemoSeeder.DemoPassword"/>), hashed once.
/// Texts of needs and offers are real CSL abstracts. Additive: run it on a database that has reference data.
/// </summary>
public sealed class ProvinceGenerator(KexieDbContext db, IWorkingCalendar calendar, ILogger<ProvinceGenerator> logger)
{
    private const int Batch = 2_000;
    private static readonly DateTimeOffset Launch = new(2020, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Until = new(2026, 11, 30, 18, 0, 0, TimeSpan.FromHours(8));

    public async Task<ProvinceReport> GenerateAsync(string sharedDataPath, ProvinceSize size, string province = "51", int seed = 20200701, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        if (db.Provider != DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException("省级数据生成只支持 PostgreSQL（需要 COPY 批量写入）");
        }

        var random = new Random(seed);
        var stages = new List<(string, TimeSpan)>();
        var clock = Stopwatch.StartNew();
        void Done(string stage)
        {
            stages.Add((stage, clock.Elapsed));
            progress?.Report($"{stage}：{clock.Elapsed.TotalSeconds:0.0} 秒");
            logger.LogInformation("{Stage}：{Seconds:0.0} 秒", stage, clock.Elapsed.TotalSeconds);
            clock.Restart();
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // Rebuilding the rollups over millions of facts takes longer than the default 30 s per statement.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var places = await PlacesAsync(province, ct);
        var disciplines = await db.Disciplines.AsNoTracking().Where(d => d.Level == 2).Select(d => d.Code).ToListAsync(ct);
        var disciplineSet = (await db.Disciplines.AsNoTracking().Select(d => d.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var industrySet = (await db.Industries.AsNoTracking().Select(i => i.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var codes = new MarketCodes(disciplineSet.Contains, industrySet.Contains);
        var texts = ReadTexts(Path.Combine(sharedDataPath, MarketDemoSeeder.CslFile), disciplineSet);
        if (texts.Count == 0)
        {
            throw new InvalidOperationException($"未找到 CSL 摘要文件 {MarketDemoSeeder.CslFile}（共享数据目录 {sharedDataPath}）");
        }

        var passwordHash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), DemoSeeder.DemoPassword);

        // Staff: one association admin per county, prefecture and the province; two service-centre staff per county.
        var staff = new List<AppUser>();
        var countyStaff = new Dictionary<string, (AppUser Admin, AppUser Staff)>(StringComparer.Ordinal);
        var staffNumber = 0;
        AppUser Account(string name, UserRole role, string region, string prefix, int number) => new()
        {
            Id = IdFrom(random),
            UserName = $"{prefix}{number:D8}",
            NormalizedUserName = $"{prefix}{number:D8}",
            PhoneNumber = $"{prefix}{number:D8}",
            PhoneNumberConfirmed = true,
            EmailConfirmed = true,
            DisplayName = name,
            Role = role,
            RegionCode = region,
            PasswordHash = passwordHash,
            SecurityStamp = IdFrom(random),
            ConcurrencyStamp = IdFrom(random),
            LockoutEnabled = true,
            CreatedAt = Launch.ToUniversalTime(),
        };
        foreach (var region in places.Managed)
        {
            var admin = Account($"{region.Name}科协管理员", UserRole.AssociationAdmin, region.Code, "188", ++staffNumber);
            staff.Add(admin);
            if (region.Level == RegionLevel.County)
            {
                var handler = Account($"{region.Name}服务中心{DemoSeeder.Surnames[random.Next(DemoSeeder.Surnames.Length)]}专员", UserRole.ServiceCenterStaff, region.Code, "188", ++staffNumber);
                staff.Add(handler);
                staff.Add(Account($"{region.Name}服务中心{DemoSeeder.Surnames[random.Next(DemoSeeder.Surnames.Length)]}专员", UserRole.ServiceCenterStaff, region.Code, "188", ++staffNumber));
                countyStaff[region.Code] = (admin, handler);
            }
        }

        // Science workers, each with the account that claimed the profile.
        var workers = new List<ScienceWorker>(size.Workers);
        var workerUsers = new List<AppUser>(size.Workers);
        for (var i = 0; i < size.Workers; i++)
        {
            var (county, place) = places.Pick(random);
            var profession = DemoSeeder.Professions[random.Next(DemoSeeder.Professions.Length)];
            var birthYear = random.Next(1962, 2001);
            var rank = Math.Clamp((birthYear - 1962) / 10 + random.Next(-1, 2), 0, 3);
            var fields = disciplines.Where(c => c.StartsWith(profession.Root, StringComparison.Ordinal)).ToArray();
            var name = PersonName(random);
            var phone = $"166{i:D8}";
            var worker = ScienceWorker.Create(
                new ScienceWorkerData(
                    name,
                    random.Next(100) < 58 ? Gender.Male : Gender.Female,
                    birthYear,
                    Employer(profession.Employers[random.Next(profession.Employers.Length)], county),
                    profession.Titles[rank],
                    [fields[random.Next(fields.Length)]],
                    DemoSeeder.EducationByRank[rank][random.Next(4)],
                    DemoSeeder.DemoPoliticalStatuses[random.Next(DemoSeeder.DemoPoliticalStatuses.Length)],
                    phone,
                    place,
                    random.Next(100) < 70),
                disciplineSet.Contains);
            var at = Between(random, Launch, Until);
            worker.CreatedAt = at.ToUniversalTime();
            var user = Account(name, UserRole.ScienceWorker, place, "166", i);
            user.UserName = user.NormalizedUserName = phone;
            user.ScienceWorkerId = worker.Id;
            user.CreatedAt = worker.CreatedAt;
            worker.UserId = user.Id;
            workers.Add(worker);
            workerUsers.Add(user);
        }

        // Organizations, each with its users (the first is the organization's administrator).
        var organizations = new List<Organization>(size.Organizations);
        var organizationAdmins = new List<AppUser?>(size.Organizations);
        var organizationUsers = new List<AppUser>(size.People - size.Workers);
        var memberTarget = size.People - size.Workers; // the staff come on top of the people
        for (var i = 0; i < size.Organizations; i++)
        {
            var (county, place) = places.Pick(random);
            var template = DemoSeeder.OrganizationTemplates[random.Next(DemoSeeder.OrganizationTemplates.Length)];
            var name = $"{county.ShortName()}{DemoSeeder.GivenParts[random.Next(DemoSeeder.GivenParts.Length)]}{DemoSeeder.GivenParts[random.Next(DemoSeeder.GivenParts.Length)]}{Suffix(template.Kind, i)}";
            var organization = Organization.Create(
                new OrganizationData(name, template.Kind, CreditCode(county.Code, template.Kind, i), template.Industry, place, $"{county.Name}{name}所在地", PersonName(random), $"0{random.Next(810, 840)}{random.Next(1_000_000, 9_999_999)}"),
                industrySet.Contains);
            organization.Verify(random.Next(100) < 85);
            organization.CreatedAt = Between(random, Launch, Until).ToUniversalTime();
            organizations.Add(organization);
            organizationAdmins.Add(null);
            var members = (int)((long)memberTarget * (i + 1) / size.Organizations - (long)memberTarget * i / size.Organizations);
            for (var m = 0; m < members; m++)
            {
                var user = Account(PersonName(random), UserRole.OrganizationMember, place, "177", organizationUsers.Count);
                user.OrganizationId = organization.Id;
                user.IsOrganizationAdmin = m == 0;
                user.CreatedAt = organization.CreatedAt;
                if (m == 0)
                {
                    organizationAdmins[i] = user;
                }

                organizationUsers.Add(user);
            }
        }

        Done("生成人员与单位");
        var rows = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["账号"] = await PostgresCopy.CopyAsync(db, staff.Concat(workerUsers).Concat(organizationUsers), ct),
            ["科技工作者"] = await PostgresCopy.CopyAsync(db, workers, ct),
            ["单位"] = await PostgresCopy.CopyAsync(db, organizations, ct),
        };
        Done("写入账号、科技工作者、单位（COPY）");

        // Offers by workers of public profiles, on CSL texts of the worker's field root where one exists.
        var textsByRoot = texts.GroupBy(t => t.Code[..3], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var publicWorkers = Enumerable.Range(0, workers.Count).Where(i => workers[i].IsPublicProfile).ToList();
        var offers = new List<Offer>(size.Offers);
        var offerOwners = new List<int>(size.Offers);
        for (var start = 0; start < size.Offers; start += Batch)
        {
            for (var i = start; i < Math.Min(size.Offers, start + Batch); i++)
            {
                var w = publicWorkers[random.Next(publicWorkers.Count)];
                var worker = workers[w];
                var owner = workerUsers[w].ToActor();
                var pool = textsByRoot.GetValueOrDefault(worker.DisciplineCodes[0][..3]) ?? texts;
                var text = pool[random.Next(pool.Count)];
                var kind = (OfferKind)(i % 3 + 1);
                var offer = Offer.Create(
                    new OfferData(kind, Shorten(kind == OfferKind.Service ? $"{text.Title}相关技术咨询与服务" : text.Title, MarketRules.TitleMaxLength), Describe(text), worker.Id, null, null, [text.Code], null, worker.RegionCode, i % 2 == 0 ? PriceMode.Negotiable : PriceMode.Fixed, i % 2 == 0 ? null : 1_000m * (1 + i % 50), null, i % 2 == 0 ? null : "每项",
                        kind == OfferKind.Achievement ? (MaturityStage)(i % 5 + 1) : null,
                        null,
                        kind == OfferKind.Achievement ? TransferModes.Licence | TransferModes.JointDevelopment : TransferModes.None),
                    owner,
                    codes,
                    Between(random, worker.CreatedAt, Until));
                var submitted = offer.CreatedAt.AddHours(1);
                offer.Submit(owner, submitted);
                if (random.Next(10) < 9)
                {
                    offer.Publish(countyStaff[places.CountyOf(worker.RegionCode)].Admin.ToActor(), submitted.AddDays(1));
                }

                offers.Add(offer);
                offerOwners.Add(w);
            }

            await SaveBatchAsync(offers.Skip(start), ct);
        }

        rows["科技所能"] = offers.Count;
        Done("写入科技所能（领域方法，SaveChanges）");

        // Needs of enterprises and institutions; a published need opens its plan, handled by the county's staff.
        var needs = new List<Need>(size.Needs);
        var plans = 0;
        for (var start = 0; start < size.Needs; start += Batch)
        {
            var batch = new List<object>(Batch * 2);
            for (var i = start; i < Math.Min(size.Needs, start + Batch); i++)
            {
                var o = random.Next(organizations.Count);
                var organization = organizations[o];
                var text = texts[random.Next(texts.Count)];
                var owner = organizationAdmins[o]?.ToActor() ?? countyStaff[places.CountyOf(organization.RegionCode)].Staff.ToActor();
                var need = Need.Create(
                    new NeedData(Shorten(text.Title, MarketRules.TitleMaxLength), Describe(text), organization.Id, [organization.IndustryCode!], [text.Code], i % 3 == 0 ? null : 10_000m * (1 + i % 30), null, null, organization.RegionCode),
                    owner,
                    codes,
                    Between(random, organization.CreatedAt, Until));
                var submitted = need.CreatedAt.AddHours(2);
                need.Submit(owner, submitted);
                if (random.Next(100) < 85)
                {
                    var (admin, handler) = countyStaff[places.CountyOf(organization.RegionCode)];
                    var plan = need.Publish(admin.ToActor(), calendar, at: submitted.AddDays(1));
                    if (plan is not null)
                    {
                        plan.AssignHandler(admin.ToActor(), handler.Id, handler.DisplayName, null, submitted.AddDays(1).AddHours(1));
                        batch.Add(plan);
                        plans++;
                    }
                }

                batch.Add(need);
                needs.Add(need);
            }

            await SaveBatchAsync(batch, ct);
        }

        rows["科技需求"] = needs.Count;
        rows["一单一策"] = plans;
        Done("写入科技需求与一单一策（领域方法，SaveChanges）");

        // Orders: an enterprise asks for a published offer; most are agreed by both parties, some delivered and accepted.
        var published = Enumerable.Range(0, offers.Count).Where(i => offers[i].PublishedAt is not null).ToList();
        var orders = 0;
        for (var start = 0; start < size.Orders && published.Count > 0; start += Batch)
        {
            var batch = new List<object>(Batch);
            for (var i = start; i < Math.Min(size.Orders, start + Batch); i++)
            {
                var o = published[random.Next(published.Count)];
                var offer = offers[o];
                var provider = workerUsers[offerOwners[o]].ToActor();
                var b = random.Next(organizations.Count);
                var buyer = organizations[b];
                if (organizationAdmins[b] is not { } buyerUser)
                {
                    continue;
                }

                var buyerActor = buyerUser.ToActor();
                var at = Between(random, Max(offer.PublishedAt!.Value, buyer.CreatedAt), Until);
                var order = Order.ForOffer(offer, buyer.Id, buyer.RegionCode, buyerActor, note: "希望进一步了解", at: at);
                var stage = random.Next(10);
                if (stage >= 3)
                {
                    order.Propose(provider, 5_000m * (1 + random.Next(40)), "按合同约定分阶段实施", $"generated/contracts/{i}.pdf", at.AddDays(3));
                    order.Confirm(buyerActor, at.AddDays(4));
                }

                if (stage >= 6)
                {
                    order.StartDelivery(provider, null, at.AddDays(10));
                }

                if (stage >= 8)
                {
                    order.Accept(buyerActor, "验收通过", at.AddDays(40));
                }

                batch.Add(order);
                orders++;
            }

            await SaveBatchAsync(batch, ct);
        }

        rows["订单"] = orders;
        Done("写入订单（领域方法，SaveChanges）");

        // Notifications to people of every kind, a third of them read.
        var everyone = staff.Concat(workerUsers).Concat(organizationUsers).ToList();
        var kinds = Enum.GetValues<NotificationKind>();
        rows["通知"] = await PostgresCopy.CopyAsync(db, Enumerable.Range(0, size.Notifications).Select(i =>
        {
            var user = everyone[random.Next(everyone.Count)];
            var kind = kinds[random.Next(kinds.Length)];
            var notification = Notification.Create(user.Id, kind, kind.Chinese(), $"{user.DisplayName}，您有一条{kind.Chinese()}提醒", "/", Between(random, user.CreatedAt, Until).ToUniversalTime());
            if (random.Next(3) == 0)
            {
                notification.MarkRead(notification.CreatedAt.AddHours(random.Next(1, 72)));
            }

            return notification;
        }), ct);
        Done("写入通知（COPY）");

        // Audit rows: what SaveChanges wrote above, plus profile edits of workers up to the target.
        var audited = await db.AuditEntries.LongCountAsync(ct);
        var edits = Math.Max(0, size.AuditRows - audited);
        await PostgresCopy.CopyAsync(db, Enumerable.Range(0, (int)edits).Select(_ =>
        {
            var w = random.Next(workers.Count);
            var worker = workers[w];
            return new AuditEntry
            {
                At = Between(random, worker.CreatedAt, Until).ToUniversalTime(),
                UserId = workerUsers[w].Id,
                UserName = workerUsers[w].UserName,
                Action = "Modified",
                EntityType = nameof(ScienceWorker),
                EntityId = worker.Id.ToString(),
                RegionCode = worker.RegionCode,
                Before = JsonSerializer.Serialize(new { worker.Title }),
                After = JsonSerializer.Serialize(new { Title = worker.Title + "（已更新）" }),
            };
        }), ct);
        rows["审计记录"] = await db.AuditEntries.LongCountAsync(ct);
        Done("写入审计记录（COPY）");

        // Indicator facts: derived from the records above by the platform's own full refresh, plus synthetic
        // popularization facts per township and day (shown as 演示数据) up to the target.
        var derived = await new IndicatorRefresher(db, TimeProvider.System, NullLoggerOf<IndicatorRefresher>()).RefreshAsync(full: true, ct);
        var fill = Math.Max(0, size.Facts - derived.FactsWritten);
        var popularization = new[] { FactKind.PopularizationParticipants, FactKind.EStationVisits, FactKind.PopularizationActivitiesHeld, FactKind.PopularizationContentPublished };
        var firstDay = DateOnly.FromDateTime(Launch.Date);
        var days = Until.Date.Subtract(Launch.Date).Days;
        await FactStore.AppendAsync(db, Enumerable.Range(0, (int)fill).Select(_ =>
        {
            var kind = popularization[random.Next(popularization.Length)];
            var (_, place) = places.Pick(random);
            var day = firstDay.AddDays(random.Next(days));
            return new ActivityFact(place, kind, (day.Year * 10_000) + (day.Month * 100) + day.Day, 1 + random.Next(kind == FactKind.PopularizationParticipants ? 200 : 20), 0, FactSource.Synthetic, null);
        }), ct);
        await FactStore.RebuildRollupsAsync(db, ct: ct);
        rows["指标事实"] = await db.IndicatorFacts.LongCountAsync(ct);
        Done("写入指标事实并重建汇总");

        await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        Done("ANALYZE");
        return new ProvinceReport(rows, stages);
    }

    private async Task SaveBatchAsync(IEnumerable<object> entities, CancellationToken ct)
    {
        foreach (var entity in entities)
        {
            db.Add(entity);
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private async Task<Places> PlacesAsync(string province, CancellationToken ct)
    {
        var regions = await db.Regions.AsNoTracking().Where(r => r.Code.StartsWith(province)).ToListAsync(ct);
        if (!regions.Any(r => r.Level == RegionLevel.County))
        {
            throw new InvalidOperationException($"行政区划中没有 {province} 开头的县级地区");
        }

        return new Places(regions);
    }

    private static ILogger<T> NullLoggerOf<T>() => Microsoft.Extensions.Logging.Abstractions.NullLogger<T>.Instance;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>A UTC instant between two others (PostgreSQL's timestamp with time zone takes UTC only).</summary>
    private static DateTimeOffset Between(Random random, DateTimeOffset from, DateTimeOffset to) =>
        (from >= to ? to : from.AddSeconds(random.NextDouble() * (to - from).TotalSeconds)).ToUniversalTime();

    private static string IdFrom(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private static string PersonName(Random random) =>
        DemoSeeder.Surnames[random.Next(DemoSeeder.Surnames.Length)] + DemoSeeder.GivenParts[random.Next(DemoSeeder.GivenParts.Length)]
        + (random.Next(3) == 0 ? string.Empty : DemoSeeder.GivenParts[random.Next(DemoSeeder.GivenParts.Length)]);

    /// <summary>The demo's 大英县 employers, moved to the worker's county.</summary>
    private static string Employer(string demoEmployer, Region county) => Shorten(
        demoEmployer.Replace("遂宁市", county.Name, StringComparison.Ordinal).Replace("大英县", county.Name, StringComparison.Ordinal).Replace("大英", county.ShortName(), StringComparison.Ordinal),
        100);

    private static string Suffix(OrganizationKind kind, int i) => kind switch
    {
        OrganizationKind.Hospital => "卫生院",
        OrganizationKind.School => "学校",
        OrganizationKind.Institution => "农业服务中心",
        _ => (i % 4) switch { 0 => "科技有限公司", 1 => "农业专业合作社", 2 => "制造有限公司", _ => "食品有限公司" },
    };

    /// <summary>A valid, unique 统一社会信用代码: the county's division code and the organization's number in base 31.</summary>
    private static string CreditCode(string county, OrganizationKind kind, int number)
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var prefix = kind == OrganizationKind.Enterprise ? "91" : "12";
        var body = new char[9];
        var n = (long)number + 31L * 31 * 31 * 31 * 31 * 31 * 31 * 7; // away from the demo's random codes' small numbers
        for (var k = 8; k >= 0; k--)
        {
            body[k] = alphabet[(int)(n % 31)];
            n /= 31;
        }

        var first17 = prefix + county[..6] + new string(body);
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max];

    private static string Describe(CslText text) => Shorten($"{text.Abstract}\n\n关键词：{string.Join("、", text.Keywords)}", MarketRules.DescriptionMaxLength);

    private static List<CslText> ReadTexts(string file, HashSet<string> disciplineCodes)
    {
        var texts = new List<CslText>();
        if (!File.Exists(file))
        {
            return texts;
        }

        foreach (var line in File.ReadLines(file))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var discipline = root.TryGetProperty("discipline", out var d) ? d.GetString() : null;
            var title = root.TryGetProperty("title", out var t) ? t.GetString()?.Trim() : null;
            var text = root.TryGetProperty("abstract", out var a) ? a.GetString()?.Trim() : null;
            if (discipline is null || !CslDisciplineCodes.Map.TryGetValue(discipline, out var code) || !disciplineCodes.Contains(code)
                || string.IsNullOrEmpty(title) || string.IsNullOrEmpty(text))
            {
                continue;
            }

            var keywords = root.TryGetProperty("keywords", out var k) && k.ValueKind == JsonValueKind.Array
                ? k.EnumerateArray().Select(x => x.GetString()).OfType<string>().Where(x => x.Length > 0).ToList()
                : [];
            texts.Add(new CslText(title, text, keywords, code));
        }

        return texts;
    }

    private sealed record CslText(string Title, string Abstract, IReadOnlyList<string> Keywords, string Code);

    /// <summary>The province's counties (weighted by their townships) and their townships; the regions that have an admin.</summary>
    private sealed class Places
    {
        private readonly List<(Region County, List<string> Places)> counties;
        private readonly int[] cumulative;

        public Places(List<Region> regions)
        {
            var byParent = regions.Where(r => r.ParentCode is not null).GroupBy(r => r.ParentCode!).ToDictionary(g => g.Key, g => g.Select(r => r.Code).OrderBy(c => c, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
            counties = regions.Where(r => r.Level == RegionLevel.County).OrderBy(r => r.Code, StringComparer.Ordinal)
                .Select(c => (c, new List<string> { c.Code }.Concat(byParent.GetValueOrDefault(c.Code) ?? []).ToList()))
                .ToList();
            cumulative = new int[counties.Count];
            var total = 0;
            for (var i = 0; i < counties.Count; i++)
            {
                total += counties[i].Places.Count;
                cumulative[i] = total;
            }

            Managed = regions.Where(r => r.Level is RegionLevel.Province or RegionLevel.Prefecture or RegionLevel.County).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        }

        public IReadOnlyList<Region> Managed { get; }

        /// <summary>A county (with probability by its number of townships) and a place in it: the county itself or a township.</summary>
        public (Region County, string Place) Pick(Random random)
        {
            var n = random.Next(cumulative[^1]);
            var i = Array.BinarySearch(cumulative, n + 1);
            i = i < 0 ? ~i : i;
            var county = counties[i];
            return (county.County, county.Places[random.Next(county.Places.Count)]);
        }

        public string CountyOf(string place) => place[..6];
    }
}

internal static class RegionNames
{
    public static string ShortName(this Region region) => region.Name.Length > 2 && (region.Name.EndsWith('县') || region.Name.EndsWith('区') || region.Name.EndsWith('市')) ? region.Name[..^1] : region.Name;
}
