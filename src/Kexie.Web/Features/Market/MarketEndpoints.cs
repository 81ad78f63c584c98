using Kexie.Domain.Market;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kexie.Web.Features.Market;

/// <summary>
/// /api/v1 for the market: offers (所能), needs (所需), 一单一策 plans, orders, service tickets, fairs (科创会) and
/// per-region counters. Writes that change a status accept <c>If-Match: "version"</c>; a stale or concurrent
/// write gets 409.
/// </summary>
public static class MarketEndpoints
{
    public static RouteGroupBuilder MapMarket(this RouteGroupBuilder api)
    {
        MapOffers(api);
        MapNeeds(api);
        MapPlans(api);
        MapOrders(api);
        MapServiceTickets(api);
        MapFairs(api);
        MarketFileAndStorefrontEndpoints.MapMarketFiles(api);
        MarketFileAndStorefrontEndpoints.MapStorefronts(api);
        api.MapGet("/market/stats", MarketStats)
            .WithTags("科技市场统计").WithSummary("地区计数：需求、所能（按类型）、订单及成交额（元）、注册科技工作者与单位（日期按北京时间，含首尾）").AllowAnonymous();
        return api;
    }

    private static void MapOffers(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/offers").WithTags("科技所能");
        g.MapGet("/", ListOffers)
            .CacheOutput(PublicMarketCache.Name)
            .WithSummary("查询科技所能（地区子树、类型、学科、行业、价格、状态、日期筛选；分页；排序 newest/oldest/price/price_desc/title）；公众只见已发布。深翻页用游标：按发布时间排序（newest/oldest）时回应带 nextCursor，下一页传 after=nextCursor（不再按 page 跳过，深页与首页一样快；最后一页 nextCursor 为 null）");
        g.MapGet("/{id:guid}", GetOffer).WithSummary("科技所能详情");
        g.MapPost("/", CreateOffer).RequireAuthorization().WithSummary("新建科技所能草稿（本人或本地区服务人员代填）").RequirePermission(MarketPermissions.EditOffers);
        g.MapPut("/{id:guid}", UpdateOffer).RequireAuthorization().WithSummary("修改科技所能（草稿、已退回、已撤回）").RequirePermission(MarketPermissions.EditOffers);
        g.MapDelete("/{id:guid}", DeleteOffer).RequireAuthorization().WithSummary("删除科技所能草稿").RequirePermission(MarketPermissions.EditOffers);
        g.MapPost("/{id:guid}/submit", SubmitOffer).RequireAuthorization().WithSummary("提交审核").RequirePermission(MarketPermissions.EditOffers);
        g.MapPost("/{id:guid}/publish", PublishOffer).RequireAuthorization().WithSummary("审核通过并发布（科协管理员）").RequirePermission(MarketPermissions.ReviewOffers);
        g.MapPost("/{id:guid}/return", ReturnOffer).RequireAuthorization().WithSummary("退回修改（须填原因）").RequirePermission(MarketPermissions.ReviewOffers);
        g.MapPost("/{id:guid}/reject", RejectOffer).RequireAuthorization().WithSummary("不予发布（须填原因）").RequirePermission(MarketPermissions.ReviewOffers);
        g.MapPost("/{id:guid}/withdraw", WithdrawOffer).RequireAuthorization().WithSummary("撤回").RequirePermission(MarketPermissions.EditOffers);
        g.MapPost("/{id:guid}/close", CloseOffer).RequireAuthorization().WithSummary("关闭已发布的科技所能（须填原因）").RequirePermission(MarketPermissions.EditOffers);
    }

