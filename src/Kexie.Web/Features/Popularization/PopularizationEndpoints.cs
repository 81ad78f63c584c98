using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kexie.Web.Features.Popularization;

/// <summary>
/// /api/v1 for 科普: the resource library (science-contents), activities with registration and check-in, and
/// 科普e站 with their daily usage. Writes that change a record accept <c>If-Match: "version"</c>.
/// </summary>
public static class KioskSupport
{
    /// <summary>After how long without a heartbeat a kiosk counts as offline: <c>Popularization:KioskOfflineMinutes</c>, 30 by default.</summary>
    public static TimeSpan OfflineAfter(IConfiguration configuration) =>
        TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue<int?>("Popularization:KioskOfflineMinutes") ?? 30));

    public static KioskSource Source(string? source) => source switch
    {
        "content" => KioskSource.Content,
        "post" => KioskSource.Post,
        _ => throw new Kexie.Domain.Common.NotFoundException("内容不存在"),
    };
}

public static class PopularizationEndpoints
{
    public static RouteGroupBuilder MapPopularization(this RouteGroupBuilder api)
    {
        MapContents(api);
        MapActivities(api);
        MapStations(api);
        MapStationInteraction(api);
        MapVenues(api);
        MapVolunteers(api);
        MapLiteracy(api);
        MapQuizzes(api);
        return api;
    }

    private const string ExcelContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>知识竞答 on the kiosk, the region's question bank, the Excel export of kiosk usage, and 为你推荐.</summary>
    private static void MapQuizzes(RouteGroupBuilder api)
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
        q.MapPost("/{id:guid}/retire", RetireQuizQuestion).RequireAuthorization()
            .WithSummary("停用题目（e站屏不再抽到，已有答卷保留）").RequirePermission(PopularizationPermissions.ManageQuizzes);

        api.MapGet("/e-stations/{id:guid}/usage/export.xlsx", ExportStationUsage).RequireAuthorization().WithTags("科普e站")
            .WithSummary("导出本站每日使用（系统统计与手工登记、计入S03的数）和终端最近心跳（Excel）").RequirePermission(PopularizationPermissions.ManageEStations);
        api.MapGet("/e-stations/usage/export.xlsx", ExportRegionUsage).RequireAuthorization().WithTags("科普e站")
            .WithSummary("导出地区（子树）所有e站的每日使用和终端最近心跳（Excel；region 地区）").RequirePermission(PopularizationPermissions.ManageEStations);

