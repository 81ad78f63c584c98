using Kexie.Data;
using Kexie.Domain.Market;
using Kexie.Web.Features.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Market.Plans;

[Authorize]
public sealed class DetailsModel(ResponsePlanService plans, OrderService orders, KexieDbContext db) : MarketPageModel
{
    public ResponsePlanDto Plan { get; private set; } = null!;

    /// <summary>The need's fields the page shows, read with the plan (<see cref="ResponsePlanService.GetPageAsync"/>).</summary>
    public PlanNeedDto Need { get; private set; } = null!;

    public string OrganizationName { get; private set; } = string.Empty;

    public Dictionary<Guid, string> OfferTitles { get; private set; } = [];

    public Dictionary<Guid, string> WorkerNames { get; private set; } = [];

    public List<CodeName> HandlerOptions { get; private set; } = [];

    public IReadOnlyList<OrderSummaryDto> NeedOrders { get; private set; } = [];

    /// <summary>What the 人工添加候选 search found (<see cref="Q"/>), when the handler searched.</summary>
    public IReadOnlyList<CandidateOptionDto> Options { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? Kind { get; set; }

    /// <summary>The plan's history, oldest first: handler changes, status changes and the staff's judgements of candidates.</summary>
    public List<(DateTimeOffset At, string Text)> History { get; private set; } = [];

    /// <summary>The handler and the region's managers act; the need's organization only follows.</summary>
    public bool CanHandle => Can(Kexie.Web.Features.Market.MarketPermissions.HandlePlans, Plan.RegionCode) || (Actor.UserId == Plan.HandlerUserId && Can(Kexie.Web.Features.Market.MarketPermissions.HandlePlans));

    public bool IsOpen => Plan.Status is ResponsePlanStatus.New or ResponsePlanStatus.Responded or ResponsePlanStatus.Negotiating;

    public string CandidateName(PlanCandidateDto c) => TargetName(c.Kind, c.TargetId);

    public string TargetName(CandidateKind kind, Guid targetId) => kind == CandidateKind.Offer
        ? OfferTitles.GetValueOrDefault(targetId, "（科技所能）")
        : WorkerNames.GetValueOrDefault(targetId, "（科技工作者）");

    /// <summary>What was typed into the 登记联系 form when it was refused: shown again with the error next to its field.</summary>
    public ContactForm? Contact { get; private set; }

    public sealed record ContactForm(string? ContactedName, string? Channel, string? Note, string? CandidateId);

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => LoadAsync(id, ct);

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken ct)
    {
        (Plan, Need) = await plans.GetPageAsync(Actor, id, ct);
        OrganizationName = Need.OrganizationName ?? "—";
        var targets = Plan.Candidates.Select(c => (c.Kind, c.TargetId))
            .Concat(Plan.DroppedCandidates.Select(c => (c.Kind, c.TargetId)))
            .Concat(Plan.Judgements.Select(j => (j.Kind, j.TargetId)))
            .ToList();
        OfferTitles = await MarketLookups.OfferTitlesAsync(db, targets.Where(t => t.Kind == CandidateKind.Offer).Select(t => t.TargetId), ct);
        WorkerNames = await MarketText.WorkerNamesAsync(db, targets.Where(t => t.Kind == CandidateKind.Worker).Select(t => t.TargetId), Actor, ct: ct);
        if (CanHandle)
        {
            HandlerOptions = (await plans.HandlerOptionsAsync(Plan.RegionCode, ct)).Select(h => new CodeName(h.UserId, h.Name)).ToList();
            // The 成交订单 choices: only where the 登记成交 form is shown.
            if (Plan.Status is ResponsePlanStatus.Responded or ResponsePlanStatus.Negotiating)
            {
                NeedOrders = await orders.OfNeedAsync(Actor, Need.Id, 50, ct);
            }
            if (IsOpen && !string.IsNullOrWhiteSpace(Q))
            {
                Options = await plans.CandidateOptionsAsync(Actor, id, Q, Kind switch { "offer" => CandidateKind.Offer, "worker" => CandidateKind.Worker, _ => null }, ct);
            }
        }

        History = BuildHistory();
        return Page();
    }

    private List<(DateTimeOffset At, string Text)> BuildHistory()
    {
        var history = new List<(DateTimeOffset At, string Text)>();
        history.AddRange(Plan.HandlerHistory.Select(h => (h.At, $"处理人改为 {h.ToName ?? "（未具名）"}" + (h.Note is null ? string.Empty : $"（{h.Note}）"))));
        history.AddRange(Plan.StatusHistory.Select(s => (s.At, $"{s.ByName ?? "系统"}：{s.ToName}" + (s.Note is null ? string.Empty : $"（{s.Note}）"))));
        history.AddRange(Plan.Judgements.Select(j => (j.At, JudgementText(j))));
        return history.OrderBy(h => h.At).ToList();
    }

