using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Kexie.Domain.ThinkTank;
using Kexie.Web.Features.Market;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Features.ThinkTank;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Workbench;

/// <summary>The sections of the workbench.</summary>
public enum WorkSection
{
    /// <summary>待审核: offers, needs, fair projects, science content, think-tank topics of the admin's region; the caller's own think-tank reviews as an expert.</summary>
    Review = 1,

    /// <summary>一单一策: plans the caller handles, unassigned ones of the staffer's region, overdue ones of the admin's.</summary>
    Plans = 2,

    /// <summary>订单: orders waiting for the caller's step (buyer or provider), disputes for the region's managers.</summary>
    Orders = 3,

    /// <summary>联动任务: tasks a higher level assigned to the caller's region.</summary>
    Linkage = 4,

    /// <summary>活动: activities of the region starting within a week (registrations, check-in).</summary>
    Activities = 5,

    /// <summary>
    /// 近期变更: for an overseer (审计员), the writes of the region since they last signed in, one item per kind of record (to
    /// read, not to act on: it is not in <see cref="WorkbenchCounts.Total"/>).
    /// </summary>
    Changes = 6,

    /// <summary>审计关注: for an overseer, the writes that deserve an auditor's eye (money changed, published records withdrawn, deletions, accounts, failed sign-ins).</summary>
    Oversight = 7,
}

/// <summary>
/// One thing waiting for the caller: what it is (<see cref="KindName"/>), its name, its region, its deadline (China time) or
/// the time it has been waiting since, and where to act.
/// </summary>
public sealed record WorkItemDto(
    WorkSection Section,
    string KindName,
    string Title,
    string? RegionCode,
    string RegionName,
    DateTimeOffset? DueAt,
    DateTimeOffset? Since,
    bool Overdue,
    string Note,
    string Link);

/// <param name="Changes">Kinds of record changed in the overseer's region since they last signed in (read, not waiting: not in <see cref="Total"/>).</param>
/// <param name="Oversight">Items that deserve an overseer's eye.</param>
public sealed record WorkbenchCounts(int Review, int Plans, int Orders, int Linkage, int Activities, int Changes = 0, int Oversight = 0)
{
    public int Total => Review + Plans + Orders + Linkage + Activities + Oversight;
}

public sealed record WorkbenchDto(IReadOnlyList<WorkItemDto> Items, WorkbenchCounts Counts, DateTimeOffset AsOf);

/// <summary>
/// 我的工作台: what waits for the signed-in caller, nearest deadline first (items without a deadline by how long they have
/// waited). It lists only what the caller may act on: review queues need the review permission and the region
/// (<see cref="RegionScope.InScope{T}"/>), plans are the caller's own or their region's, orders those where the caller is the
/// party whose step is next. <see cref="CountAsync"/> runs only COUNT queries (for the badge in the navigation).
/// </summary>
public sealed class WorkbenchService(KexieDbContext db, AccessPolicy policy, TimeProvider clock, IEnumerable<IWorkItemSource> sources, Kexie.Web.Features.Notifications.NotificationService notifications)
{
    /// <summary>Most items listed per section (the counts are exact).</summary>
    public const int PerSection = 50;

    /// <summary>Activities starting within this many days are listed.</summary>
    public const int ActivityDays = 7;

    /// <summary>
    /// The counts this instance (scoped: one request) last computed, and for whom: the navigation badge of a page that has
    /// just built the workbench (the front page) reuses them instead of counting everything again, and the bell its unread
    /// count, read in the same statement.
    /// </summary>
    private (string UserId, string? Scope, WorkbenchCounts Counts, Parts Parts)? counted;

    public async Task<WorkbenchCounts> CountAsync(Actor actor, CancellationToken ct = default) =>
        (await CountedAsync(actor, ct))?.Counts ?? new WorkbenchCounts(0, 0, 0, 0, 0);

