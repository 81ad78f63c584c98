using System.Linq.Expressions;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;

namespace Kexie.Domain.Market;

/// <summary>Status of a 一单一策 plan.</summary>
public enum ResponsePlanStatus
{
    /// <summary>待响应: nobody has been contacted yet; overdue after <see cref="ResponsePlan.ResponseDueAt"/>.</summary>
    New = 1,

    /// <summary>已响应: a first contact was logged.</summary>
    Responded = 2,

    /// <summary>洽谈中.</summary>
    Negotiating = 3,

    /// <summary>已成交: final.</summary>
    Deal = 4,

    /// <summary>未成交关闭: final, with a reason.</summary>
    ClosedWithoutDeal = 5,
}

public static class ResponsePlanStatusNames
{
    public static string Chinese(this ResponsePlanStatus status) => status switch
    {
        ResponsePlanStatus.New => "待响应",
        ResponsePlanStatus.Responded => "已响应",
        ResponsePlanStatus.Negotiating => "洽谈中",
        ResponsePlanStatus.Deal => "已成交",
        ResponsePlanStatus.ClosedWithoutDeal => "未成交关闭",
        _ => status.ToString(),
    };
}

public enum CandidateKind
{
    /// <summary>A published offer (科技所能).</summary>
    Offer = 1,

    /// <summary>A science worker.</summary>
    Worker = 2,
}

/// <summary>
/// One candidate proposed for a need, with a score and a human-readable explanation. <paramref name="Weak"/>: the source
/// itself does not trust it as a match (below its confidence threshold: "可能相关" at best); a plan whose matching proposed
/// only weak candidates, or none, waits for the staff to find one by hand (<see cref="ResponsePlan.NeedsManualSearch"/>).
/// </summary>
public sealed record CandidateProposal(CandidateKind Kind, Guid TargetId, double Score, string? Explanation, bool Weak = false);

/// <summary>Why a staffer dropped a candidate as irrelevant (排除原因).</summary>
public enum CandidateDropReason
{
    /// <summary>领域不符.</summary>
    WrongField = 1,

    /// <summary>能力或条件不足.</summary>
    NotCapable = 2,

    /// <summary>地域或服务范围不符.</summary>
    OutOfArea = 3,

    /// <summary>已失效或无法联系.</summary>
    Unavailable = 4,

    /// <summary>与其他候选重复.</summary>
    Duplicate = 5,

    /// <summary>其他 (the text is required).</summary>
    Other = 9,
}

/// <summary>A staffer's judgement of a candidate for a need, kept as labelled data for evaluating matching.</summary>
public enum CandidateLabel
{
    /// <summary>人工添加: a staffer found it relevant and added it by hand.</summary>
    Added = 1,

    /// <summary>排除: dropped as irrelevant, with a reason.</summary>
    Dropped = 2,

    /// <summary>恢复: a drop undone.</summary>
    Restored = 3,

    /// <summary>已联系: the staffer contacted it for the need.</summary>
    Contacted = 4,

    /// <summary>成交: the need's deal was made with it.</summary>
    Dealt = 5,
}

public static class CandidateJudgementNames
{
    public static string Chinese(this CandidateDropReason reason) => reason switch
    {
        CandidateDropReason.WrongField => "领域不符",
        CandidateDropReason.NotCapable => "能力或条件不足",
        CandidateDropReason.OutOfArea => "地域或服务范围不符",
        CandidateDropReason.Unavailable => "已失效或无法联系",
        CandidateDropReason.Duplicate => "与其他候选重复",
        CandidateDropReason.Other => "其他",
        _ => "未知原因",
    };

    public static string Chinese(this CandidateLabel label) => label switch
    {
        CandidateLabel.Added => "人工添加",
        CandidateLabel.Dropped => "排除",
        CandidateLabel.Restored => "恢复",
        CandidateLabel.Contacted => "已联系",
        CandidateLabel.Dealt => "成交",
        _ => "未知",
    };

