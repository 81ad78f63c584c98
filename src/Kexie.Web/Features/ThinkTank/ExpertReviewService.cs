using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;
using Kexie.Domain.ThinkTank;
using Kexie.Web.Features.Market;
using Kexie.Web.Features.Talent;
using Kexie.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.ThinkTank;

public sealed record AssignExpertRequest(Guid? ExpertId);

public sealed record ScoreRequest(IReadOnlyList<decimal?>? Scores, string? Opinion);

public sealed record RecommendTopicRequest(Guid? TargetCallId);

public sealed record CriterionDto(string Name, int Weight, int MaxScore);

public sealed record CriterionScoreDto(string Name, int Weight, int MaxScore, decimal? Score);

public sealed record ExpertAssignmentDto(
    Guid Id, Guid TopicId, Guid ExpertId, string ExpertName, AssignmentStatus Status, string StatusName, decimal? Total, string? Opinion,
    DateTimeOffset AssignedAt, DateTimeOffset? ScoredAt, IReadOnlyList<CriterionScoreDto> Scores, int Version)
{
    public static ExpertAssignmentDto From(ExpertAssignment a) => new(
        a.Id, a.TopicId, a.ExpertId, a.ExpertName, a.Status, a.Status.Chinese(), a.Total, a.Opinion, a.CreatedAt, a.ScoredAt,
        a.Scores.OrderBy(s => s.Position).Select(s => new CriterionScoreDto(s.Name, s.Weight, s.MaxScore, s.Score)).ToList(), a.Version);
}

/// <summary>One criterion's mean over the submitted scores.</summary>
public sealed record CriterionMeanDto(string Name, int Weight, int MaxScore, decimal? Mean);

/// <summary>A topic's expert review for the call's admins: the rubric, who is assigned, each one's scores, the mean total and the per-criterion breakdown.</summary>
public sealed record TopicReviewDto(
    Guid TopicId, string Title, TopicStatus Status, string StatusName, IReadOnlyList<CriterionDto> Rubric, IReadOnlyList<ExpertAssignmentDto> Assignments,
    int Assigned, int Scored, decimal? MeanTotal, IReadOnlyList<CriterionMeanDto> Breakdown);

/// <summary>What an assigned expert sees of a topic: its content and the rubric, and their own scores — not the other experts'.</summary>
public sealed record MyReviewDto(
    Guid Id, Guid TopicId, string TopicTitle, string TopicSummary, string LeaderName, string LeaderOrganization, string CallTitle, TopicStatus TopicStatus, string TopicStatusName,
    bool MayScore, ExpertAssignmentDto Assignment);

/// <summary>An expert the call's admins may pick, with the reason they may not (利益冲突回避, already assigned) when so.</summary>
public sealed record ExpertCandidateDto(Guid ExpertId, string Name, string? Title, string? Employer, string LevelName, string Expertise, string? Unavailable);

/// <summary>
/// 智库课题的专家评审: the call's admins assign experts picked from the 专家库 (the entries they can see) to a topic, refusing conflicts of
/// interest; each assigned expert scores the topic on the call's rubric from their own page (they see only their assignments); the
/// topic's expert score is the mean of the submitted weighted totals, with the per-criterion breakdown. An approved topic is recommended
/// to an open call of a higher region (推荐到上级智库).
/// </summary>
public sealed class ExpertReviewService(KexieDbContext db, Notifier notifier, AccessPolicy policy)
{
    public async Task<TopicReviewDto> TopicReviewAsync(Actor actor, Guid topicId, CancellationToken ct = default)
    {
        var topic = await ManagedTopicAsync(actor, topicId, tracked: false, ct);
        var call = await db.ThinkTankCalls.AsNoTracking().FirstAsync(c => c.Id == topic.CallId, ct);
        var assignments = await db.ExpertAssignments.AsNoTracking().Where(a => a.TopicId == topicId).OrderBy(a => a.CreatedAt).ToListAsync(ct);
        var scored = assignments.Where(a => a.Status == AssignmentStatus.Scored).ToList();
        var rubric = call.Rubric;
        var breakdown = rubric.Select(c =>
        {
            var values = scored.SelectMany(a => a.Scores).Where(s => s.Position == c.Position && s.Score is not null).Select(s => s.Score!.Value).ToList();
            return new CriterionMeanDto(c.Name, c.Weight, c.MaxScore, values.Count == 0 ? null : decimal.Round(values.Average(), 1));
        }).ToList();
        return new TopicReviewDto(
            topic.Id, topic.Title, topic.Status, topic.Status.Chinese(), rubric.Select(c => new CriterionDto(c.Name, c.Weight, c.MaxScore)).ToList(),
            assignments.Select(ExpertAssignmentDto.From).ToList(), assignments.Count, scored.Count,
            scored.Count == 0 ? null : decimal.Round(scored.Average(a => a.Total!.Value), 1), breakdown);
    }

