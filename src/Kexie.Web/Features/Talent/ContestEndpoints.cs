using Kexie.Domain.Talent;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kexie.Web.Features.Talent;

/// <summary>/api/v1/contests and /api/v1/contest-entries: 青少年科技创新大赛.</summary>
public static class ContestEndpoints
{
    public static RouteGroupBuilder MapContests(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/contests").WithTags("青少年科技创新大赛");
        g.MapGet("/", ListContests)
            .WithSummary("查询大赛（按地区子树、年份、名称）");
        g.MapGet("/statistics", ContestStatistics)
            .WithSummary("大赛统计（收获作品、推荐上级、获奖，按类别、学校、乡镇）");
        g.MapGet("/{id:guid}", GetContest).WithSummary("大赛详情");
        g.MapGet("/{id:guid}/entries", ListContestEntries).WithSummary("大赛作品（举办地区可见全部；学校可见本校；公众可见获奖作品）");
        g.MapGet("/{id:guid}/upward-targets", ListContestUpwardTargets)
            .WithSummary("可推荐参加的上级大赛");
        g.MapGet("/{id:guid}/school-options", ListContestSchoolOptions)
            .RequireAuthorization().WithSummary("可报送作品的学校（按名称查找）");
        g.MapPost("/", CreateContest).RequireAuthorization().WithSummary("举办大赛（本地区科协管理员；级别随地区）").RequirePermission(TalentPermissions.ManageContests);
        g.MapPut("/{id:guid}", UpdateContest).RequireAuthorization().WithSummary("修改大赛（名称、类别、推荐名额）").RequirePermission(TalentPermissions.ManageContests);
        g.MapPost("/{id:guid}/status", MoveContest).RequireAuthorization().WithSummary("变更大赛阶段（征集中、评审中、已结束）").RequirePermission(TalentPermissions.ManageContests);
        g.MapPost("/{id:guid}/entries", SubmitContestEntry).RequireAuthorization().WithSummary("报送作品（学校本身或学校所在地区的管理人员）").RequirePermission(TalentPermissions.EnterContests);

        var e = api.MapGroup("/contest-entries").WithTags("青少年科技创新大赛");
        e.MapGet("/{id:guid}", GetContestEntry).WithSummary("作品详情");
        e.MapGet("/{id:guid}/certificate", DownloadContestCertificate)
            .Produces<byte[]>(StatusCodes.Status200OK, "application/vnd.openxmlformats-officedocument.wordprocessingml.document").WithSummary("获奖证书（.docx；举办地区及报送学校可下载，含学生姓名）");
        e.MapPost("/{id:guid}/attachments", UploadContestEntryFile).RequireAuthorization().DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Kexie.Domain.Market.Attachment.MaxSizeBytes + (1024 * 1024)))
            .WithSummary("上传作品附件（研究报告、照片等；报送学校或学校所在地区的管理人员，作品评审前；最多10个，≤20MB，PDF/Office/图片/文本/zip）").RequirePermission(TalentPermissions.EnterContests);
        e.MapGet("/{id:guid}/attachments/{attachmentId:guid}", DownloadContestEntryFile)
            .WithSummary("下载作品附件（举办地区、报送学校及指派的评审专家；公众不可下载）");
        e.MapDelete("/{id:guid}/attachments/{attachmentId:guid}", DeleteContestEntryFile).RequireAuthorization()
            .WithSummary("删除作品附件（报送方，作品评审前）").RequirePermission(TalentPermissions.EnterContests);
        e.MapPost("/{id:guid}/review", ReviewContestEntry).RequireAuthorization().WithSummary("评审作品（通过或未通过、得分、意见）").RequirePermission(TalentPermissions.ReviewContests);
        e.MapPost("/{id:guid}/award", AwardContestEntry).RequireAuthorization().WithSummary("评定奖项（一、二、三等奖、优秀奖，空为取消）").RequirePermission(TalentPermissions.ReviewContests);
        e.MapPost("/{id:guid}/recommend", RecommendContestEntry).RequireAuthorization().WithSummary("推荐参加上级大赛（不超过推荐名额）").RequirePermission(TalentPermissions.ReviewContests);

        g.MapGet("/{id:guid}/expert-review", GetContestExpertReview).RequireAuthorization()
            .WithSummary("专家评审进度：评分标准、各作品的评审专家与得分（举办地区有评审权限的管理人员）");
        g.MapGet("/{id:guid}/expert-options", ListContestExpertOptions).RequireAuthorization()
            .WithSummary("可指派的专家库专家（本地区及公开的专家）");
        g.MapPost("/{id:guid}/assignments", AssignContestExpert).RequireAuthorization()
            .WithSummary("从专家库指派评审专家（本轮；按类别或作品；报送学校、指导教师单位的专家及声明回避的专家须回避）").RequirePermission(TalentPermissions.ReviewContests);
        g.MapPost("/{id:guid}/rounds/close", CloseContestRound).RequireAuthorization()
            .WithSummary("结束本轮评审（专家停止评分；晋级前可重新开启；category：只结束该类别的本轮）").RequirePermission(TalentPermissions.ReviewContests);
        g.MapPost("/{id:guid}/rounds/open", OpenContestRound).RequireAuthorization()
            .WithSummary("重新开启本轮评审（category：只开启该类别的本轮）").RequirePermission(TalentPermissions.ReviewContests);
        g.MapPost("/{id:guid}/rounds/advance", AdvanceContestRound).RequireAuthorization()
            .WithSummary("确定晋级作品（前N名或分数线，须填理由；category：只推进该类别）：入选作品进入下一轮（如终评），其余为未进入下一轮").RequirePermission(TalentPermissions.ReviewContests);

        var a = api.MapGroup("/contest-assignments").WithTags("青少年科技创新大赛").RequireAuthorization();
        a.MapGet("/mine", ListMyContestReviews).WithSummary("我的大赛评审任务（仅指派给本人的作品）");
        a.MapGet("/{id:guid}", GetMyContestReview).WithSummary("大赛评审任务详情（评审专家本人）");
        a.MapPost("/{id:guid}/score", ScoreContestEntry).WithSummary("评审专家按评分标准打分（各项依次，0至该项满分）").RequirePermission(TalentPermissions.ScoreContests);
        a.MapPost("/{id:guid}/decline", DeclineContestReview).WithSummary("评审专家声明回避（须填理由）").RequirePermission(TalentPermissions.ScoreContests);

        var d = api.MapGroup("/expert-conflicts").WithTags("青少年科技创新大赛").RequireAuthorization();
        d.MapGet("/mine", ListMyExpertConflicts).WithSummary("本人的长期回避声明（专家库专家）");
        d.MapPost("/", DeclareExpertConflict)
            .WithSummary("专家声明长期回避某单位（学校）或个人（须填理由）；此后各大赛指派评审时自动回避其作品").RequirePermission(TalentPermissions.ScoreContests);
        d.MapDelete("/{id:guid}", WithdrawExpertConflict).WithSummary("撤回本人的长期回避声明").RequirePermission(TalentPermissions.ScoreContests);
        return api;
    }

    public static async Task<Ok<IReadOnlyList<ExpertConflictDto>>> ListMyExpertConflicts(HttpContext http, ExpertConflictService s, CancellationToken ct) =>
        TypedResults.Ok(await s.MineAsync(http.User.ToActor(), ct));

    public static async Task<Created<ExpertConflictDto>> DeclareExpertConflict(HttpContext http, ExpertConflictService s, ExpertConflictRequest body, CancellationToken ct)
    {
        var created = await s.DeclareAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created("/api/v1/expert-conflicts/mine", created);
    }

    public static async Task<NoContent> WithdrawExpertConflict(HttpContext http, ExpertConflictService s, Guid id, CancellationToken ct)
    {
        await s.WithdrawAsync(http.User.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<ContestReviewDto>> GetContestExpertReview(HttpContext http, ContestReviewService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.ReviewAsync(http.User.ToActor(), id, ct));

    public static async Task<Ok<IReadOnlyList<ContestExpertOptionDto>>> ListContestExpertOptions(HttpContext http, ContestReviewService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.ExpertOptionsAsync(http.User.ToActor(), id, ct));

    public static async Task<Ok<AssignResultDto>> AssignContestExpert(HttpContext http, ContestReviewService s, Guid id, AssignContestExpertRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.AssignAsync(http.User.ToActor(), id, body, ct));

    public static async Task<Ok<ContestReviewDto>> CloseContestRound(HttpContext http, ContestReviewService s, Guid id, string? category, CancellationToken ct) =>
        TypedResults.Ok(await s.CloseRoundAsync(http.User.ToActor(), id, ct, category));

    public static async Task<Ok<ContestReviewDto>> OpenContestRound(HttpContext http, ContestReviewService s, Guid id, string? category, CancellationToken ct) =>
        TypedResults.Ok(await s.OpenRoundAsync(http.User.ToActor(), id, ct, category));

    public static async Task<Ok<AdvanceResultDto>> AdvanceContestRound(HttpContext http, ContestReviewService s, Guid id, AdvanceRoundRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.AdvanceAsync(http.User.ToActor(), id, body, ct));

    public static async Task<Ok<IReadOnlyList<MyContestReviewDto>>> ListMyContestReviews(HttpContext http, ContestReviewService s, CancellationToken ct) =>
        TypedResults.Ok(await s.MineAsync(http.User.ToActor(), ct));

    public static async Task<Ok<MyContestReviewDto>> GetMyContestReview(HttpContext http, ContestReviewService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.MyReviewAsync(http.User.ToActor(), id, ct));

    public static async Task<Ok<MyContestReviewDto>> ScoreContestEntry(HttpContext http, ContestReviewService s, Guid id, Kexie.Web.Features.ThinkTank.ScoreRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.ScoreAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<MyContestReviewDto>> DeclineContestReview(HttpContext http, ContestReviewService s, Guid id, DeclineReviewRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.DeclineAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<PagedResult<ContestDto>>> ListContests(ContestService s, string? region, int? year, string? q, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(region, year, q, page, pageSize, ct));

    public static async Task<Ok<ContestStatisticsDto>> ContestStatistics(ContestService s, string? region, int? year, CancellationToken ct) =>
        TypedResults.Ok(await s.StatisticsAsync(region, year, ct));

    public static async Task<Ok<ContestDto>> GetContest(ContestService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(id, ct));

    public static async Task<Ok<PagedResult<ContestEntryDto>>> ListContestEntries(HttpContext http, ContestService s, Guid id, ContestEntryStatus? status, string? category, string? q, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await s.EntriesAsync(http.User.ToActor(), id, status, category, q, page, pageSize, ct));

    public static async Task<Ok<IReadOnlyList<ContestDto>>> ListContestUpwardTargets(ContestService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.UpwardTargetsAsync(id, ct));

    public static async Task<Ok<IReadOnlyList<SchoolOption>>> ListContestSchoolOptions(HttpContext http, ContestService s, Guid id, string? q, CancellationToken ct) =>
        TypedResults.Ok(await s.SchoolOptionsAsync(http.User.ToActor(), id, q, ct));

    public static async Task<Created<ContestDto>> CreateContest(HttpContext http, ContestService s, ContestRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/contests/{created.Id}", created);
    }

    public static async Task<Ok<ContestDto>> UpdateContest(HttpContext http, ContestService s, Guid id, ContestRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<ContestDto>> MoveContest(HttpContext http, ContestService s, Guid id, ContestStatusRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.MoveAsync(http.User.ToActor(), id, body.Status, ct));

    public static async Task<Created<ContestEntryDto>> SubmitContestEntry(HttpContext http, ContestService s, Guid id, ContestEntryRequest body, CancellationToken ct)
    {
        var created = await s.SubmitAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created($"/api/v1/contest-entries/{created.Id}", created);
    }

    public static async Task<Ok<ContestEntryDto>> GetContestEntry(HttpContext http, ContestService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetEntryAsync(http.User.ToActor(), id, ct));

    public static async Task<FileContentHttpResult> DownloadContestCertificate(HttpContext http, ContestService s, Guid id, CancellationToken ct)
    {
        var (content, name) = await s.CertificateAsync(http.User.ToActor(), id, ct);
        return TypedResults.File(content, ContestCertificate.ContentType, name);
    }

    public static async Task<Created<Kexie.Web.Features.Market.AttachmentDto>> UploadContestEntryFile(HttpContext http, ContestService s, Guid id, IFormFile? file, CancellationToken ct)
    {
        var attachment = await s.UploadAsync(http.User.ToActor(), id, file, ct);
        return TypedResults.Created($"/api/v1/contest-entries/{id}/attachments/{attachment.Id}", attachment);
    }

    public static async Task<FileStreamHttpResult> DownloadContestEntryFile(HttpContext http, ContestService s, Guid id, Guid attachmentId, CancellationToken ct)
    {
        var file = await s.DownloadAsync(http.User.ToActor(), id, attachmentId, ct);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(file.Content, file.ContentType, file.FileName, enableRangeProcessing: true);
    }

    public static async Task<NoContent> DeleteContestEntryFile(HttpContext http, ContestService s, Guid id, Guid attachmentId, CancellationToken ct)
    {
        await s.DeleteAttachmentAsync(http.User.ToActor(), id, attachmentId, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<ContestEntryDto>> ReviewContestEntry(HttpContext http, ContestService s, Guid id, EntryReviewRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.ReviewAsync(http.User.ToActor(), id, body, ct));

    public static async Task<Ok<ContestEntryDto>> AwardContestEntry(HttpContext http, ContestService s, Guid id, EntryAwardRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.AwardAsync(http.User.ToActor(), id, body, ct));

    public static async Task<Ok<ContestEntryDto>> RecommendContestEntry(HttpContext http, ContestService s, Guid id, EntryRecommendRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.RecommendAsync(http.User.ToActor(), id, body, ct));
}
