using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Market;
using Kexie.Web.Features.Market;
using Kexie.Web.Features.Matching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Pages.Market.Needs;

[Authorize]
public sealed class EditModel(NeedService needs, KexieDbContext db, RichTextSanitizer richText, MatchingService matching, ILogger<EditModel> logger) : MarketPageModel
{
    /// <summary>At most this many likely duplicates are listed above the form.</summary>
    public const int MaxDuplicates = 5;

    /// <summary>A published need that a new need's text nearly repeats.</summary>
    public sealed record DuplicateNeed(Guid Id, string Title, string RegionName, string Explanation);

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

        /// <summary>The poster saw the duplicate warning and saves anyway (仍然保存).</summary>
        public bool ConfirmDuplicate { get; set; }
    }

    [BindProperty]
    public NeedInput Input { get; set; } = new();

    public Guid? Id { get; private set; }

    public List<CodeName> RegionOptions { get; private set; } = [];

    public List<CodeName> DisciplineOptions { get; private set; } = [];

    public List<CodeName> IndustryOptions { get; private set; } = [];

    /// <summary>Published needs that the new need's text nearly repeats (shown with the 仍然保存 checkbox).</summary>
    public List<DuplicateNeed> Duplicates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            // The need's actions (the domain's rule, less what the role's permissions lack) say whether the viewer may edit it now.
            var n = await needs.GetAsync(Actor, existing, ct);
            if (!n.Actions.Contains(ReviewActions.Edit))
            {
                return n.Status is ReviewStatus.Draft or ReviewStatus.Returned or ReviewStatus.Withdrawn
                    ? ForbiddenPage("只有发布单位或本地区服务人员可以修改该科技需求")
                    : StatusPage(new StatusInfo(409, "当前状态不允许修改", n.Status == ReviewStatus.Published ? "已发布的科技需求不能直接修改，请先撤回" : $"科技需求当前状态为“{n.StatusName}”，不能修改"));
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
            if (!Can(MarketPermissions.EditNeeds) || (Actor.OrganizationId is null && !Can(MarketPermissions.ActForOthers)))
            {
                // An organization user whose account is not (yet) linked to an organization is told why.
                return ForbiddenPage(Can(MarketPermissions.EditNeeds)
                    ? await Kexie.Web.Features.SignUp.OrganizationReviews.NoOrganizationMessageAsync(db, Actor, ct)
                    : "只有单位用户或服务中心工作人员可以发布科技需求");
            }

            // Defaults from the organization: its region and its industry.
            var own = Actor.OrganizationId is { } org
                ? await db.Organizations.Where(o => o.Id == org).Select(o => new { o.RegionCode, o.IndustryCode }).FirstOrDefaultAsync(ct)
                : null;
            var region = own?.RegionCode ?? (Actor.ManagedScope is { Length: >= 6 } scope ? scope : null);
            Input = new NeedInput { RegionCode = region, IndustryCodes = own?.IndustryCode, Visibility = nameof(NeedVisibility.Public) };
        }

        await LoadOptionsAsync(ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditNeeds))]
    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        try
        {
            // Fields the form reads itself are collected with the need's own checks, so every mistake shows at once.
            var errors = new FieldErrors();
            var request = new NeedRequest(
                Input.Title, RichTextForm.FromEditor(Input.Problem), errors.Check(() => ParseGuid(Input.OrganizationId, "organizationId", "需求单位")), Codes(Input.IndustryCodes), Codes(Input.DisciplineCodes),
                errors.Check(() => ParseYuan(Input.BudgetMin, "budgetMin", "预算下限")), errors.Check(() => ParseYuan(Input.BudgetMax, "budgetMax", "预算上限")),
                errors.Check(() => ParseDate(Input.Deadline, "deadline", "期望解决日期")), Input.RegionCode,
                errors.Check(() => ParseEnum<NeedVisibility>(Input.Visibility, "visibility", "可见范围", NeedVisibility.Public)));
            if (errors.Any)
            {
                // A field the form could not read: the need's own checks still run (nothing is saved), so all errors show together.
                _ = id is { } edited ? await needs.UpdateAsync(Actor, edited, request, Input.Version, ct, errors) : await needs.CreateAsync(Actor, request, ct, errors);
            }

            if (id is null && !Input.ConfirmDuplicate)
            {
                Duplicates = await FindDuplicatesAsync(request, ct);
                if (Duplicates.Count > 0)
                {
                    await LoadOptionsAsync(ct);
                    return Page();
                }
            }

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

    /// <summary>
    /// Published needs that the draft nearly repeats (the match index's likely duplicates), best first. Only when
    /// both the title and the problem statement are filled in; the check never stops a save when matching fails.
    /// </summary>
    private async Task<List<DuplicateNeed>> FindDuplicatesAsync(NeedRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Title) || string.IsNullOrWhiteSpace(MatchDocuments.PlainText(request.Problem)))
        {
            return [];
        }

        try
        {
            var draft = new DraftNeedRequest(request.Title, request.Problem, request.IndustryCodes, request.DisciplineCodes, null, MatchingService.DefaultTop);
            var similar = await matching.SimilarToDraftAsync(Actor, draft, null, ct);
            var items = similar.Items.Where(m => m.LikelyDuplicate).Take(MaxDuplicates).ToList();
            if (items.Count == 0)
            {
                return [];
            }

            var names = await Lookups.RegionNamesAsync(db, items.Select(m => m.RegionCode), ct);
            return items.Select(m => new DuplicateNeed(m.Id, m.Title, names.GetValueOrDefault(m.RegionCode) ?? m.RegionCode, m.Explanation)).ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Duplicate check for a new need failed; saving without it");
            return [];
        }
    }

    private async Task LoadOptionsAsync(CancellationToken ct)
    {
        RegionOptions = await Lookups.RegionOptionsAsync(db, Lookups.RootFor(Actor), ct);
        DisciplineOptions = await Lookups.DisciplinesAsync(db, 2, ct);
        IndustryOptions = await Lookups.IndustriesAsync(db, ct);
    }
}
