using Kexie.Domain.Common;
using Kexie.Domain.Identity;

namespace Kexie.Domain.Market;

/// <summary>审核 status shared by offers, needs and fair projects. Only <see cref="Published"/> is public and matchable.</summary>
public enum ReviewStatus
{
    /// <summary>草稿: being written by its owner.</summary>
    Draft = 1,

    /// <summary>待审核: submitted to the region's association.</summary>
    Submitted = 2,

    /// <summary>已发布 (for fair projects: 已入选).</summary>
    Published = 3,

    /// <summary>已退回: returned to the owner with a reason; may be edited and resubmitted.</summary>
    Returned = 4,

    /// <summary>不予发布 (for fair projects: 未入选): final, with a reason.</summary>
    Rejected = 5,

    /// <summary>已撤回: taken back by the owner; may be edited and resubmitted.</summary>
    Withdrawn = 6,

    /// <summary>已关闭: a published item closed (solved, expired, taken down); final, with a reason.</summary>
    Closed = 7,
}

public static class ReviewStatusNames
{
    public static string Chinese(this ReviewStatus status) => status switch
    {
        ReviewStatus.Draft => "草稿",
        ReviewStatus.Submitted => "待审核",
        ReviewStatus.Published => "已发布",
        ReviewStatus.Returned => "已退回",
        ReviewStatus.Rejected => "不予发布",
        ReviewStatus.Withdrawn => "已撤回",
        ReviewStatus.Closed => "已关闭",
        _ => status.ToString(),
    };
}

/// <summary>One step of the review history: who moved the item from which status to which, when and why.</summary>
public sealed class ReviewRecord
{
    internal ReviewRecord(ReviewStatus from, ReviewStatus to, Actor actor, string? reason, DateTimeOffset at)
    {
        From = from;
        To = to;
        ActorUserId = actor.UserId;
        ActorName = actor.Name;
        ActorRole = actor.Role;
        Reason = reason;
        At = at;
    }

    private ReviewRecord()
    {
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public DateTimeOffset At { get; private set; }

    public string? ActorUserId { get; private set; }

    public string? ActorName { get; private set; }

    public UserRole? ActorRole { get; private set; }

    public ReviewStatus From { get; private set; }

    public ReviewStatus To { get; private set; }

    public string? Reason { get; private set; }
}

/// <summary>Metadata of an uploaded file (the bytes live in the file store, under <see cref="StorageKey"/>).</summary>
public sealed record AttachmentData(string? FileName, long SizeBytes, string? ContentType, string? StorageKey);

/// <summary>An attachment of an offer, need or fair project.</summary>
public sealed class Attachment
{
    public const long MaxSizeBytes = 20L * 1024 * 1024;
    public const int MaxPerItem = 10;

    /// <summary>Content types accepted: PDF, Office documents, images, plain text, zip.</summary>
    public static readonly string[] AllowedContentTypes =
    [
        "application/pdf",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "image/jpeg",
        "image/png",
        "image/webp",
        "text/plain",
        "application/zip",
    ];

