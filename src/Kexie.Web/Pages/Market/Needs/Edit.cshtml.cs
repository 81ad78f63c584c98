using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Market;
using Kexie.Web.Features.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Pages.Market.Needs;

[Authorize]
public sealed class EditModel(NeedService needs, KexieDbContext db, RichTextSanitizer richText) : MarketPageModel
{
    public sealed class NeedInput
    {
        public string? Title { get; set; }
        public string? Problem { get; set; }
        public string? OrganizationId { get; set; }
        public string? IndustryCodes { get; set; }
        public string? DisciplineCodes { get; set; }
        public string? BudgetMin { get; set; }
        public string? BudgetMax { get; set; }
        public string? Deadline { get; set; }
        public string? RegionCode { get; set; }
        public string? Visibility { get; set; }
        public int? Version { get; set; }
    }

    [BindProperty]
    public NeedInput Input { get; set; } = new();

    public Guid? Id { get; private set; }

    public List<CodeName> RegionOptions { get; private set; } = [];

    public List<CodeName> DisciplineOptions { get; private set; } = [];

    public List<CodeName> IndustryOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var n = await needs.GetAsync(Actor, existing, ct);
            if (Actor.OrganizationId != n.OrganizationId && !(Actor.IsRegionManager && Actor.Manages(n.RegionCode)))
            {
                return ForbiddenPage("只有发布单位或本地区服务人员可以修改该科技需求");
            }

            if (n.Status is not (ReviewStatus.Draft or ReviewStatus.Returned or ReviewStatus.Withdrawn))
            {
                return StatusPage(new StatusInfo(409, "当前状态不允许修改", n.Status == ReviewStatus.Published ? "已发布的科技需求不能直接修改，请先撤回" : $"科技需求当前状态为“{n.StatusName}”，不能修改"));
            }

            var inv = System.Globalization.CultureInfo.InvariantCulture;
            Input = new NeedInput
            {
                Title = n.Title, Problem = RichTextForm.ToEditor(n.Problem, richText), OrganizationId = n.OrganizationId.ToString(), IndustryCodes = string.Join(",", n.IndustryCodes),
                DisciplineCodes = string.Join(",", n.DisciplineCodes), BudgetMin = n.BudgetMin?.ToString("0.##", inv), BudgetMax = n.BudgetMax?.ToString("0.##", inv),
                Deadline = n.Deadline?.ToString("yyyy-MM-dd", inv), RegionCode = n.RegionCode, Visibility = n.Visibility.ToString(), Version = n.Version,
            };
        }
        else
        {
            if (Actor.OrganizationId is null && !Actor.IsRegionManager)
            {
                return ForbiddenPage("只有单位用户或服务中心工作人员可以发布科技需求");
            }

            var region = Actor.OrganizationId is { } org
                ? await db.Organizations.Where(o => o.Id == org).Select(o => o.RegionCode).FirstOrDefaultAsync(ct)
                : Actor.ManagedScope is { Length: >= 6 } scope ? scope : null;
            Input = new NeedInput { RegionCode = region, Visibility = nameof(NeedVisibility.Public) };
        }

        await LoadOptionsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        try
        {
            var request = new NeedRequest(
                Input.Title, RichTextForm.FromEditor(Input.Problem), ParseGuid(Input.OrganizationId, "organizationId", "需求单位"), Codes(Input.IndustryCodes), Codes(Input.DisciplineCodes),
                ParseYuan(Input.BudgetMin, "budgetMin", "预算下限"), ParseYuan(Input.BudgetMax, "budgetMax", "预算上限"),
                ParseDate(Input.Deadline, "deadline", "期望解决日期"), Input.RegionCode,
                ParseEnum<NeedVisibility>(Input.Visibility, "visibility", "可见范围", NeedVisibility.Public));
            var saved = id is { } existing
                ? await needs.UpdateAsync(Actor, existing, request, Input.Version, ct)
                : await needs.CreateAsync(Actor, request, ct);
            Notice = id is null ? $"已保存草稿“{saved.Title}”，确认无误后请提交审核" : $"已保存“{saved.Title}”";
            return Redirect($"/Market/Needs/Details/{saved.Id}");
        }
        catch (DomainValidationException e)
        {
            AddError<NeedInput>(e);
        }

        await LoadOptionsAsync(ct);
        return Page();
    }

    private async Task LoadOptionsAsync(CancellationToken ct)
    {
        RegionOptions = await Lookups.RegionOptionsAsync(db, Lookups.RootFor(Actor), ct);
        DisciplineOptions = await Lookups.DisciplinesAsync(db, 2, ct);
        IndustryOptions = await Lookups.IndustriesAsync(db, ct);
    }
}
