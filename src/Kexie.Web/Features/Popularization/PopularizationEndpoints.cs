using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kexie.Web.Features.Popularization;

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

/// <summary>
/// /api/v1 for 科普: the resource library (science-contents), activities with registration, check-in and tallies, and the
/// literacy rate; 科普e站 (<see cref="EStationEndpoints"/>), venues (<see cref="VenueEndpoints"/>) and volunteers
/// (<see cref="VolunteerEndpoints"/>) are mapped from here. Writes that change a record accept <c>If-Match: "version"</c>.
/// </summary>
public static class PopularizationEndpoints
{
    public static RouteGroupBuilder MapPopularization(this RouteGroupBuilder api)
    {
        MapContents(api);
        MapActivities(api);
        ActivityPartnerEndpoints.MapActivityPartners(api);
        EventTallyEvidenceEndpoints.MapTallyEvidence(api);
        SeriesEndpoints.MapSeries(api);
        EStationEndpoints.MapStations(api);
        EStationEndpoints.MapStationInteraction(api);
        VenueEndpoints.MapVenues(api);
        VolunteerEndpoints.MapVolunteers(api);
        VolunteerRecruitmentEndpoints.MapVolunteerRecruitment(api);
        MapLiteracy(api);
        LiteracyMemberUnitEndpoints.MapMemberUnits(api);
        ScienceBoardEndpoints.MapScienceBoards(api);
        EStationEndpoints.MapQuizzes(api);
        WebQuizEndpoints.MapWebQuizzes(api);
        return api;
    }

