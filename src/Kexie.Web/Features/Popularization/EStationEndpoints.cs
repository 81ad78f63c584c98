using Kexie.Domain.Popularization;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kexie.Web.Features.Popularization;

/// <summary>
/// /api/v1 for 科普e站: stations and their daily usage, terminals, subscriptions (远程订阅), questions, device tokens, the
/// station's own posts (自助发布), the kiosk a device opens with its token (views, likes, questions, heartbeats, 知识竞答),
/// the region's question bank, the usage exports, the 科普需求画像 and 为你推荐.
/// </summary>
public static class EStationEndpoints
{
    private const string ExcelContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapStations(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/e-stations").WithTags("科普e站");
        g.MapGet("/", ListStations)
            .WithSummary("科普e站（地区子树、站点类型、状态；含累计访问、互动次数）");
        g.MapGet("/{id:guid}", GetStation).WithSummary("e站详情");
        g.MapGet("/{id:guid}/usage", StationUsage)
            .WithSummary("每日使用记录（访问、互动），最近一年");
        g.MapPost("/", CreateStation).RequireAuthorization().WithSummary("登记科普e站（本地区服务人员或科协管理员）").RequirePermission(PopularizationPermissions.ManageEStations);
        g.MapPut("/{id:guid}", UpdateStation).RequireAuthorization().WithSummary("修改e站信息").RequirePermission(PopularizationPermissions.ManageEStations);
        g.MapPost("/{id:guid}/suspend", SuspendStation).RequireAuthorization().WithSummary("停用").RequirePermission(PopularizationPermissions.ManageEStations);
        g.MapPost("/{id:guid}/resume", ResumeStation).RequireAuthorization().WithSummary("恢复运行").RequirePermission(PopularizationPermissions.ManageEStations);
        g.MapPut("/{id:guid}/usage/{day}", LogStationUsage).RequireAuthorization().WithSummary("登记或更正某日使用情况（访问、互动次数；日期 yyyy-MM-dd，北京时间）").RequirePermission(PopularizationPermissions.ManageEStations);
    }

