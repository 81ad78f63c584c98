using Microsoft.AspNetCore.Http.HttpResults;
using Kexie.Domain.ThinkTank;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.ThinkTank;

/// <summary>/api/v1 for 智库与建言: topic calls, topic applications with expert review, and proposals.</summary>
public static class ThinkTankEndpoints
{
    public static RouteGroupBuilder MapThinkTank(this RouteGroupBuilder api)
    {
        var calls = api.MapGroup("/think-tank/calls").WithTags("智库课题");
        calls.MapGet("/", ListThinkTankCalls)
            .WithSummary("课题征集公告（地区子树、状态）");
        calls.MapGet("/{id:guid}", GetThinkTankCall).WithSummary("课题征集详情");
        calls.MapPost("/", OpenThinkTankCall).RequireAuthorization().WithSummary("发布课题征集（科协管理员）").RequirePermission(ThinkTankPermissions.ManageCalls);
        calls.MapPost("/{id:guid}/close", CloseThinkTankCall).RequireAuthorization().WithSummary("截止征集").RequirePermission(ThinkTankPermissions.ManageCalls);
        calls.MapPut("/{id:guid}/rubric", ChangeRubric).RequireAuthorization()
            .WithSummary("修改评审指标（征集发布后不能修改，答复409）").RequirePermission(ThinkTankPermissions.ManageCalls);
        calls.MapPost("/{id:guid}/topics", ApplyThinkTankTopic).RequireAuthorization().WithSummary("申报课题（征集期内，申报单位须在征集地区内）").RequirePermission(ThinkTankPermissions.ApplyTopics);

        var topics = api.MapGroup("/think-tank/topics").WithTags("智库课题").RequireAuthorization();
        topics.MapGet("/", ListThinkTankTopics).WithSummary("课题列表（本人申报的，及本地区管理的）");
        topics.MapGet("/{id:guid}", GetThinkTankTopic).WithSummary("课题详情（含专家评审）");
        topics.MapPost("/{id:guid}/reviews", ReviewThinkTankTopic).WithSummary("登记专家评审意见（评分0–100）").RequirePermission(ThinkTankPermissions.ReviewTopics);
        topics.MapPost("/{id:guid}/approve", ApproveThinkTankTopic).WithSummary("立项（须有专家评审意见）").RequirePermission(ThinkTankPermissions.ReviewTopics);
        topics.MapPost("/{id:guid}/reject", RejectThinkTankTopic).WithSummary("未立项（须填原因）").RequirePermission(ThinkTankPermissions.ReviewTopics);
        topics.MapPost("/{id:guid}/conclude", ConcludeThinkTankTopic).WithSummary("结题（填写成果）").RequirePermission(ThinkTankPermissions.ReviewTopics);
        topics.MapPost("/{id:guid}/withdraw", WithdrawThinkTankTopic).WithSummary("撤回（评审前，申报人）").RequirePermission(ThinkTankPermissions.ApplyTopics);

        topics.MapGet("/{id:guid}/expert-review", GetTopicExpertReview)
            .WithSummary("课题的专家评审：评审指标、指派的专家、各项得分、平均分（征集地区科协管理员）");
        topics.MapGet("/{id:guid}/expert-candidates", ListExpertCandidates)
            .WithSummary("可指派的专家库专家（标明须回避或已指派的）");
        topics.MapPost("/{id:guid}/assignments", AssignExpert).WithSummary("从专家库指派评审专家（申报人、课题负责人及承担单位的专家须回避）").RequirePermission(ThinkTankPermissions.ReviewTopics);
        topics.MapGet("/{id:guid}/upward-calls", ListUpwardThinkTankCalls)
            .WithSummary("可推荐的上级地区课题征集");
        topics.MapPost("/{id:guid}/recommend", RecommendThinkTankTopic).WithSummary("推荐已立项课题到上级地区的课题征集").RequirePermission(ThinkTankPermissions.ReviewTopics);

        api.MapGet("/think-tank/statistics", ThinkTankRecommendationStatistics).WithTags("智库课题")
            .WithSummary("智库课题向上推荐统计（某年本地区推荐到上级课题征集的课题数，按上级层级，及入选上级选题的个数）");

        var assignments = api.MapGroup("/think-tank/assignments").WithTags("智库课题").RequireAuthorization();
        assignments.MapGet("/mine", ListMyReviewAssignments)
            .WithSummary("我的评审任务（仅指派给本人的课题）");
        assignments.MapGet("/{id:guid}", GetMyReviewAssignment)
            .WithSummary("评审任务详情（评审专家本人）");
        assignments.MapPost("/{id:guid}/score", ScoreReviewAssignment).WithSummary("评审专家按评审指标打分（各项依次，0至满分）").RequirePermission(ThinkTankPermissions.ScoreTopics);

        var proposals = api.MapGroup("/proposals").WithTags("建言献策").RequireAuthorization();
        proposals.MapGet("/", ListProposals).WithSummary("建言列表（本人提交的，及本地区的）");
        proposals.MapGet("/{id:guid}", GetProposal).WithSummary("建言详情");
        proposals.MapPost("/", SubmitProposal).WithSummary("提交建言").RequirePermission(ThinkTankPermissions.SubmitProposals);
        proposals.MapPost("/{id:guid}/adopt", AdoptProposal).WithSummary("登记采纳（层级：County/City/Province/National；采纳单位）").RequirePermission(ThinkTankPermissions.DecideProposals);
        proposals.MapPost("/{id:guid}/decline", DeclineProposal).WithSummary("登记未采纳（须填原因）").RequirePermission(ThinkTankPermissions.DecideProposals);
        return api;
    }

