using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Market;
using Kexie.Web.Features.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Pages.Market.Offers;

[Authorize]
public sealed class EditModel(OfferService offers, KexieDbContext db, RichTextSanitizer richText) : MarketPageModel
{
    /// <summary>The form as typed (strings), so nothing typed is lost when a value is rejected.</summary>
    public sealed class OfferInput
    {
        public string? Kind { get; set; }
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? ProviderWorkerId { get; set; }
        public string? TeamName { get; set; }
        public string? StorefrontId { get; set; }
        public string? DisciplineCodes { get; set; }
        public string? IndustryCodes { get; set; }
        public string? RegionCode { get; set; }
        public string? PriceMode { get; set; }
        public string? PriceMin { get; set; }
        public string? PriceMax { get; set; }
        public string? PriceUnit { get; set; }
        public string? MaturityStage { get; set; }
        public string? PatentNumbers { get; set; }
        public List<string> TransferModes { get; set; } = [];
        public int? Version { get; set; }
    }

    [BindProperty]
    public OfferInput Input { get; set; } = new();

    public Guid? Id { get; private set; }

    public List<CodeName> RegionOptions { get; private set; } = [];

    /// <summary>The 科创工作室 the provider runs or belongs to (for a worker: their own).</summary>
    public List<CodeName> StorefrontOptions { get; private set; } = [];

    public List<CodeName> DisciplineOptions { get; private set; } = [];

    public List<CodeName> IndustryOptions { get; private set; } = [];

    public static readonly TransferModes[] AllTransferModes =
        [Kexie.Domain.Market.TransferModes.Licence, Kexie.Domain.Market.TransferModes.Assignment, Kexie.Domain.Market.TransferModes.JointDevelopment, Kexie.Domain.Market.TransferModes.EquityInvestment];