    public static void MapStationInteraction(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/e-stations").WithTags("科普e站");
        g.MapGet("/{id:guid}/terminals", ListTerminals)
            .WithSummary("e站终端（类型、安放场所：学校、社区、图书馆…）");
        g.MapPost("/{id:guid}/terminals", InstallTerminal).RequireAuthorization().WithSummary("登记终端（名称、类型、安放场所与地点、安装日期）").RequirePermission(PopularizationPermissions.ManageEStations);
        g.MapPost("/{id:guid}/terminals/{terminalId:guid}/remove", RemoveTerminal).RequireAuthorization().WithSummary("撤除终端").RequirePermission(PopularizationPermissions.ManageEStations);
        g.MapPost("/{id:guid}/subscriptions", Subscribe).AllowAnonymous().WithSummary("远程订阅（居民、科技工作者、学校、单位；主题标签；返回本人订阅链接，凭链接查看匹配的科普内容）").RequirePermission(PopularizationPermissions.UseEStations);
        g.MapGet("/{id:guid}/subscriptions", ListSubscriptions)
            .RequireAuthorization().WithSummary("e站订阅名单（本地区管理人员；手机号隐去中间四位）").RequirePermission(PopularizationPermissions.AnswerEStationQuestions);
        g.MapPost("/{id:guid}/questions", AskStation).AllowAnonymous().WithSummary("群众提问（姓名、问题，手机号选填；返回本人问答链接）").RequirePermission(PopularizationPermissions.UseEStations);
        g.MapGet("/{id:guid}/questions", ListQuestions)
            .RequireAuthorization().WithSummary("e站收到的提问（本地区管理人员；status=Open 待答复）").RequirePermission(PopularizationPermissions.AnswerEStationQuestions);

        var q = api.MapGroup("/e-station-questions").WithTags("科普e站");
        q.MapGet("/{id:guid}", GetQuestion)
            .RequireAuthorization().WithSummary("问答详情（e站所在地区管理人员）").RequirePermission(PopularizationPermissions.AnswerEStationQuestions);
        q.MapPost("/{id:guid}/answers", AnswerQuestion).RequireAuthorization().WithSummary("答复提问（e站所在地区管理人员）").RequirePermission(PopularizationPermissions.AnswerEStationQuestions);
        q.MapGet("/by-key/{key}", QuestionThread)
            .WithSummary("提问人凭本人链接查看问答");
        q.MapPost("/by-key/{key}/follow-ups", FollowUp)
            .AllowAnonymous().WithSummary("提问人凭本人链接追问").RequirePermission(PopularizationPermissions.UseEStations);

        var sub = api.MapGroup("/e-station-subscriptions").WithTags("科普e站");
        sub.MapGet("/by-key/{key}/feed", SubscriptionFeed)
            .WithSummary("订阅人凭本人链接查看匹配主题的已发布科普内容（最新在前）");
        sub.MapPut("/by-key/{key}/tags", ChangeSubscriptionTopics)
            .AllowAnonymous().WithSummary("订阅人修改订阅主题").RequirePermission(PopularizationPermissions.UseEStations);
        sub.MapPost("/by-key/{key}/cancel", CancelSubscription).AllowAnonymous().WithSummary("订阅人取消订阅").RequirePermission(PopularizationPermissions.UseEStations);
        g.MapGet("/{id:guid}/devices", ListDevices)
            .RequireAuthorization().WithSummary("e站终端凭证（本地区管理人员；名称、是否有效、最近心跳、是否离线）").RequirePermission(PopularizationPermissions.ManageEStations);
        g.MapPost("/{id:guid}/devices", IssueDevice).RequireAuthorization().WithSummary("发放终端凭证（返回一次性的设备令牌和e站屏链接；系统只保存其摘要）").RequirePermission(PopularizationPermissions.ManageEStations);
        g.MapPost("/{id:guid}/devices/{deviceId:guid}/revoke", RevokeDevice).RequireAuthorization().WithSummary("撤销终端凭证（设备随即不能打开e站屏）").RequirePermission(PopularizationPermissions.ManageEStations);
        g.MapGet("/{id:guid}/posts", ListPosts)
            .RequireAuthorization().WithSummary("本站自助发布的内容（本地区管理人员；含已撤下）").RequirePermission(PopularizationPermissions.PublishToEStations);
        g.MapPost("/{id:guid}/posts", PublishPost).RequireAuthorization().WithSummary("自助发布（只发布到本站终端，不进入全平台资源库；标题、正文、主题标签）").RequirePermission(PopularizationPermissions.PublishToEStations);
        g.MapPost("/{id:guid}/posts/{postId:guid}/withdraw", WithdrawPost).RequireAuthorization().WithSummary("撤下自助发布的内容").RequirePermission(PopularizationPermissions.PublishToEStations);
        g.MapGet("/{id:guid}/usage-summary", UsageSummary)
            .WithSummary("e站使用汇总（终端自动统计的在线天数、浏览、点赞、提问；手工登记的访问、互动；计入指标的合计，不重复计算）");

        // The kiosk: a device opens it with its token (no account); a guessed or revoked token reaches nothing.
        var k = api.MapGroup("/e-station-kiosks").WithTags("科普e站");
        k.MapGet("/{token}", OpenKiosk)
            .WithSummary("e站屏首页（设备令牌：本站订阅主题的已发布内容和本站自助发布的内容）");
        k.MapGet("/{token}/items/{source}/{id:guid}", OpenKioskItem)
            .WithSummary("在e站屏打开一条内容（source=content 平台内容、post 本站发布；计一次浏览）");
        k.MapPost("/{token}/items/{source}/{id:guid}/likes", LikeKioskItem)
            .AllowAnonymous().WithSummary("点赞（计入e站当日互动和科普需求画像）").RequirePermission(PopularizationPermissions.UseEStations);
        k.MapPost("/{token}/questions", AskAtKiosk).AllowAnonymous().WithSummary("在e站屏匿名提问（计入e站当日互动；返回问答链接）").RequirePermission(PopularizationPermissions.UseEStations);
        k.MapPost("/{token}/heartbeats", Heartbeat).AllowAnonymous().WithSummary("终端心跳（每分钟一次；超过设定时间无心跳的e站标为离线）").RequirePermission(PopularizationPermissions.UseEStations);

        api.MapGet("/interest-profiles", InterestProfile)
            .RequireAuthorization().WithTags("科普e站").WithSummary("科普需求画像（本地区管理人员；region 地区子树：各主题的订阅人数、阅读量、提问数，各重点人群关注的主题，推送的内容）")
            .RequirePermission(PopularizationPermissions.AnswerEStationQuestions);
        api.MapGet("/science-topics", ScienceTopicList).WithTags("科普e站").WithSummary("科普主题标签（订阅与内容标注共用）");
    }