    public static string Chinese(this CandidateKind kind) => kind switch
    {
        CandidateKind.Offer => "科技所能",
        CandidateKind.Worker => "科技工作者",
        _ => "未知",
    };

    /// <summary>The label's stable code in exports (added, dropped, restored, contacted, dealt).</summary>
    public static string Code(this CandidateLabel label) => label.ToString().ToLowerInvariant();

    /// <summary>What the label says of the pair: relevant (true), irrelevant (false) or nothing by itself (restored: null).</summary>
    public static bool? Relevant(this CandidateLabel label) => label switch
    {
        CandidateLabel.Dropped => false,
        CandidateLabel.Restored => null,
        _ => true,
    };
}

/// <summary>
/// Whatever proposes candidates for a need (the matching engine, or a simple stand-in). The market does not
/// know how candidates are found; it only stores what is proposed.
/// </summary>
public interface ICandidateSource
{
    ValueTask<IReadOnlyList<CandidateProposal>> ProposeAsync(Need need, int limit, CancellationToken cancellationToken = default);
}

/// <summary>A candidate on a plan. Re-proposing the same target updates score and explanation.</summary>
public sealed class PlanCandidate
{
    internal PlanCandidate(CandidateProposal proposal, string explanation, Actor? proposedBy, DateTimeOffset at)
    {
        Kind = proposal.Kind;
        TargetId = proposal.TargetId;
        Score = proposal.Score;
        IsWeak = proposedBy is null && proposal.Weak;
        Explanation = explanation;
        ProposedByUserId = proposedBy?.UserId;
        ProposedByName = proposedBy?.Name;
        ProposedAt = at;
        UpdatedAt = at;
    }

    private PlanCandidate()
    {
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public CandidateKind Kind { get; private set; }

    public Guid TargetId { get; private set; }

    public double Score { get; private set; }

    public string Explanation { get; private set; } = string.Empty;

    /// <summary>Matching proposed it below its confidence threshold (可能相关); never true for one added by hand.</summary>
    public bool IsWeak { get; private set; }

    /// <summary>The person who added it by hand; null when proposed by matching.</summary>
    public string? ProposedByUserId { get; private set; }

    /// <summary>That person's display name.</summary>
    public string? ProposedByName { get; private set; }

    public DateTimeOffset ProposedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When a staffer dropped it as irrelevant; null while it is on the plan.</summary>
    public DateTimeOffset? DroppedAt { get; private set; }

    public string? DroppedByUserId { get; private set; }

    public string? DroppedByName { get; private set; }

    public CandidateDropReason? DropReason { get; private set; }

    /// <summary>The staffer's words on the drop (required for <see cref="CandidateDropReason.Other"/>).</summary>
    public string? DropNote { get; private set; }

    /// <summary>Added by hand (人工添加) rather than proposed by matching.</summary>
    public bool IsManual => ProposedByUserId is not null;

    public bool IsDropped => DroppedAt is not null;

    internal void Refresh(double score, string explanation, bool weak, DateTimeOffset at)
    {
        if (IsManual)
        {
            // Matching found one a staffer had added: keep the staffer's words, take the engine's score.
            Score = score;
            UpdatedAt = at;
            return;
        }

        Score = score;
        Explanation = explanation;
        IsWeak = weak;
        UpdatedAt = at;
    }

    internal void Drop(Actor actor, CandidateDropReason reason, string? note, DateTimeOffset at)
    {
        DroppedAt = at;
        DroppedByUserId = actor.UserId;
        DroppedByName = actor.Name;
        DropReason = reason;
        DropNote = note;
        UpdatedAt = at;
    }

    internal void Restore(DateTimeOffset at)
    {
        DroppedAt = null;
        DroppedByUserId = null;
        DroppedByName = null;
        DropReason = null;
        DropNote = null;
        UpdatedAt = at;
    }
}

/// <summary>
/// One labelled pair for evaluation: the plan's need and a candidate (an offer or a worker), the staffer's judgement
/// (<see cref="Label"/>), why, who and when, with what matching said of the candidate at that moment (its score and rank
/// among the candidates matching proposed; null for one matching never proposed). Never changed once written.
/// </summary>
public sealed class CandidateJudgement
{
    internal CandidateJudgement(PlanCandidate? candidate, CandidateKind kind, Guid targetId, CandidateLabel label, CandidateDropReason? reason, string? note, int? rank, Actor actor, DateTimeOffset at)
    {
        CandidateId = candidate?.Id;
        Kind = kind;
        TargetId = targetId;
        Label = label;
        Reason = reason;
        Note = note;
        FromMatching = candidate is { IsManual: false };
        Score = candidate is { IsManual: false } ? candidate.Score : null;
        Rank = rank;
        ByUserId = actor.UserId;
        ByName = actor.Name;
        At = at;
    }

