using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Web.Features.ThinkTank;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.ThinkTank;

/// <summary>A topic application: expert opinions, 立项 / 未立项, 结题 (the call's admins), withdrawal (the applicant).</summary>
[Authorize]
public sealed class TopicModel(ThinkTankService thinkTank, ExpertReviewService experts, KexieDbContext db) : MarketPageModel
{
    /// <summary>The expert review (rubric, assignments, scores, mean) for the call's admins; null for others.</summary>
    public TopicReviewDto? ExpertReview { get; private set; }

    public IReadOnlyList<ExpertCandidateDto> Candidates { get; private set; } = [];

    public IReadOnlyList<CallDto> UpwardCalls { get; private set; } = [];

    /// <summary>Whether the reader organizes this topic's expert review (the call's admins).</summary>
    public bool OrganizesReview => Can(ThinkTankPermissions.ReviewTopics, Call.RegionCode);

    public sealed class ReviewInput
    {
        public string? ExpertName { get; set; }
        public string? Score { get; set; }
        public string? Opinion { get; set; }
    }

    [BindProperty] public ReviewInput Input { get; set; } = new();

    public TopicDto Topic { get; private set; } = null!;

    public CallDto Call { get; private set; } = null!;

    public string RegionName { get; private set; } = string.Empty;

    public bool IsReviewer => Can(Kexie.Web.Features.ThinkTank.ThinkTankPermissions.ReviewTopics, Call.RegionCode);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.ThinkTank.ThinkTankPermissions), nameof(Kexie.Web.Features.ThinkTank.ThinkTankPermissions.ReviewTopics))]
    public async Task<IActionResult> OnPostReviewAsync(Guid id, int version, CancellationToken ct)
    {
        try
        {
            var score = ParseInt(Input.Score, "score", "评分") ?? throw new DomainValidationException("score", "评分不能为空");
            await thinkTank.ReviewAsync(Actor, id, new ExpertReviewRequest(Input.ExpertName, score, Input.Opinion), version, ct);
            return BackWithNotice("已登记专家评审意见");
        }
        catch (DomainValidationException e)
        {
            AddError<ReviewInput>(e);
        }

        await LoadAsync(id, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.ThinkTank.ThinkTankPermissions), nameof(Kexie.Web.Features.ThinkTank.ThinkTankPermissions.ApplyTopics))]
    public async Task<IActionResult> OnPostStepAsync(Guid id, string step, int version, string? text, CancellationToken ct)
    {
        var (action, done) = step switch
        {
            "approve" => ((Action<Kexie.Domain.ThinkTank.ThinkTankTopic>)(t => t.Approve(Actor)), "已立项"),
            "reject" => (t => t.Reject(Actor, text), "已作未立项处理"),
            "conclude" => (t => t.Conclude(Actor, text), "已结题"),
            "withdraw" => (t => t.Withdraw(Actor), "已撤回"),
            _ => throw new DomainValidationException("step", "未知的操作"),
        };
        // Review steps need the review permission too (the domain asks only for a manager of the call's region).
        if (step is "approve" or "reject" or "conclude" && !Can(ThinkTankPermissions.ReviewTopics))
        {
            return ForbiddenPage("您的角色没有“评审、立项和结题智库课题”的权限");
        }

        await thinkTank.TopicStepAsync(Actor, id, action, version, ct);
        return BackWithNotice(done);
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(ThinkTankPermissions), nameof(ThinkTankPermissions.ReviewTopics))]
    public async Task<IActionResult> OnPostAssignAsync(Guid id, string? expertId, CancellationToken ct)
    {
        try
        {
            await experts.AssignAsync(Actor, id, new AssignExpertRequest(ParseGuid(expertId, "expertId", "评审专家")), ct);
            return BackWithNotice("已指派评审专家，专家将收到通知");
        }
        catch (DomainValidationException e)
        {
            AssignError = e.Message;
        }

        await LoadAsync(id, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(ThinkTankPermissions), nameof(ThinkTankPermissions.ReviewTopics))]
    public async Task<IActionResult> OnPostRecommendAsync(Guid id, string? targetCallId, int version, CancellationToken ct)
    {
        try
        {
            await experts.RecommendAsync(Actor, id, new RecommendTopicRequest(ParseGuid(targetCallId, "targetCallId", "上级课题征集")), version, ct);
            return BackWithNotice("已推荐到上级智库");
        }
        catch (DomainValidationException e)
        {
            RecommendError = e.Message;
        }

        await LoadAsync(id, ct);
        return Page();
    }

    /// <summary>Why the last assignment was refused (a conflict of interest…), shown next to the expert picker.</summary>
    public string? AssignError { get; private set; }

    public string? RecommendError { get; private set; }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Topic = await thinkTank.TopicAsync(Actor, id, ct);
        Call = await thinkTank.CallAsync(Topic.CallId, ct);
        RegionName = (await Lookups.RegionNamesAsync(db, [Topic.RegionCode], ct)).GetValueOrDefault(Topic.RegionCode, Topic.RegionCode);
        if (OrganizesReview)
        {
            ExpertReview = await experts.TopicReviewAsync(Actor, id, ct);
            if (Topic.Status is Kexie.Domain.ThinkTank.TopicStatus.Submitted or Kexie.Domain.ThinkTank.TopicStatus.UnderReview)
            {
                Candidates = await experts.CandidatesAsync(Actor, id, ct);
            }

            if (Topic.Status is Kexie.Domain.ThinkTank.TopicStatus.Approved or Kexie.Domain.ThinkTank.TopicStatus.Concluded && Topic.RecommendedTopicId is null)
            {
                UpwardCalls = await experts.UpwardCallsAsync(Actor, id, ct);
            }
        }
    }
}