        api.MapGet("/recommendations", Recommend).RequireAuthorization().WithTags("科普资源")
            .WithSummary("为你推荐：按本人订阅、报名活动的主题（没有时按本地区群众关注的主题）推荐科普内容和活动，并说明推荐理由");
    }

    private static async Task<Ok<KioskQuizDto>> StartQuiz(KioskService s, string token, CancellationToken ct) =>
        TypedResults.Ok(await s.QuizAsync(token, ct));

    private static async Task<Created<KioskQuizResultDto>> AnswerQuiz(KioskService s, string token, KioskQuizAnswerRequest body, CancellationToken ct)
    {
        var result = await s.AnswerQuizAsync(token, body, ct);
        return TypedResults.Created($"/api/v1/e-station-kiosks/{token}/quiz", result);
    }

    private static async Task<Ok<IReadOnlyList<QuizQuestionDto>>> ListQuizQuestions(HttpContext http, QuizService s, string? region, bool? retired, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), region, retired == true, ct));

    private static async Task<Created<QuizQuestionDto>> CreateQuizQuestion(HttpContext http, QuizService s, QuizQuestionRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/quiz-questions/{created.Id}", created);
    }

    private static async Task<Ok<QuizQuestionDto>> RetireQuizQuestion(HttpContext http, QuizService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.RetireAsync(http.User.ToActor(), id, ct));

    private static async Task<FileContentHttpResult> ExportStationUsage(HttpContext http, QuizService s, Guid id, CancellationToken ct) =>
        TypedResults.File(await s.ExportStationAsync(http.User.ToActor(), id, ct), ExcelContentType, "e站使用统计.xlsx");

    private static async Task<FileContentHttpResult> ExportRegionUsage(HttpContext http, QuizService s, string? region, CancellationToken ct) =>
        TypedResults.File(await s.ExportRegionAsync(http.User.ToActor(), region, ct), ExcelContentType, "e站使用统计.xlsx");

    private static async Task<Ok<RecommendationsDto>> Recommend(HttpContext http, RecommendationService s, CancellationToken ct) =>
        TypedResults.Ok(await s.ForAsync(http.User.ToActor(), ct));

    private static void MapContents(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/science-contents").WithTags("科普资源");
        g.MapGet("/", (HttpContext http, ScienceContentService s, [AsParameters] ScienceContentFilter f, CancellationToken ct) => s.ListAsync(http.User.ToActor(), f, ct))
            .WithSummary("科普文章、视频、科学辟谣（地区子树、类型、状态、关键词；分页）；公众只见已发布");
        g.MapGet("/{id:guid}", (HttpContext http, ScienceContentService s, Guid id, CancellationToken ct) => s.GetAsync(http.User.ToActor(), id, true, ct))
            .WithSummary("科普内容详情（公众阅读计入阅读量）");
        g.MapPost("/", async (HttpContext http, ScienceContentService s, ScienceContentRequest body, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(http.User.ToActor(), body, ct);
            return TypedResults.Created($"/api/v1/science-contents/{created.Id}", created);
        }).RequireAuthorization().WithSummary("新建科普内容草稿（本地区服务人员或科协管理员）").RequirePermission(PopularizationPermissions.EditContents);
        g.MapPut("/{id:guid}", (HttpContext http, ScienceContentService s, Guid id, ScienceContentRequest body, CancellationToken ct) =>
            s.UpdateAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct)).RequireAuthorization().WithSummary("修改科普内容（草稿、已退回、已撤回）").RequirePermission(PopularizationPermissions.EditContents);
        g.MapPost("/{id:guid}/submit", (HttpContext http, ScienceContentService s, Guid id, CancellationToken ct) =>
            s.TransitionAsync(http.User.ToActor(), id, c => c.Submit(http.User.ToActor()), MarketSupport.ExpectedVersion(http), ct)).RequireAuthorization().WithSummary("提交审核").RequirePermission(PopularizationPermissions.EditContents);
        g.MapPost("/{id:guid}/publish", (HttpContext http, ScienceContentService s, Guid id, CancellationToken ct) =>
            s.TransitionAsync(http.User.ToActor(), id, c => c.Publish(http.User.ToActor()), MarketSupport.ExpectedVersion(http), ct)).RequireAuthorization().WithSummary("审核通过并发布（科协管理员）").RequirePermission(PopularizationPermissions.ReviewContents);
        g.MapPost("/{id:guid}/return", (HttpContext http, ScienceContentService s, Guid id, ReasonRequest? r, CancellationToken ct) =>
            s.TransitionAsync(http.User.ToActor(), id, c => c.Return(http.User.ToActor(), r?.Reason), MarketSupport.ExpectedVersion(http), ct)).RequireAuthorization().WithSummary("退回修改（须填原因）").RequirePermission(PopularizationPermissions.ReviewContents);
        g.MapPost("/{id:guid}/reject", (HttpContext http, ScienceContentService s, Guid id, ReasonRequest? r, CancellationToken ct) =>
            s.TransitionAsync(http.User.ToActor(), id, c => c.Reject(http.User.ToActor(), r?.Reason), MarketSupport.ExpectedVersion(http), ct)).RequireAuthorization().WithSummary("不予发布（须填原因）").RequirePermission(PopularizationPermissions.ReviewContents);
        g.MapPost("/{id:guid}/withdraw", (HttpContext http, ScienceContentService s, Guid id, ReasonRequest? r, CancellationToken ct) =>
            s.TransitionAsync(http.User.ToActor(), id, c => c.Withdraw(http.User.ToActor(), r?.Reason), MarketSupport.ExpectedVersion(http), ct)).RequireAuthorization().WithSummary("撤回").RequirePermission(PopularizationPermissions.EditContents);
        g.MapPost("/{id:guid}/close", (HttpContext http, ScienceContentService s, Guid id, ReasonRequest? r, CancellationToken ct) =>
            s.TransitionAsync(http.User.ToActor(), id, c => c.Close(http.User.ToActor(), r?.Reason), MarketSupport.ExpectedVersion(http), ct)).RequireAuthorization().WithSummary("下架（须填原因）").RequirePermission(PopularizationPermissions.EditContents);
    }

    private static void MapActivities(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/popularization-activities").WithTags("科普活动");
        g.MapGet("/", (ActivityService s, [AsParameters] ActivityFilter f, CancellationToken ct) => s.ListAsync(f, ct))
            .WithSummary("科普活动（科技活动周、全国科普日、科技下乡、培训、大篷车…；地区子树、类型、状态、日期）");
        g.MapGet("/{id:guid}", (ActivityService s, Guid id, CancellationToken ct) => s.GetAsync(id, ct)).WithSummary("活动详情（含报名、签到人数）");
        g.MapPost("/", async (HttpContext http, ActivityService s, ActivityRequest body, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(http.User.ToActor(), body, ct);
            return TypedResults.Created($"/api/v1/popularization-activities/{created.Id}", created);
        }).RequireAuthorization().WithSummary("发布科普活动（本地区服务人员或科协管理员）").RequirePermission(PopularizationPermissions.ManageActivities);
        g.MapPut("/{id:guid}", (HttpContext http, ActivityService s, Guid id, ActivityRequest body, CancellationToken ct) =>
            s.UpdateAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct)).RequireAuthorization().WithSummary("修改活动").RequirePermission(PopularizationPermissions.ManageActivities);
        g.MapPost("/{id:guid}/cancel", (HttpContext http, ActivityService s, Guid id, ReasonRequest? r, CancellationToken ct) =>
            s.CancelAsync(http.User.ToActor(), id, r?.Reason, MarketSupport.ExpectedVersion(http), ct)).RequireAuthorization().WithSummary("取消活动（须填原因）").RequirePermission(PopularizationPermissions.ManageActivities);
        g.MapPost("/{id:guid}/registrations", async (HttpContext http, ActivityService s, Guid id, RegistrationRequest body, CancellationToken ct) =>
        {
            var receipt = await s.RegisterAsync(http.User.ToActor(), id, body, ct);
            return TypedResults.Created($"/api/v1/popularization-activities/{id}", receipt);
        }).AllowAnonymous().WithSummary("公众报名（姓名、手机号；同一手机号每个活动只能报名一次）").RequirePermission(PopularizationPermissions.RegisterForActivities);
        g.MapGet("/{id:guid}/participants", (HttpContext http, ActivityService s, Guid id, bool? checkedIn, CancellationToken ct) =>
            s.ParticipantsAsync(http.User.ToActor(), id, checkedIn, ct)).RequireAuthorization().WithSummary("报名名单（本地区管理人员；checkedIn 筛选已签到/未签到）");
        g.MapPost("/{id:guid}/participants", async (HttpContext http, ActivityService s, Guid id, StaffRegistrationRequest body, CancellationToken ct) =>
        {
            var created = await s.RegisterByStaffAsync(http.User.ToActor(), id, body, ct);
            return TypedResults.Created($"/api/v1/popularization-activities/{id}/participants", created);
        }).RequireAuthorization().WithSummary("工作人员代为报名；checkIn=true 为现场签到").RequirePermission(PopularizationPermissions.ManageActivities);
        g.MapPost("/{id:guid}/participants/{participantId:guid}/check-in", (HttpContext http, ActivityService s, Guid id, Guid participantId, CancellationToken ct) =>
            s.CheckInAsync(http.User.ToActor(), id, participantId, ct)).RequireAuthorization().WithSummary("签到（活动期间，本地区管理人员）；参与人次按签到计").RequirePermission(PopularizationPermissions.ManageActivities);
        g.MapGet("/statistics", (EventTallyService s, string? region, int? year, ActivityKind? kind, CancellationToken ct) => s.StatisticsAsync(region, year, kind, ct))
            .WithSummary("大型科普活动统计（场次、参与人次、咨询、展板、资料、丛书、实物；region 地区子树，year 年份，kind 活动类型如 ScienceWeek）");
        g.MapGet("/{id:guid}/tallies", (EventTallyService s, Guid id, CancellationToken ct) => s.ListAsync(id, ct)).WithSummary("活动统计记录（各地各日的场次、人次、资料等）");
        g.MapPost("/{id:guid}/tallies", async (HttpContext http, EventTallyService s, Guid id, EventTallyRequest body, CancellationToken ct) =>
        {
            var created = await s.RecordAsync(http.User.ToActor(), id, body, ct);
            return TypedResults.Created($"/api/v1/popularization-activities/{id}/tallies", created);
        }).RequireAuthorization().WithSummary("登记活动统计（某地某日的场次、参与人次、咨询人次、展板、宣传资料、科普丛书、科普实物）").RequirePermission(PopularizationPermissions.ManageActivities);
        g.MapDelete("/{id:guid}/tallies/{tallyId:guid}", async (HttpContext http, EventTallyService s, Guid id, Guid tallyId, CancellationToken ct) =>
        {
            await s.DeleteAsync(http.User.ToActor(), id, tallyId, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization().WithSummary("删除登记有误的活动统计").RequirePermission(PopularizationPermissions.ManageActivities);
    }

    private static void MapStations(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/e-stations").WithTags("科普e站");
        g.MapGet("/", (HttpContext http, EStationService s, [AsParameters] EStationFilter f, CancellationToken ct) => s.ListAsync(http.User.ToActor(), f, ct))
            .WithSummary("科普e站（地区子树、站点类型、状态；含累计访问、互动次数）");
        g.MapGet("/{id:guid}", (HttpContext http, EStationService s, Guid id, CancellationToken ct) => s.GetAsync(http.User.ToActor(), id, ct)).WithSummary("e站详情");
        g.MapGet("/{id:guid}/usage", (EStationService s, Guid id, string? from, string? to, CancellationToken ct) =>
        {
            var (first, last) = QueryDay.Range(from, to);
            return s.UsageAsync(id, first, last, ct);
        })
            .WithSummary("每日使用记录（访问、互动），最近一年");
        g.MapPost("/", async (HttpContext http, EStationService s, EStationRequest body, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(http.User.ToActor(), body, ct);
            return TypedResults.Created($"/api/v1/e-stations/{created.Id}", created);
        }).RequireAuthorization().WithSummary("登记科普e站（本地区服务人员或科协管理员）").RequirePermission(PopularizationPermissions.ManageEStations);
        g.MapPut("/{id:guid}", (HttpContext http, EStationService s, Guid id, EStationRequest body, CancellationToken ct) =>
            s.UpdateAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct)).RequireAuthorization().WithSummary("修改e站信息").RequirePermission(PopularizationPermissions.ManageEStations);
        g.MapPost("/{id:guid}/suspend", (HttpContext http, EStationService s, Guid id, CancellationToken ct) =>
            s.SetActiveAsync(http.User.ToActor(), id, false, MarketSupport.ExpectedVersion(http), ct)).RequireAuthorization().WithSummary("停用").RequirePermission(PopularizationPermissions.ManageEStations);
        g.MapPost("/{id:guid}/resume", (HttpContext http, EStationService s, Guid id, CancellationToken ct) =>
            s.SetActiveAsync(http.User.ToActor(), id, true, MarketSupport.ExpectedVersion(http), ct)).RequireAuthorization().WithSummary("恢复运行").RequirePermission(PopularizationPermissions.ManageEStations);
        g.MapPut("/{id:guid}/usage/{day}", (HttpContext http, EStationService s, Guid id, DateOnly day, UsageRequest body, CancellationToken ct) =>
            s.LogUsageAsync(http.User.ToActor(), id, day, body, ct)).RequireAuthorization().WithSummary("登记或更正某日使用情况（访问、互动次数；日期 yyyy-MM-dd，北京时间）").RequirePermission(PopularizationPermissions.ManageEStations);
    }

    private static void MapStationInteraction(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/e-stations").WithTags("科普e站");
        g.MapGet("/{id:guid}/terminals", (EStationInteractionService s, Guid id, CancellationToken ct) => s.TerminalsAsync(id, ct))
            .WithSummary("e站终端（类型、安放场所：学校、社区、图书馆…）");
        g.MapPost("/{id:guid}/terminals", async (HttpContext http, EStationInteractionService s, Guid id, TerminalRequest body, CancellationToken ct) =>
        {
            var created = await s.InstallAsync(http.User.ToActor(), id, body, ct);
            return TypedResults.Created($"/api/v1/e-stations/{id}/terminals", created);
        }).RequireAuthorization().WithSummary("登记终端（名称、类型、安放场所与地点、安装日期）").RequirePermission(PopularizationPermissions.ManageEStations);
        g.MapPost("/{id:guid}/terminals/{terminalId:guid}/remove", (HttpContext http, EStationInteractionService s, Guid id, Guid terminalId, CancellationToken ct) =>
            s.RemoveTerminalAsync(http.User.ToActor(), id, terminalId, ct)).RequireAuthorization().WithSummary("撤除终端").RequirePermission(PopularizationPermissions.ManageEStations);
        g.MapPost("/{id:guid}/subscriptions", async (HttpContext http, EStationInteractionService s, Guid id, SubscriptionRequest body, CancellationToken ct) =>
        {
            var created = await s.SubscribeAsync(http.User.ToActor(), id, body, ct);
            return TypedResults.Created(created.FeedLink, created);
        }).AllowAnonymous().WithSummary("远程订阅（居民、科技工作者、学校、单位；主题标签；返回本人订阅链接，凭链接查看匹配的科普内容）").RequirePermission(PopularizationPermissions.UseEStations);
        g.MapGet("/{id:guid}/subscriptions", (HttpContext http, EStationInteractionService s, Guid id, CancellationToken ct) => s.SubscriptionsAsync(http.User.ToActor(), id, ct))
            .RequireAuthorization().WithSummary("e站订阅名单（本地区管理人员；手机号隐去中间四位）").RequirePermission(PopularizationPermissions.AnswerEStationQuestions);
        g.MapPost("/{id:guid}/questions", async (EStationInteractionService s, Guid id, AskRequest body, CancellationToken ct) =>
        {
            var created = await s.AskAsync(id, body, ct);
            return TypedResults.Created(created.ThreadLink, created);
        }).AllowAnonymous().WithSummary("群众提问（姓名、问题，手机号选填；返回本人问答链接）").RequirePermission(PopularizationPermissions.UseEStations);
        g.MapGet("/{id:guid}/questions", (HttpContext http, EStationInteractionService s, Guid id, QuestionStatus? status, CancellationToken ct) => s.QuestionsAsync(http.User.ToActor(), id, status, ct))
            .RequireAuthorization().WithSummary("e站收到的提问（本地区管理人员；status=Open 待答复）").RequirePermission(PopularizationPermissions.AnswerEStationQuestions);

        var q = api.MapGroup("/e-station-questions").WithTags("科普e站");
        q.MapGet("/{id:guid}", (HttpContext http, EStationInteractionService s, Guid id, CancellationToken ct) => s.QuestionAsync(http.User.ToActor(), id, ct))
            .RequireAuthorization().WithSummary("问答详情（e站所在地区管理人员）").RequirePermission(PopularizationPermissions.AnswerEStationQuestions);
        q.MapPost("/{id:guid}/answers", (HttpContext http, EStationInteractionService s, Guid id, MessageRequest body, CancellationToken ct) =>
            s.AnswerAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct)).RequireAuthorization().WithSummary("答复提问（e站所在地区管理人员）").RequirePermission(PopularizationPermissions.AnswerEStationQuestions);
        q.MapGet("/by-key/{key}", (EStationInteractionService s, string key, CancellationToken ct) => s.ThreadAsync(key, ct))
            .WithSummary("提问人凭本人链接查看问答");
        q.MapPost("/by-key/{key}/follow-ups", (EStationInteractionService s, string key, MessageRequest body, CancellationToken ct) => s.FollowUpAsync(key, body, ct))
            .AllowAnonymous().WithSummary("提问人凭本人链接追问").RequirePermission(PopularizationPermissions.UseEStations);

        var sub = api.MapGroup("/e-station-subscriptions").WithTags("科普e站");
        sub.MapGet("/by-key/{key}/feed", (EStationInteractionService s, string key, CancellationToken ct) => s.FeedAsync(key, ct))
            .WithSummary("订阅人凭本人链接查看匹配主题的已发布科普内容（最新在前）");
        sub.MapPut("/by-key/{key}/tags", (EStationInteractionService s, string key, SubscriptionTagsRequest body, CancellationToken ct) => s.ChangeTopicsAsync(key, body.Tags, ct))
            .AllowAnonymous().WithSummary("订阅人修改订阅主题").RequirePermission(PopularizationPermissions.UseEStations);
        sub.MapPost("/by-key/{key}/cancel", async (EStationInteractionService s, string key, CancellationToken ct) =>
        {
            await s.CancelSubscriptionAsync(key, ct);
            return TypedResults.NoContent();
        }).AllowAnonymous().WithSummary("订阅人取消订阅").RequirePermission(PopularizationPermissions.UseEStations);
        g.MapGet("/{id:guid}/devices", (HttpContext http, KioskService s, Guid id, CancellationToken ct) => s.DevicesAsync(http.User.ToActor(), id, ct))
            .RequireAuthorization().WithSummary("e站终端凭证（本地区管理人员；名称、是否有效、最近心跳、是否离线）").RequirePermission(PopularizationPermissions.ManageEStations);
        g.MapPost("/{id:guid}/devices", async (HttpContext http, KioskService s, Guid id, DeviceRequest body, CancellationToken ct) =>
        {
            var created = await s.IssueAsync(http.User.ToActor(), id, body, ct);
            return TypedResults.Created($"/api/v1/e-stations/{id}/devices", created);
        }).RequireAuthorization().WithSummary("发放终端凭证（返回一次性的设备令牌和e站屏链接；系统只保存其摘要）").RequirePermission(PopularizationPermissions.ManageEStations);
        g.MapPost("/{id:guid}/devices/{deviceId:guid}/revoke", (HttpContext http, KioskService s, Guid id, Guid deviceId, CancellationToken ct) =>
            s.RevokeAsync(http.User.ToActor(), id, deviceId, ct)).RequireAuthorization().WithSummary("撤销终端凭证（设备随即不能打开e站屏）").RequirePermission(PopularizationPermissions.ManageEStations);
        g.MapGet("/{id:guid}/posts", (HttpContext http, KioskService s, Guid id, CancellationToken ct) => s.PostsAsync(http.User.ToActor(), id, ct))
            .RequireAuthorization().WithSummary("本站自助发布的内容（本地区管理人员；含已撤下）").RequirePermission(PopularizationPermissions.PublishToEStations);
        g.MapPost("/{id:guid}/posts", async (HttpContext http, KioskService s, Guid id, StationPostRequest body, CancellationToken ct) =>
        {
            var created = await s.PublishAsync(http.User.ToActor(), id, body, ct);
            return TypedResults.Created($"/api/v1/e-stations/{id}/posts", created);
        }).RequireAuthorization().WithSummary("自助发布（只发布到本站终端，不进入全平台资源库；标题、正文、主题标签）").RequirePermission(PopularizationPermissions.PublishToEStations);
        g.MapPost("/{id:guid}/posts/{postId:guid}/withdraw", (HttpContext http, KioskService s, Guid id, Guid postId, CancellationToken ct) =>
            s.WithdrawAsync(http.User.ToActor(), id, postId, ct)).RequireAuthorization().WithSummary("撤下自助发布的内容").RequirePermission(PopularizationPermissions.PublishToEStations);
        g.MapGet("/{id:guid}/usage-summary", (KioskService s, Guid id, CancellationToken ct) => s.UsageSummaryAsync(id, ct))
            .WithSummary("e站使用汇总（终端自动统计的在线天数、浏览、点赞、提问；手工登记的访问、互动；计入指标的合计，不重复计算）");

        // The kiosk: a device opens it with its token (no account); a guessed or revoked token reaches nothing.
        var k = api.MapGroup("/e-station-kiosks").WithTags("科普e站");
        k.MapGet("/{token}", (KioskService s, string token, CancellationToken ct) => s.KioskAsync(token, ct))
            .WithSummary("e站屏首页（设备令牌：本站订阅主题的已发布内容和本站自助发布的内容）");
        k.MapGet("/{token}/items/{source}/{id:guid}", (KioskService s, string token, string source, Guid id, CancellationToken ct) => s.OpenAsync(token, KioskSupport.Source(source), id, ct))
            .WithSummary("在e站屏打开一条内容（source=content 平台内容、post 本站发布；计一次浏览）");
        k.MapPost("/{token}/items/{source}/{id:guid}/likes", (KioskService s, string token, string source, Guid id, CancellationToken ct) => s.LikeAsync(token, KioskSupport.Source(source), id, ct))
            .AllowAnonymous().WithSummary("点赞（计入e站当日互动和科普需求画像）").RequirePermission(PopularizationPermissions.UseEStations);
        k.MapPost("/{token}/questions", async (KioskService s, string token, KioskAskRequest body, CancellationToken ct) =>
        {
            var created = await s.AskAsync(token, body, ct);
            return TypedResults.Created(created.ThreadLink, created);
        }).AllowAnonymous().WithSummary("在e站屏匿名提问（计入e站当日互动；返回问答链接）").RequirePermission(PopularizationPermissions.UseEStations);
        k.MapPost("/{token}/heartbeats", async (KioskService s, string token, CancellationToken ct) =>
        {
            await s.HeartbeatAsync(token, ct);
            return TypedResults.NoContent();
        }).AllowAnonymous().WithSummary("终端心跳（每分钟一次；超过设定时间无心跳的e站标为离线）").RequirePermission(PopularizationPermissions.UseEStations);

        api.MapGet("/interest-profiles", (HttpContext http, InterestProfileService s, string? region, CancellationToken ct) => s.ProfileAsync(http.User.ToActor(), region, ct))
            .RequireAuthorization().WithTags("科普e站").WithSummary("科普需求画像（本地区管理人员；region 地区子树：各主题的订阅人数、阅读量、提问数，各重点人群关注的主题，推送的内容）")
            .RequirePermission(PopularizationPermissions.AnswerEStationQuestions);
        api.MapGet("/science-topics", () => ScienceTopics.All).WithTags("科普e站").WithSummary("科普主题标签（订阅与内容标注共用）");
    }

    private static void MapVenues(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/venues").WithTags("科普阵地");
        g.MapGet("/", (VenueService s, [AsParameters] VenueFilter f, CancellationToken ct) => s.ListAsync(f, ct))
            .WithSummary("科普阵地（科普教育基地、科技馆、流动科技馆、中学科技馆、科普活动室、科普大篷车…；地区子树、类型、级别、状态；含累计接待）");
        g.MapGet("/statistics", (VenueService s, string? region, int? year, string? kinds, CancellationToken ct) => s.StatisticsAsync(region, year, kinds, ct))
            .WithSummary("科普阵地统计（按类型、级别计数，全年接待团队、观众人次、服务场次；region 地区子树，year 年份，kinds 逗号分隔的类型）");
        g.MapGet("/{id:guid}", (VenueService s, Guid id, CancellationToken ct) => s.GetAsync(id, ct)).WithSummary("科普阵地详情");
        g.MapGet("/{id:guid}/visits", (VenueService s, Guid id, int? year, CancellationToken ct) => s.VisitsAsync(id, year, ct))
            .WithSummary("接待记录（日期、团队、观众人次、服务地点；year 按年份）");
        g.MapPost("/", async (HttpContext http, VenueService s, VenueRequest body, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(http.User.ToActor(), body, ct);
            return TypedResults.Created($"/api/v1/venues/{created.Id}", created);
        }).RequireAuthorization().WithSummary("登记科普阵地（本地区服务人员或科协管理员）").RequirePermission(PopularizationPermissions.ManageVenues);
        g.MapPut("/{id:guid}", (HttpContext http, VenueService s, Guid id, VenueRequest body, CancellationToken ct) =>
            s.UpdateAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct)).RequireAuthorization().WithSummary("修改科普阵地（含在建、开放、停止运行）").RequirePermission(PopularizationPermissions.ManageVenues);
        g.MapPost("/{id:guid}/visits", async (HttpContext http, VenueService s, Guid id, VenueVisitRequest body, CancellationToken ct) =>
        {
            var created = await s.RecordVisitAsync(http.User.ToActor(), id, body, ct);
            return TypedResults.Created($"/api/v1/venues/{id}/visits", created);
        }).RequireAuthorization().WithSummary("登记接待记录（日期、团队数、观众人次；流动科技馆、大篷车须填服务地点）").RequirePermission(PopularizationPermissions.ManageVenues);
        g.MapDelete("/{id:guid}/visits/{visitId:guid}", async (HttpContext http, VenueService s, Guid id, Guid visitId, CancellationToken ct) =>
        {
            await s.DeleteVisitAsync(http.User.ToActor(), id, visitId, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization().WithSummary("删除登记有误的接待记录").RequirePermission(PopularizationPermissions.ManageVenues);
    }

    private static void MapVolunteers(RouteGroupBuilder api)
    {
        var teams = api.MapGroup("/volunteer-teams").WithTags("科技志愿者");
        teams.MapGet("/", (VolunteerService s, string? region, VolunteerTeamKind? kind, CancellationToken ct) => s.TeamsAsync(region, kind, ct))
            .WithSummary("志愿服务队（科技志愿服务队、科普志愿者队伍、科普信息员队伍；region 地区子树；含队员数、确认服务时长）");
        teams.MapGet("/{id:guid}", (VolunteerService s, Guid id, CancellationToken ct) => s.TeamAsync(id, ct)).WithSummary("志愿服务队详情");
        teams.MapPost("/", async (HttpContext http, VolunteerService s, VolunteerTeamRequest body, CancellationToken ct) =>
        {
            var created = await s.CreateTeamAsync(http.User.ToActor(), body, ct);
            return TypedResults.Created($"/api/v1/volunteer-teams/{created.Id}", created);
        }).RequireAuthorization().WithSummary("组建志愿服务队（本地区服务人员或科协管理员）").RequirePermission(PopularizationPermissions.ManageVolunteers);
        teams.MapPut("/{id:guid}", (HttpContext http, VolunteerService s, Guid id, VolunteerTeamRequest body, CancellationToken ct) =>
            s.UpdateTeamAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct)).RequireAuthorization().WithSummary("修改志愿服务队").RequirePermission(PopularizationPermissions.ManageVolunteers);

        var g = api.MapGroup("/volunteers").WithTags("科技志愿者");
        g.MapGet("/", (HttpContext http, VolunteerService s, [AsParameters] VolunteerFilter f, CancellationToken ct) => s.ListAsync(http.User.ToActor(), f, ct))
            .RequireAuthorization().WithSummary("科技志愿者名单（仅本人管理的地区子树；q 姓名或专长，team 服务队）");
        g.MapGet("/statistics", (VolunteerService s, string? region, int? year, CancellationToken ct) => s.StatisticsAsync(region, year, ct))
            .WithSummary("科技志愿服务统计（服务队、志愿者、服务活动场次、人次、时长；region 地区子树，year 年份）");
        g.MapGet("/me", async (HttpContext http, VolunteerService s, CancellationToken ct) =>
            await s.MineAsync(http.User.ToActor(), ct) is { } mine ? Results.Ok(mine) : Results.NoContent())
            .RequireAuthorization().Produces<MyVolunteerDto>().Produces(StatusCodes.Status204NoContent).WithSummary("我的志愿服务（服务记录与时长；不是志愿者时无内容）");
        g.MapGet("/{id:guid}", (HttpContext http, VolunteerService s, Guid id, CancellationToken ct) => s.GetAsync(http.User.ToActor(), id, ct))
            .RequireAuthorization().WithSummary("志愿者详情（本人或本地区管理人员）");
        g.MapPost("/", async (HttpContext http, VolunteerService s, VolunteerRequest body, CancellationToken ct) =>
        {
            var created = await s.RegisterAsync(http.User.ToActor(), body, ct);
            return TypedResults.Created($"/api/v1/volunteers/{created.Id}", created);
        }).RequireAuthorization().WithSummary("登记科技志愿者（本地区服务人员或科协管理员；可按姓名关联科技工作者）").RequirePermission(PopularizationPermissions.ManageVolunteers);
        g.MapPost("/me", async (HttpContext http, VolunteerService s, SelfVolunteerRequest body, CancellationToken ct) =>
        {
            var created = await s.RegisterSelfAsync(http.User.ToActor(), body, ct);
            return TypedResults.Created($"/api/v1/volunteers/{created.Id}", created);
        }).RequireAuthorization().WithSummary("本人注册为科技志愿者（科技工作者；姓名、地区取自本人档案）").RequirePermission(PopularizationPermissions.JoinVolunteers);

        var a = api.MapGroup("/popularization-activities").WithTags("科技志愿者");
        a.MapGet("/{id:guid}/service-records", (HttpContext http, VolunteerService s, Guid id, CancellationToken ct) => s.ActivityRecordsAsync(http.User.ToActor(), id, ct))
            .RequireAuthorization().WithSummary("活动的志愿服务记录（活动所在地区管理人员见全部，志愿者见本人）");
        a.MapPost("/{id:guid}/service-records", async (HttpContext http, VolunteerService s, Guid id, ServiceSignInRequest? body, CancellationToken ct) =>
        {
            var created = await s.SignInAsync(http.User.ToActor(), id, body ?? new ServiceSignInRequest(), ct);
            return TypedResults.Created($"/api/v1/popularization-activities/{id}/service-records", created);
        }).RequireAuthorization().WithSummary("志愿服务签到（志愿者本人，或活动所在地区管理人员代为签到；volunteerId 不填为本人）").RequirePermission(PopularizationPermissions.ServeAsVolunteer);
        a.MapPost("/{id:guid}/service-records/{recordId:guid}/sign-out", (HttpContext http, VolunteerService s, Guid id, Guid recordId, CancellationToken ct) =>
            s.SignOutAsync(http.User.ToActor(), id, recordId, ct)).RequireAuthorization().WithSummary("志愿服务签退（计算服务时长，待组织方确认）").RequirePermission(PopularizationPermissions.ServeAsVolunteer);
        a.MapPost("/{id:guid}/service-records/{recordId:guid}/confirm", (HttpContext http, VolunteerService s, Guid id, Guid recordId, ServiceConfirmRequest? body, CancellationToken ct) =>
            s.ConfirmAsync(http.User.ToActor(), id, recordId, body, MarketSupport.ExpectedVersion(http), ct)).RequireAuthorization().WithSummary("确认服务时长（活动所在地区管理人员；minutes 可更正分钟数）").RequirePermission(PopularizationPermissions.ManageVolunteers);
        a.MapPost("/{id:guid}/service-records/{recordId:guid}/reject", (HttpContext http, VolunteerService s, Guid id, Guid recordId, ReasonRequest? r, CancellationToken ct) =>
            s.RejectAsync(http.User.ToActor(), id, recordId, r?.Reason, MarketSupport.ExpectedVersion(http), ct)).RequireAuthorization().WithSummary("不予确认服务时长（须填原因）").RequirePermission(PopularizationPermissions.ManageVolunteers);
    }

    private static void MapLiteracy(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/science-literacy").WithTags("公民科学素质");
        g.MapGet("/statistics", (LiteracyService s, string? region, int? year, CancellationToken ct) => s.StatisticsAsync(region, year, ct))
            .WithSummary("公民具备科学素质比例（region 地区，year 年份：截至该年的最新调查结果、来源与样本、纲要目标、是否达标、历年趋势、下一级地区）");
        g.MapGet("/", (LiteracyService s, string? region, CancellationToken ct) => s.ListAsync(region, ct))
            .WithSummary("公民科学素质调查结果和纲要目标（region 地区子树）");
        g.MapPost("/surveys", (HttpContext http, LiteracyService s, LiteracySurveyRequest body, CancellationToken ct) => s.RecordSurveyAsync(http.User.ToActor(), body, ct))
            .RequireAuthorization().WithSummary("登记调查结果（地区、年份、比例%、样本量、来源、调查日期；同一地区同一年份再次登记即更正）").RequirePermission(PopularizationPermissions.ManageLiteracy);
        g.MapDelete("/surveys/{id:guid}", async (HttpContext http, LiteracyService s, Guid id, CancellationToken ct) =>
        {
            await s.DeleteSurveyAsync(http.User.ToActor(), id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization().WithSummary("删除登记有误的调查结果").RequirePermission(PopularizationPermissions.ManageLiteracy);
        g.MapPost("/targets", (HttpContext http, LiteracyService s, LiteracyTargetRequest body, CancellationToken ct) => s.SetTargetAsync(http.User.ToActor(), body, ct))
            .RequireAuthorization().WithSummary("设定纲要目标（地区、目标年份、比例%、规划纲要名称；同一地区同一年份再次设定即修改）").RequirePermission(PopularizationPermissions.ManageLiteracy);
    }
}