    private CandidateJudgement()
    {
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public DateTimeOffset At { get; private set; }

    /// <summary>The candidate on the plan; null for a deal with a party that was never a candidate.</summary>
    public Guid? CandidateId { get; private set; }

    public CandidateKind Kind { get; private set; }

    public Guid TargetId { get; private set; }

    public CandidateLabel Label { get; private set; }

    public CandidateDropReason? Reason { get; private set; }

    public string? Note { get; private set; }

    /// <summary>Matching proposed the candidate (false: added by hand, or never a candidate).</summary>
    public bool FromMatching { get; private set; }

    /// <summary>Matching's score of the candidate at the time; null unless <see cref="FromMatching"/>.</summary>
    public double? Score { get; private set; }

    /// <summary>1-based rank of the candidate among those matching proposed for the plan, by score, at the time.</summary>
    public int? Rank { get; private set; }

    public string? ByUserId { get; private set; }

    public string? ByName { get; private set; }
}

/// <summary>Who the deal was made with, to label the pair: a candidate of the plan, or the order's offer and provider.</summary>
public sealed record DealCounterpart(Guid? CandidateId = null, Guid? OfferId = null, Guid? WorkerId = null);

public enum ContactChannel
{
    /// <summary>电话.</summary>
    Phone = 1,

    /// <summary>上门走访.</summary>
    Visit = 2,

    /// <summary>平台消息.</summary>
    PlatformMessage = 3,

    /// <summary>电子邮件.</summary>
    Email = 4,

    /// <summary>微信.</summary>
    WeChat = 5,

    /// <summary>会议/对接会.</summary>
    Meeting = 6,

    Other = 9,
}

/// <summary>
/// A contact to log. <see cref="ContactedName"/> is required (who was contacted, as a person would write it);
/// optionally link it to a candidate, a worker or an organization. <see cref="ContactedAt"/> defaults to now and
/// may not lie in the future.
/// </summary>
public sealed record ContactData(
    string? ContactedName,
    ContactChannel Channel,
    string? Note,
    Guid? CandidateId = null,
    Guid? ScienceWorkerId = null,
    Guid? OrganizationId = null,
    DateTimeOffset? ContactedAt = null);

/// <summary>One entry of the contact log: who contacted whom, when, how, and what came of it.</summary>
public sealed class ContactLogEntry
{
    private ContactLogEntry()
    {
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public DateTimeOffset ContactedAt { get; private set; }

    public DateTimeOffset LoggedAt { get; private set; }

    public string? ByUserId { get; private set; }

    public string? ByName { get; private set; }

    public string ContactedName { get; private set; } = string.Empty;

    public Guid? CandidateId { get; private set; }

    public Guid? ScienceWorkerId { get; private set; }

    public Guid? OrganizationId { get; private set; }

    public ContactChannel Channel { get; private set; }

    public string? Note { get; private set; }

    internal static ContactLogEntry From(ContactData data, Actor actor, DateTimeOffset contactedAt, DateTimeOffset loggedAt) => new()
    {
        ContactedAt = contactedAt,
        LoggedAt = loggedAt,
        ByUserId = actor.UserId,
        ByName = actor.Name,
        ContactedName = Guard.Required(data.ContactedName, "contactedName", "联系对象", 100),
        CandidateId = data.CandidateId,
        ScienceWorkerId = data.ScienceWorkerId,
        OrganizationId = data.OrganizationId,
        Channel = MarketRules.Defined(data.Channel, "channel", "联系方式"),
        Note = Guard.Optional(data.Note, "note", "联系情况", MarketRules.NoteMaxLength),
    };
}

/// <summary>A (re)assignment of the plan's handler.</summary>
public sealed class HandlerAssignment
{
    internal HandlerAssignment(string? fromUserId, string toUserId, string? toName, Actor by, string? note, DateTimeOffset at)
    {
        FromUserId = fromUserId;
        ToUserId = toUserId;
        ToName = toName;
        ByUserId = by.UserId;
        Note = note;
        At = at;
    }