    private static void MapNeeds(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/needs").WithTags("科技需求");
        g.MapGet("/", ListNeeds)
            .CacheOutput(PublicMarketCache.Name)
            .WithSummary("查询科技需求（地区子树、学科、行业、预算、状态、日期筛选；分页；排序 newest/oldest/deadline/budget_desc/title）；公众只见已发布的公开需求。深翻页用游标：按发布时间排序（newest/oldest）时回应带 nextCursor，下一页传 after=nextCursor（不再按 page 跳过，深页与首页一样快；最后一页 nextCursor 为 null）");
        g.MapGet("/{id:guid}", GetNeed).WithSummary("科技需求详情");
        g.MapGet("/{id:guid}/plan", GetNeedPlan)
            .RequireAuthorization().WithSummary("该需求的一单一策");
        g.MapPost("/", CreateNeed).RequireAuthorization().WithSummary("新建科技需求草稿（本单位或本地区服务人员代填）").RequirePermission(MarketPermissions.EditNeeds);
        g.MapPut("/{id:guid}", UpdateNeed).RequireAuthorization().WithSummary("修改科技需求（草稿、已退回、已撤回）").RequirePermission(MarketPermissions.EditNeeds);
        g.MapDelete("/{id:guid}", DeleteNeed).RequireAuthorization().WithSummary("删除科技需求草稿").RequirePermission(MarketPermissions.EditNeeds);
        g.MapPost("/{id:guid}/submit", SubmitNeed).RequireAuthorization().WithSummary("提交审核").RequirePermission(MarketPermissions.EditNeeds);
        g.MapPost("/{id:guid}/publish", PublishNeed).RequireAuthorization().WithSummary("审核通过并发布（科协管理员）；自动建立一单一策、指派处理人、提出候选").RequirePermission(MarketPermissions.ReviewNeeds);
        g.MapPost("/{id:guid}/return", ReturnNeed).RequireAuthorization().WithSummary("退回修改（须填原因）").RequirePermission(MarketPermissions.ReviewNeeds);
        g.MapPost("/{id:guid}/reject", RejectNeed).RequireAuthorization().WithSummary("不予发布（须填原因）").RequirePermission(MarketPermissions.ReviewNeeds);
        g.MapPost("/{id:guid}/withdraw", WithdrawNeed).RequireAuthorization().WithSummary("撤回").RequirePermission(MarketPermissions.EditNeeds);
        g.MapPost("/{id:guid}/close", CloseNeed).RequireAuthorization().WithSummary("关闭已发布的科技需求（须填原因）").RequirePermission(MarketPermissions.EditNeeds);
    }

    private static void MapPlans(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/plans").WithTags("一单一策").RequireAuthorization();
        g.MapGet("/", ListPlans).WithSummary("本地区一单一策列表（mine=true 只看我处理的）");
        g.MapGet("/overdue", OverduePlans)
            .WithSummary("超期未响应清单（按县区汇总）");
        g.MapGet("/judgements", ListJudgements).WithSummary("候选评判数据（人工添加、排除、恢复、已联系、成交；需求与候选成对，名称与代码分列，供评估匹配）").RequirePermission(MarketPermissions.ExportJudgements);
        g.MapGet("/judgements/export.xlsx", ExportJudgements)
            .WithSummary("导出候选评判数据（Excel）").RequirePermission(MarketPermissions.ExportJudgements);
        g.MapGet("/{id:guid}", GetPlan).WithSummary("一单一策详情");
        g.MapPost("/{id:guid}/handler", AssignPlanHandler).WithSummary("指派或改派处理人").RequirePermission(MarketPermissions.HandlePlans);
        g.MapPost("/{id:guid}/contacts", LogPlanContact).WithSummary("登记联系情况（首次联系即为响应）").RequirePermission(MarketPermissions.HandlePlans);
        g.MapGet("/{id:guid}/candidate-options", CandidateOptions).WithSummary("按名称查找可人工添加的候选（已发布的科技所能、科技工作者、专家库专家）");
        g.MapPost("/{id:guid}/candidates", AddCandidate).WithSummary("人工添加候选（kind：Offer 科技所能 / Worker 科技工作者或专家；note 添加说明）").RequirePermission(MarketPermissions.HandlePlans);
        g.MapPost("/{id:guid}/candidates/{candidateId:guid}/drop", DropCandidate).WithSummary("排除不相关的候选（须选原因；reason 为 Other 时须填说明）").RequirePermission(MarketPermissions.HandlePlans);
        g.MapPost("/{id:guid}/candidates/{candidateId:guid}/restore", RestoreCandidate).WithSummary("恢复已排除的候选").RequirePermission(MarketPermissions.HandlePlans);
        g.MapPost("/{id:guid}/candidates/refresh", RefreshCandidates).WithSummary("重新匹配候选").RequirePermission(MarketPermissions.HandlePlans);
        g.MapPost("/{id:guid}/negotiation", StartNegotiation).WithSummary("进入洽谈").RequirePermission(MarketPermissions.HandlePlans);
        g.MapPost("/{id:guid}/deal", RecordDeal).WithSummary("登记成交").RequirePermission(MarketPermissions.HandlePlans);
        g.MapPost("/{id:guid}/close", ClosePlan).WithSummary("未成交关闭（须填原因）").RequirePermission(MarketPermissions.HandlePlans);
    }