    /// <summary>Active experts of the 专家库 the admin can see (their region's, and public entries), in the call's region first, each marked when unavailable.</summary>
    public async Task<IReadOnlyList<ExpertCandidateDto>> CandidatesAsync(Actor actor, Guid topicId, CancellationToken ct = default)
    {
        var topic = await ManagedTopicAsync(actor, topicId, tracked: false, ct);
        var assigned = await db.ExpertAssignments.AsNoTracking().Where(a => a.TopicId == topicId).Select(a => a.ExpertId).ToListAsync(ct);
        var rows = await ExpertPool.CandidatesAsync(db, actor, topic.CallRegionCode, ct);
        var applicant = topic.ApplicantUserId;
        var applicantWorker = applicant is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == applicant).Select(u => u.ScienceWorkerId).FirstOrDefaultAsync(ct);
        return rows.Select(x =>
        {
            var candidate = x.Candidate;
            candidate = applicantWorker == x.Worker.Id ? candidate with { UserId = applicant } : candidate;
            var unavailable = assigned.Contains(x.Expert.Id) ? "已指派" : ExpertAssignment.ConflictOf(topic, candidate);
            return new ExpertCandidateDto(x.Expert.Id, x.Worker.Name, x.Worker.Title, x.Worker.Employer, x.Expert.Level.Chinese(), x.Expert.Expertise, unavailable);
        }).ToList();
    }

    /// <summary>Assigns an expert of the 专家库 to the topic; the expert is told.</summary>
    public async Task<ExpertAssignmentDto> AssignAsync(Actor actor, Guid topicId, AssignExpertRequest r, CancellationToken ct = default)
    {
        var topic = await ManagedTopicAsync(actor, topicId, tracked: true, ct);
        var found = await ExpertPool.PickAsync(db, actor, r.ExpertId, ct);

        var call = await db.ThinkTankCalls.AsNoTracking().FirstAsync(c => c.Id == topic.CallId, ct);
        var assigned = await db.ExpertAssignments.Where(a => a.TopicId == topicId).Select(a => a.ExpertId).ToListAsync(ct);
        var candidate = found.Candidate;
        if (topic.ApplicantUserId is { } applicant && await db.Users.AnyAsync(u => u.Id == applicant && u.ScienceWorkerId == found.Worker.Id, ct))
        {
            candidate = candidate with { UserId = applicant };
        }

        var assignment = ExpertAssignment.Assign(topic, call.Rubric, candidate, assigned, actor);
        db.ExpertAssignments.Add(assignment);
        var accounts = await notifier.WorkerAccountsAsync(found.Worker.Id, ct);
        notifier.Add(accounts, NotificationKind.PlanAssigned, "新的智库课题评审任务", $"您被指派评审智库课题“{topic.Title}”，请在“我的评审”中按评审指标打分。", $"/ThinkTank/Reviews/{assignment.Id}", DateTimeOffset.UtcNow, except: actor.UserId);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return ExpertAssignmentDto.From(assignment);
    }

    /// <summary>The actor's own assignments as an expert, newest first.</summary>
    public async Task<IReadOnlyList<MyReviewDto>> MineAsync(Actor actor, CancellationToken ct = default)
    {
        MarketSupport.RequireSignedIn(actor);
        var worker = actor.ScienceWorkerId;
        if (worker is null)
        {
            return [];
        }

        var assignments = await db.ExpertAssignments.AsNoTracking().Where(a => a.ExpertWorkerId == worker).OrderByDescending(a => a.CreatedAt).Take(200).ToListAsync(ct);
        var result = new List<MyReviewDto>();
        foreach (var a in assignments)
        {
            result.Add(await MyDtoAsync(a, actor, ct));
        }

        return result;
    }

    /// <summary>One assignment, for its expert (others: not found).</summary>
    public async Task<MyReviewDto> MyReviewAsync(Actor actor, Guid assignmentId, CancellationToken ct = default)
    {
        MarketSupport.RequireSignedIn(actor);
        var assignment = await db.ExpertAssignments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == assignmentId, ct);
        return assignment is not null && assignment.IsExpert(actor) ? await MyDtoAsync(assignment, actor, ct) : throw new NotFoundException("评审任务不存在");
    }

    /// <summary>The assigned expert submits scores (one per criterion, in the rubric's order) and an opinion.</summary>
    public async Task<MyReviewDto> ScoreAsync(Actor actor, Guid assignmentId, ScoreRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        MarketSupport.RequireSignedIn(actor);
        var assignment = await db.ExpertAssignments.FirstOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (assignment is null || !assignment.IsExpert(actor))
        {
            throw new NotFoundException("评审任务不存在");
        }

        MarketSupport.CheckVersion(assignment.Version, expectedVersion);
        var topic = await db.ThinkTankTopics.FirstAsync(t => t.Id == assignment.TopicId, ct);
        assignment.Score(topic, r.Scores, r.Opinion, actor);
        await db.SaveChangesAsync(ct);
        return await MyDtoAsync(assignment, actor, ct);
    }

    /// <summary>Recommends an approved topic to an open call of a higher region; returns the topic it became there.</summary>
    public async Task<TopicDto> RecommendAsync(Actor actor, Guid topicId, RecommendTopicRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var topic = await ManagedTopicAsync(actor, topicId, tracked: true, ct);
        MarketSupport.CheckVersion(topic.Version, expectedVersion);
        var targetId = r.TargetCallId is { } id && id != Guid.Empty ? id : throw new DomainValidationException("targetCallId", "请选择上级地区的课题征集");
        var target = await db.ThinkTankCalls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == targetId, ct) ?? throw new DomainValidationException("targetCallId", "课题征集不存在");
        var recommended = topic.RecommendTo(target, actor);
        db.ThinkTankTopics.Add(recommended);
        await db.SaveChangesAsync(ct);
        return TopicDto.From(recommended);
    }

    /// <summary>Open calls of the regions above the topic's call: where it may be recommended.</summary>
    public async Task<IReadOnlyList<CallDto>> UpwardCallsAsync(Actor actor, Guid topicId, CancellationToken ct = default)
    {
        var topic = await ManagedTopicAsync(actor, topicId, tracked: false, ct);
        var ancestors = Kexie.Domain.Regions.RegionCode.Ancestry(topic.CallRegionCode).Where(c => c != topic.CallRegionCode).ToList();
        var calls = await db.ThinkTankCalls.AsNoTracking().Where(c => ancestors.Contains(c.RegionCode) && c.Status == CallStatus.Open).OrderByDescending(c => c.RegionCode.Length).ThenByDescending(c => c.CreatedAt).ToListAsync(ct);
        var now = DateTimeOffset.UtcNow;
        return calls.Where(c => c.AcceptsApplications(now)).Select(c => ThinkTankService.ToDto(c, 0, 0, now)).ToList();
    }

    private async Task<MyReviewDto> MyDtoAsync(ExpertAssignment a, Actor actor, CancellationToken ct)
    {
        var topic = await db.ThinkTankTopics.AsNoTracking().FirstAsync(t => t.Id == a.TopicId, ct);
        var callTitle = await db.ThinkTankCalls.AsNoTracking().Where(c => c.Id == topic.CallId).Select(c => c.Title).FirstAsync(ct);
        var open = topic.Status is TopicStatus.Submitted or TopicStatus.UnderReview;
        return new MyReviewDto(a.Id, topic.Id, topic.Title, topic.Summary, topic.LeaderName, topic.LeaderOrganization, callTitle, topic.Status, topic.Status.Chinese(),
            open && a.MayScore(actor), ExpertAssignmentDto.From(a));
    }

    /// <summary>
    /// A topic the actor may see and whose review it organizes — a manager of the call's region (the domain's rule) whose role holds
    /// <c>thinktank.topics.review</c> (the grant); one it may see but not review is refused, one it may not see is not found.
    /// </summary>
    private async Task<ThinkTankTopic> ManagedTopicAsync(Actor actor, Guid id, bool tracked, CancellationToken ct)
    {
        MarketSupport.RequireSignedIn(actor);
        var query = tracked ? db.ThinkTankTopics : db.ThinkTankTopics.AsNoTracking();
        var topic = await query.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (topic is null || !topic.IsVisibleTo(actor))
        {
            throw new NotFoundException("智库课题不存在");
        }

        return topic.MayReview(actor) && policy.Can(actor, ThinkTankPermissions.ReviewTopics, topic.CallRegionCode)
            ? topic
            : throw new AccessDeniedException("只有发布征集地区（含上级）有“评审、立项和结题智库课题”权限的管理人员可以组织专家评审");
    }
}
