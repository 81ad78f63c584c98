using Kexie.Data;
using Kexie.Domain.Market;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Contents;

/// <summary>One item: the public reading view (counted), with the review steps for its editors and reviewers.</summary>
public sealed class DetailsModel(ScienceContentService contents, KexieDbContext db) : MarketPageModel
{
    public ScienceContentDto Item { get; private set; } = null!;

    public string RegionName { get; private set; } = string.Empty;

    public bool IsEditor { get; private set; }

    public bool IsReviewer { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Item = await contents.GetAsync(Actor, id, true, ct);
        IsEditor = Item.ReviewHistory is not null && Can(Kexie.Web.Features.Popularization.PopularizationPermissions.EditContents, Item.RegionCode);
        IsReviewer = Can(Kexie.Web.Features.Popularization.PopularizationPermissions.ReviewContents, Item.RegionCode);
        RegionName = (await Lookups.RegionNamesAsync(db, [Item.RegionCode], ct)).GetValueOrDefault(Item.RegionCode, Item.RegionCode);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.EditContents))]
    public async Task<IActionResult> OnPostStepAsync(Guid id, string step, int version, string? reason, CancellationToken ct)
    {
        var (action, done) = step switch
        {
            "submit" => ((Action<Kexie.Domain.Popularization.ScienceContent>)(c => c.Submit(Actor)), "已提交审核"),
            "publish" => (c => c.Publish(Actor), "已审核发布"),
            "return" => (c => c.Return(Actor, reason), "已退回修改"),
            "reject" => (c => c.Reject(Actor, reason), "已不予发布"),
            "withdraw" => (c => c.Withdraw(Actor, reason), "已撤回"),
            "close" => (c => c.Close(Actor, reason), "已下架"),
            _ => throw new Kexie.Domain.Common.DomainValidationException("step", "未知的操作"),
        };
        // Review steps need the review permission too (the domain asks only for a manager of the content's region).
        if (step is "publish" or "return" or "reject" && !Can(Kexie.Web.Features.Popularization.PopularizationPermissions.ReviewContents))
        {
            return ForbiddenPage("您的角色没有“审核科普资源”的权限");
        }

        await contents.TransitionAsync(Actor, id, action, version, ct);
        return BackWithNotice(done);
    }
}