    public async Task<IActionResult> OnGetAsync(Guid? id, string? kind, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            // The offer's actions (the domain's rule, less what the role's permissions lack) say whether the viewer may edit it now.
            var o = await offers.GetAsync(Actor, existing, ct);
            if (!o.Actions.Contains(ReviewActions.Edit))
            {
                return o.Status is ReviewStatus.Draft or ReviewStatus.Returned or ReviewStatus.Withdrawn
                    ? ForbiddenPage("只有发布者或本地区服务人员可以修改该科技所能")
                    : StatusPage(new StatusInfo(409, "当前状态不允许修改", o.Status == ReviewStatus.Published ? "已发布的科技所能不能直接修改，请先撤回" : $"科技所能当前状态为“{o.StatusName}”，不能修改"));
            }

            Input = new OfferInput
            {
                Kind = o.Kind.ToString(), Title = o.Title, Description = RichTextForm.ToEditor(o.Description, richText), ProviderWorkerId = o.ProviderWorkerId.ToString(),
                TeamName = o.TeamName, StorefrontId = o.StorefrontId?.ToString(), DisciplineCodes = string.Join(",", o.DisciplineCodes), IndustryCodes = string.Join(",", o.IndustryCodes),
                RegionCode = o.RegionCode, PriceMode = o.PriceMode.ToString(), PriceMin = o.PriceMin?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
                PriceMax = o.PriceMax?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), PriceUnit = o.PriceUnit,
                MaturityStage = o.MaturityStage?.ToString(), PatentNumbers = string.Join(",", o.PatentNumbers),
                TransferModes = AllTransferModes.Where(m => o.TransferModes.HasFlag(m)).Select(m => m.ToString()).ToList(), Version = o.Version,
            };
        }
        else
        {
            if (!Can(MarketPermissions.EditOffers) || (Actor.ScienceWorkerId is null && !Can(MarketPermissions.ActForOthers)))
            {
                return ForbiddenPage("只有科技工作者本人或服务中心工作人员可以发布科技所能");
            }

            // Defaults from the worker's profile: region and disciplines.
            var self = Actor.ScienceWorkerId is { } worker
                ? await db.ScienceWorkers.Where(w => w.Id == worker).Select(w => new { w.RegionCode, w.DisciplineCodes }).FirstOrDefaultAsync(ct)
                : null;
            var region = self?.RegionCode ?? (Actor.ManagedScope is { Length: >= 6 } scope ? scope : null);
            Input = new OfferInput
            {
                Kind = Enum.TryParse<OfferKind>(kind, true, out var k) ? k.ToString() : nameof(OfferKind.Service), PriceMode = nameof(Kexie.Domain.Market.PriceMode.Negotiable), RegionCode = region,
                DisciplineCodes = self is null ? null : string.Join(",", self.DisciplineCodes),
            };
        }

        await LoadOptionsAsync(ct);
        if (id is null && StorefrontOptions.Count == 1)
        {
            Input.StorefrontId = StorefrontOptions[0].Code;
        }

        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditOffers))]
    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        try
        {
            // Fields the form reads itself are collected with the offer's own checks, so every mistake shows at once.
            var errors = new FieldErrors();
            var kind = errors.Check(() => ParseEnum<OfferKind>(Input.Kind, "kind", "所能类型"));
            var modes = Kexie.Domain.Market.TransferModes.None;
            foreach (var m in Input.TransferModes)
            {
                modes |= errors.Check(() => ParseEnum<TransferModes>(m, "transferModes", "转化方式"));
            }

            var request = new OfferRequest(
                kind, Input.Title, RichTextForm.FromEditor(Input.Description), errors.Check(() => ParseGuid(Input.ProviderWorkerId, "providerWorkerId", "提供者")), Input.TeamName,
                errors.Check(() => ParseGuid(Input.StorefrontId, "storefrontId", "科创工作室")),
                Codes(Input.DisciplineCodes), Codes(Input.IndustryCodes), Input.RegionCode,
                errors.Check(() => ParseEnum<PriceMode>(Input.PriceMode, "priceMode", "计价方式", Kexie.Domain.Market.PriceMode.Negotiable)),
                errors.Check(() => ParseYuan(Input.PriceMin, "priceMin", "最低价格")), errors.Check(() => ParseYuan(Input.PriceMax, "priceMax", "最高价格")), Input.PriceUnit,
                kind == OfferKind.Achievement && !string.IsNullOrWhiteSpace(Input.MaturityStage) ? errors.Check(() => (MaturityStage?)ParseEnum<MaturityStage>(Input.MaturityStage, "maturityStage", "成熟度")) : null,
                kind == OfferKind.Achievement ? Codes(Input.PatentNumbers) : null,
                kind == OfferKind.Achievement ? modes : Kexie.Domain.Market.TransferModes.None);
            var saved = id is { } existing
                ? await offers.UpdateAsync(Actor, existing, request, Input.Version, ct, errors)
                : await offers.CreateAsync(Actor, request, ct, errors);
            Notice = id is null ? $"已保存草稿“{saved.Title}”，确认无误后请提交审核" : $"已保存“{saved.Title}”";
            return Redirect($"/Market/Offers/Details/{saved.Id}");
        }
        catch (DomainValidationException e)
        {
            AddError<OfferInput>(e);
        }

        await LoadOptionsAsync(ct);
        return Page();
    }

    private async Task LoadOptionsAsync(CancellationToken ct)
    {
        RegionOptions = await Lookups.RegionOptionsAsync(db, Lookups.RootFor(Actor), ct);
        DisciplineOptions = await Lookups.DisciplinesAsync(db, 2, ct);
        IndustryOptions = await Lookups.IndustriesAsync(db, ct);
        var provider = Guid.TryParse(Input.ProviderWorkerId, out var named) ? named : Actor.ScienceWorkerId;
        if (provider is { } worker)
        {
            StorefrontOptions = (await db.Storefronts.AsNoTracking()
                .Where(s => s.OwnerWorkerId == worker || s.MemberWorkerIds.Contains(worker))
                .OrderBy(s => s.Name).Select(s => new { s.Id, s.Name, s.IsOpen }).ToListAsync(ct))
                .Select(s => new CodeName(s.Id.ToString(), s.IsOpen ? s.Name : s.Name + "（已关闭）")).ToList();
        }
    }
}