    /// <summary>
    /// How many of the caller's notifications are unread (the bell in the page header), as
    /// <see cref="Kexie.Web.Features.Notifications.NotificationService.UnreadCountAsync"/> counts them, but read with the
    /// workbench's counts when this request counts them (the layout asks for both): one statement for the badge and the bell.
    /// </summary>
    public async Task<int> UnreadNotificationsAsync(Actor actor, CancellationToken ct = default) =>
        (await CountedAsync(actor, ct))?.Parts.Unread ?? 0;

    private async Task<(WorkbenchCounts Counts, Parts Parts)?> CountedAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsAuthenticated || actor.UserId is null)
        {
            return null;
        }

        if (counted is { } last && last.UserId == actor.UserId && last.Scope == actor.ManagedScope)
        {
            return (last.Counts, last.Parts);
        }

        var (counts, parts) = await CountFreshAsync(actor, ct);
        counted = (actor.UserId, actor.ManagedScope, counts, parts);
        return (counts, parts);
    }

    /// <summary>
    /// The counts read now: every built-in section's (and the unread notifications) in one statement, a section the caller
    /// has no part in as an empty subquery (no round trip of its own); the features' sources after it, only those that apply.
    /// </summary>
    private async Task<(WorkbenchCounts Counts, Parts Parts)> CountFreshAsync(Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var q = new Queries(db, actor, policy, now);

        // The features' own sources (registered by their modules) add to their sections: those whose count is a query in the
        // same statement (one scalar subquery per section, their queries concatenated), the others a round trip each.
        var applying = sources.Where(s => s.AppliesTo(actor)).ToList();
        var queried = applying.Select(s => (Source: s, Query: s.CountQuery(actor, now))).Where(x => x.Query is not null).ToList();
        var bySection = queried.GroupBy(x => x.Source.Section)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Query!).Aggregate((a, b) => a.Concat(b)));
        var (parts, fromSources) = await q.CountAsync(notifications.Unread(actor.UserId!), bySection, ct);
        var counts = new WorkbenchCounts(parts.Review, parts.Plans, parts.Orders, parts.Linkage, parts.Activities);
        var sourceCounts = new List<(WorkSection Section, int Count)>(fromSources.Select(x => (x.Key, x.Value)));
        foreach (var source in applying.Except(queried.Select(x => x.Source)))
        {
            sourceCounts.Add((source.Section, await source.CountAsync(actor, now, ct)));
        }

        foreach (var (section, n) in sourceCounts)
        {
            counts = section switch
            {
                WorkSection.Review => counts with { Review = counts.Review + n },
                WorkSection.Plans => counts with { Plans = counts.Plans + n },
                WorkSection.Orders => counts with { Orders = counts.Orders + n },
                WorkSection.Linkage => counts with { Linkage = counts.Linkage + n },
                WorkSection.Changes => counts with { Changes = counts.Changes + n },
                WorkSection.Oversight => counts with { Oversight = counts.Oversight + n },
                _ => counts with { Activities = counts.Activities + n },
            };
        }

        return (counts, parts);
    }

    /// <summary>The built-in sections' counts part by part (a list is read only when its own part has something), and the unread notifications.</summary>
    private sealed record Parts(int Needs, int Offers, int FairProjects, int Contents, int Topics, int MyReviews, int Plans, int Orders, int Linkage, int Activities, int Unread)
    {
        public int Review => Needs + Offers + FairProjects + Contents + Topics + MyReviews;
    }

    public async Task<WorkbenchDto> GetAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsAuthenticated || actor.UserId is null)
        {
            throw new AccessDeniedException("请先登录");
        }

        var now = clock.GetUtcNow();
        var q = new Queries(db, actor, policy, now);
        var items = new List<WorkItemDto>();
        // Counted afresh (the list is read now too); the page's navigation badge and bell then reuse these counts.
        var (counts, parts) = await CountFreshAsync(actor, ct);
        counted = (actor.UserId, actor.ManagedScope, counts, parts);

        if (parts.Needs > 0)
        {
            items.AddRange((await q.Submitted(db.Needs).OrderBy(n => n.SubmittedAt).Take(PerSection)
                    .Select(n => new { n.Id, n.Title, n.RegionCode, n.SubmittedAt }).ToListAsync(ct))
                .Select(n => Item(WorkSection.Review, "待审核科技需求", n.Title, n.RegionCode, null, n.SubmittedAt, false, "提交审核", $"/Market/Needs/Details/{n.Id}")));
        }

        if (parts.Offers > 0)
        {
            items.AddRange((await q.Submitted(db.Offers).OrderBy(n => n.SubmittedAt).Take(PerSection)
                    .Select(n => new { n.Id, n.Title, n.RegionCode, n.SubmittedAt }).ToListAsync(ct))
                .Select(n => Item(WorkSection.Review, "待审核科技所能", n.Title, n.RegionCode, null, n.SubmittedAt, false, "提交审核", $"/Market/Offers/Details/{n.Id}")));
        }

        if (parts.FairProjects > 0)
        {
            items.AddRange((await q.Submitted(db.FairProjects).OrderBy(n => n.SubmittedAt).Take(PerSection)
                    .Select(n => new { n.FairId, n.Title, n.RegionCode, n.SubmittedAt }).ToListAsync(ct))
                .Select(n => Item(WorkSection.Review, "待遴选科创会项目", n.Title, n.RegionCode, null, n.SubmittedAt, false, "提交遴选", $"/Market/Fairs/Details/{n.FairId}")));
        }

        if (parts.Contents > 0)
        {
            items.AddRange((await q.Submitted(db.ScienceContents).OrderBy(n => n.SubmittedAt).Take(PerSection)
                    .Select(n => new { n.Id, n.Title, n.RegionCode, n.SubmittedAt }).ToListAsync(ct))
                .Select(n => Item(WorkSection.Review, "待审核科普资源", n.Title, n.RegionCode, null, n.SubmittedAt, false, "提交审核", $"/Popularization/Contents/Details/{n.Id}")));
        }

        if (parts.Topics > 0)
        {
            items.AddRange((await q.Topics().OrderBy(t => t.CreatedAt).Take(PerSection)
                    .Select(t => new { t.Id, t.Title, t.CallRegionCode, t.CreatedAt, t.Status }).ToListAsync(ct))
                .Select(t => Item(WorkSection.Review, "待评审智库课题", t.Title, t.CallRegionCode, null, t.CreatedAt, false, t.Status.Chinese(), $"/ThinkTank/Topics/{t.Id}")));
        }

        // The caller's own think-tank reviews as an expert of the 专家库 (assigned, not yet scored, the topic still open).
        if (q.MyReviews() is { } myReviews && parts.MyReviews > 0)
        {
            items.AddRange((await myReviews.OrderBy(a => a.CreatedAt).Take(PerSection)
                    .Join(db.ThinkTankTopics, a => a.TopicId, t => t.Id, (a, t) => new { a.Id, t.Title, a.RegionCode, a.CreatedAt }).ToListAsync(ct))
                .Select(a => Item(WorkSection.Review, "待我评分的智库课题", a.Title, a.RegionCode, null, a.CreatedAt, false, "按评审指标打分", $"/ThinkTank/Reviews/{a.Id}")));
        }

        // The staffer's own plans first, then those nobody handles yet, then colleagues' (an admin's view): many plans of
        // the county never push one's own off the list. Within each, the nearest deadline first.
        if (q.Plans() is { } planQuery && parts.Plans > 0)
        {
            var plans = await planQuery
                .OrderBy(p => p.HandlerUserId == actor.UserId ? 0 : p.HandlerUserId == null ? 1 : 2).ThenBy(p => p.ResponseDueAt).Take(PerSection)
                .Select(p => new { p.Id, p.NeedId, p.RegionCode, p.Status, p.ResponseDueAt, p.HandlerUserId, p.UpdatedAt, NoGoodMatch = !p.Candidates.Any(c => c.DroppedAt == null && (c.ProposedByUserId != null || !c.IsWeak)) })
                .Join(db.Needs, p => p.NeedId, n => n.Id, (p, n) => new { p.Id, n.Title, p.RegionCode, p.Status, p.ResponseDueAt, p.HandlerUserId, p.UpdatedAt, p.NoGoodMatch })
                .ToListAsync(ct);
            items.AddRange(plans.Select(p =>
            {
                var mine = p.HandlerUserId == actor.UserId;
                var kind = p.HandlerUserId is null ? "待指派一单一策" : "我负责的一单一策";

                // Matching found nothing good (ResponsePlan.NeedsManualSearch): the staffer is to find a candidate by hand.
                var manual = p.NoGoodMatch ? "；" + ResponsePlanDto.NoGoodMatchText : string.Empty;
                return p.Status == ResponsePlanStatus.New
                    ? Item(WorkSection.Plans, kind, p.Title, p.RegionCode, p.ResponseDueAt, null, now > p.ResponseDueAt, (now > p.ResponseDueAt ? "超期未响应" : "待首次响应") + manual, $"/Market/Plans/Details/{p.Id}")
                    : Item(WorkSection.Plans, mine ? kind : "一单一策", p.Title, p.RegionCode, null, p.UpdatedAt, false, p.Status.Chinese() + manual, $"/Market/Plans/Details/{p.Id}");
            }));
        }

        if (q.Orders() is { } orderQuery && parts.Orders > 0)
        {
            var orders = await orderQuery.OrderBy(o => o.UpdatedAt).Take(PerSection)
                .Select(o => new { o.Id, o.Title, o.RegionCode, o.Status, o.UpdatedAt, o.BuyerOrganizationId, o.ProviderWorkerId }).ToListAsync(ct);
            items.AddRange(orders.Select(o => Item(WorkSection.Orders, "订单待办", o.Title, o.RegionCode, null, o.UpdatedAt, false, NextStep(actor, o.Status, o.BuyerOrganizationId, o.ProviderWorkerId), $"/Market/Orders/Details/{o.Id}")));
        }

        if (q.Linkage() is { } linkage && parts.Linkage > 0)
        {
            var tasks = await linkage.OrderBy(t => t.DueOn).Take(PerSection).Select(t => new { t.Id, t.Title, t.RegionCode, t.DueOn, t.AssignedByName }).ToListAsync(ct);
            items.AddRange(tasks.Select(t => Item(WorkSection.Linkage, "联动任务", t.Title, t.RegionCode, EndOfChinaDay(t.DueOn), null, false,
                $"{t.DueOn:yyyy-MM-dd}截止" + (t.AssignedByName is null ? string.Empty : $"，{t.AssignedByName}下达"), $"/Indicators/LinkageTask/{t.Id}")));
        }

        if (q.Activities() is { } activityQuery && parts.Activities > 0)
        {
            var activities = await activityQuery.OrderBy(a => a.StartsOn).Take(PerSection)
                .Select(a => new { a.Id, a.Title, a.RegionCode, a.StartsOn, a.Venue, Registered = db.ActivityParticipants.Where(p => p.ActivityId == a.Id && p.Status != Kexie.Domain.Popularization.ParticipantStatus.Declined).Sum(p => p.Headcount), CheckedIn = db.ActivityParticipants.Where(p => p.ActivityId == a.Id && p.CheckedInAt != null).Sum(p => p.Headcount) })
                .ToListAsync(ct);
            items.AddRange(activities.Select(a => Item(WorkSection.Activities, "近期科普活动", a.Title, a.RegionCode, StartOfChinaDay(a.StartsOn), null, false,
                $"{a.Venue}，已报名{a.Registered}人、已签到{a.CheckedIn}人", $"/Popularization/Activities/Details/{a.Id}")));
        }

        foreach (var source in sources.Where(s => s.AppliesTo(actor)))
        {
            items.AddRange(await source.ItemsAsync(actor, now, ct));
        }

        var names = await Pages.Lookups.RegionNamesAsync(db, items.Where(i => i.RegionCode is not null).Select(i => i.RegionCode!), ct);
        var ordered = items
            .Select(i => i with { RegionName = i.RegionCode is null ? string.Empty : Short(names.GetValueOrDefault(i.RegionCode, i.RegionCode)) })
            .OrderBy(i => i.DueAt is null ? 1 : 0)
            // An overseer's reading after what waits for action: 审计关注, then 近期变更, each the newest first.
            .ThenBy(i => i.Section switch { WorkSection.Oversight => 1, WorkSection.Changes => 2, _ => 0 })
            .ThenBy(i => i.Section is WorkSection.Changes or WorkSection.Oversight ? -(i.Since?.UtcTicks ?? 0) : (i.DueAt ?? i.Since ?? DateTimeOffset.MaxValue).UtcTicks)
            .ThenBy(i => i.Title, StringComparer.Ordinal)
            .ToList();
        return new WorkbenchDto(ordered, counts, now);
    }

    /// <summary>The county and below of a region's full name ("四川省 遂宁市 大英县 蓬莱镇" → "大英县 蓬莱镇"; a county keeps its city).</summary>
    private static string Short(string fullName)
    {
        var parts = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 2 ? string.Join(' ', parts[^2..]) : fullName;
    }

    /// <summary>What the caller does next on an order in <paramref name="status"/>.</summary>
    private static string NextStep(Actor actor, OrderStatus status, Guid buyer, Guid provider)
    {
        var asBuyer = actor.OrganizationId == buyer;
        var asProvider = actor.ScienceWorkerId == provider;
        return status switch
        {
            OrderStatus.Inquiry => "询价待确认签约",
            OrderStatus.Agreed when asProvider => "已签约，待开始履约",
            OrderStatus.InDelivery when asBuyer => "履约中，待验收",
            OrderStatus.Accepted when asProvider => "已验收，待确认收款结算",
            OrderStatus.Disputed => "纠纷待调解",
            _ => status.Chinese(),
        };
    }

    /// <summary>One item (times shown in China time; <see cref="WorkItemDto.RegionName"/> is filled in when the list is put together).</summary>
    public static WorkItemDto Item(WorkSection section, string kind, string title, string? region, DateTimeOffset? due, DateTimeOffset? since, bool overdue, string note, string link) =>
        new(section, kind, title, region, string.Empty, due?.ToOffset(MarketRules.ChinaOffset), since?.ToOffset(MarketRules.ChinaOffset), overdue, note, link);

    private static DateTimeOffset StartOfChinaDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), MarketRules.ChinaOffset);

    private static DateTimeOffset EndOfChinaDay(DateOnly day) => new(day.ToDateTime(new TimeOnly(23, 59)), MarketRules.ChinaOffset);

    /// <summary>
    /// The queries of each section for one caller at one instant (shared by the counts and the list). A section the caller
    /// has no part in is null, not a query that finds nothing: it costs no round trip on every signed-in page's badge.
    /// </summary>
    private sealed class Queries(KexieDbContext db, Actor actor, AccessPolicy policy, DateTimeOffset now)
    {
        private readonly string me = actor.UserId!;

        public bool MayReview(Permission permission) => actor.ManagedScope is not null && policy.Can(actor, permission);

        public IQueryable<T> Submitted<T>(IQueryable<T> set)
            where T : Reviewable => set.AsNoTracking().InScope(actor).Where(x => x.Status == ReviewStatus.Submitted);

        public IQueryable<ThinkTankTopic> Topics()
        {
            var calls = db.ThinkTankCalls.AsNoTracking().InScope(actor).Select(c => c.Id);
            return db.ThinkTankTopics.AsNoTracking().Where(t => (t.Status == TopicStatus.Submitted || t.Status == TopicStatus.UnderReview) && calls.Contains(t.CallId));
        }

        /// <summary>
        /// Every built-in section's count and the unread notifications in one statement (scalar subqueries on the caller's own
        /// account row): a section the caller has no part in is an empty subquery (<c>WHERE FALSE</c>), which the database
        /// answers without reading. A caller whose account row is gone has nothing waiting.
        /// </summary>
        public async Task<(Parts Parts, Dictionary<WorkSection, int> Sources)> CountAsync(IQueryable<Notification> unread, IReadOnlyDictionary<WorkSection, IQueryable<int>> sources, CancellationToken ct)
        {
            // The features' sources by section (a section none of them counts for the caller: an empty subquery).
            IQueryable<int> Source(WorkSection section) => sources.GetValueOrDefault(section) ?? db.Users.Where(_ => false).Select(_ => 1);
            var sourceReview = Source(WorkSection.Review);
            var sourcePlans = Source(WorkSection.Plans);
            var sourceOrders = Source(WorkSection.Orders);
            var sourceLinkage = Source(WorkSection.Linkage);
            var sourceChanges = Source(WorkSection.Changes);
            var sourceOversight = Source(WorkSection.Oversight);
            var sourceActivities = Source(WorkSection.Activities);
            var needs = MayReview(MarketPermissions.ReviewNeeds) ? Submitted(db.Needs) : db.Needs.Where(_ => false);
            var offers = MayReview(MarketPermissions.ReviewOffers) ? Submitted(db.Offers) : db.Offers.Where(_ => false);
            var fairProjects = MayReview(MarketPermissions.ReviewFairProjects) ? Submitted(db.FairProjects) : db.FairProjects.Where(_ => false);
            var contents = MayReview(PopularizationPermissions.ReviewContents) ? Submitted(db.ScienceContents) : db.ScienceContents.Where(_ => false);
            var topics = MayReview(ThinkTankPermissions.ReviewTopics) ? Topics() : db.ThinkTankTopics.Where(_ => false);
            var myReviews = MyReviews() ?? db.ExpertAssignments.Where(_ => false);
            var plans = Plans() ?? db.ResponsePlans.Where(_ => false);
            var orders = Orders() ?? db.Orders.Where(_ => false);
            var linkage = Linkage() ?? db.LinkageTasks.Where(_ => false);
            var activities = Activities() ?? db.PopularizationActivities.Where(_ => false);
            var row = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => new
            {
                Needs = needs.Count(),
                Offers = offers.Count(),
                FairProjects = fairProjects.Count(),
                Contents = contents.Count(),
                Topics = topics.Count(),
                MyReviews = myReviews.Count(),
                Plans = plans.Count(),
                Orders = orders.Count(),
                Linkage = linkage.Count(),
                Activities = activities.Count(),
                Unread = unread.Count(),
                SourceReview = sourceReview.Count(),
                SourcePlans = sourcePlans.Count(),
                SourceOrders = sourceOrders.Count(),
                SourceLinkage = sourceLinkage.Count(),
                SourceChanges = sourceChanges.Count(),
                SourceOversight = sourceOversight.Count(),
                SourceActivities = sourceActivities.Count(),
            }).SingleOrDefaultAsync(ct);
            if (row is null)
            {
                return (new Parts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), []);
            }

            var fromSources = new Dictionary<WorkSection, int>
            {
                [WorkSection.Review] = row.SourceReview,
                [WorkSection.Plans] = row.SourcePlans,
                [WorkSection.Orders] = row.SourceOrders,
                [WorkSection.Linkage] = row.SourceLinkage,
                [WorkSection.Changes] = row.SourceChanges,
                [WorkSection.Oversight] = row.SourceOversight,
                [WorkSection.Activities] = row.SourceActivities,
            };
            return (new Parts(row.Needs, row.Offers, row.FairProjects, row.Contents, row.Topics, row.MyReviews, row.Plans, row.Orders, row.Linkage, row.Activities, row.Unread),
                fromSources.Where(x => sources.ContainsKey(x.Key)).ToDictionary(x => x.Key, x => x.Value));
        }

        /// <summary>Think-tank assignments of the caller as an expert (<see cref="ThinkTankPermissions.ScoreTopics"/>) not yet scored, on topics still under review.</summary>
        public IQueryable<ExpertAssignment>? MyReviews()
        {
            var worker = actor.ScienceWorkerId;
            if (worker is null || !policy.Can(actor, ThinkTankPermissions.ScoreTopics))
            {
                return null;
            }

            var open = db.ThinkTankTopics.AsNoTracking().Where(t => t.Status == TopicStatus.Submitted || t.Status == TopicStatus.UnderReview).Select(t => t.Id);
            return db.ExpertAssignments.AsNoTracking().Where(a => a.ExpertWorkerId == worker && a.Status == AssignmentStatus.Assigned && open.Contains(a.TopicId));
        }

        /// <summary>
        /// Open plans the caller handles; for service-centre staff also the unassigned new plans of their region; for
        /// association admins also the overdue ones of their region.
        /// </summary>
        public IQueryable<ResponsePlan>? Plans()
        {
            var open = db.ResponsePlans.AsNoTracking().Where(p => p.Status == ResponsePlanStatus.New || p.Status == ResponsePlanStatus.Responded || p.Status == ResponsePlanStatus.Negotiating);
            if (actor.ManagedScope is null || !policy.Can(actor, MarketPermissions.HandlePlans))
            {
                return null;
            }

            var scoped = open.InScope(actor);
            // Those who handle plans but do not review (service-centre staff) pick up the unassigned ones; reviewers watch the overdue.
            return !policy.Can(actor, MarketPermissions.ReviewNeeds)
                ? scoped.Where(p => p.HandlerUserId == me || (p.HandlerUserId == null && p.Status == ResponsePlanStatus.New))
                : scoped.Where(p => p.HandlerUserId == me || (p.Status == ResponsePlanStatus.New && p.ResponseDueAt < now));
        }

        /// <summary>Orders whose next step is the caller's (as buyer or provider), and disputes of the region for its managers.</summary>
        public IQueryable<Order>? Orders()
        {
            var orders = db.Orders.AsNoTracking();
            var buyer = actor.OrganizationId;
            var provider = actor.ScienceWorkerId;
            var mayResolve = actor.ManagedScope is not null && policy.Can(actor, MarketPermissions.ResolveOrders);
            if (buyer is null && provider is null && !mayResolve)
            {
                return null;
            }

            var disputes = mayResolve ? orders.InScope(actor).Where(o => o.Status == OrderStatus.Disputed).Select(o => o.Id) : orders.Where(_ => false).Select(o => o.Id);
            return orders.Where(o =>
                (buyer != null && o.BuyerOrganizationId == buyer && ((o.Status == OrderStatus.Inquiry && o.InitiatedBy != OrderParty.Buyer) || o.Status == OrderStatus.InDelivery))
                || (provider != null && o.ProviderWorkerId == provider && ((o.Status == OrderStatus.Inquiry && o.InitiatedBy != OrderParty.Provider) || o.Status == OrderStatus.Agreed || o.Status == OrderStatus.Accepted))
                || disputes.Contains(o.Id));
        }

        /// <summary>Linkage tasks assigned to the caller's own region, not yet past their due day.</summary>
        public IQueryable<Kexie.Domain.Indicators.LinkageTask>? Linkage()
        {
            if (!policy.Can(actor, Kexie.Web.Features.Indicators.IndicatorPermissions.CommentLinkage) || actor.ManagedScope is not { Length: > 0 } scope)
            {
                return null;
            }

            var today = MarketRules.ChinaDate(now);
            return db.LinkageTasks.AsNoTracking().InScope(actor).Where(t => t.RegionCode == scope && t.DueOn >= today && t.StartsOn <= today);
        }

        /// <summary>Open activities of the region that run today or start within <see cref="ActivityDays"/> days.</summary>
        public IQueryable<PopularizationActivity>? Activities()
        {
            if (actor.ManagedScope is null || !policy.Can(actor, PopularizationPermissions.ManageActivities))
            {
                return null;
            }

            var today = MarketRules.ChinaDate(now);
            var horizon = today.AddDays(ActivityDays);
            return db.PopularizationActivities.AsNoTracking().InScope(actor).Where(a => a.Status == ActivityStatus.Open && a.EndsOn >= today && a.StartsOn <= horizon);
        }
    }
}
