using System.Globalization;
using Kexie.Data;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Pages.Market;

/// <summary>How the market pages write money, prices, statuses and names in Chinese.</summary>
public static class MarketText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>12,345.00 元; from 1 万 on also “（1.23万元）”.</summary>
    public static string Yuan(decimal? amount)
    {
        if (amount is not { } value)
        {
            return "—";
        }

        var text = value.ToString("#,##0.00", Invariant) + " 元";
        return Math.Abs(value) >= 10_000m ? $"{text}（{Wan(value)}）" : text;
    }

    /// <summary>1.23万元 (up to two decimals), or plain 元 below 1 万.</summary>
    public static string Wan(decimal amount) =>
        Math.Abs(amount) >= 10_000m
            ? (amount / 10_000m).ToString("#,##0.##", Invariant) + "万元"
            : amount.ToString("#,##0.##", Invariant) + "元";

    /// <summary><see cref="Wan"/> in two parts, the number and its unit (万元 or 元), for a stat card that sets the unit smaller and never on a line of its own.</summary>
    public static (string Number, string Unit) WanParts(decimal amount) =>
        Math.Abs(amount) >= 10_000m
            ? ((amount / 10_000m).ToString("#,##0.##", Invariant), "万元")
            : (amount.ToString("#,##0.##", Invariant), "元");

    public static string Price(PriceMode mode, decimal? min, decimal? max, string? unit)
    {
        var per = string.IsNullOrWhiteSpace(unit) ? string.Empty : " / " + unit;
        return mode switch
        {
            PriceMode.Fixed when min is { } m => Wan(m) + per,
            PriceMode.Range when min is { } a && max is { } b => $"{Wan(a)}–{Wan(b)}{per}",
            PriceMode.Range when min is { } a => $"{Wan(a)}起{per}",
            PriceMode.Range when max is { } b => $"不超过{Wan(b)}{per}",
            _ => "面议",
        };
    }

    public static string Budget(decimal? min, decimal? max) => (min, max) switch
    {
        (null, null) => "面议",
        ({ } a, { } b) when a == b => Wan(a),
        ({ } a, { } b) => $"{Wan(a)}–{Wan(b)}",
        ({ } a, null) => $"{Wan(a)}以上",
        (null, { } b) => $"不超过{Wan(b)}",
    };

    public static string PriceModeName(PriceMode mode) => mode switch
    {
        PriceMode.Fixed => "固定价格",
        PriceMode.Range => "价格区间",
        _ => "面议",
    };

    public static string VisibilityName(NeedVisibility visibility) => visibility == NeedVisibility.Restricted ? "仅登录用户可见" : "公开";

    public static string ChannelName(ContactChannel channel) => channel switch
    {
        ContactChannel.Phone => "电话",
        ContactChannel.Visit => "上门走访",
        ContactChannel.PlatformMessage => "平台消息",
        ContactChannel.Email => "电子邮件",
        ContactChannel.WeChat => "微信",
        ContactChannel.Meeting => "会议洽谈",
        _ => "其他",
    };

    public static string FairStatusName(FairStatus status) => status == FairStatus.Open ? "进行中" : "已闭幕";

    public static string ReviewBadge(ReviewStatus status) => status switch
    {
        ReviewStatus.Published => "badge-ok",
        ReviewStatus.Submitted => "badge-warn",
        ReviewStatus.Returned or ReviewStatus.Rejected => "badge-danger",
        ReviewStatus.Draft => "badge",
        _ => "badge-off",
    };

    public static string OrderBadge(OrderStatus status) => status switch
    {
        OrderStatus.Settled => "badge-ok",
        OrderStatus.Accepted or OrderStatus.InDelivery or OrderStatus.Agreed => "badge",
        OrderStatus.Inquiry => "badge-warn",
        OrderStatus.Disputed => "badge-danger",
        _ => "badge-off",
    };

    public static string PlanBadge(ResponsePlanStatus status, bool overdue) => overdue
        ? "badge-danger"
        : status switch
        {
            ResponsePlanStatus.Deal => "badge-ok",
            ResponsePlanStatus.New => "badge-warn",
            ResponsePlanStatus.ClosedWithoutDeal => "badge-off",
            _ => "badge",
        };

    public static string Stars(int stars) => new string('★', Math.Clamp(stars, 0, 5)) + new string('☆', 5 - Math.Clamp(stars, 0, 5));

    public static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", Invariant) ?? "—";

    public static string Cst(DateTimeOffset? at) => at is { } value ? Lookups.Cst(value) : "—";

    /// <summary>
    /// Workers' names as <paramref name="viewer"/> may see them (<see cref="Kexie.Domain.Authorization.DirectoryAccess.WorkersVisibleTo"/>:
    /// public profiles, one's own, those of the region one manages); any other is "（未公开姓名）". <paramref name="parties"/>: the
    /// viewer deals with these workers directly (an order's parties), so they are named.
    /// </summary>
    public static async Task<Dictionary<Guid, string>> WorkerNamesAsync(KexieDbContext db, IEnumerable<Guid> ids, Kexie.Domain.Identity.Actor viewer, bool parties = false, CancellationToken ct = default)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var workers = db.ScienceWorkers.AsNoTracking().Where(w => wanted.Contains(w.Id));
        var all = await workers.Select(w => new { w.Id, w.Name }).ToListAsync(ct);
        var named = parties
            ? all.Select(w => w.Id).ToHashSet()
            : (await workers.Where(Kexie.Domain.Authorization.DirectoryAccess.WorkersVisibleTo(viewer)).Select(w => w.Id).ToListAsync(ct)).ToHashSet();
        return all.ToDictionary(w => w.Id, w => named.Contains(w.Id) ? w.Name : "（未公开姓名）");
    }

    public static async Task<Dictionary<Guid, string>> OrganizationNamesAsync(KexieDbContext db, IEnumerable<Guid> ids, CancellationToken ct = default)
    {
        var wanted = ids.Distinct().ToList();
        return wanted.Count == 0
            ? []
            : await db.Organizations.AsNoTracking().Where(o => wanted.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    public static async Task<Dictionary<string, string>> IndustryNamesAsync(KexieDbContext db, IEnumerable<string> codes, CancellationToken ct = default)
    {
        var wanted = codes.Distinct().ToList();
        return wanted.Count == 0
            ? []
            : await db.Industries.AsNoTracking().Where(i => wanted.Contains(i.Code)).ToDictionaryAsync(i => i.Code, i => i.Name, ct);
    }

    /// <summary>“化学工程（530）、…” for a list of codes.</summary>
    public static string CodeList(IEnumerable<string> codes, IReadOnlyDictionary<string, string> names)
    {
        var list = codes.Select(c => names.TryGetValue(c, out var n) ? $"{n}（{c}）" : c).ToList();
        return list.Count == 0 ? "—" : string.Join("、", list);
    }
}

/// <summary>Pick lists for the market forms (the services validate every choice).</summary>
public static class MarketLookups
{
    /// <summary>Accounts that may handle a plan of <paramref name="regionCode"/>: service-centre staff and association admins whose region contains it.</summary>
    public static async Task<Dictionary<Guid, string>> OfferTitlesAsync(KexieDbContext db, IEnumerable<Guid> ids, CancellationToken ct = default)
    {
        var wanted = ids.Distinct().ToList();
        return wanted.Count == 0 ? [] : await db.Offers.AsNoTracking().Where(o => wanted.Contains(o.Id)).Select(o => new { o.Id, o.Title }).ToDictionaryAsync(o => o.Id, o => o.Title, ct);
    }

    public static async Task<Dictionary<Guid, string>> NeedTitlesAsync(KexieDbContext db, IEnumerable<Guid> ids, CancellationToken ct = default)
    {
        var wanted = ids.Distinct().ToList();
        return wanted.Count == 0 ? [] : await db.Needs.AsNoTracking().Where(n => wanted.Contains(n.Id)).Select(n => new { n.Id, n.Title }).ToDictionaryAsync(n => n.Id, n => n.Title, ct);
    }
}
