using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Indicators;
using Kexie.Domain.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Market;

public sealed record OfferKindCount(OfferKind Kind, string KindName, int Count);

/// <summary>
/// The counters the annual reports quote, for one region subtree and one period. Period bounds are China dates
/// (inclusive); the instants compared are UTC. Published items are counted by publication time, also when withdrawn
/// or closed later; deals by agreement time, cancelled ones excluded — the definitions of the indicators and the
/// annual report (<see cref="StatisticDefinitions"/>, docs/decisions.md 27).
/// </summary>
public sealed record MarketStatsDto(
    string RegionCode,
    string? RegionName,
    DateOnly? From,
    DateOnly? To,
    DateTimeOffset? FromUtc,
    DateTimeOffset? ToUtc,
    int NeedsPublished,
    int OffersPublished,
    IReadOnlyList<OfferKindCount> OffersByKind,
    int OrdersCreated,
    int Deals,
    decimal DealValueYuan,
    int OrdersSettled,
    decimal SettledValueYuan,
    int AchievementsTransferred,
    int PlansOpened,
    int PlansResponded,
    int PlansOverdueNow,
    int FairProjectsSelected,
    int ServiceTickets,
    int WorkersRegistered,
    int OrganizationsRegistered);

public sealed class MarketStatsService(KexieDbContext db, TimeProvider clock)
{
    public async Task<MarketStatsDto> GetAsync(string? region, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        var code = MarketSupport.RegionFilter(region) ?? string.Empty;
        var (start, end) = MarketSupport.ChinaPeriod(from, to);

        // Needs, offers and deals by the definitions the indicators and the report use (StatisticDefinitions).
        var needs = db.Needs.AsNoTracking().Where(n => RegionScope.Within(n.RegionCode, code)).Where(StatisticDefinitions.NeedPublished);
        var offers = db.Offers.AsNoTracking().Where(o => RegionScope.Within(o.RegionCode, code)).Where(StatisticDefinitions.OfferPublished);
        var orders = db.Orders.AsNoTracking().Where(o => RegionScope.Within(o.RegionCode, code));
        var deals = orders.Where(StatisticDefinitions.IsDeal);
        var settled = orders.Where(o => o.Status == OrderStatus.Settled && o.SettledAt != null);
        var plans = db.ResponsePlans.AsNoTracking().Where(p => RegionScope.Within(p.RegionCode, code));
        var workers = db.ScienceWorkers.AsNoTracking().Where(w => RegionScope.Within(w.RegionCode, code));
        var organizations = db.Organizations.AsNoTracking().Where(o => RegionScope.Within(o.RegionCode, code));
        var tickets = db.ServiceTickets.AsNoTracking().Where(t => RegionScope.Within(t.RegionCode, code));
        var projects = db.FairProjects.AsNoTracking().Where(p => RegionScope.Within(p.RegionCode, code) && p.Status == ReviewStatus.Published);
        if (start is { } s)
        {
            needs = needs.Where(n => n.PublishedAt >= s);
            offers = offers.Where(o => o.PublishedAt >= s);
            deals = deals.Where(o => o.AgreedAt >= s);
            settled = settled.Where(o => o.SettledAt >= s);
            orders = orders.Where(o => o.CreatedAt >= s);
            plans = plans.Where(p => p.CreatedAt >= s);
            workers = workers.Where(w => w.CreatedAt >= s);
            organizations = organizations.Where(o => o.CreatedAt >= s);
            projects = projects.Where(p => p.PublishedAt >= s);
            var firstDay = from!.Value;
            tickets = tickets.Where(t => t.ServedOn >= firstDay);
        }

        if (end is { } e)
        {
            needs = needs.Where(n => n.PublishedAt < e);
            offers = offers.Where(o => o.PublishedAt < e);
            deals = deals.Where(o => o.AgreedAt < e);
            settled = settled.Where(o => o.SettledAt < e);
            orders = orders.Where(o => o.CreatedAt < e);
            plans = plans.Where(p => p.CreatedAt < e);
            workers = workers.Where(w => w.CreatedAt < e);
            organizations = organizations.Where(o => o.CreatedAt < e);
            projects = projects.Where(p => p.PublishedAt < e);
            var lastDay = to!.Value;
            tickets = tickets.Where(t => t.ServedOn <= lastDay);
        }

        var byKind = await offers.GroupBy(o => o.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);
        var now = clock.GetUtcNow();

        // Sums are taken over the amounts (not in SQL) so that SQLite's 分 conversion and PostgreSQL's numeric agree exactly.
        var dealAmounts = await deals.Select(o => o.ContractAmount).ToListAsync(ct);
        var settledAmounts = await settled.Select(o => o.ContractAmount).ToListAsync(ct);
        var name = code.Length == 0 ? "全国" : await db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => r.FullName).FirstOrDefaultAsync(ct);
        return new MarketStatsDto(
            code,
            name,
            from,
            to,
            start,
            end,
            await needs.CountAsync(ct),
            byKind.Sum(k => k.Count),
            Enum.GetValues<OfferKind>().Select(k => new OfferKindCount(k, k.Chinese(), byKind.FirstOrDefault(x => x.Kind == k)?.Count ?? 0)).ToList(),
            await orders.CountAsync(ct),
            dealAmounts.Count,
            dealAmounts.Sum(a => a ?? 0m),
            settledAmounts.Count,
            settledAmounts.Sum(a => a ?? 0m),
            await deals.CountAsync(o => o.OfferKind == OfferKind.Achievement, ct),
            await plans.CountAsync(ct),
            await plans.CountAsync(p => p.FirstRespondedAt != null, ct),
            await db.ResponsePlans.AsNoTracking().Where(p => RegionScope.Within(p.RegionCode, code)).Where(ResponsePlan.OverdueAt(now)).CountAsync(ct),
            await projects.CountAsync(ct),
            await tickets.CountAsync(ct),
            await workers.CountAsync(ct),
            await organizations.CountAsync(ct));
    }
}
