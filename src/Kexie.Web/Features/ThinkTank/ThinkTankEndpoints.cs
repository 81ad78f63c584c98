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
        calls.MapGet("/", (ThinkTankService s, string? region, CallStatus? status, int? page, int? pageSize, CancellationToken ct) => s.CallsAsync(region, status, page, pageSize, ct))
            .WithSummary("课题征集公告（地区子树、状态）");
        calls.MapGet("/{id:guid}", (ThinkTankService s, Guid id, CancellationToken ct) => s.CallAsync(id, ct)).WithSummary("课题征集详情");
        calls.MapPost("/", async (HttpContext http, ThinkTankService s, CallRequest body, CancellationToken ct) =>
        {
            var created = await s.OpenCallAsync(http.User.ToActor(), body, ct);
            return TypedResults.Created($"/api/v1/think-tank/calls/{created.Id}", created);
        }).RequireAuthorization().WithSummary("发布课题征集（科协管理员）").RequirePermission(ThinkTankPermissions.ManageCalls);
        calls.MapPost("/{id:guid}/close", (HttpContext http, ThinkTankService s, Guid id, CancellationToken ct) =>
            s.CloseCallAsync(http.User.ToActor(), id, MarketSupport.ExpectedVersion(http), ct)).RequireAuthorization().WithSummary("截止征集").RequirePermission(ThinkTankPermissions.ManageCalls);
        calls.MapPost("/{id:guid}/topics", async (HttpContext http, ThinkTankService s, Guid id, TopicRequest body, CancellationToken ct) =>
        {
            var created = await s.ApplyAsync(http.User.ToActor(), id, body, ct);
            return TypedResults.Created($"/api/v1/think-tank/topics/{created.Id}", created);
        }).RequireAuthorization().WithSummary("申报课题（征集期内，申报单位须在征集地区内）").RequirePermission(ThinkTankPermissions.ApplyTopics);

        var topics = api.MapGroup("/think-tank/topics").WithTags("智库课题").RequireAuthorization();
        topics.MapGet("/", (HttpContext http, ThinkTankService s, Guid? callId, string? region, TopicStatus? status, int? page, int? pageSize, CancellationToken ct) =>
            s.TopicsAsync(http.User.ToActor(), callId, region, status, page, pageSize, ct)).WithSummary("课题列表（本人申报的，及本地区管理的）");
        topics.MapGet("/{id:guid}", (HttpContext http, ThinkTankService s, Guid id, CancellationToken ct) => s.TopicAsync(http.User.ToActor(), id, ct)).WithSummary("课题详情（含专家评审）");
        topics.MapPost("/{id:guid}/reviews", (HttpContext http, ThinkTankService s, Guid id, ExpertReviewRequest body, CancellationToken ct) =>
            s.ReviewAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct)).WithSummary("登记专家评审意见（评分0–100）").RequirePermission(ThinkTankPermissions.ReviewTopics);
        topics.MapPost("/{id:guid}/approve", (HttpContext http, ThinkTankService s, Guid id, CancellationToken ct) =>
            s.TopicStepAsync(http.User.ToActor(), id, t => t.Approve(http.User.ToActor()), MarketSupport.ExpectedVersion(http), ct)).WithSummary("立项（须有专家评审意见）").RequirePermission(ThinkTankPermissions.ReviewTopics);
        topics.MapPost("/{id:guid}/reject", (HttpContext http, ThinkTankService s, Guid id, ReasonRequest? body, CancellationToken ct) =>
            s.TopicStepAsync(http.User.ToActor(), id, t => t.Reject(http.User.ToActor(), body?.Reason), MarketSupport.ExpectedVersion(http), ct)).WithSummary("未立项（须填原因）").RequirePermission(ThinkTankPermissions.ReviewTopics);
        topics.MapPost("/{id:guid}/conclude", (HttpContext http, ThinkTankService s, Guid id, ConcludeRequest body, CancellationToken ct) =>
            s.TopicStepAsync(http.User.ToActor(), id, t => t.Conclude(http.User.ToActor(), body.Result), MarketSupport.ExpectedVersion(http), ct)).WithSummary("结题（填写成果）").RequirePermission(ThinkTankPermissions.ReviewTopics);
        topics.MapPost("/{id:guid}/withdraw", (HttpContext http, ThinkTankService s, Guid id, CancellationToken ct) =>
            s.TopicStepAsync(http.User.ToActor(), id, t => t.Withdraw(http.User.ToActor()), MarketSupport.ExpectedVersion(http), ct)).WithSummary("撤回（评审前，申报人）").RequirePermission(ThinkTankPermissions.ApplyTopics);

        var proposals = api.MapGroup("/proposals").WithTags("建言献策").RequireAuthorization();
        proposals.MapGet("/", (HttpContext http, ProposalService s, string? region, ProposalStatus? status, string? q, int? page, int? pageSize, CancellationToken ct) =>
            s.ListAsync(http.User.ToActor(), region, status, q, page, pageSize, ct)).WithSummary("建言列表（本人提交的，及本地区的）");
        proposals.MapGet("/{id:guid}", (HttpContext http, ProposalService s, Guid id, CancellationToken ct) => s.GetAsync(http.User.ToActor(), id, ct)).WithSummary("建言详情");
        proposals.MapPost("/", async (HttpContext http, ProposalService s, ProposalRequest body, CancellationToken ct) =>
        {
            var created = await s.SubmitAsync(http.User.ToActor(), body, ct);
            return TypedResults.Created($"/api/v1/proposals/{created.Id}", created);
        }).WithSummary("提交建言").RequirePermission(ThinkTankPermissions.SubmitProposals);
        proposals.MapPost("/{id:guid}/adopt", (HttpContext http, ProposalService s, Guid id, AdoptRequest body, CancellationToken ct) =>
            s.AdoptAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct)).WithSummary("登记采纳（层级：County/City/Province/National；采纳单位）").RequirePermission(ThinkTankPermissions.DecideProposals);
        proposals.MapPost("/{id:guid}/decline", (HttpContext http, ProposalService s, Guid id, ReasonRequest? body, CancellationToken ct) =>
            s.DeclineAsync(http.User.ToActor(), id, body?.Reason, MarketSupport.ExpectedVersion(http), ct)).WithSummary("登记未采纳（须填原因）").RequirePermission(ThinkTankPermissions.DecideProposals);
        return api;
    }
}
