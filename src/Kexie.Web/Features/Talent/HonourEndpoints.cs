using Microsoft.AspNetCore.Http.HttpResults;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Talent;

/// <summary>/api/v1/honours (人才荣誉评选与推荐) and /api/v1/workstations (工作站与基地).</summary>
public static class HonourEndpoints
{
    public static RouteGroupBuilder MapHonours(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/honours").WithTags("人才荣誉");
        g.MapGet("/calls", ListCalls)
            .WithSummary("查询荣誉评选（本地区及可推荐参加的上级评选）");
        g.MapGet("/calls/{id:guid}", GetCall).WithSummary("荣誉评选详情");
        g.MapGet("/calls/{id:guid}/nominations", ListNominations)
            .WithSummary("评选的推荐人选（举办地区可见全部；推荐地区可见本地区；公众可见入选名单）");
        g.MapGet("/statistics", HonourStatistics)
            .WithSummary("荣誉统计（推荐与入选，按荣誉类型）");
        g.MapGet("/of", HonoursOf)
            .WithSummary("科技工作者或单位获得的荣誉");
        g.MapGet("/mine", MyHonours).RequireAuthorization()
            .WithSummary("本人（科技工作者）被推荐的评选及其状态，和本人所在地区可参评的推荐中评选");
        g.MapPost("/calls", CreateCall).RequireAuthorization().WithSummary("发起荣誉评选（本地区科协管理员）").RequirePermission(TalentPermissions.ManageHonours);
        g.MapPost("/calls/{id:guid}/close", CloseCall)
            .RequireAuthorization().WithSummary("结束荣誉评选").RequirePermission(TalentPermissions.ManageHonours);
        g.MapPost("/calls/{id:guid}/nominations", Nominate).RequireAuthorization().WithSummary("推荐本地区科技工作者或单位参加评选").RequirePermission(TalentPermissions.Nominate);
        g.MapPost("/calls/{id:guid}/unit-nominations", NominateAsUnit).RequireAuthorization()
            .WithSummary("学会（协会）会长、副会长推荐本会会员参加评选（评选须接受学会推荐）").RequirePermission(TalentPermissions.NominateAsUnit);
        g.MapPost("/nominations/{id:guid}/decide", DecideNomination).RequireAuthorization()
            .WithSummary("评定结果（入选或未入选，不超过名额；与专家评分排名不一致时须填写理由 rankingReason）").RequirePermission(TalentPermissions.ManageHonours);
        g.MapGet("/calls/{id:guid}/expert-review", HonourExpertReview).RequireAuthorization()
            .WithSummary("评选的专家评审：评审指标、进度、各推荐人选的平均分、评分人数、极差与排名、评定记录（举办地区）").RequirePermission(TalentPermissions.ReviewHonours);
        g.MapGet("/calls/{id:guid}/expert-options", HonourExpertOptions).RequireAuthorization()
            .WithSummary("可指派的专家库专家（举办地区）").RequirePermission(TalentPermissions.ReviewHonours);
        g.MapPut("/calls/{id:guid}/rubric", SetHonourRubric).RequireAuthorization()
            .WithSummary("设置评审指标（名称、权重合计100、满分；指派专家前）").RequirePermission(TalentPermissions.ReviewHonours);
        g.MapPost("/calls/{id:guid}/assignments", AssignHonourExperts).RequireAuthorization()
            .WithSummary("指派评审专家（每名推荐人选N名或全体评审组；被推荐人本人、其单位专家、推荐单位人员和声明回避的专家不予指派并说明原因）").RequirePermission(TalentPermissions.ReviewHonours);
        g.MapPost("/calls/{id:guid}/expert-review/close", CloseHonourReview).RequireAuthorization()
            .WithSummary("结束专家评审（本轮已结束，专家不能再评分）").RequirePermission(TalentPermissions.ReviewHonours);
        g.MapGet("/reviews/mine", MyHonourReviews).RequireAuthorization()
            .WithSummary("我的荣誉评审：指派给本人评审的推荐人选").RequirePermission(TalentPermissions.ScoreHonours);
        g.MapPost("/reviews/{id:guid}/score", ScoreNomination).RequireAuthorization()
            .WithSummary("评审专家为指派给本人的推荐人选逐项打分并填写评审意见（If-Match 为其版本）").RequirePermission(TalentPermissions.ScoreHonours);

        var w = api.MapGroup("/workstations").WithTags("工作站与基地");
        w.MapGet("/", ListWorkstations).WithSummary("查询院士(专家)工作站、科技小院、专家服务团、产学研合作项目");
        w.MapGet("/statistics", WorkstationStatistics)
            .WithSummary("工作站与基地统计（年末数，按类型、级别）");
        w.MapGet("/{id:guid}", GetWorkstation).WithSummary("工作站与基地详情");
        w.MapPost("/", CreateWorkstation).RequireAuthorization().WithSummary("登记工作站与基地（依托单位所在地区的管理人员）").RequirePermission(TalentPermissions.ManageWorkstations);
        w.MapPut("/{id:guid}", UpdateWorkstation).RequireAuthorization().WithSummary("修改工作站与基地").RequirePermission(TalentPermissions.ManageWorkstations);
        w.MapPost("/{id:guid}/end", EndWorkstation).RequireAuthorization().WithSummary("撤销或结束（填写结束日期）").RequirePermission(TalentPermissions.ManageWorkstations);
        w.MapPut("/{id:guid}/outputs", RecordWorkstationOutput).RequireAuthorization()
            .WithSummary("登记或更正年度成果（年度、承担项目、获得专利、培训场次与人次；该年度已登记时为更正，If-Match 为其版本）").RequirePermission(TalentPermissions.ManageWorkstations);
        w.MapPost("/{id:guid}/agreements", SignAgreement).RequireAuthorization()
            .WithSummary("登记产学研合作协议（签约单位、合作专家或高校院所、签订日期、合作内容、金额）").RequirePermission(TalentPermissions.ManageWorkstations);
        w.MapPut("/{id:guid}/agreements/{agreementId:guid}", AmendAgreement).RequireAuthorization()
            .WithSummary("修改产学研合作协议（与登记的人相同：项目所在地区的管理人员）").RequirePermission(TalentPermissions.ManageWorkstations);
        w.MapDelete("/{id:guid}/agreements/{agreementId:guid}", DeleteAgreement).RequireAuthorization()
            .WithSummary("删除误登记的产学研合作协议").RequirePermission(TalentPermissions.ManageWorkstations);
        return api;
    }

