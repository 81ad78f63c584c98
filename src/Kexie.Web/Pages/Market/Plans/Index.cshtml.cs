using Kexie.Data;
using Kexie.Domain.Market;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Market.Plans;

[Authorize]
public sealed class IndexModel(ResponsePlanService plans, KexieDbContext db) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    /// <summary>Only the plans the viewer handles (the default for those who handle plans but do not review: service-centre staff).</summary>
    [BindProperty(SupportsGet = true)] public bool? Mine { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public bool OnlyMine => Mine ?? !Can(Kexie.Web.Features.Market.MarketPermissions.ReviewNeeds);

    public PagedResult<PlanSummaryDto> Result { get; private set; } = new([], 0, 1, 20);

    public Dictionary<Guid, string> NeedTitles { get; private set; } = [];

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public string? FilterError { get; private set; }

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Market/Plans", new Dictionary<string, string?>
    {
        ["region"] = Region, ["status"] = Status, ["mine"] = OnlyMine ? "true" : "false",
    });

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Can(Kexie.Web.Features.Market.MarketPermissions.Oversee))
        {
            return ForbiddenPage("只有服务中心工作人员、科协管理员和审计员可以查看一单一策列表；单位用户请在本单位需求详情中查看进度");
        }

        try
        {
            ResponsePlanStatus? status = Enum.TryParse<ResponsePlanStatus>(Status, true, out var s) && Enum.IsDefined(s) ? s : null;
            Result = await plans.ListAsync(Actor, Region, status, OnlyMine, PageNumber, 20, ct);
        }
        catch (Kexie.Domain.Common.DomainValidationException e)
        {
            FilterError = e.Message;
        }

        NeedTitles = await MarketLookups.NeedTitlesAsync(db, Result.Items.Select(p => p.NeedId), ct);
        RegionNames = await Lookups.RegionNamesAsync(db, Result.Items.Select(p => p.RegionCode), ct);
        return Page();
    }
}