    private HandlerAssignment()
    {
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public DateTimeOffset At { get; private set; }

    public string? FromUserId { get; private set; }

    public string ToUserId { get; private set; } = string.Empty;

    public string? ToName { get; private set; }

    public string? ByUserId { get; private set; }

    public string? Note { get; private set; }
}

/// <summary>A status change of a plan (the plan's own history).</summary>
public sealed class PlanStatusChange
{
    internal PlanStatusChange(ResponsePlanStatus from, ResponsePlanStatus to, Actor actor, string? note, DateTimeOffset at)
    {
        From = from;
        To = to;
        ByUserId = actor.UserId;
        ByName = actor.Name;
        Note = note;
        At = at;
    }

    private PlanStatusChange()
    {
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public DateTimeOffset At { get; private set; }

    public string? ByUserId { get; private set; }

    public string? ByName { get; private set; }

    public ResponsePlanStatus From { get; private set; }

    public ResponsePlanStatus To { get; private set; }

    public string? Note { get; private set; }
}

/// <summary>
/// 一单一策: the tracked response to one published need.
/// <code>
/// New ──first LogContact──▶ Responded ──StartNegotiation──▶ Negotiating ──RecordDeal──▶ Deal
///  │                           │  └─────────RecordDeal─────────────────────────────────▶ Deal
///  └──────────CloseWithoutDeal(reason) from New | Responded | Negotiating ─────────────▶ ClosedWithoutDeal
/// </code>
/// Everything on a plan is done by its handler or by a region manager (service-centre staff, association
/// admin) whose scope contains the need's region. The plan is overdue while it is New past
/// <see cref="ResponseDueAt"/>. <see cref="Version"/> increments on every change.
/// </summary>
public sealed class ResponsePlan : Entity, IRegional
{
    public const int DefaultResponseWorkingDays = 1;
    public const int MaxCandidates = 100;

    private readonly List<PlanCandidate> candidates = [];
    private readonly List<ContactLogEntry> contacts = [];
    private readonly List<HandlerAssignment> handlerHistory = [];
    private readonly List<PlanStatusChange> statusHistory = [];
    private readonly List<CandidateJudgement> judgements = [];

    private ResponsePlan()
    {
    }

    public Guid NeedId { get; private set; }

    /// <summary>The need's region.</summary>
    public string RegionCode { get; private set; } = string.Empty;

    public ResponsePlanStatus Status { get; private set; } = ResponsePlanStatus.New;

    public string? HandlerUserId { get; private set; }

    public string? HandlerName { get; private set; }

    /// <summary>First-response deadline (UTC).</summary>
    public DateTimeOffset ResponseDueAt { get; private set; }

    /// <summary>When the first logged contact happened.</summary>
    public DateTimeOffset? FirstRespondedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Why the plan closed without a deal.</summary>
    public string? CloseReason { get; private set; }