    private Attachment()
    {
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string FileName { get; private set; } = string.Empty;

    public long SizeBytes { get; private set; }

    public string ContentType { get; private set; } = string.Empty;

    public string StorageKey { get; private set; } = string.Empty;

    public DateTimeOffset UploadedAt { get; private set; }

    public string? UploadedByUserId { get; private set; }

    internal static Attachment From(AttachmentData data, Actor actor, DateTimeOffset at)
    {
        var name = Guard.Required(data.FileName, "fileName", "文件名", 200);
        if (name.IndexOfAny(['/', '\\']) >= 0 || name is "." or "..")
        {
            throw new DomainValidationException("fileName", "文件名不能包含路径");
        }

        if (data.SizeBytes <= 0)
        {
            throw new DomainValidationException("sizeBytes", "文件不能为空");
        }

        if (data.SizeBytes > MaxSizeBytes)
        {
            throw new DomainValidationException("sizeBytes", $"文件大小不能超过{MaxSizeBytes / 1024 / 1024}MB");
        }

        var type = Guard.Required(data.ContentType, "contentType", "文件类型", 100).ToLowerInvariant();
        if (!AllowedContentTypes.Contains(type, StringComparer.Ordinal))
        {
            throw new DomainValidationException("contentType", $"不支持的文件类型“{type}”（支持PDF、Office文档、图片、文本和zip）");
        }

        return new Attachment
        {
            FileName = name,
            SizeBytes = data.SizeBytes,
            ContentType = type,
            StorageKey = Guard.Required(data.StorageKey, "storageKey", "文件存储键", 200),
            UploadedAt = at,
            UploadedByUserId = actor.UserId,
        };
    }
}

/// <summary>The actions of the review workflow as DTOs name them (<c>actions</c>: ["edit","submit",…]).</summary>
public static class ReviewActions
{
    public const string Edit = "edit";
    public const string Submit = "submit";
    public const string Delete = "delete";
    public const string Withdraw = "withdraw";
    public const string Publish = "publish";
    public const string Return = "return";
    public const string Reject = "reject";
    public const string Close = "close";

    /// <summary>Publish, return and reject are the reviewer's (the review permission); the rest the editor's.</summary>
    public static bool IsReview(string action) => action is Publish or Return or Reject;
}

/// <summary>
/// An item that goes through 审核 before it is public: offers, needs, fair projects.
/// <code>
/// Draft ──Submit──▶ Submitted ──Publish──▶ Published ──Close(reason)──▶ Closed
///   ▲                 │  │                     │
///   │ (edit)          │  └─Reject(reason)──▶ Rejected
/// Returned ◀─Return(reason)┘                   │
/// Withdrawn ◀──Withdraw── Submitted | Returned | Published
/// Returned | Withdrawn ──Submit──▶ Submitted  (resubmit after editing)
/// </code>
/// The owner submits, withdraws, edits and closes; a region manager (service-centre staff, association
/// admin) may do the same on the owner's behalf (保姆式 help); only an association admin of the region
/// reviews (publish, return, reject) and may close a published item. Every transition is appended to
/// <see cref="ReviewHistory"/> and increments <see cref="Version"/> (an optimistic concurrency token).
/// </summary>
public abstract class Reviewable : Entity, IRegional
{
    private readonly List<ReviewRecord> reviewHistory = [];
    private readonly List<Attachment> attachments = [];

    public string RegionCode { get; protected set; } = string.Empty;

    public ReviewStatus Status { get; private set; } = ReviewStatus.Draft;

    public DateTimeOffset? SubmittedAt { get; private set; }

    /// <summary>When it was (last) published; null until then.</summary>
    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>The reason of the last return, rejection, withdrawal or closing, shown to the owner.</summary>
    public string? StatusReason { get; private set; }

    /// <summary>Concurrency token: incremented on every change.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<ReviewRecord> ReviewHistory => reviewHistory;

    public IReadOnlyList<Attachment> Attachments => attachments;

    /// <summary>Public and matchable.</summary>
    public bool IsPublished => Status == ReviewStatus.Published;

    /// <summary>Draft, returned and withdrawn items may be edited; published ones must be withdrawn first.</summary>
    public bool IsEditable => Status is ReviewStatus.Draft or ReviewStatus.Returned or ReviewStatus.Withdrawn;

    /// <summary>What this item is called in messages, e.g. “科技需求”.</summary>
    protected abstract string Noun { get; }

    /// <summary>True when the actor owns the item (the worker, the organization, the submitter).</summary>
    public abstract bool IsOwnedBy(Actor actor);

    /// <summary>Owner, or a region manager acting on the owner's behalf.</summary>
    public bool MayEdit(Actor actor) => IsOwnedBy(actor) || (actor.Manages(RegionCode));

