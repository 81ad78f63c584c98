using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.ThinkTank;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.ThinkTank;

/// <param name="Rubric">评审指标 (name, weight in percent adding up to 100, 满分); empty for the default rubric.</param>
public sealed record CallRequest(string? Title, string? Description, string? RegionCode, DateOnly? Deadline, IReadOnlyList<ReviewCriterionData>? Rubric = null);

public sealed record TopicRequest(string? Title, string? Summary, string? LeaderName, string? LeaderOrganization, string? RegionCode);

public sealed record ExpertReviewRequest(string? ExpertName, int? Score, string? Opinion);

public sealed record ConcludeRequest(string? Result);

public sealed record CallDto(Guid Id, string Title, string? Description, string RegionCode, DateOnly Deadline, CallStatus Status, string StatusName, bool AcceptsApplications, int Topics, int Approved, int Version, DateTimeOffset CreatedAt, IReadOnlyList<CriterionDto>? Rubric = null);

public sealed record ExpertReviewDto(Guid Id, string ExpertName, int Score, string? Opinion, DateTimeOffset At);

public sealed record TopicDto(
    Guid Id, Guid CallId, string Title, string Summary, string LeaderName, string LeaderOrganization, string RegionCode, TopicStatus Status, string StatusName,
    string? StatusReason, decimal? AverageScore, IReadOnlyList<ExpertReviewDto> Reviews, DateTimeOffset? ApprovedAt, DateTimeOffset? ConcludedAt, string? Result, int Version, DateTimeOffset CreatedAt,
    Guid? SourceTopicId = null, Guid? RecommendedTopicId = null, DateTimeOffset? RecommendedAt = null)
{
    public static TopicDto From(ThinkTankTopic t) => new(
        t.Id, t.CallId, t.Title, t.Summary, t.LeaderName, t.LeaderOrganization, t.RegionCode, t.Status, t.Status.Chinese(), t.StatusReason, t.AverageScore,
        t.Reviews.Select(r => new ExpertReviewDto(r.Id, r.ExpertName, r.Score, r.Opinion, r.At)).ToList(), t.ApprovedAt, t.ConcludedAt, t.Result, t.Version, t.CreatedAt,
        t.SourceTopicId, t.RecommendedTopicId, t.RecommendedAt);
}