    /// <summary>The order that made the deal, when known.</summary>
    public Guid? DealOrderId { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<PlanCandidate> Candidates => candidates;

    public IReadOnlyList<ContactLogEntry> Contacts => contacts;

    public IReadOnlyList<HandlerAssignment> HandlerHistory => handlerHistory;

    public IReadOnlyList<PlanStatusChange> StatusHistory => statusHistory;

    /// <summary>The staff's judgements of candidates (added, dropped, restored, contacted, dealt), oldest first: labelled pairs for evaluation.</summary>
    public IReadOnlyList<CandidateJudgement> Judgements => judgements;

    /// <summary>
    /// Open, and matching found no good candidate: none on the plan that is not dropped and is either added by hand or
    /// proposed by matching above its threshold (not weak). The plan says "暂无合适的匹配，请人工寻找" until a staffer adds one.
    /// </summary>
    /// <summary>Candidates a need's organization may be told of: not dropped, and added by hand or a good match (not 可能相关).</summary>
    public int GoodCandidateCount => candidates.Count(c => !c.IsDropped && (c.IsManual || !c.IsWeak));

    public bool NeedsManualSearch => IsOpen && !candidates.Any(c => !c.IsDropped && (c.IsManual || !c.IsWeak));

    public bool IsOpen => Status is ResponsePlanStatus.New or ResponsePlanStatus.Responded or ResponsePlanStatus.Negotiating;

    /// <summary>The county (6 digits) whose service centre handles the plan; the region itself when coarser.</summary>
    public string CountyCode => Regions.RegionCode.CountyOf(RegionCode);

    /// <summary>True once responded, when the first response came after the deadline; null while not responded.</summary>
    public bool? RespondedLate => FirstRespondedAt is { } first ? first > ResponseDueAt : null;

    /// <summary>Opens the plan of a published need; used by <see cref="Need.Publish"/>.</summary>
    internal static ResponsePlan Open(Need need, DateTimeOffset responseDueAt, DateTimeOffset at)
    {
        if (!need.IsPublished)
        {
            throw new InvalidTransitionException("只有已发布的科技需求才能建立一单一策");
        }

        return new ResponsePlan
        {
            NeedId = need.Id,
            RegionCode = need.RegionCode,
            ResponseDueAt = responseDueAt.ToUniversalTime(),
            CreatedAt = at,
            UpdatedAt = at,
        };
    }

    /// <summary>Still New and past the first-response deadline.</summary>
    public bool IsOverdue(DateTimeOffset now) => Status == ResponsePlanStatus.New && now > ResponseDueAt;

    /// <summary>The same test as <see cref="IsOverdue"/>, for queries.</summary>
    public static Expression<Func<ResponsePlan, bool>> OverdueAt(DateTimeOffset now) =>
        plan => plan.Status == ResponsePlanStatus.New && plan.ResponseDueAt < now;

    public bool MayHandle(Actor actor) =>
        (actor.UserId is not null && actor.UserId == HandlerUserId && actor.IsRegionManager)
        || (actor.Manages(RegionCode));

    /// <summary>Assigns or reassigns the handler (a service-centre staff user of the need's county); kept in history.</summary>
    public void AssignHandler(Actor actor, string? handlerUserId, string? handlerName, string? note = null, DateTimeOffset? at = null)
    {
        RequireHandler(actor, "指派处理人");
        RequireOpen("指派处理人");
        var userId = Guard.Required(handlerUserId, "handlerUserId", "处理人", 100);
        if (userId == HandlerUserId)
        {
            throw new DomainValidationException("handlerUserId", "该用户已是本需求的处理人");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        var name = Guard.Optional(handlerName, "handlerName", "处理人姓名", 50);
        handlerHistory.Add(new HandlerAssignment(HandlerUserId, userId, name, actor, Guard.Optional(note, "note", "备注", MarketRules.NoteMaxLength), when));
        HandlerUserId = userId;
        HandlerName = name;
        Touch(when);
    }

    /// <summary>
    /// Adds proposed candidates, or refreshes score and explanation of ones already on the plan (same kind and
    /// target). <paramref name="actor"/> null means proposed by matching; otherwise it is a manual proposal by
    /// a handler. Returns how many were new.
    /// </summary>
    public int ProposeCandidates(IEnumerable<CandidateProposal> proposals, Actor? actor = null, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(proposals);
        if (actor is not null)
        {
            RequireHandler(actor, "添加候选");
        }

        RequireOpen("添加候选");
        var when = at ?? DateTimeOffset.UtcNow;
        var validated = proposals.Select(Validate).ToList();
        var added = 0;
        foreach (var (proposal, explanation) in validated)
        {
            var existing = candidates.FirstOrDefault(c => c.Kind == proposal.Kind && c.TargetId == proposal.TargetId);
            if (existing is not null)
            {
                existing.Refresh(proposal.Score, explanation, proposal.Weak, when);
                continue;
            }

            if (candidates.Count >= MaxCandidates)
            {
                throw new DomainValidationException("candidates", $"候选最多{MaxCandidates}个");
            }

            var candidate = new PlanCandidate(proposal, explanation, actor, when);
            candidates.Add(candidate);
            if (actor is not null)
            {
                judgements.Add(new CandidateJudgement(candidate, candidate.Kind, candidate.TargetId, CandidateLabel.Added, null, explanation, null, actor, when));
            }

            added++;
        }

        if (validated.Count > 0)
        {
            Touch(when);
        }

        return added;
    }

    /// <summary>
    /// A staffer adds a candidate by hand (人工添加) with an optional note: one already on the plan is refused (a dropped one
    /// is restored instead, <see cref="RestoreCandidate"/>). Kept as an <see cref="CandidateLabel.Added"/> judgement.
    /// </summary>
    public PlanCandidate AddCandidateByHand(Actor actor, CandidateKind kind, Guid targetId, string? note, DateTimeOffset? at = null)
    {
        RequireHandler(actor, "添加候选");
        RequireOpen("添加候选");
        MarketRules.Defined(kind, "kind", "候选类型");
        if (targetId == Guid.Empty)
        {
            throw new DomainValidationException("targetId", "请选择要添加的候选");
        }

        var text = Guard.Optional(note, "note", "添加说明", MarketRules.NoteMaxLength);
        if (candidates.FirstOrDefault(c => c.Kind == kind && c.TargetId == targetId) is { } existing)
        {
            throw new DomainValidationException("targetId", existing.IsDropped ? "该候选已被排除，可在“已排除”中恢复" : "该候选已在候选名单中");
        }

        ProposeCandidates([new CandidateProposal(kind, targetId, 0, text ?? "人工添加")], actor, at);
        return candidates[^1];
    }

    /// <summary>
    /// A staffer drops a candidate as irrelevant, with a reason from the list (and words; required for 其他). It leaves the
    /// plan's list (shown under 已排除) and is kept as a <see cref="CandidateLabel.Dropped"/> judgement.
    /// </summary>
    public void DropCandidate(Actor actor, Guid candidateId, CandidateDropReason reason, string? note, DateTimeOffset? at = null)
    {
        RequireHandler(actor, "排除候选");
        RequireOpen("排除候选");
        var candidate = Candidate(candidateId);
        if (candidate.IsDropped)
        {
            throw new DomainValidationException("candidateId", "该候选已被排除");
        }

        MarketRules.Defined(reason, "reason", "排除原因");
        var text = reason == CandidateDropReason.Other
            ? Guard.Required(note, "note", "排除说明", MarketRules.ReasonMaxLength)
            : Guard.Optional(note, "note", "排除说明", MarketRules.ReasonMaxLength);
        var when = at ?? DateTimeOffset.UtcNow;
        judgements.Add(new CandidateJudgement(candidate, candidate.Kind, candidate.TargetId, CandidateLabel.Dropped, reason, text, RankOf(candidate), actor, when));
        candidate.Drop(actor, reason, text, when);
        Touch(when);
    }

    /// <summary>Undoes a drop: the candidate is back on the plan; kept as a <see cref="CandidateLabel.Restored"/> judgement.</summary>
    public void RestoreCandidate(Actor actor, Guid candidateId, string? note = null, DateTimeOffset? at = null)
    {
        RequireHandler(actor, "恢复候选");
        RequireOpen("恢复候选");
        var candidate = Candidate(candidateId);
        if (!candidate.IsDropped)
        {
            throw new DomainValidationException("candidateId", "该候选未被排除");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        candidate.Restore(when);
        judgements.Add(new CandidateJudgement(candidate, candidate.Kind, candidate.TargetId, CandidateLabel.Restored, null, Guard.Optional(note, "note", "恢复说明", MarketRules.ReasonMaxLength), RankOf(candidate), actor, when));
        Touch(when);
    }

    /// <summary>Logs a contact. The first one moves a New plan to Responded and stamps <see cref="FirstRespondedAt"/>.</summary>
    public ContactLogEntry LogContact(Actor actor, ContactData data, DateTimeOffset? at = null)
    {
        RequireHandler(actor, "记录联系");
        RequireOpen("记录联系");
        var when = at ?? DateTimeOffset.UtcNow;
        var contactedAt = data.ContactedAt ?? when;
        if (contactedAt > when.AddMinutes(5))
        {
            throw new DomainValidationException("contactedAt", "联系时间不能晚于当前时间");
        }

        if (contactedAt < CreatedAt)
        {
            throw new DomainValidationException("contactedAt", "联系时间不能早于一单一策建立时间");
        }

        if (data.CandidateId is { } candidateId && candidates.All(c => c.Id != candidateId))
        {
            throw new DomainValidationException("candidateId", "该候选不在本需求的候选名单中");
        }

        // The contacted candidate: the one named, else the worker candidate the contact names.
        var contacted = data.CandidateId is { } named
            ? candidates.First(c => c.Id == named)
            : data.ScienceWorkerId is { } worker ? candidates.FirstOrDefault(c => c.Kind == CandidateKind.Worker && c.TargetId == worker && !c.IsDropped) : null;
        if (contacted is { IsDropped: true })
        {
            throw new DomainValidationException("candidateId", "该候选已被排除，请先恢复");
        }

        var entry = ContactLogEntry.From(data, actor, contactedAt, when);
        contacts.Add(entry);
        if (contacted is not null && !judgements.Any(j => j.CandidateId == contacted.Id && j.Label == CandidateLabel.Contacted))
        {
            judgements.Add(new CandidateJudgement(contacted, contacted.Kind, contacted.TargetId, CandidateLabel.Contacted, null, entry.Note, RankOf(contacted), actor, when));
        }

        if (FirstRespondedAt is null || contactedAt < FirstRespondedAt)
        {
            FirstRespondedAt = contactedAt;
        }

        if (Status == ResponsePlanStatus.New)
        {
            Move(ResponsePlanStatus.Responded, actor, "首次联系", when);
        }
        else
        {
            Touch(when);
        }

        return entry;
    }

    /// <summary>Responded → Negotiating.</summary>
    public void StartNegotiation(Actor actor, string? note = null, DateTimeOffset? at = null)
    {
        RequireHandler(actor, "进入洽谈");
        if (Status != ResponsePlanStatus.Responded)
        {
            throw new InvalidTransitionException($"只有已响应的一单一策可以进入洽谈（当前状态：“{Status.Chinese()}”）");
        }

        Move(ResponsePlanStatus.Negotiating, actor, Guard.Optional(note, "note", "备注", MarketRules.NoteMaxLength), at ?? DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Responded or Negotiating → Deal, optionally naming the order and who the deal was made with
    /// (<paramref name="with"/>: a candidate of the plan, or the order's offer and provider), kept as a
    /// <see cref="CandidateLabel.Dealt"/> judgement of that candidate — or of the offer/worker when it was never one.
    /// </summary>
    public void RecordDeal(Actor actor, Guid? orderId, string? note = null, DateTimeOffset? at = null, DealCounterpart? with = null)
    {
        RequireHandler(actor, "登记成交");
        if (Status is not (ResponsePlanStatus.Responded or ResponsePlanStatus.Negotiating))
        {
            throw new InvalidTransitionException($"只有已响应或洽谈中的一单一策可以登记成交（当前状态：“{Status.Chinese()}”）");
        }

        if (with?.CandidateId is { } named && candidates.All(c => c.Id != named))
        {
            throw new DomainValidationException("candidateId", "该候选不在本需求的候选名单中");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        if (with is not null)
        {
            var dealt = with.CandidateId is { } id ? candidates.First(c => c.Id == id)
                : candidates.FirstOrDefault(c => with.OfferId is { } offer && c.Kind == CandidateKind.Offer && c.TargetId == offer)
                  ?? candidates.FirstOrDefault(c => with.WorkerId is { } worker && c.Kind == CandidateKind.Worker && c.TargetId == worker);
            var dealNote = Guard.Optional(note, "note", "备注", MarketRules.NoteMaxLength);
            if (dealt is not null)
            {
                judgements.Add(new CandidateJudgement(dealt, dealt.Kind, dealt.TargetId, CandidateLabel.Dealt, null, dealNote, RankOf(dealt), actor, when));
            }
            else if ((with.OfferId ?? with.WorkerId) is { } target && target != Guid.Empty)
            {
                judgements.Add(new CandidateJudgement(null, with.OfferId is not null ? CandidateKind.Offer : CandidateKind.Worker, target, CandidateLabel.Dealt, null, dealNote, null, actor, when));
            }
        }

        DealOrderId = orderId == Guid.Empty ? null : orderId;
        ClosedAt = when;
        Move(ResponsePlanStatus.Deal, actor, Guard.Optional(note, "note", "备注", MarketRules.NoteMaxLength), when);
    }

    /// <summary>New, Responded or Negotiating → ClosedWithoutDeal; the reason is required.</summary>
    public void CloseWithoutDeal(Actor actor, string? reason, DateTimeOffset? at = null)
    {
        RequireHandler(actor, "关闭");
        if (!IsOpen)
        {
            throw new InvalidTransitionException($"该一单一策已结束（“{Status.Chinese()}”），不能再关闭");
        }

        var text = MarketRules.Reason(reason, "未成交原因");
        var when = at ?? DateTimeOffset.UtcNow;
        CloseReason = text;
        ClosedAt = when;
        Move(ResponsePlanStatus.ClosedWithoutDeal, actor, text, when);
    }

    private PlanCandidate Candidate(Guid candidateId) =>
        candidates.FirstOrDefault(c => c.Id == candidateId) ?? throw new DomainValidationException("candidateId", "该候选不在本需求的候选名单中");

    /// <summary>Rank of a matching candidate among those matching proposed, by score (null for one added by hand).</summary>
    private int? RankOf(PlanCandidate candidate) => candidate.IsManual
        ? null
        : 1 + candidates.Count(c => !c.IsManual && (c.Score > candidate.Score || (c.Score == candidate.Score && c.ProposedAt < candidate.ProposedAt)));

    private static (CandidateProposal Proposal, string Explanation) Validate(CandidateProposal proposal)
    {
        MarketRules.Defined(proposal.Kind, "candidates", "候选类型");
        if (proposal.TargetId == Guid.Empty)
        {
            throw new DomainValidationException("candidates", "候选对象不能为空");
        }

        if (!double.IsFinite(proposal.Score) || proposal.Score < 0)
        {
            throw new DomainValidationException("candidates", "候选得分应为非负数");
        }

        return (proposal, Guard.Required(proposal.Explanation, "candidates", "匹配说明", MarketRules.NoteMaxLength));
    }

    private void Move(ResponsePlanStatus to, Actor actor, string? note, DateTimeOffset when)
    {
        statusHistory.Add(new PlanStatusChange(Status, to, actor, note, when));
        Status = to;
        Touch(when);
    }

    private void Touch(DateTimeOffset when)
    {
        UpdatedAt = when;
        Version++;
    }

    private void RequireHandler(Actor actor, string verb)
    {
        if (!MayHandle(actor))
        {
            throw new NotPermittedException($"只有处理人或本地区服务中心、科协工作人员可以{verb}");
        }
    }

    private void RequireOpen(string verb)
    {
        if (!IsOpen)
        {
            throw new InvalidTransitionException($"该一单一策已结束（“{Status.Chinese()}”），不能{verb}");
        }
    }
}
