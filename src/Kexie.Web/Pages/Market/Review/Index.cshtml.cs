using Kexie.Data;
using Kexie.Domain.Market;
using Kexie.Web.Features.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Market.Review;

/// <summary>审核: what waits for the association in the admin's region — offers, needs and fair projects.</summary>
[Authorize]
public sealed class IndexModel(OfferService offers, NeedService needs, FairService fairs, KexieDbContext db) : MarketPageModel
{
    public IReadOnlyList<OfferSummaryDto> Offers { get; private set; } = [];

    public IReadOnlyList<NeedSummaryDto> Needs { get; private set; } = [];

    public List<(FairDto Fair, FairProjectDto Project)> Projects { get; private set; } = [];

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Can(Kexie.Web.Features.Market.MarketPermissions.ReviewNeeds) && !Can(Kexie.Web.Features.Market.MarketPermissions.ReviewOffers) && !Can(Kexie.Web.Features.Market.MarketPermissions.ReviewFairProjects))
        {
            return ForbiddenPage("只有科协管理员可以审核");
        }

        var scope = string.IsNullOrEmpty(Actor.ManagedScope) ? null : Actor.ManagedScope;
        Offers = (await offers.ListAsync(Actor, new OfferFilter(Region: scope, Status: ReviewStatus.Submitted, Sort: "oldest", PageSize: 100), ct)).Items;
        Needs = (await needs.ListAsync(Actor, new NeedFilter(Region: scope, Status: ReviewStatus.Submitted, Sort: "oldest", PageSize: 100), ct)).Items;
        foreach (var fair in (await fairs.ListAsync(null, null, 1, 100, ct)).Items)
        {
            foreach (var project in await fairs.ProjectsAsync(Actor, fair.Id, ReviewStatus.Submitted, ct))
            {
                if (Can(Kexie.Web.Features.Market.MarketPermissions.ReviewFairProjects, project.RegionCode))
                {
                    Projects.Add((fair, project));
                }
            }
        }

        RegionNames = await Lookups.RegionNamesAsync(db, Offers.Select(o => o.RegionCode).Concat(Needs.Select(n => n.RegionCode)).Concat(Projects.Select(p => p.Project.RegionCode)), ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.ReviewOffers))]
    public async Task<IActionResult> OnPostOfferAsync(Guid id, int? version, string? decision, string? reason, CancellationToken ct)
    {
        var offer = await offers.TransitionAsync(Actor, id, o => Decide(decision, () => o.Publish(Actor), () => o.Return(Actor, reason), () => o.Reject(Actor, reason)), version, ct);
        return BackWithNotice($"科技所能“{offer.Title}”：{offer.StatusName}");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.ReviewNeeds))]
    public async Task<IActionResult> OnPostNeedAsync(Guid id, int? version, string? decision, string? reason, CancellationToken ct)
    {
        var need = decision == "publish"
            ? await needs.PublishAsync(Actor, id, version, ct)
            : await needs.TransitionAsync(Actor, id, n => Decide(decision, () => throw new InvalidOperationException(), () => n.Return(Actor, reason), () => n.Reject(Actor, reason)), version, ct);
        return BackWithNotice($"科技需求“{need.Title}”：{need.StatusName}" + (decision == "publish" ? "，已建立一单一策" : ""));
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.ReviewFairProjects))]
    public async Task<IActionResult> OnPostProjectAsync(Guid fairId, Guid id, int? version, string? decision, string? reason, CancellationToken ct)
    {
        var project = await fairs.ProjectTransitionAsync(Actor, fairId, id, p => Decide(decision, () => p.Select(Actor), () => p.Return(Actor, reason), () => p.Reject(Actor, reason)), version, ct);
        return BackWithNotice($"科创会项目“{project.Title}”：{project.StatusName}");
    }

    private static void Decide(string? decision, Action publish, Action @return, Action reject)
    {
        switch (decision)
        {
            case "publish":
                publish();
                break;
            case "return":
                @return();
                break;
            case "reject":
                reject();
                break;
            default:
                throw new Kexie.Domain.Common.DomainValidationException("decision", "请选择审核结果");
        }
    }
}
