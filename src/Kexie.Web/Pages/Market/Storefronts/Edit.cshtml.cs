using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Web.Features.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Pages.Market.Storefronts;

/// <summary>Open (create) or edit a 科创工作室: a worker for themselves, or region staff for a worker they name.</summary>
[Authorize]
public sealed class EditModel(StorefrontService storefronts, RichTextSanitizer richText, KexieDbContext db) : MarketPageModel
{
    public sealed class StorefrontInput
    {
        public string? Name { get; set; }
        public string? TeamName { get; set; }
        public string? Introduction { get; set; }
        public string? RegionCode { get; set; }
        public string? MemberWorkerIds { get; set; }
        public string? OwnerWorkerId { get; set; }
    }

    [BindProperty]
    public StorefrontInput Input { get; set; } = new();

    public Guid? Id { get; private set; }

    public List<CodeName> RegionOptions { get; private set; } = [];

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditStorefronts))]
    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var s = (await storefronts.GetPageAsync(Actor, existing, ct)).Storefront;
            if (!s.Actions.Contains(Kexie.Domain.Market.StorefrontActions.Edit))
            {
                return ForbiddenPage("只有工作室负责人或本地区服务人员可以修改该工作室");
            }

            Input = new StorefrontInput
            {
                Name = s.Name, TeamName = s.TeamName, Introduction = RichTextForm.ToEditor(s.Introduction, richText), RegionCode = s.RegionCode,
                MemberWorkerIds = string.Join(",", s.MemberWorkerIds), OwnerWorkerId = s.OwnerWorkerId.ToString(),
            };
        }
        else
        {
            if (!Kexie.Domain.Market.Storefront.MayOpen(Actor))
            {
                return ForbiddenPage("只有科技工作者本人或服务中心工作人员可以开设科创工作室");
            }

            var region = Actor.ScienceWorkerId is { } self
                ? await db.ScienceWorkers.Where(w => w.Id == self).Select(w => w.RegionCode).FirstOrDefaultAsync(ct)
                : Actor.ManagedScope is { Length: >= 6 } scope ? scope : null;
            Input = new StorefrontInput { RegionCode = region };
        }

        await LoadOptionsAsync(ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditStorefronts))]
    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        try
        {
            var members = Codes(Input.MemberWorkerIds).Select(m => ParseGuid(m, "memberWorkerIds", "团队成员编号“" + m + "”")!.Value).ToArray();
            var request = new StorefrontRequest(
                Input.Name, Input.TeamName, RichTextForm.FromEditor(Input.Introduction), Input.RegionCode, members,
                id is null ? ParseGuid(Input.OwnerWorkerId, "ownerWorkerId", "工作室负责人") : null);
            var saved = id is { } existing
                ? await storefronts.UpdateAsync(Actor, existing, request, ct)
                : await storefronts.CreateAsync(Actor, request, ct);
            Notice = id is null ? $"已开设工作室“{saved.Name}”" : $"已保存工作室“{saved.Name}”";
            return Redirect($"/Market/Storefronts/Details/{saved.Id}");
        }
        catch (DomainValidationException e)
        {
            AddError<StorefrontInput>(e);
        }

        await LoadOptionsAsync(ct);
        return Page();
    }

    private async Task LoadOptionsAsync(CancellationToken ct) =>
        RegionOptions = await Lookups.RegionOptionsAsync(db, Lookups.RootFor(Actor), ct);
}
