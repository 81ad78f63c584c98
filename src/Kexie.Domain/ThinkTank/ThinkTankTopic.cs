using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.ThinkTank;

public enum CallStatus
{
    /// <summary>征集中.</summary>
    Open = 1,

    /// <summary>已截止.</summary>
    Closed = 2,
}

public enum TopicStatus
{
    /// <summary>已申报: waiting for expert review.</summary>
    Submitted = 1,

    /// <summary>专家评审中: at least one expert opinion recorded.</summary>
    UnderReview = 2,

    /// <summary>已立项.</summary>
    Approved = 3,

    /// <summary>未立项 (final, with a reason).</summary>
    Rejected = 4,

    /// <summary>已结题 (final).</summary>
    Concluded = 5,

    /// <summary>已撤回 by the applicant before a decision (final).</summary>
    Withdrawn = 6,
}

public enum ProposalStatus
{
    /// <summary>已提交: waiting for a decision.</summary>
    Submitted = 1,

    /// <summary>已采纳 by some level.</summary>
    Adopted = 2,

    /// <summary>未采纳 (with a reason).</summary>
    NotAdopted = 3,
}

/// <summary>The level whose Party committee or government adopted a proposal (批示 / 采纳).</summary>
public enum AdoptionLevel
{
    County = 1,
    City = 2,
    Province = 3,
    National = 4,
}

public static class ThinkTankNames
{
    public static string Chinese(this CallStatus status) => status switch
    {
        CallStatus.Open => "征集中",
        CallStatus.Closed => "已截止",
        _ => status.ToString(),
    };

    public static string Chinese(this TopicStatus status) => status switch
    {
        TopicStatus.Submitted => "已申报",
        TopicStatus.UnderReview => "专家评审中",
        TopicStatus.Approved => "已立项",
        TopicStatus.Rejected => "未立项",
        TopicStatus.Concluded => "已结题",
        TopicStatus.Withdrawn => "已撤回",
        _ => status.ToString(),
    };

    public static string Chinese(this ProposalStatus status) => status switch
    {
        ProposalStatus.Submitted => "已提交",
        ProposalStatus.Adopted => "已采纳",
        ProposalStatus.NotAdopted => "未采纳",
        _ => status.ToString(),
    };

    public static string Chinese(this AdoptionLevel level) => level switch
    {
        AdoptionLevel.County => "县级",
        AdoptionLevel.City => "市级",
        AdoptionLevel.Province => "省级",
        AdoptionLevel.National => "国家级",
        _ => level.ToString(),
    };
}

public sealed record ThinkTankCallData(string? Title, string? Description, string? RegionCode, DateOnly? Deadline, IReadOnlyList<ReviewCriterionData>? Rubric = null);

/// <summary>
/// 智库课题征集: an association's call for think-tank topics for its region, open until its deadline (China date) or
/// until closed by its admins. Topics are applied for under a call.
/// </summary>
public sealed class ThinkTankCall : Entity, IRegional
{
    private readonly List<ReviewCriterion> criteria = [];

    private ThinkTankCall()
    {
    }

    /// <summary>The review rubric (评审指标) set when the call was opened; empty for calls opened before rubrics (they use <see cref="ReviewRubric.Default"/>).</summary>
    public IReadOnlyList<ReviewCriterion> Criteria => criteria;

    /// <summary>The criteria experts score this call's topics on.</summary>
    public IReadOnlyList<ReviewCriterion> Rubric => criteria.Count > 0 ? criteria.OrderBy(c => c.Position).ToList() : ReviewRubric.Build(null);