    public static async Task<Ok<ThinkTankStatisticsDto>> ThinkTankRecommendationStatistics(ThinkTankStatistics s, string? region, int? year, CancellationToken ct) =>
        TypedResults.Ok(await s.StatisticsAsync(region, year, ct));

    // Calls

    public static async Task<Ok<PagedResult<CallDto>>> ListThinkTankCalls(ThinkTankService s, string? region, CallStatus? status, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await s.CallsAsync(region, status, page, pageSize, ct));

    public static async Task<Ok<CallDto>> GetThinkTankCall(ThinkTankService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.CallAsync(id, ct));

    public static async Task<Created<CallDto>> OpenThinkTankCall(HttpContext http, ThinkTankService s, CallRequest body, CancellationToken ct)
    {
        var created = await s.OpenCallAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/think-tank/calls/{created.Id}", created);
    }

    public static async Task<Ok<CallDto>> CloseThinkTankCall(HttpContext http, ThinkTankService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.CloseCallAsync(http.User.ToActor(), id, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<CallDto>> ChangeRubric(HttpContext http, ThinkTankService s, Guid id, RubricRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.ChangeRubricAsync(http.User.ToActor(), id, body.Rubric, ct));

    public static async Task<Created<TopicDto>> ApplyThinkTankTopic(HttpContext http, ThinkTankService s, Guid id, TopicRequest body, CancellationToken ct)
    {
        var created = await s.ApplyAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created($"/api/v1/think-tank/topics/{created.Id}", created);
    }

    // Topics

    public static async Task<Ok<PagedResult<TopicDto>>> ListThinkTankTopics(HttpContext http, ThinkTankService s, Guid? callId, string? region, TopicStatus? status, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await s.TopicsAsync(http.User.ToActor(), callId, region, status, page, pageSize, ct));

    public static async Task<Ok<TopicDto>> GetThinkTankTopic(HttpContext http, ThinkTankService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.TopicAsync(http.User.ToActor(), id, ct));

    public static async Task<Ok<TopicDto>> ReviewThinkTankTopic(HttpContext http, ThinkTankService s, Guid id, ExpertReviewRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.ReviewAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<TopicDto>> ApproveThinkTankTopic(HttpContext http, ThinkTankService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.TopicStepAsync(http.User.ToActor(), id, t => t.Approve(http.User.ToActor()), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<TopicDto>> RejectThinkTankTopic(HttpContext http, ThinkTankService s, Guid id, ReasonRequest? body, CancellationToken ct) =>
        TypedResults.Ok(await s.TopicStepAsync(http.User.ToActor(), id, t => t.Reject(http.User.ToActor(), body?.Reason), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<TopicDto>> ConcludeThinkTankTopic(HttpContext http, ThinkTankService s, Guid id, ConcludeRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.TopicStepAsync(http.User.ToActor(), id, t => t.Conclude(http.User.ToActor(), body.Result), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<TopicDto>> WithdrawThinkTankTopic(HttpContext http, ThinkTankService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.TopicStepAsync(http.User.ToActor(), id, t => t.Withdraw(http.User.ToActor()), MarketSupport.ExpectedVersion(http), ct));

    // Expert review

    public static async Task<Ok<TopicReviewDto>> GetTopicExpertReview(HttpContext http, ExpertReviewService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.TopicReviewAsync(http.User.ToActor(), id, ct));

    public static async Task<Ok<IReadOnlyList<ExpertCandidateDto>>> ListExpertCandidates(HttpContext http, ExpertReviewService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.CandidatesAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<ExpertAssignmentDto>> AssignExpert(HttpContext http, ExpertReviewService s, Guid id, AssignExpertRequest body, CancellationToken ct)
    {
        var created = await s.AssignAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created($"/api/v1/think-tank/assignments/{created.Id}", created);
    }

    public static async Task<Ok<IReadOnlyList<CallDto>>> ListUpwardThinkTankCalls(HttpContext http, ExpertReviewService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.UpwardCallsAsync(http.User.ToActor(), id, ct));

    public static async Task<Ok<TopicDto>> RecommendThinkTankTopic(HttpContext http, ExpertReviewService s, Guid id, RecommendTopicRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.RecommendAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<IReadOnlyList<MyReviewDto>>> ListMyReviewAssignments(HttpContext http, ExpertReviewService s, CancellationToken ct) =>
        TypedResults.Ok(await s.MineAsync(http.User.ToActor(), ct));

    public static async Task<Ok<MyReviewDto>> GetMyReviewAssignment(HttpContext http, ExpertReviewService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.MyReviewAsync(http.User.ToActor(), id, ct));

    public static async Task<Ok<MyReviewDto>> ScoreReviewAssignment(HttpContext http, ExpertReviewService s, Guid id, ScoreRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.ScoreAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    // Proposals

    public static async Task<Ok<PagedResult<ProposalDto>>> ListProposals(HttpContext http, ProposalService s, string? region, ProposalStatus? status, string? q, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), region, status, q, page, pageSize, ct));

    public static async Task<Ok<ProposalDto>> GetProposal(HttpContext http, ProposalService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<ProposalDto>> SubmitProposal(HttpContext http, ProposalService s, ProposalRequest body, CancellationToken ct)
    {
        var created = await s.SubmitAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/proposals/{created.Id}", created);
    }

    public static async Task<Ok<ProposalDto>> AdoptProposal(HttpContext http, ProposalService s, Guid id, AdoptRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.AdoptAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<ProposalDto>> DeclineProposal(HttpContext http, ProposalService s, Guid id, ReasonRequest? body, CancellationToken ct) =>
        TypedResults.Ok(await s.DeclineAsync(http.User.ToActor(), id, body?.Reason, MarketSupport.ExpectedVersion(http), ct));
}

/// <param name="Rubric">评审指标 (name, weight adding up to 100, 满分).</param>
public sealed record RubricRequest(IReadOnlyList<ReviewCriterionData>? Rubric);