    public static async Task<Ok<PagedResult<HonourCallDto>>> ListCalls(HonourService s, string? region, int? year, HonourKind? kind, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(region, year, kind, page, pageSize, ct));

    public static async Task<Ok<HonourCallDto>> GetCall(HonourService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(id, ct));

    public static async Task<Ok<IReadOnlyList<NominationDto>>> ListNominations(HttpContext http, HonourService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.NominationsAsync(http.User.ToActor(), id, ct));

    public static async Task<Ok<MyHonoursDto>> MyHonours(HttpContext http, HonourService s, CancellationToken ct) =>
        TypedResults.Ok(await s.MineAsync(http.User.ToActor(), ct));

    public static async Task<Ok<HonourStatisticsDto>> HonourStatistics(HonourService s, string? region, int? year, CancellationToken ct) =>
        TypedResults.Ok(await s.StatisticsAsync(region, year, ct));

    public static async Task<Ok<IReadOnlyList<NominationDto>>> HonoursOf(HttpContext http, HonourService s, Guid? workerId, Guid? organizationId, CancellationToken ct) =>
        TypedResults.Ok(await s.HonoursOfAsync(http.User.ToActor(), workerId, organizationId, ct));

    public static async Task<Created<HonourCallDto>> CreateCall(HttpContext http, HonourService s, HonourCallRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/honours/calls/{created.Id}", created);
    }