    public string Title { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public DateOnly Deadline { get; private set; }

    public CallStatus Status { get; private set; } = CallStatus.Open;

    public int Version { get; private set; }

    public static ThinkTankCall Open(ThinkTankCallData data, Actor actor, DateTimeOffset? at = null)
    {
        var call = new ThinkTankCall();
        call.Apply(data);
        call.criteria.AddRange(ReviewRubric.Build(data.Rubric));
        call.RequireAdmin(actor);
        var when = at ?? DateTimeOffset.UtcNow;
        if (call.Deadline < MarketRules.ChinaDate(when))
        {
            throw new DomainValidationException("deadline", "截止日期不能早于今天");
        }

        call.CreatedAt = when;
        call.UpdatedAt = when;
        return call;
    }

    public bool AcceptsApplications(DateTimeOffset now) => Status == CallStatus.Open && MarketRules.ChinaDate(now) <= Deadline;

    public void Close(Actor actor, DateTimeOffset? at = null)
    {
        RequireAdmin(actor);
        if (Status == CallStatus.Closed)
        {
            throw new InvalidTransitionException("课题征集已截止");
        }

        Status = CallStatus.Closed;
        UpdatedAt = at ?? DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>
    /// The rubric is fixed once the call is open (a call is opened when it is published): topics were applied for, and experts
    /// assigned and scored, against it. Refused for the call's admins with a conflict; others may not manage the call at all.
    /// </summary>
    public void ChangeRubric(IReadOnlyList<ReviewCriterionData>? rubric, Actor actor)
    {
        RequireAdmin(actor);
        if (Status is CallStatus.Open or CallStatus.Closed)
        {
            throw new InvalidTransitionException("课题征集已发布，评审指标不能再修改（申报和专家评分都按发布时的评审指标进行）；如需调整，请截止本征集后重新发布");
        }

        criteria.Clear();
        criteria.AddRange(ReviewRubric.Build(rubric));
    }

    /// <summary>
    /// A manager of the call's region (its subtree) opens, closes and changes the call. Which managers — by default the
    /// association admins — is <c>thinktank.calls.manage</c>'s grant, decided by the <c>AccessPolicy</c> before this rule is asked.
    /// </summary>
    public bool MayReview(Actor actor) => actor.Manages(RegionCode);

    internal void RequireAdmin(Actor actor)
    {
        if (!MayReview(actor))
        {
            throw new NotPermittedException("只有征集所属地区（含上级）的管理人员可以发布和管理智库课题征集");
        }
    }

    private void Apply(ThinkTankCallData data)
    {
        Title = Guard.Required(data.Title, "title", "征集名称", MarketRules.TitleMaxLength);
        Description = Guard.Optional(data.Description, "description", "征集说明", MarketRules.DescriptionMaxLength);
        RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        Deadline = data.Deadline ?? throw new DomainValidationException("deadline", "截止日期不能为空");
    }
}

public sealed record ThinkTankTopicData(string? Title, string? Summary, string? LeaderName, string? LeaderOrganization, string? RegionCode);

/// <summary>One expert's opinion on a topic application.</summary>
public sealed class ExpertReview
{
    private ExpertReview()
    {
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string ExpertName { get; private set; } = string.Empty;

    /// <summary>0–100.</summary>
    public int Score { get; private set; }

    public string? Opinion { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string? RecordedByUserId { get; private set; }

    internal static ExpertReview Create(string? expert, int score, string? opinion, Actor actor, DateTimeOffset at)
    {
        if (score is < 0 or > 100)
        {
            throw new DomainValidationException("score", "评分应在0至100之间");
        }

        return new ExpertReview
        {
            ExpertName = Guard.Required(expert, "expertName", "评审专家", 50),
            Score = score,
            Opinion = Guard.Optional(opinion, "opinion", "评审意见", MarketRules.NoteMaxLength),
            At = at,
            RecordedByUserId = actor.UserId,
        };
    }
}

/// <summary>
/// 智库课题: applied for under an open call by a signed-in user (a worker, an organization member, or the region's
/// staff on someone's behalf), within the call's region. The call's admins record expert opinions (专家评审), then
/// approve (立项) or reject it; an approved topic is concluded (结题) with its result. Counted (D01) on the day approved.
/// <code>
/// Submitted ──ReviewBy──▶ UnderReview ──Approve──▶ Approved ──Conclude──▶ Concluded
///     │                       └──Reject(reason)──▶ Rejected
///     └──Withdraw──▶ Withdrawn
/// </code>
/// </summary>
public sealed class ThinkTankTopic : Entity, IRegional
{
    private readonly List<ExpertReview> reviews = [];

    private ThinkTankTopic()
    {
    }

    public Guid CallId { get; private set; }

    /// <summary>The call's region: whose admins review.</summary>
    public string CallRegionCode { get; private set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;

    public string Summary { get; private set; } = string.Empty;

    /// <summary>课题负责人.</summary>
    public string LeaderName { get; private set; } = string.Empty;

    /// <summary>承担单位.</summary>
    public string LeaderOrganization { get; private set; } = string.Empty;

    public string RegionCode { get; private set; } = string.Empty;

    public string? ApplicantUserId { get; private set; }

    public TopicStatus Status { get; private set; } = TopicStatus.Submitted;

    public string? StatusReason { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public DateTimeOffset? ConcludedAt { get; private set; }

    /// <summary>结题成果 (summary of the result).</summary>
    public string? Result { get; private set; }

    /// <summary>The topic of a lower region's call this one was recommended from (推荐).</summary>
    public Guid? SourceTopicId { get; private set; }

    /// <summary>The topic this one became in a higher region's call once recommended upward.</summary>
    public Guid? RecommendedTopicId { get; private set; }

    public DateTimeOffset? RecommendedAt { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<ExpertReview> Reviews => reviews;

    /// <summary>The average expert score, or null before any review.</summary>
    public decimal? AverageScore => reviews.Count == 0 ? null : decimal.Round(reviews.Average(r => (decimal)r.Score), 1);

    public static ThinkTankTopic Apply(ThinkTankCall call, ThinkTankTopicData data, Actor actor, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        var when = at ?? DateTimeOffset.UtcNow;
        if (!actor.IsAuthenticated || actor.UserId is null)
        {
            throw new NotPermittedException("请先登录再申报课题");
        }

        if (!call.AcceptsApplications(when))
        {
            throw new InvalidTransitionException("课题征集已截止，不能再申报");
        }

        var topic = new ThinkTankTopic { CallId = call.Id, CallRegionCode = call.RegionCode, ApplicantUserId = actor.UserId, CreatedAt = when, UpdatedAt = when };
        topic.Set(data);
        if (actor.IsRegionManager && !actor.Manages(topic.RegionCode) && !actor.Manages(call.RegionCode))
        {
            throw new NotPermittedException("不能为本地区以外的单位代为申报");
        }

        return topic;
    }

    public bool IsApplicant(Actor actor) => actor.UserId is not null && actor.UserId == ApplicantUserId;

    /// <summary>
    /// A manager of the call's region reviews, approves, concludes and recommends the topic and assigns its experts. Which
    /// managers — by default the association admins — is <c>thinktank.topics.review</c>'s grant, decided by the
    /// <c>AccessPolicy</c> before this rule is asked.
    /// </summary>
    public bool MayReview(Actor actor) => actor.Manages(CallRegionCode);

    public bool IsVisibleTo(Actor actor) => IsApplicant(actor) || (actor.ManagedScope is { } scope && (Regions.RegionCode.IsWithin(CallRegionCode, scope) || Regions.RegionCode.IsWithin(RegionCode, scope)));

    /// <summary>Records one expert's opinion; Submitted → UnderReview.</summary>
    public void ReviewBy(string? expertName, int score, string? opinion, Actor actor, DateTimeOffset? at = null)
    {
        RequireReviewer(actor);
        if (Status is not (TopicStatus.Submitted or TopicStatus.UnderReview))
        {
            throw new InvalidTransitionException($"课题当前状态为“{Status.Chinese()}”，不能再评审");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        reviews.Add(ExpertReview.Create(expertName, score, opinion, actor, when));
        Status = TopicStatus.UnderReview;
        Touch(when);
    }

    /// <summary>An assigned expert submitted scores: Submitted → UnderReview.</summary>
    internal void ExpertScored(DateTimeOffset when)
    {
        Status = TopicStatus.UnderReview;
        Touch(when);
    }

    /// <summary>
    /// 推荐到上级智库: an approved (or concluded) topic is entered in <paramref name="target"/>, an open call of a higher region that holds
    /// this topic's call region, by this call's admins; once. Returns the new topic of the higher call (same applicant, leader and
    /// content; it is reviewed there by that region's experts).
    /// </summary>
    public ThinkTankTopic RecommendTo(ThinkTankCall target, Actor actor, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        RequireReviewer(actor);
        if (Status is not (TopicStatus.Approved or TopicStatus.Concluded))
        {
            throw new InvalidTransitionException("只有已立项的课题可以推荐到上级智库");
        }

        if (RecommendedTopicId is not null)
        {
            throw new InvalidTransitionException("该课题已推荐到上级智库");
        }

        if (target.RegionCode == CallRegionCode || !Regions.RegionCode.IsWithin(CallRegionCode, target.RegionCode))
        {
            throw new DomainValidationException("targetCallId", "只能推荐到上级地区的课题征集");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        if (!target.AcceptsApplications(when))
        {
            throw new InvalidTransitionException("上级课题征集已截止，不能再推荐");
        }

        var recommended = new ThinkTankTopic
        {
            CallId = target.Id,
            CallRegionCode = target.RegionCode,
            Title = Title,
            Summary = Summary,
            LeaderName = LeaderName,
            LeaderOrganization = LeaderOrganization,
            RegionCode = RegionCode,
            ApplicantUserId = ApplicantUserId,
            SourceTopicId = Id,
            CreatedAt = when,
            UpdatedAt = when,
        };
        RecommendedTopicId = recommended.Id;
        RecommendedAt = when;
        Touch(when);
        return recommended;
    }

    /// <summary>UnderReview → Approved (立项): needs at least one expert opinion.</summary>
    public void Approve(Actor actor, DateTimeOffset? at = null)
    {
        RequireReviewer(actor);
        if (Status != TopicStatus.UnderReview)
        {
            throw new InvalidTransitionException(Status == TopicStatus.Submitted ? "尚无专家评审意见，不能立项" : $"课题当前状态为“{Status.Chinese()}”，不能立项");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        ApprovedAt = when;
        Status = TopicStatus.Approved;
        StatusReason = null;
        Touch(when);
    }

    /// <summary>Submitted or UnderReview → Rejected (未立项) with a reason.</summary>
    public void Reject(Actor actor, string? reason, DateTimeOffset? at = null)
    {
        RequireReviewer(actor);
        if (Status is not (TopicStatus.Submitted or TopicStatus.UnderReview))
        {
            throw new InvalidTransitionException($"课题当前状态为“{Status.Chinese()}”，不能作未立项处理");
        }

        StatusReason = MarketRules.Reason(reason, "未立项原因");
        Status = TopicStatus.Rejected;
        Touch(at ?? DateTimeOffset.UtcNow);
    }

    /// <summary>Approved → Concluded (结题) with the result, by the call's admins.</summary>
    public void Conclude(Actor actor, string? result, DateTimeOffset? at = null)
    {
        RequireReviewer(actor);
        if (Status != TopicStatus.Approved)
        {
            throw new InvalidTransitionException("只有已立项的课题可以结题");
        }

        Result = Guard.Required(result, "result", "结题成果", MarketRules.DescriptionMaxLength);
        var when = at ?? DateTimeOffset.UtcNow;
        ConcludedAt = when;
        Status = TopicStatus.Concluded;
        Touch(when);
    }

    /// <summary>Submitted → Withdrawn by the applicant, before any review.</summary>
    public void Withdraw(Actor actor, DateTimeOffset? at = null)
    {
        if (!IsApplicant(actor))
        {
            throw new NotPermittedException("只有申报人可以撤回课题");
        }

        if (Status != TopicStatus.Submitted)
        {
            throw new InvalidTransitionException("课题已进入评审，不能撤回");
        }

        Status = TopicStatus.Withdrawn;
        Touch(at ?? DateTimeOffset.UtcNow);
    }

    private void RequireReviewer(Actor actor)
    {
        if (!MayReview(actor))
        {
            throw new NotPermittedException("只有发布征集地区（含上级）的管理人员可以评审课题");
        }
    }

    private void Touch(DateTimeOffset when)
    {
        UpdatedAt = when;
        Version++;
    }

    private void Set(ThinkTankTopicData data)
    {
        Title = Guard.Required(data.Title, "title", "课题名称", MarketRules.TitleMaxLength);
        Summary = Guard.Required(data.Summary, "summary", "研究内容", MarketRules.DescriptionMaxLength);
        LeaderName = Guard.Required(data.LeaderName, "leaderName", "课题负责人", 50);
        LeaderOrganization = Guard.Required(data.LeaderOrganization, "leaderOrganization", "承担单位", 100);
        var region = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        if (!Regions.RegionCode.IsWithin(region, CallRegionCode))
        {
            throw new DomainValidationException("regionCode", "申报单位所在地区不在本次征集的范围内");
        }

        RegionCode = region;
    }
}