    private string JudgementText(CandidateJudgementDto j)
    {
        var who = j.ByName ?? "系统";
        var what = $"{j.Kind.Chinese()}“{TargetName(j.Kind, j.TargetId)}”";
        var note = string.IsNullOrWhiteSpace(j.Note) ? string.Empty : $"（{j.Note}）";
        return j.Label switch
        {
            CandidateLabel.Added => $"{who} 人工添加候选 {what}{note}",
            CandidateLabel.Dropped => $"{who} 排除候选 {what}，原因：{j.ReasonName}{note}",
            CandidateLabel.Restored => $"{who} 恢复候选 {what}{note}",
            CandidateLabel.Contacted => $"{who} 联系了候选 {what}",
            CandidateLabel.Dealt => $"{who} 登记与 {what} 成交",
            _ => $"{who} {j.LabelName} {what}",
        };
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.HandlePlans))]
    public async Task<IActionResult> OnPostHandlerAsync(Guid id, int version, string? handlerUserId, string? note, CancellationToken ct)
    {
        var plan = await plans.AssignHandlerAsync(Actor, id, new AssignHandlerRequest(handlerUserId, note), version, ct);
        return BackWithNotice($"已改派处理人：{plan.HandlerName}");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.HandlePlans))]
    public async Task<IActionResult> OnPostContactAsync(Guid id, int version, string? contactedName, string? channel, string? note, string? candidateId, CancellationToken ct)
    {
        try
        {
            await plans.LogContactAsync(Actor, id, new ContactRequest(
                contactedName, ParseEnum<ContactChannel>(channel, "channel", "联系方式", ContactChannel.Phone), note, ParseGuid(candidateId, "candidateId", "候选")), version, ct);
        }
        catch (Kexie.Domain.Common.DomainValidationException e)
        {
            // The form is shown again as typed, the message next to the field it names (not on top of the page).
            ModelState.AddModelError(e.Field is "channel" or "candidateId" or "note" ? e.Field : "contactedName", e.Message);
            Contact = new ContactForm(contactedName, channel, note, candidateId);
            return await LoadAsync(id, ct);
        }

        return BackWithNotice("已登记联系情况");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.HandlePlans))]
    public async Task<IActionResult> OnPostRefreshAsync(Guid id, int version, CancellationToken ct)
    {
        var plan = await plans.RefreshCandidatesAsync(Actor, id, version, ct);
        return BackWithNotice($"已重新匹配，当前候选 {plan.Candidates.Count} 个");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.HandlePlans))]
    public async Task<IActionResult> OnPostAddCandidateAsync(Guid id, int version, string? kind, string? targetId, string? note, CancellationToken ct)
    {
        var target = ParseGuid(targetId, "targetId", "候选") ?? throw new Kexie.Domain.Common.DomainValidationException("targetId", "请先查找并选择要添加的候选");
        var plan = await plans.AddCandidateAsync(Actor, id, new CandidateRequest(ParseEnum<CandidateKind>(kind, "kind", "候选类型"), target, Note: note), version, ct);
        var added = plan.Candidates.FirstOrDefault(c => c.TargetId == target);
        return BackWithNotice(added is null ? "已添加候选" : "已人工添加候选");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.HandlePlans))]
    public async Task<IActionResult> OnPostDropAsync(Guid id, int version, string? candidateId, string? reason, string? note, CancellationToken ct)
    {
        var candidate = ParseGuid(candidateId, "candidateId", "候选") ?? throw new Kexie.Domain.Common.DomainValidationException("candidateId", "请选择要排除的候选");
        await plans.DropCandidateAsync(Actor, id, candidate, new DropCandidateRequest(ParseEnum<CandidateDropReason>(reason, "reason", "排除原因"), note), version, ct);
        return BackWithNotice("已排除该候选，可在“已排除”中恢复");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.HandlePlans))]
    public async Task<IActionResult> OnPostRestoreAsync(Guid id, int version, string? candidateId, CancellationToken ct)
    {
        var candidate = ParseGuid(candidateId, "candidateId", "候选") ?? throw new Kexie.Domain.Common.DomainValidationException("candidateId", "请选择要恢复的候选");
        await plans.RestoreCandidateAsync(Actor, id, candidate, null, version, ct);
        return BackWithNotice("已恢复该候选");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.HandlePlans))]
    public async Task<IActionResult> OnPostNegotiateAsync(Guid id, int version, string? note, CancellationToken ct)
    {
        await plans.TransitionAsync(Actor, id, (p, now) => p.StartNegotiation(Actor, note, now), version, ct);
        return BackWithNotice("已进入洽谈");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.HandlePlans))]
    public async Task<IActionResult> OnPostDealAsync(Guid id, int version, string? orderId, string? note, string? candidateId, CancellationToken ct)
    {
        await plans.RecordDealAsync(Actor, id, new DealRequest(ParseGuid(orderId, "orderId", "订单"), note, ParseGuid(candidateId, "candidateId", "成交候选")), version, ct);
        return BackWithNotice("已登记成交");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.HandlePlans))]
    public async Task<IActionResult> OnPostCloseAsync(Guid id, int version, string? reason, CancellationToken ct)
    {
        await plans.TransitionAsync(Actor, id, (p, now) => p.CloseWithoutDeal(Actor, reason, now), version, ct);
        return BackWithNotice("已关闭（未成交）");
    }
}