    /// <summary>知识竞答 on the kiosk, the region's question bank, the Excel export of kiosk usage, and 为你推荐.</summary>
    public static void MapQuizzes(RouteGroupBuilder api)
    {
        var k = api.MapGroup("/e-station-kiosks").WithTags("科普e站");
        k.MapGet("/{token}/quiz", StartQuiz)
            .WithSummary("e站屏知识竞答：从本地区（及上级）题库抽题，本站订阅主题优先；不含答案，抽题不计数");
        k.MapPost("/{token}/quiz-attempts", AnswerQuiz)
            .AllowAnonymous().WithSummary("提交答卷：返回得分、正确答案和解析；每份答卷计入e站当日一次竞答（S03），答题主题计入科普需求画像").RequirePermission(PopularizationPermissions.UseEStations);

        var q = api.MapGroup("/quiz-questions").WithTags("科普e站");
        q.MapGet("/", ListQuizQuestions).RequireAuthorization()
            .WithSummary("知识竞答题库（本地区管理人员；region 地区子树，retired=true 含已停用）").RequirePermission(PopularizationPermissions.ManageQuizzes);
        q.MapPost("/", CreateQuizQuestion).RequireAuthorization()
            .WithSummary("新增题目（地区、主题、题干、2–6个选项、正确答案序号（从0起）、解析）").RequirePermission(PopularizationPermissions.ManageQuizzes);
        q.MapPut("/{id:guid}", UpdateQuizQuestion).RequireAuthorization()
            .WithSummary("修改题目（主题、题干、2–6个选项、正确答案序号（从0起）、解析；地区不变，已有答卷的得分不变）").RequirePermission(PopularizationPermissions.ManageQuizzes);
        q.MapPost("/{id:guid}/retire", RetireQuizQuestion).RequireAuthorization()
            .WithSummary("停用题目（e站屏不再抽到，已有答卷保留）").RequirePermission(PopularizationPermissions.ManageQuizzes);
        q.MapPost("/{id:guid}/reinstate", ReinstateQuizQuestion).RequireAuthorization()
            .WithSummary("恢复已停用的题目（e站屏重新可以抽到）").RequirePermission(PopularizationPermissions.ManageQuizzes);

        api.MapGet("/e-stations/{id:guid}/usage/export.xlsx", ExportStationUsage).RequireAuthorization().WithTags("科普e站")
            .WithSummary("导出本站每日使用（系统统计与手工登记、计入S03的数）和终端最近心跳（Excel）").RequirePermission(PopularizationPermissions.ManageEStations);
        api.MapGet("/e-stations/usage/export.xlsx", ExportRegionUsage).RequireAuthorization().WithTags("科普e站")
            .WithSummary("导出地区（子树）所有e站的每日使用和终端最近心跳（Excel；region 地区）").RequirePermission(PopularizationPermissions.ManageEStations);

        api.MapGet("/recommendations", Recommend).RequireAuthorization().WithTags("科普资源")
            .WithSummary("为你推荐：按本人订阅、报名活动的主题（没有时按本地区群众关注的主题）推荐科普内容和活动，并说明推荐理由");
    }

    // Stations and their usage