    public static async Task<Ok<HonourCallDto>> CloseCall(HttpContext http, HonourService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.CloseAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<NominationDto>> Nominate(HttpContext http, HonourService s, Guid id, NominationRequest body, CancellationToken ct)
    {
        var created = await s.NominateAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created($"/api/v1/honours/nominations/{created.Id}", created);
    }

    public static async Task<Created<NominationDto>> NominateAsUnit(HttpContext http, HonourService s, Guid id, UnitNominationRequest body, CancellationToken ct)
    {
        var created = await s.NominateAsUnitAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created($"/api/v1/honours/nominations/{created.Id}", created);
    }

    public static async Task<Ok<NominationDto>> DecideNomination(HttpContext http, HonourService s, Guid id, DecisionRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.DecideAsync(http.User.ToActor(), id, body, ct));

    public static async Task<Ok<HonourReviewDto>> HonourExpertReview(HttpContext http, HonourReviewService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.ReviewAsync(http.User.ToActor(), id, ct));

    public static async Task<Ok<IReadOnlyList<ContestExpertOptionDto>>> HonourExpertOptions(HttpContext http, HonourReviewService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.ExpertOptionsAsync(http.User.ToActor(), id, ct));

    public static async Task<Ok<HonourReviewDto>> SetHonourRubric(HttpContext http, HonourReviewService s, Guid id, HonourRubricRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.SetRubricAsync(http.User.ToActor(), id, body, ct));

    public static async Task<Ok<HonourAssignResultDto>> AssignHonourExperts(HttpContext http, HonourReviewService s, Guid id, AssignHonourExpertsRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.AssignAsync(http.User.ToActor(), id, body, ct));

    public static async Task<Ok<HonourReviewDto>> CloseHonourReview(HttpContext http, HonourReviewService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.CloseReviewAsync(http.User.ToActor(), id, ct));

    public static async Task<Ok<IReadOnlyList<MyNominationReviewDto>>> MyHonourReviews(HttpContext http, HonourReviewService s, CancellationToken ct) =>
        TypedResults.Ok(await s.MineAsync(http.User.ToActor(), ct));

    public static async Task<Ok<MyNominationReviewDto>> ScoreNomination(HttpContext http, HonourReviewService s, Guid id, Kexie.Web.Features.ThinkTank.ScoreRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.ScoreAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<PagedResult<WorkstationDto>>> ListWorkstations(HttpContext http, WorkstationService s, string? region, WorkstationKind? kind, string? q, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), region, kind, q, page, pageSize, ct));

    public static async Task<Ok<WorkstationStatisticsDto>> WorkstationStatistics(WorkstationService s, string? region, int? year, CancellationToken ct) =>
        TypedResults.Ok(await s.StatisticsAsync(region, year, ct));

    public static async Task<Ok<WorkstationDto>> GetWorkstation(HttpContext http, WorkstationService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<WorkstationDto>> CreateWorkstation(HttpContext http, WorkstationService s, WorkstationRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/workstations/{created.Id}", created);
    }

    public static async Task<Ok<WorkstationDto>> UpdateWorkstation(HttpContext http, WorkstationService s, Guid id, WorkstationRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<WorkstationDto>> EndWorkstation(HttpContext http, WorkstationService s, Guid id, WorkstationEndRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.EndAsync(http.User.ToActor(), id, body, ct));

    public static async Task<Created<CooperationAgreementDto>> SignAgreement(HttpContext http, CooperationService s, Guid id, CooperationAgreementRequest body, CancellationToken ct)
    {
        var created = await s.SignAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created($"/api/v1/workstations/{id}", created);
    }

    public static async Task<Ok<WorkstationOutputDto>> RecordWorkstationOutput(HttpContext http, WorkstationService s, Guid id, WorkstationOutputRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.RecordOutputAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<CooperationAgreementDto>> AmendAgreement(HttpContext http, CooperationService s, Guid id, Guid agreementId, CooperationAgreementRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.AmendAsync(http.User.ToActor(), id, agreementId, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<NoContent> DeleteAgreement(HttpContext http, CooperationService s, Guid id, Guid agreementId, CancellationToken ct)
    {
        await s.DeleteAsync(http.User.ToActor(), id, agreementId, ct);
        return TypedResults.NoContent();
    }
}