    /// <summary>
    /// A manager of the item's region (its subtree). Which managers review — by default the association admins — is the
    /// review permission's grant, decided by the <c>AccessPolicy</c> before this rule is asked, so a deployment that lets
    /// its service centre review grants the permission and nothing here changes.
    /// </summary>
    public virtual bool MayReview(Actor actor) => actor.Manages(RegionCode);

    /// <summary>
    /// What <paramref name="actor"/> may do to the item in its present status, by the rules of the transitions below
    /// (who: <see cref="MayEdit"/>, <see cref="MayReview"/>; when: the status). DTOs carry this list so pages and clients
    /// show exactly the buttons the endpoints then allow; the web layer removes those the actor's role lacks the
    /// permission for (<see cref="ReviewActions.IsReview"/>).
    /// </summary>
    public IReadOnlyList<string> ActionsFor(Actor actor)
    {
        var actions = new List<string>();
        var editor = MayEdit(actor);
        var reviewer = MayReview(actor);
        if (editor && IsEditable)
        {
            actions.Add(ReviewActions.Edit);
            actions.Add(ReviewActions.Submit);
        }

        if (editor && Status == ReviewStatus.Draft)
        {
            actions.Add(ReviewActions.Delete);
        }

        if (editor && Status is ReviewStatus.Submitted or ReviewStatus.Returned or ReviewStatus.Published)
        {
            actions.Add(ReviewActions.Withdraw);
        }

        if (reviewer && Status == ReviewStatus.Submitted)
        {
            actions.Add(ReviewActions.Publish);
            actions.Add(ReviewActions.Return);
            actions.Add(ReviewActions.Reject);
        }

        if ((editor || reviewer) && Status == ReviewStatus.Published)
        {
            actions.Add(ReviewActions.Close);
        }

        return actions;
    }

    /// <summary>Published items are visible to everyone; others only to those who may edit or review them.</summary>
    public virtual bool IsVisibleTo(Actor actor) => IsPublished || MayEdit(actor) || MayReview(actor);