    private static void MapOrders(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/orders").WithTags("交易订单").RequireAuthorization();
        g.MapGet("/", ListOrders).WithSummary("我的订单 / 本地区订单");
        g.MapGet("/{id:guid}", GetOrder).WithSummary("订单详情（含全部流转记录）");
        g.MapPost("/", CreateOrder).WithSummary("发起询价：针对已发布的科技所能（可关联本单位需求、科创会），或直接在需方与供方之间").RequirePermission(MarketPermissions.TradeOrders);
        g.MapPost("/{id:guid}/agree", AgreeOrder).WithSummary("管理方登记线下签订的合同（合同金额，元，可写“5万”；contractFileId 为先上传到本订单的合同文件）。双方在平台上签约请用 proposals / confirm").RequirePermission(MarketPermissions.TradeOrders);
        g.MapPost("/{id:guid}/proposals", ProposeOrder).WithSummary("一方提出（或还价）合同条件：合同金额（元，可写“5万”“1.2亿”）、主要条款、先上传到本订单的合同文件 contractFileId；须由另一方确认").RequirePermission(MarketPermissions.TradeOrders);
        g.MapPost("/{id:guid}/confirm", ConfirmOrder).WithSummary("另一方确认待确认的合同条件（proposalNumber），订单即签约；由需求而来的订单自动在一单一策登记成交，需求关闭为已对接").RequirePermission(MarketPermissions.TradeOrders);
        g.MapPost("/{id:guid}/deliver", DeliverOrder).WithSummary("开始履约（供方）").RequirePermission(MarketPermissions.TradeOrders);
        g.MapPost("/{id:guid}/accept", AcceptOrder).WithSummary("验收（需方）").RequirePermission(MarketPermissions.TradeOrders);
        g.MapPost("/{id:guid}/settle", SettleOrder).WithSummary("结算（供方确认收款）").RequirePermission(MarketPermissions.TradeOrders);
        g.MapPost("/{id:guid}/cancel", CancelOrder).WithSummary("取消（须填原因）").RequirePermission(MarketPermissions.TradeOrders);
        g.MapPost("/{id:guid}/dispute", DisputeOrder).WithSummary("提出争议（须填原因）").RequirePermission(MarketPermissions.TradeOrders);
        g.MapPost("/{id:guid}/resolve", ResolveOrder).WithSummary("处理争议，恢复原状态（科协管理员）").RequirePermission(MarketPermissions.ResolveOrders);
        g.MapPost("/{id:guid}/rate", RateOrder).WithSummary("评价对方（1–5星，验收后，每方一次）").RequirePermission(MarketPermissions.TradeOrders);
    }

    private static void MapServiceTickets(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/service-tickets").WithTags("保姆式服务单").RequireAuthorization();
        g.MapGet("/", ListServiceTickets).WithSummary("服务单列表（staff=me 只看本人）");
        g.MapGet("/counts", CountServiceTickets).WithSummary("服务单统计：按工作人员、县区、服务类型");
        g.MapPost("/", CreateServiceTicket).WithSummary("登记服务单（咨询、走访、培训、注册帮办）").RequirePermission(MarketPermissions.EditTickets);
        g.MapPut("/{id:guid}", UpdateServiceTicket)
            .WithSummary("修改服务单（登记人；他人登记的须有“修改他人登记的服务单”权限，默认科协管理员）").RequirePermission(MarketPermissions.EditTickets);
    }