    public static async Task<Ok<PagedResult<EStationDto>>> ListStations(HttpContext http, EStationService s, [AsParameters] EStationFilter f, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), f, ct));

    public static async Task<Ok<EStationDto>> GetStation(HttpContext http, EStationService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(http.User.ToActor(), id, ct));

    public static async Task<Ok<IReadOnlyList<UsageDto>>> StationUsage(EStationService s, Guid id, string? from, string? to, CancellationToken ct)
    {
        var (first, last) = QueryDay.Range(from, to);
        return TypedResults.Ok(await s.UsageAsync(id, first, last, ct));
    }

    public static async Task<Created<EStationDto>> CreateStation(HttpContext http, EStationService s, EStationRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/e-stations/{created.Id}", created);
    }

    public static async Task<Ok<EStationDto>> UpdateStation(HttpContext http, EStationService s, Guid id, EStationRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<EStationDto>> SuspendStation(HttpContext http, EStationService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.SetActiveAsync(http.User.ToActor(), id, false, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<EStationDto>> ResumeStation(HttpContext http, EStationService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.SetActiveAsync(http.User.ToActor(), id, true, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<UsageDto>> LogStationUsage(HttpContext http, EStationService s, Guid id, DateOnly day, UsageRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.LogUsageAsync(http.User.ToActor(), id, day, body, ct));

    // Terminals, subscriptions, questions

    public static async Task<Ok<IReadOnlyList<TerminalDto>>> ListTerminals(EStationInteractionService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.TerminalsAsync(id, ct));

    public static async Task<Created<TerminalDto>> InstallTerminal(HttpContext http, EStationInteractionService s, Guid id, TerminalRequest body, CancellationToken ct)
    {
        var created = await s.InstallAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created($"/api/v1/e-stations/{id}/terminals", created);
    }

    public static async Task<Ok<TerminalDto>> RemoveTerminal(HttpContext http, EStationInteractionService s, Guid id, Guid terminalId, CancellationToken ct) =>
        TypedResults.Ok(await s.RemoveTerminalAsync(http.User.ToActor(), id, terminalId, ct));

    public static async Task<Created<SubscriptionDto>> Subscribe(HttpContext http, EStationInteractionService s, Guid id, SubscriptionRequest body, CancellationToken ct)
    {
        var created = await s.SubscribeAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created(created.FeedLink, created);
    }

    public static async Task<Ok<IReadOnlyList<SubscriptionDto>>> ListSubscriptions(HttpContext http, EStationInteractionService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.SubscriptionsAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<QuestionDto>> AskStation(EStationInteractionService s, Guid id, AskRequest body, CancellationToken ct)
    {
        var created = await s.AskAsync(id, body, ct);
        return TypedResults.Created(created.ThreadLink, created);
    }

    public static async Task<Ok<IReadOnlyList<QuestionDto>>> ListQuestions(HttpContext http, EStationInteractionService s, Guid id, QuestionStatus? status, CancellationToken ct) =>
        TypedResults.Ok(await s.QuestionsAsync(http.User.ToActor(), id, status, ct));

    public static async Task<Ok<QuestionDto>> GetQuestion(HttpContext http, EStationInteractionService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.QuestionAsync(http.User.ToActor(), id, ct));

    public static async Task<Ok<QuestionDto>> AnswerQuestion(HttpContext http, EStationInteractionService s, Guid id, MessageRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.AnswerAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<QuestionDto>> QuestionThread(EStationInteractionService s, string key, CancellationToken ct) =>
        TypedResults.Ok(await s.ThreadAsync(key, ct));

    public static async Task<Ok<QuestionDto>> FollowUp(EStationInteractionService s, string key, MessageRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.FollowUpAsync(key, body, ct));

    public static async Task<Ok<FeedDto>> SubscriptionFeed(EStationInteractionService s, string key, CancellationToken ct) =>
        TypedResults.Ok(await s.FeedAsync(key, ct));

    public static async Task<Ok<FeedDto>> ChangeSubscriptionTopics(EStationInteractionService s, string key, SubscriptionTagsRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.ChangeTopicsAsync(key, body.Tags, ct));

    public static async Task<NoContent> CancelSubscription(EStationInteractionService s, string key, CancellationToken ct)
    {
        await s.CancelSubscriptionAsync(key, ct);
        return TypedResults.NoContent();
    }

    // Device tokens and the station's own posts

    public static async Task<Ok<IReadOnlyList<DeviceDto>>> ListDevices(HttpContext http, KioskService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.DevicesAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<DeviceDto>> IssueDevice(HttpContext http, KioskService s, Guid id, DeviceRequest body, CancellationToken ct)
    {
        var created = await s.IssueAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created($"/api/v1/e-stations/{id}/devices", created);
    }

    public static async Task<Ok<DeviceDto>> RevokeDevice(HttpContext http, KioskService s, Guid id, Guid deviceId, CancellationToken ct) =>
        TypedResults.Ok(await s.RevokeAsync(http.User.ToActor(), id, deviceId, ct));

    public static async Task<Ok<IReadOnlyList<StationPostDto>>> ListPosts(HttpContext http, KioskService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.PostsAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<StationPostDto>> PublishPost(HttpContext http, KioskService s, Guid id, StationPostRequest body, CancellationToken ct)
    {
        var created = await s.PublishAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created($"/api/v1/e-stations/{id}/posts", created);
    }

    public static async Task<Ok<StationPostDto>> WithdrawPost(HttpContext http, KioskService s, Guid id, Guid postId, CancellationToken ct) =>
        TypedResults.Ok(await s.WithdrawAsync(http.User.ToActor(), id, postId, ct));

    public static async Task<Ok<StationUsageSummaryDto>> UsageSummary(KioskService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.UsageSummaryAsync(id, ct));

    // The kiosk

    public static async Task<Ok<KioskDto>> OpenKiosk(KioskService s, string token, CancellationToken ct) =>
        TypedResults.Ok(await s.KioskAsync(token, ct));

    public static async Task<Ok<KioskItemDetailDto>> OpenKioskItem(KioskService s, string token, string source, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.OpenAsync(token, KioskSupport.Source(source), id, ct));

    public static async Task<Ok<KioskItemDetailDto>> LikeKioskItem(KioskService s, string token, string source, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.LikeAsync(token, KioskSupport.Source(source), id, ct));

    public static async Task<Created<QuestionDto>> AskAtKiosk(KioskService s, string token, KioskAskRequest body, CancellationToken ct)
    {
        var created = await s.AskAsync(token, body, ct);
        return TypedResults.Created(created.ThreadLink, created);
    }

    public static async Task<NoContent> Heartbeat(KioskService s, string token, CancellationToken ct)
    {
        await s.HeartbeatAsync(token, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<InterestProfileDto>> InterestProfile(HttpContext http, InterestProfileService s, string? region, CancellationToken ct) =>
        TypedResults.Ok(await s.ProfileAsync(http.User.ToActor(), region, ct));

    public static Ok<IReadOnlyList<string>> ScienceTopicList() => TypedResults.Ok(ScienceTopics.All);

    // 知识竞答, exports, 为你推荐

    public static async Task<Ok<KioskQuizDto>> StartQuiz(KioskService s, string token, CancellationToken ct) =>
        TypedResults.Ok(await s.QuizAsync(token, ct));

    public static async Task<Created<KioskQuizResultDto>> AnswerQuiz(KioskService s, string token, KioskQuizAnswerRequest body, CancellationToken ct)
    {
        var result = await s.AnswerQuizAsync(token, body, ct);
        return TypedResults.Created($"/api/v1/e-station-kiosks/{token}/quiz", result);
    }

    public static async Task<Ok<IReadOnlyList<QuizQuestionDto>>> ListQuizQuestions(HttpContext http, QuizService s, string? region, bool? retired, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), region, retired == true, ct));

    public static async Task<Created<QuizQuestionDto>> CreateQuizQuestion(HttpContext http, QuizService s, QuizQuestionRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/quiz-questions/{created.Id}", created);
    }

    public static async Task<Ok<QuizQuestionDto>> UpdateQuizQuestion(HttpContext http, QuizService s, Guid id, QuizQuestionRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), id, body, ct));

    public static async Task<Ok<QuizQuestionDto>> RetireQuizQuestion(HttpContext http, QuizService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.RetireAsync(http.User.ToActor(), id, ct));

    public static async Task<Ok<QuizQuestionDto>> ReinstateQuizQuestion(HttpContext http, QuizService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.ReinstateAsync(http.User.ToActor(), id, ct));

    public static async Task<FileContentHttpResult> ExportStationUsage(HttpContext http, QuizService s, Guid id, CancellationToken ct) =>
        TypedResults.File(await s.ExportStationAsync(http.User.ToActor(), id, ct), ExcelContentType, "e站使用统计.xlsx");

    public static async Task<FileContentHttpResult> ExportRegionUsage(HttpContext http, QuizService s, string? region, CancellationToken ct) =>
        TypedResults.File(await s.ExportRegionAsync(http.User.ToActor(), region, ct), ExcelContentType, "e站使用统计.xlsx");

    public static async Task<Ok<RecommendationsDto>> Recommend(HttpContext http, RecommendationService s, CancellationToken ct) =>
        TypedResults.Ok(await s.ForAsync(http.User.ToActor(), ct));
}