    /// <summary>Draft, Returned or Withdrawn → Submitted (owner or region manager).</summary>
    public void Submit(Actor actor, DateTimeOffset? at = null)
    {
        RequireEditor(actor, "提交");
        if (!IsEditable)
        {
            throw new InvalidTransitionException($"{Noun}当前状态为“{Status.Chinese()}”，不能提交审核");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        SubmittedAt = when;
        Move(ReviewStatus.Submitted, actor, null, when);
    }

    /// <summary>Submitted → Returned with a reason (association admin).</summary>
    public void Return(Actor actor, string? reason, DateTimeOffset? at = null)
    {
        RequireReviewer(actor, "退回");
        RequireSubmitted("退回");
        Move(ReviewStatus.Returned, actor, MarketRules.Reason(reason, "退回原因"), at ?? DateTimeOffset.UtcNow);
    }

    /// <summary>Submitted → Rejected with a reason; final (association admin).</summary>
    public void Reject(Actor actor, string? reason, DateTimeOffset? at = null)
    {
        RequireReviewer(actor, "驳回");
        RequireSubmitted("驳回");
        Move(ReviewStatus.Rejected, actor, MarketRules.Reason(reason, "驳回原因"), at ?? DateTimeOffset.UtcNow);
    }

    /// <summary>Submitted, Returned or Published → Withdrawn; reason optional (owner or region manager).</summary>
    public void Withdraw(Actor actor, string? reason = null, DateTimeOffset? at = null)
    {
        RequireEditor(actor, "撤回");
        if (Status is not (ReviewStatus.Submitted or ReviewStatus.Returned or ReviewStatus.Published))
        {
            throw new InvalidTransitionException($"{Noun}当前状态为“{Status.Chinese()}”，不能撤回");
        }

        Move(ReviewStatus.Withdrawn, actor, Guard.Optional(reason, "reason", "撤回原因", MarketRules.ReasonMaxLength), at ?? DateTimeOffset.UtcNow);
    }

    /// <summary>Published → Closed with a reason; final (owner, region manager or association admin).</summary>
    public void Close(Actor actor, string? reason, DateTimeOffset? at = null)
    {
        if (!MayEdit(actor) && !MayReview(actor))
        {
            throw new NotPermittedException($"只有发布者或本地区管理员可以关闭该{Noun}");
        }

        if (Status != ReviewStatus.Published)
        {
            throw new InvalidTransitionException($"只有已发布的{Noun}可以关闭（当前状态：“{Status.Chinese()}”）");
        }

        Move(ReviewStatus.Closed, actor, MarketRules.Reason(reason, "关闭原因"), at ?? DateTimeOffset.UtcNow);
    }

    public Attachment AddAttachment(AttachmentData data, Actor actor, DateTimeOffset? at = null)
    {
        RequireEditable(actor);
        if (attachments.Count >= Attachment.MaxPerItem)
        {
            throw new DomainValidationException("attachments", $"附件最多{Attachment.MaxPerItem}个");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        var attachment = Attachment.From(data, actor, when);
        attachments.Add(attachment);
        Touch(when);
        return attachment;
    }

    public void RemoveAttachment(Guid attachmentId, Actor actor, DateTimeOffset? at = null)
    {
        RequireEditable(actor);
        var attachment = attachments.FirstOrDefault(a => a.Id == attachmentId)
            ?? throw new DomainValidationException("attachmentId", "附件不存在");
        attachments.Remove(attachment);
        Touch(at ?? DateTimeOffset.UtcNow);
    }

    /// <summary>Submitted → Published (association admin). Subclasses expose it under their own name.</summary>
    protected void PublishCore(Actor actor, DateTimeOffset when, string verb = "发布")
    {
        RequireReviewer(actor, verb);
        RequireSubmitted(verb);
        PublishedAt = when;
        Move(ReviewStatus.Published, actor, null, when);
    }

    /// <summary>Checks that the actor may edit and the status allows editing.</summary>
    protected void RequireEditable(Actor actor)
    {
        RequireEditor(actor, "修改");
        if (!IsEditable)
        {
            throw new InvalidTransitionException(Status == ReviewStatus.Published
                ? $"已发布的{Noun}不能直接修改，请先撤回"
                : $"{Noun}当前状态为“{Status.Chinese()}”，不能修改");
        }
    }

    /// <summary>Records the creation (a Draft entry by the creator) and sets the timestamps.</summary>
    protected void Created(Actor actor, DateTimeOffset when)
    {
        CreatedAt = when;
        UpdatedAt = when;
        reviewHistory.Add(new ReviewRecord(ReviewStatus.Draft, ReviewStatus.Draft, actor, null, when));
    }

    protected void Touch(DateTimeOffset when)
    {
        UpdatedAt = when;
        Version++;
    }

    private void Move(ReviewStatus to, Actor actor, string? reason, DateTimeOffset when)
    {
        reviewHistory.Add(new ReviewRecord(Status, to, actor, reason, when));
        Status = to;
        StatusReason = reason;
        Touch(when);
    }

    private void RequireEditor(Actor actor, string verb)
    {
        if (!MayEdit(actor))
        {
            throw new NotPermittedException($"只有发布者或本地区服务人员可以{verb}该{Noun}");
        }
    }

    private void RequireReviewer(Actor actor, string verb)
    {
        if (!MayReview(actor))
        {
            throw new NotPermittedException($"只有本地区（含下级）的管理人员可以{verb}该{Noun}");
        }
    }

    private void RequireSubmitted(string verb)
    {
        if (Status != ReviewStatus.Submitted)
        {
            throw new InvalidTransitionException($"只有待审核的{Noun}可以{verb}（当前状态：“{Status.Chinese()}”）");
        }
    }
}