    private static void MapFairs(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/fairs").WithTags("科创会");
        g.MapGet("/", ListFairs).WithSummary("科创会列表");
        g.MapGet("/{id:guid}", GetFair).WithSummary("科创会详情");
        g.MapGet("/{id:guid}/catalogue", FairCatalogue)
            .WithSummary("公开项目目录（已入选；可按类别：技术推广、成果转化、难题求解）");
        g.MapGet("/{id:guid}/projects", FairProjects)
            .RequireAuthorization().WithSummary("项目列表（管理员见全部，申报人见本人项目）");
        g.MapPost("/", OpenFair).RequireAuthorization().WithSummary("开设科创会（科协管理员）").RequirePermission(MarketPermissions.ManageFairs);
        g.MapPut("/{id:guid}", UpdateFair).RequireAuthorization().RequirePermission(MarketPermissions.ManageFairs);
        g.MapPost("/{id:guid}/close", CloseFair).RequireAuthorization().WithSummary("闭幕").RequirePermission(MarketPermissions.ManageFairs);
        g.MapPost("/{id:guid}/reopen", ReopenFair).RequireAuthorization().WithSummary("重新开放").RequirePermission(MarketPermissions.ManageFairs);
        g.MapPost("/{id:guid}/projects", CreateFairProject).RequireAuthorization().WithSummary("申报项目（草稿）").RequirePermission(MarketPermissions.SubmitFairProjects);
        var p = g.MapGroup("/{fairId:guid}/projects").RequireAuthorization();
        p.MapPost("/{id:guid}/submit", SubmitFairProject).WithSummary("提交项目").RequirePermission(MarketPermissions.SubmitFairProjects);
        p.MapPost("/{id:guid}/select", SelectFairProject).WithSummary("入选（科协管理员）").RequirePermission(MarketPermissions.ReviewFairProjects);
        p.MapPost("/{id:guid}/return", ReturnFairProject).WithSummary("退回修改").RequirePermission(MarketPermissions.ReviewFairProjects);
        p.MapPost("/{id:guid}/reject", RejectFairProject).WithSummary("未入选（须填原因）").RequirePermission(MarketPermissions.ReviewFairProjects);
        p.MapPost("/{id:guid}/withdraw", WithdrawFairProject).WithSummary("撤回").RequirePermission(MarketPermissions.SubmitFairProjects);
    }

    public static async Task<Ok<MarketStatsDto>> MarketStats(MarketStatsService s, string? region, string? from, string? to, CancellationToken ct)
    {
        var (first, last) = QueryDay.Range(from, to);
        return TypedResults.Ok(await s.GetAsync(region, first, last, ct));
    }