    private static void MapContents(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/science-contents").WithTags("科普资源");
        g.MapGet("/", ListContents)
            .WithSummary("科普文章、视频、科学辟谣（地区子树、类型、状态、关键词；分页）；公众只见已发布");
        g.MapGet("/{id:guid}", GetContent)
            .WithSummary("科普内容详情（公众阅读计入阅读量）");
        g.MapPost("/", CreateContent).RequireAuthorization().WithSummary("新建科普内容草稿（本地区服务人员或科协管理员）").RequirePermission(PopularizationPermissions.EditContents);
        g.MapPut("/{id:guid}", UpdateContent).RequireAuthorization().WithSummary("修改科普内容（草稿、已退回、已撤回）").RequirePermission(PopularizationPermissions.EditContents);
        g.MapPost("/{id:guid}/submit", SubmitContent).RequireAuthorization().WithSummary("提交审核").RequirePermission(PopularizationPermissions.EditContents);
        g.MapPost("/{id:guid}/publish", PublishContent).RequireAuthorization().WithSummary("审核通过并发布（科协管理员）").RequirePermission(PopularizationPermissions.ReviewContents);
        g.MapPost("/{id:guid}/return", ReturnContent).RequireAuthorization().WithSummary("退回修改（须填原因）").RequirePermission(PopularizationPermissions.ReviewContents);
        g.MapPost("/{id:guid}/reject", RejectContent).RequireAuthorization().WithSummary("不予发布（须填原因）").RequirePermission(PopularizationPermissions.ReviewContents);
        g.MapPost("/{id:guid}/withdraw", WithdrawContent).RequireAuthorization().WithSummary("撤回").RequirePermission(PopularizationPermissions.EditContents);
        g.MapPost("/{id:guid}/close", CloseContent).RequireAuthorization().WithSummary("下架（须填原因）").RequirePermission(PopularizationPermissions.EditContents);
        g.MapPost("/{id:guid}/images", UploadContentImage).RequireAuthorization().DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ContentImages.MaxBytes + (1024 * 1024)))
            .WithSummary("上传正文图片（表单字段 file；JPG/PNG/WebP，≤5MB，按文件内容判断类型；草稿、已退回、已撤回时；返回插入正文用的 markdown）").RequirePermission(PopularizationPermissions.EditContents);
        g.MapDelete("/{id:guid}/images/{imageId:guid}", DeleteContentImage).RequireAuthorization()
            .WithSummary("删除上传的正文图片（草稿、已退回、已撤回时；正文中仍在使用的图片不能删除，400 指明 imageId）").RequirePermission(PopularizationPermissions.EditContents);
        g.MapGet("/{id:guid}/images/{imageId:guid}", GetContentImage).Produces<byte[]>(StatusCodes.Status200OK, "image/jpeg", "image/png", "image/webp")
            .WithSummary("正文图片（已发布内容的图片公开；未发布的仅作者与本地区管理人员）");
    }

    private static void MapActivities(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/popularization-activities").WithTags("科普活动");
        g.MapGet("/", ListActivities)
            .WithSummary("科普活动（科技活动周、全国科普日、科技下乡、培训、大篷车…；地区子树、类型、状态、日期）");
        g.MapGet("/{id:guid}", GetActivity).WithSummary("活动详情（含报名、签到人数）");
        g.MapPost("/", CreateActivity).RequireAuthorization().WithSummary("发布科普活动（本地区服务人员或科协管理员）").RequirePermission(PopularizationPermissions.ManageActivities);
        g.MapPut("/{id:guid}", UpdateActivity).RequireAuthorization().WithSummary("修改活动").RequirePermission(PopularizationPermissions.ManageActivities);
        g.MapPost("/{id:guid}/cancel", CancelActivity).RequireAuthorization().WithSummary("取消活动（须填原因）").RequirePermission(PopularizationPermissions.ManageActivities);
        g.MapPost("/{id:guid}/registrations", RegisterForActivity).AllowAnonymous().WithSummary("公众报名（姓名、手机号；同一手机号每个活动只能报名一次）；团体报名另填 groupName 学校/班级名称和 headcount 参加人数，待组织方确认，名额按人数计").RequirePermission(PopularizationPermissions.RegisterForActivities);
        g.MapPost("/{id:guid}/participants/{participantId:guid}/confirm", ConfirmParticipant).RequireAuthorization().WithSummary("确认团体报名（本地区管理人员）").RequirePermission(PopularizationPermissions.ManageActivities);
        g.MapPost("/{id:guid}/participants/{participantId:guid}/decline", DeclineParticipant).RequireAuthorization().WithSummary("不通过团体报名（须填原因；名额随即释放）").RequirePermission(PopularizationPermissions.ManageActivities);
        g.MapGet("/{id:guid}/participants", ListParticipants).RequireAuthorization().WithSummary("报名名单（本地区管理人员；checkedIn 筛选已签到/未签到）");
        g.MapPost("/{id:guid}/participants", RegisterParticipant).RequireAuthorization().WithSummary("工作人员代为报名；checkIn=true 为现场签到").RequirePermission(PopularizationPermissions.ManageActivities);
        g.MapPost("/{id:guid}/participants/{participantId:guid}/check-in", CheckInParticipant).RequireAuthorization().WithSummary("签到（活动期间，本地区管理人员）；参与人次按签到计").RequirePermission(PopularizationPermissions.ManageActivities);
        g.MapGet("/statistics", ActivityStatistics)
            .WithSummary("大型科普活动统计（场次、参与人次、咨询、展板、资料、丛书、实物；region 地区子树，year 年份，kind 活动类型如 ScienceWeek）");
        g.MapGet("/{id:guid}/tallies", ListTallies).WithSummary("活动统计记录（各地各日的场次、人次、资料等；佐证材料只列给统计地点及上级的管理人员）");
        g.MapPost("/{id:guid}/tallies", RecordTally).RequireAuthorization().WithSummary("登记活动统计（某地某日的场次、参与人次、咨询人次、展板、宣传资料、科普丛书、科普实物）").RequirePermission(PopularizationPermissions.ManageActivities);
        g.MapDelete("/{id:guid}/tallies/{tallyId:guid}", DeleteTally).RequireAuthorization().WithSummary("删除登记有误的活动统计").RequirePermission(PopularizationPermissions.ManageActivities);
    }

    private static void MapLiteracy(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/science-literacy").WithTags("公民科学素质");
        g.MapGet("/statistics", LiteracyStatistics)
            .WithSummary("公民具备科学素质比例（region 地区，year 年份：截至该年的最新调查结果、来源与样本、纲要目标、是否达标、历年趋势、下一级地区）");
        g.MapGet("/", ListLiteracy)
            .WithSummary("公民科学素质调查结果和纲要目标（region 地区子树）");
        g.MapPost("/surveys", RecordSurvey)
            .RequireAuthorization().WithSummary("登记调查结果（地区、年份、比例%、样本量、来源、调查日期；同一地区同一年份再次登记即更正）").RequirePermission(PopularizationPermissions.ManageLiteracy);
        g.MapGet("/surveys/export.xlsx", ExportSurveys).RequireAuthorization().Produces<byte[]>(StatusCodes.Status200OK, Kexie.Web.Features.Directory.DirectoryEndpoints.ExcelContentType)
            .WithSummary("导出调查结果（Excel；region 地区子树，全部年份；列与导入模板相同，另附所在地区；经 /api/v1/imports/literacy-surveys 导回）")
            .RequirePermission(PopularizationPermissions.ManageLiteracy);
        g.MapDelete("/surveys/{id:guid}", DeleteSurvey).RequireAuthorization().WithSummary("删除登记有误的调查结果").RequirePermission(PopularizationPermissions.ManageLiteracy);
        g.MapPost("/targets", SetTarget)
            .RequireAuthorization().WithSummary("设定纲要目标（地区、目标年份、比例%、规划纲要名称；同一地区同一年份再次设定即修改）").RequirePermission(PopularizationPermissions.ManageLiteracy);
    }

    // 科普资源

    public static async Task<Ok<PagedResult<ScienceContentSummaryDto>>> ListContents(HttpContext http, ScienceContentService s, [AsParameters] ScienceContentFilter f, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), f, ct));

    public static async Task<Ok<ScienceContentDto>> GetContent(HttpContext http, ScienceContentService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(http.User.ToActor(), id, true, ct));

    public static async Task<Created<ScienceContentDto>> CreateContent(HttpContext http, ScienceContentService s, ScienceContentRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/science-contents/{created.Id}", created);
    }

    public static async Task<Ok<ScienceContentDto>> UpdateContent(HttpContext http, ScienceContentService s, Guid id, ScienceContentRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Created<ContentImageDto>> UploadContentImage(HttpContext http, ScienceContentService s, Guid id, IFormFile? file, CancellationToken ct)
    {
        var image = await s.UploadImageAsync(http.User.ToActor(), id, file, MarketSupport.ExpectedVersion(http), ct);
        return TypedResults.Created(image.Url, image);
    }

    public static async Task<NoContent> DeleteContentImage(HttpContext http, ScienceContentService s, Guid id, Guid imageId, CancellationToken ct)
    {
        await s.RemoveImageAsync(http.User.ToActor(), id, imageId, MarketSupport.ExpectedVersion(http), ct);
        return TypedResults.NoContent();
    }

    public static async Task<FileStreamHttpResult> GetContentImage(HttpContext http, ScienceContentService s, Guid id, Guid imageId, CancellationToken ct)
    {
        var image = await s.OpenImageAsync(http.User.ToActor(), id, imageId, ct);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        http.Response.Headers.CacheControl = "private, no-cache";
        return TypedResults.File(image.Content, image.ContentType);
    }

    public static async Task<Ok<ScienceContentDto>> SubmitContent(HttpContext http, ScienceContentService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, c => c.Submit(http.User.ToActor()), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<ScienceContentDto>> PublishContent(HttpContext http, ScienceContentService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, c => c.Publish(http.User.ToActor()), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<ScienceContentDto>> ReturnContent(HttpContext http, ScienceContentService s, Guid id, ReasonRequest? r, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, c => c.Return(http.User.ToActor(), r?.Reason), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<ScienceContentDto>> RejectContent(HttpContext http, ScienceContentService s, Guid id, ReasonRequest? r, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, c => c.Reject(http.User.ToActor(), r?.Reason), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<ScienceContentDto>> WithdrawContent(HttpContext http, ScienceContentService s, Guid id, ReasonRequest? r, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, c => c.Withdraw(http.User.ToActor(), r?.Reason), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<ScienceContentDto>> CloseContent(HttpContext http, ScienceContentService s, Guid id, ReasonRequest? r, CancellationToken ct) =>
        TypedResults.Ok(await s.TransitionAsync(http.User.ToActor(), id, c => c.Close(http.User.ToActor(), r?.Reason), MarketSupport.ExpectedVersion(http), ct));

    // 科普活动

    public static async Task<Ok<PagedResult<ActivityDto>>> ListActivities(ActivityService s, [AsParameters] ActivityFilter f, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(f, ct));

    public static async Task<Ok<ActivityDto>> GetActivity(ActivityService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(id, ct));

    public static async Task<Created<ActivityDto>> CreateActivity(HttpContext http, ActivityService s, ActivityRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/popularization-activities/{created.Id}", created);
    }

    public static async Task<Ok<ActivityDto>> UpdateActivity(HttpContext http, ActivityService s, Guid id, ActivityRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<ActivityDto>> CancelActivity(HttpContext http, ActivityService s, Guid id, ReasonRequest? r, CancellationToken ct) =>
        TypedResults.Ok(await s.CancelAsync(http.User.ToActor(), id, r?.Reason, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Created<RegistrationReceiptDto>> RegisterForActivity(HttpContext http, ActivityService s, Guid id, RegistrationRequest body, CancellationToken ct)
    {
        var receipt = await s.RegisterAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created($"/api/v1/popularization-activities/{id}", receipt);
    }

    public static async Task<Ok<IReadOnlyList<ParticipantDto>>> ListParticipants(HttpContext http, ActivityService s, Guid id, bool? checkedIn, CancellationToken ct) =>
        TypedResults.Ok(await s.ParticipantsAsync(http.User.ToActor(), id, checkedIn, ct));

    public static async Task<Created<ParticipantDto>> RegisterParticipant(HttpContext http, ActivityService s, Guid id, StaffRegistrationRequest body, CancellationToken ct)
    {
        var created = await s.RegisterByStaffAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created($"/api/v1/popularization-activities/{id}/participants", created);
    }

    public static async Task<Ok<ParticipantDto>> ConfirmParticipant(HttpContext http, ActivityService s, Guid id, Guid participantId, CancellationToken ct) =>
        TypedResults.Ok(await s.ConfirmAsync(http.User.ToActor(), id, participantId, ct));

    public static async Task<Ok<ParticipantDto>> DeclineParticipant(HttpContext http, ActivityService s, Guid id, Guid participantId, DeclineRegistrationRequest? body, CancellationToken ct) =>
        TypedResults.Ok(await s.DeclineAsync(http.User.ToActor(), id, participantId, body?.Reason, ct));

    public static async Task<Ok<ParticipantDto>> CheckInParticipant(HttpContext http, ActivityService s, Guid id, Guid participantId, CancellationToken ct) =>
        TypedResults.Ok(await s.CheckInAsync(http.User.ToActor(), id, participantId, ct));

    public static async Task<Ok<EventTallyStatisticsDto>> ActivityStatistics(EventTallyService s, string? region, int? year, ActivityKind? kind, CancellationToken ct) =>
        TypedResults.Ok(await s.StatisticsAsync(region, year, kind, ct));

    public static async Task<Ok<IReadOnlyList<EventTallyDto>>> ListTallies(HttpContext http, EventTallyService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<EventTallyDto>> RecordTally(HttpContext http, EventTallyService s, Guid id, EventTallyRequest body, CancellationToken ct)
    {
        var created = await s.RecordAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created($"/api/v1/popularization-activities/{id}/tallies", created);
    }

    public static async Task<NoContent> DeleteTally(HttpContext http, EventTallyService s, Guid id, Guid tallyId, CancellationToken ct)
    {
        await s.DeleteAsync(http.User.ToActor(), id, tallyId, ct);
        return TypedResults.NoContent();
    }

    // 公民科学素质

    public static async Task<Ok<LiteracyStatisticsDto>> LiteracyStatistics(LiteracyService s, string? region, int? year, CancellationToken ct) =>
        TypedResults.Ok(await s.StatisticsAsync(region, year, ct));

    public static async Task<Ok<LiteracyRecordsDto>> ListLiteracy(LiteracyService s, string? region, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(region, ct));

    public static async Task<Ok<LiteracySurveyDto>> RecordSurvey(HttpContext http, LiteracyService s, LiteracySurveyRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.RecordSurveyAsync(http.User.ToActor(), body, ct));

    public static async Task<FileContentHttpResult> ExportSurveys(LiteracyService s, string? region, CancellationToken ct) =>
        TypedResults.File(await s.ExportSurveysAsync(region, ct), Kexie.Web.Features.Directory.DirectoryEndpoints.ExcelContentType, "公民科学素质调查结果.xlsx");

    public static async Task<NoContent> DeleteSurvey(HttpContext http, LiteracyService s, Guid id, CancellationToken ct)
    {
        await s.DeleteSurveyAsync(http.User.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<LiteracyTargetDto>> SetTarget(HttpContext http, LiteracyService s, LiteracyTargetRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.SetTargetAsync(http.User.ToActor(), body, ct));
}
