using Kexie.Data;
using Microsoft.EntityFrameworkCore;
using Kexie.Web.Features.Directory;
using Kexie.Web.Features.Market;
using Kexie.Web.Features.Regions;
using Kexie.Web.Features.Workbench;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Pages;

public sealed class IndexModel(
    ScienceWorkerService workers,
    OrganizationService organizations,
    AssociationService associations,
    ServiceAgencyService agencies,
    Kexie.Web.Features.Talent.ExpertService experts,
    RegionQueries regions,
    MarketStatsService market,
    WorkbenchService workbench,
    FrontPageCache frontPage,
    IOptions<SiteOptions> site,
    KexieDbContext db) : KexiePageModel
{
    /// <summary>我的工作台 of the signed-in user (null for visitors).</summary>
    public WorkbenchDto? Workbench { get; private set; }

    /// <summary>An organization user not yet linked: their latest 单位入驻申请 (organization, status, reviewing county, reason).</summary>
    public MyApplication? Application { get; private set; }

    public sealed record MyApplication(string OrganizationName, Kexie.Domain.Directory.OrganizationApplicationStatus Status, string RegionName, DateTimeOffset SubmittedAt, string? ReturnReason);

    /// <summary>The region the public front page speaks for (<c>Site:RegionCode</c>), e.g. 大英县; null: the whole platform.</summary>
    public string? SiteRegionName { get; private set; }

    /// <summary>The region subtree the counts are for (null: everything the actor may see).</summary>
    public string? Scope { get; private set; }

    public string ScopeName { get; private set; } = "全国";

    /// <summary>
    /// What the figures are for, as the workbench's heading says it: 管理范围 for managers (监督范围 for an overseer who manages no account); for a signed-in user without a
    /// managed region (a researcher, a company's engineer) 所在地区, their account's region (the county they registered
    /// in): the public records there, plus their own; 公开信息 when their region is unknown.
    /// </summary>
    public string ScopeLabel { get; private set; } = "公开信息";

    public int Workers { get; private set; }

    public int Organizations { get; private set; }

    public int Associations { get; private set; }

    public int Agencies { get; private set; }

    /// <summary>专家库 entries in the database (the public ones, plus the region's own for its managers).</summary>
    public int Experts { get; private set; }

    public int ChildRegions { get; private set; }

    /// <summary>The market counters of the same region (all time).</summary>
    public MarketStatsDto? Market { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = Actor;
        Scope = string.IsNullOrEmpty(actor.ManagedScope) ? null : actor.ManagedScope;
        if (actor.IsAuthenticated)
        {
            if (actor.ManagedScope is not null)
            {
                // An overseer who manages no account (审计员 by default) reads the region without managing it.
                ScopeLabel = Can(Kexie.Web.Features.Admin.AdminPermissions.Oversee) && !Can(Kexie.Web.Features.Admin.AdminPermissions.ManageUsers) ? "监督范围" : "管理范围";
            }
            else if (actor.RegionCode is { Length: > 0 } own && await db.Regions.AsNoTracking().AnyAsync(r => r.Code == own, ct))
            {
                // Not a manager: their own county's public figures (and their own records), not the whole country's.
                Scope = own;
                ScopeLabel = "所在地区";
            }

            Workbench = await workbench.GetAsync(actor, ct);
            // An organization sign-up waiting for (or refused by) the county: its state is shown on the workbench.
            if (actor.OrganizationId is null && Can(Kexie.Web.Features.SignUp.SignUpPermissions.InviteColleagues))
            {
                var latest = await db.OrganizationApplications.AsNoTracking().Where(a => a.UserId == actor.UserId)
                    .OrderByDescending(a => a.CreatedAt)
                    .Select(a => new
                    {
                        Organization = db.Organizations.Where(o => o.Id == a.OrganizationId).Select(o => o.Name).FirstOrDefault(),
                        County = db.Regions.Where(r => r.Code == a.RegionCode).Select(r => r.Name).FirstOrDefault(),
                        a.Status, a.CreatedAt, a.ReturnReason,
                    })
                    .FirstOrDefaultAsync(ct);
                if (latest is not null)
                {
                    Application = new MyApplication(latest.Organization ?? "您的单位", latest.Status, latest.County ?? "所在地", latest.CreatedAt, latest.ReturnReason);
                }
            }
        }
        else if (site.Value.RegionCode is { Length: > 0 } home && await db.Regions.AsNoTracking().Where(r => r.Code == home).Select(r => r.Name).FirstOrDefaultAsync(ct) is { } homeName)
        {
            // The visitor sees the site's own region: its counts are public records of that county.
            Scope = home;
            SiteRegionName = homeName;
        }

        // Visitors get the front page's counts from the per-node cache (a minute old at most). Signed-in users get
        // counts kept under the stamp of the region subtree they count, read first (one statement): a write of a counted
        // record there (or one whose region cannot be named) changes it, so the next view counts afresh. The key carries all of the actor that the counts depend on
        // (the managed subtree, their own worker profile and organization, which they see also when not public).
        Counts counts;
        if (!actor.IsAuthenticated)
        {
            counts = await frontPage.GetAsync($"front-page:{Scope}", () => CountAsync(actor, CancellationToken.None));
        }
        else
        {
            // The stamp of the counted subtree only: a write in another county leaves these counts as they are.
            var stamp = await Kexie.Data.FrontPageStamp.ReadAsync(db, Scope, ct);
            counts = await frontPage.GetAsync($"signed-in:{Scope}|{actor.ManagedScope}|{actor.ScienceWorkerId}|{actor.OrganizationId}", stamp, () => CountAsync(actor, CancellationToken.None));
        }

        (ScopeName, ChildRegions, Workers, Organizations, Associations, Agencies, Experts, Market) = counts;
    }

    private sealed record Counts(string ScopeName, int ChildRegions, int Workers, int Organizations, int Associations, int Agencies, int Experts, MarketStatsDto Market);

    private async Task<Counts> CountAsync(Kexie.Domain.Identity.Actor actor, CancellationToken ct)
    {
        var scopeName = ScopeName;
        int childRegions;
        if (Scope is not null)
        {
            scopeName = (await Lookups.RegionNamesAsync(db, [Scope], ct)).GetValueOrDefault(Scope, Scope);
            childRegions = (await regions.GetAsync(Scope, ct)).ChildCount;
        }
        else
        {
            childRegions = (await regions.ChildrenAsync(null, ct)).Count;
        }

        return new Counts(
            scopeName,
            childRegions,
            await workers.Filter(actor, new ScienceWorkerFilter(Region: Scope)).CountAsync(ct),
            await organizations.Filter(actor, new OrganizationFilter(Region: Scope)).CountAsync(ct),
            (await associations.ListAsync(null, Scope, null, 1, 1, ct)).Total,
            (await agencies.ListAsync(actor, null, Scope, 1, 1, ct)).Total,
            (await experts.ListAsync(actor, null, Scope, null, Kexie.Domain.Talent.ExpertStatus.Active, 1, 1, ct)).Total,
            await market.GetAsync(Scope, null, null, ct));
    }
}