    public static async Task<Ok<PagedResult<OfferSummaryDto>>> ListOffers(HttpContext http, OfferService s, [AsParameters] OfferFilter f, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), f, ct));

    public static async Task<Ok<OfferDto>> GetOffer(HttpContext http, OfferService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<OfferDto>> CreateOffer(HttpContext http, OfferService s, OfferRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/offers/{created.Id}", created);
    }

    public static async Task<Ok<OfferDto>> UpdateOffer(HttpContext http, OfferService s, Guid id, OfferRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<NoContent> DeleteOffer(HttpContext http, OfferService s, Guid id, CancellationToken ct)
    {
        await s.DeleteAsync(http.User.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<OfferDto>> SubmitOffer(HttpContext http, OfferService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, o => o.Submit(http.User.ToActor()), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<OfferDto>> PublishOffer(HttpContext http, OfferService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, o => o.Publish(http.User.ToActor()), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<OfferDto>> ReturnOffer(HttpContext http, OfferService s, Guid id, ReasonRequest? r, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, o => o.Return(http.User.ToActor(), r?.Reason), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<OfferDto>> RejectOffer(HttpContext http, OfferService s, Guid id, ReasonRequest? r, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, o => o.Reject(http.User.ToActor(), r?.Reason), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<OfferDto>> WithdrawOffer(HttpContext http, OfferService s, Guid id, ReasonRequest? r, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, o => o.Withdraw(http.User.ToActor(), r?.Reason), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<OfferDto>> CloseOffer(HttpContext http, OfferService s, Guid id, ReasonRequest? r, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, o => o.Close(http.User.ToActor(), r?.Reason), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<PagedResult<NeedSummaryDto>>> ListNeeds(HttpContext http, NeedService s, [AsParameters] NeedFilter f, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), f, ct));

    public static async Task<Ok<NeedDto>> GetNeed(HttpContext http, NeedService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(http.User.ToActor(), id, ct));

    public static async Task<Ok<ResponsePlanDto>> GetNeedPlan(HttpContext http, ResponsePlanService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetByNeedAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<NeedDto>> CreateNeed(HttpContext http, NeedService s, NeedRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/needs/{created.Id}", created);
    }

    public static async Task<Ok<NeedDto>> UpdateNeed(HttpContext http, NeedService s, Guid id, NeedRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<NoContent> DeleteNeed(HttpContext http, NeedService s, Guid id, CancellationToken ct)
    {
        await s.DeleteAsync(http.User.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<NeedDto>> SubmitNeed(HttpContext http, NeedService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, n => n.Submit(http.User.ToActor()), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<NeedDto>> PublishNeed(HttpContext http, NeedService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.PublishAsync(http.User.ToActor(), id, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<NeedDto>> ReturnNeed(HttpContext http, NeedService s, Guid id, ReasonRequest? r, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, n => n.Return(http.User.ToActor(), r?.Reason), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<NeedDto>> RejectNeed(HttpContext http, NeedService s, Guid id, ReasonRequest? r, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, n => n.Reject(http.User.ToActor(), r?.Reason), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<NeedDto>> WithdrawNeed(HttpContext http, NeedService s, Guid id, ReasonRequest? r, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, n => n.Withdraw(http.User.ToActor(), r?.Reason), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<NeedDto>> CloseNeed(HttpContext http, NeedService s, Guid id, ReasonRequest? r, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, n => n.Close(http.User.ToActor(), r?.Reason), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<PagedResult<PlanSummaryDto>>> ListPlans(HttpContext http, ResponsePlanService s, string? region, ResponsePlanStatus? status, bool? mine, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), region, status, mine ?? false, page, pageSize, ct));

    public static async Task<Ok<OverdueReportDto>> OverduePlans(HttpContext http, ResponsePlanService s, string? region, CancellationToken ct) =>
        TypedResults.Ok(await s.OverdueAsync(http.User.ToActor(), region, ct));

    public static async Task<Ok<CandidateJudgementListDto>> ListJudgements(HttpContext http, CandidateJudgementExport s, string? region, string? from, string? to, CancellationToken ct)
    {
        var (first, last) = QueryDay.Range(from, to);
        return TypedResults.Ok(await s.ListAsync(http.User.ToActor(), region, first, last, ct));
    }

    public static async Task<FileContentHttpResult> ExportJudgements(HttpContext http, CandidateJudgementExport s, string? region, string? from, string? to, CancellationToken ct)
    {
        var (first, last) = QueryDay.Range(from, to);
        return TypedResults.File(CandidateJudgementExport.ToXlsx(await s.ListAsync(http.User.ToActor(), region, first, last, ct)), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "候选评判数据.xlsx");
    }

    public static async Task<Ok<ResponsePlanDto>> GetPlan(HttpContext http, ResponsePlanService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(http.User.ToActor(), id, ct));

    public static async Task<Ok<ResponsePlanDto>> AssignPlanHandler(HttpContext http, ResponsePlanService s, Guid id, AssignHandlerRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.AssignHandlerAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<ResponsePlanDto>> LogPlanContact(HttpContext http, ResponsePlanService s, Guid id, ContactRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.LogContactAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<IReadOnlyList<CandidateOptionDto>>> CandidateOptions(HttpContext http, ResponsePlanService s, Guid id, string? q, CandidateKind? kind, CancellationToken ct) =>
        TypedResults.Ok(await s.CandidateOptionsAsync(http.User.ToActor(), id, q, kind, ct));

    public static async Task<Ok<ResponsePlanDto>> AddCandidate(HttpContext http, ResponsePlanService s, Guid id, CandidateRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.AddCandidateAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<ResponsePlanDto>> DropCandidate(HttpContext http, ResponsePlanService s, Guid id, Guid candidateId, DropCandidateRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.DropCandidateAsync(http.User.ToActor(), id, candidateId, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<ResponsePlanDto>> RestoreCandidate(HttpContext http, ResponsePlanService s, Guid id, Guid candidateId, NoteRequest? body, CancellationToken ct) =>
        TypedResults.Ok(await s.RestoreCandidateAsync(http.User.ToActor(), id, candidateId, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<ResponsePlanDto>> RefreshCandidates(HttpContext http, ResponsePlanService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.RefreshCandidatesAsync(http.User.ToActor(), id, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<ResponsePlanDto>> StartNegotiation(HttpContext http, ResponsePlanService s, Guid id, NoteRequest? body, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, (p, now) => p.StartNegotiation(http.User.ToActor(), body?.Note, now), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<ResponsePlanDto>> RecordDeal(HttpContext http, ResponsePlanService s, Guid id, DealRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.RecordDealAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<ResponsePlanDto>> ClosePlan(HttpContext http, ResponsePlanService s, Guid id, ReasonRequest? body, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, (p, now) => p.CloseWithoutDeal(http.User.ToActor(), body?.Reason, now), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<PagedResult<OrderSummaryDto>>> ListOrders(HttpContext http, OrderService s, [AsParameters] OrderFilter f, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), f, ct));

    public static async Task<Ok<OrderDto>> GetOrder(HttpContext http, OrderService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<OrderDto>> CreateOrder(HttpContext http, OrderService s, CreateOrderRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/orders/{created.Id}", created);
    }

    public static async Task<Ok<OrderDto>> AgreeOrder(HttpContext http, OrderService s, Guid id, AgreeRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.AgreeAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<OrderDto>> ProposeOrder(HttpContext http, OrderService s, Guid id, ProposeRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.ProposeAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<OrderDto>> ConfirmOrder(HttpContext http, OrderService s, Guid id, ConfirmRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.ConfirmAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<OrderDto>> DeliverOrder(HttpContext http, OrderService s, Guid id, NoteRequest? body, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, o => o.StartDelivery(http.User.ToActor(), body?.Note), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<OrderDto>> AcceptOrder(HttpContext http, OrderService s, Guid id, NoteRequest? body, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, o => o.Accept(http.User.ToActor(), body?.Note), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<OrderDto>> SettleOrder(HttpContext http, OrderService s, Guid id, NoteRequest? body, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, o => o.Settle(http.User.ToActor(), body?.Note), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<OrderDto>> CancelOrder(HttpContext http, OrderService s, Guid id, ReasonRequest? body, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, o => o.Cancel(http.User.ToActor(), body?.Reason), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<OrderDto>> DisputeOrder(HttpContext http, OrderService s, Guid id, ReasonRequest? body, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, o => o.Dispute(http.User.ToActor(), body?.Reason), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<OrderDto>> ResolveOrder(HttpContext http, OrderService s, Guid id, ReasonRequest? body, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, o => o.ResolveDispute(http.User.ToActor(), body?.Reason), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<OrderDto>> RateOrder(HttpContext http, OrderService s, Guid id, RateRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, o => o.Rate(http.User.ToActor(), body.Stars, body.Comment), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<PagedResult<ServiceTicketDto>>> ListServiceTickets(HttpContext http, ServiceTicketService s, string? region, string? staff, ServiceTicketKind? kind, string? from, string? to, int? page, int? pageSize, CancellationToken ct)
    {
        var (first, last) = QueryDay.Range(from, to);
        return TypedResults.Ok(await s.ListAsync(http.User.ToActor(), region, staff, kind, first, last, page, pageSize, ct));
    }

    public static async Task<Ok<TicketCountsDto>> CountServiceTickets(HttpContext http, ServiceTicketService s, string? region, string? from, string? to, CancellationToken ct)
    {
        var (first, last) = QueryDay.Range(from, to);
        return TypedResults.Ok(await s.CountsAsync(http.User.ToActor(), region, first, last, ct));
    }

    public static async Task<Created<ServiceTicketDto>> CreateServiceTicket(HttpContext http, ServiceTicketService s, ServiceTicketRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/service-tickets/{created.Id}", created);
    }

    public static async Task<Ok<ServiceTicketDto>> UpdateServiceTicket(HttpContext http, ServiceTicketService s, Guid id, ServiceTicketRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), id, body, ct));

    public static async Task<Ok<PagedResult<FairDto>>> ListFairs(FairService s, string? region, FairStatus? status, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(region, status, page, pageSize, ct));

    public static async Task<Ok<FairDto>> GetFair(FairService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(id, ct));

    public static async Task<Ok<IReadOnlyList<FairProjectDto>>> FairCatalogue(FairService s, Guid id, FairCategory? category, CancellationToken ct) =>
        TypedResults.Ok(await s.CatalogueAsync(id, category, ct));

    public static async Task<Ok<IReadOnlyList<FairProjectDto>>> FairProjects(HttpContext http, FairService s, Guid id, ReviewStatus? status, CancellationToken ct) =>
        TypedResults.Ok(await s.ProjectsAsync(http.User.ToActor(), id, status, ct));

    public static async Task<Created<FairDto>> OpenFair(HttpContext http, FairService s, FairRequest body, CancellationToken ct)
    {
        var created = await s.OpenAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/fairs/{created.Id}", created);
    }

    public static async Task<Ok<FairDto>> UpdateFair(HttpContext http, FairService s, Guid id, FairRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), id, body, ct));

    public static async Task<Ok<FairDto>> CloseFair(HttpContext http, FairService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.SetOpenAsync(http.User.ToActor(), id, false, ct));

    public static async Task<Ok<FairDto>> ReopenFair(HttpContext http, FairService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.SetOpenAsync(http.User.ToActor(), id, true, ct));

    public static async Task<Created<FairProjectDto>> CreateFairProject(HttpContext http, FairService s, Guid id, FairProjectRequest body, CancellationToken ct)
    {
        var created = await s.CreateProjectAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created($"/api/v1/fairs/{id}/projects/{created.Id}", created);
    }

    public static async Task<Ok<FairProjectDto>> SubmitFairProject(HttpContext http, FairService s, Guid fairId, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.ProjectTransitionAsync(http.User.ToActor(), fairId, id, x => x.Submit(http.User.ToActor()), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<FairProjectDto>> SelectFairProject(HttpContext http, FairService s, Guid fairId, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.ProjectTransitionAsync(http.User.ToActor(), fairId, id, x => x.Select(http.User.ToActor()), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<FairProjectDto>> ReturnFairProject(HttpContext http, FairService s, Guid fairId, Guid id, ReasonRequest? body, CancellationToken ct) =>
        TypedResults.Ok(await s.ProjectTransitionAsync(http.User.ToActor(), fairId, id, x => x.Return(http.User.ToActor(), body?.Reason), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<FairProjectDto>> RejectFairProject(HttpContext http, FairService s, Guid fairId, Guid id, ReasonRequest? body, CancellationToken ct) =>
        TypedResults.Ok(await s.ProjectTransitionAsync(http.User.ToActor(), fairId, id, x => x.Reject(http.User.ToActor(), body?.Reason), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<FairProjectDto>> WithdrawFairProject(HttpContext http, FairService s, Guid fairId, Guid id, ReasonRequest? body, CancellationToken ct) =>
        TypedResults.Ok(await s.ProjectTransitionAsync(http.User.ToActor(), fairId, id, x => x.Withdraw(http.User.ToActor(), body?.Reason), MarketSupport.ExpectedVersion(http), ct));
}