/// <summary>
/// 智库课题: calls for topics (public notices, opened and closed by the region's association admins), applications
/// under an open call (any signed-in user), expert review, 立项 or 未立项, 结题. Applications are visible to the
/// applicant and to the managers of the call's or the applicant's region, filtered in SQL.
/// </summary>
public sealed class ThinkTankService(KexieDbContext db, ReferenceCodesCache reference)
{
    public async Task<PagedResult<CallDto>> CallsAsync(string? region, CallStatus? status, int? page, int? pageSize, CancellationToken ct = default)
    {
        var paging = PageRequest.Of(page, pageSize);
        var query = db.ThinkTankCalls.AsNoTracking();
        if (MarketSupport.RegionFilter(region) is { } code)
        {
            query = query.Where(c => RegionScope.Within(c.RegionCode, code));
        }

        if (status is { } s)
        {
            query = query.Where(c => c.Status == s);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(c => new
            {
                Call = c,
                Topics = db.ThinkTankTopics.Count(t => t.CallId == c.Id && t.Status != TopicStatus.Withdrawn),
                Approved = db.ThinkTankTopics.Count(t => t.CallId == c.Id && t.ApprovedAt != null),
            })
            .ToListAsync(ct);
        var now = DateTimeOffset.UtcNow;
        return new PagedResult<CallDto>(rows.Select(r => ToDto(r.Call, r.Topics, r.Approved, now)).ToList(), total, paging.Page, paging.PageSize);
    }

    public async Task<CallDto> CallAsync(Guid id, CancellationToken ct = default)
    {
        var call = await db.ThinkTankCalls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("课题征集不存在");
        return await ToDtoAsync(call, ct);
    }

    public async Task<CallDto> OpenCallAsync(Actor actor, CallRequest r, CancellationToken ct = default)
    {
        var call = ThinkTankCall.Open(new ThinkTankCallData(r.Title, r.Description, r.RegionCode, r.Deadline, r.Rubric), actor);
        (await reference.GetAsync(db, ct)).RequireRegion(call.RegionCode);
        db.ThinkTankCalls.Add(call);
        await db.SaveChangesAsync(ct);
        return ToDto(call, 0, 0, DateTimeOffset.UtcNow);
    }

    public async Task<CallDto> CloseCallAsync(Actor actor, Guid id, int? expectedVersion, CancellationToken ct = default)
    {
        var call = await db.ThinkTankCalls.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("课题征集不存在");
        MarketSupport.CheckVersion(call.Version, expectedVersion);
        call.Close(actor);
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(call, ct);
    }

    /// <summary>Changing the rubric of a published call: refused by the domain (409) for its admins, 403 for others.</summary>
    public async Task<CallDto> ChangeRubricAsync(Actor actor, Guid id, IReadOnlyList<ReviewCriterionData>? rubric, CancellationToken ct = default)
    {
        var call = await db.ThinkTankCalls.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("课题征集不存在");
        call.ChangeRubric(rubric, actor);
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(call, ct);
    }

    /// <summary>Topics the actor may see: its own applications, and those of calls or applicants in its managed region.</summary>
    public async Task<PagedResult<TopicDto>> TopicsAsync(Actor actor, Guid? callId, string? region, TopicStatus? status, int? page, int? pageSize, CancellationToken ct = default)
    {
        MarketSupport.RequireSignedIn(actor);
        var paging = PageRequest.Of(page, pageSize);
        var scope = actor.ManagedScope;
        var user = actor.UserId;
        var query = db.ThinkTankTopics.AsNoTracking().Where(t =>
            (user != null && t.ApplicantUserId == user) || (scope != null && (RegionScope.Within(t.CallRegionCode, scope) || RegionScope.Within(t.RegionCode, scope))));
        if (callId is { } call)
        {
            query = query.Where(t => t.CallId == call);
        }

        if (MarketSupport.RegionFilter(region) is { } code)
        {
            query = query.Where(t => RegionScope.Within(t.RegionCode, code));
        }

        if (status is { } s)
        {
            query = query.Where(t => t.Status == s);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedResult<TopicDto>(rows.Select(TopicDto.From).ToList(), total, paging.Page, paging.PageSize);
    }

    public async Task<TopicDto> TopicAsync(Actor actor, Guid id, CancellationToken ct = default) => TopicDto.From(await FindTopicAsync(actor, id, null, tracked: false, ct));

    public async Task<TopicDto> ApplyAsync(Actor actor, Guid callId, TopicRequest r, CancellationToken ct = default)
    {
        MarketSupport.RequireSignedIn(actor);
        var call = await db.ThinkTankCalls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId, ct) ?? throw new NotFoundException("课题征集不存在");
        var topic = ThinkTankTopic.Apply(call, new ThinkTankTopicData(r.Title, r.Summary, r.LeaderName, r.LeaderOrganization, r.RegionCode), actor);
        (await reference.GetAsync(db, ct)).RequireRegion(topic.RegionCode);
        db.ThinkTankTopics.Add(topic);
        await db.SaveChangesAsync(ct);
        return TopicDto.From(topic);
    }

    public async Task<TopicDto> ReviewAsync(Actor actor, Guid id, ExpertReviewRequest r, int? expectedVersion, CancellationToken ct = default) =>
        await TopicStepAsync(actor, id, t => t.ReviewBy(r.ExpertName, r.Score ?? throw new DomainValidationException("score", "评分不能为空"), r.Opinion, actor), expectedVersion, ct);

    public async Task<TopicDto> TopicStepAsync(Actor actor, Guid id, Action<ThinkTankTopic> step, int? expectedVersion, CancellationToken ct = default)
    {
        var topic = await FindTopicAsync(actor, id, expectedVersion, tracked: true, ct);
        step(topic);
        await db.SaveChangesAsync(ct);
        return TopicDto.From(topic);
    }

    private async Task<ThinkTankTopic> FindTopicAsync(Actor actor, Guid id, int? expectedVersion, bool tracked, CancellationToken ct)
    {
        var query = tracked ? db.ThinkTankTopics : db.ThinkTankTopics.AsNoTracking();
        var topic = await query.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (topic is null || !topic.IsVisibleTo(actor))
        {
            throw new NotFoundException("智库课题不存在");
        }

        MarketSupport.CheckVersion(topic.Version, expectedVersion);
        return topic;
    }

    private async Task<CallDto> ToDtoAsync(ThinkTankCall call, CancellationToken ct)
    {
        var topics = await db.ThinkTankTopics.CountAsync(t => t.CallId == call.Id && t.Status != TopicStatus.Withdrawn, ct);
        var approved = await db.ThinkTankTopics.CountAsync(t => t.CallId == call.Id && t.ApprovedAt != null, ct);
        return ToDto(call, topics, approved, DateTimeOffset.UtcNow);
    }

    internal static CallDto ToDto(ThinkTankCall c, int topics, int approved, DateTimeOffset now) =>
        new(c.Id, c.Title, c.Description, c.RegionCode, c.Deadline, c.Status, c.Status.Chinese(), c.AcceptsApplications(now), topics, approved, c.Version, c.CreatedAt,
            c.Rubric.Select(x => new CriterionDto(x.Name, x.Weight, x.MaxScore)).ToList());
}
