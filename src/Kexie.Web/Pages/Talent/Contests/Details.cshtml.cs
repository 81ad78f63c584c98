using Kexie.Domain.Common;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Talent;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Talent.Contests;

/// <summary>
/// A contest edition: its works (all for the holding region, a school's own for the school, awarded ones for everyone); a school
/// enters a work; the holding region's managers review, award and recommend works upward; its admins move the edition along.
/// </summary>
public sealed class DetailsModel(ContestService contests, ContestReviewService reviews) : MarketPageModel
{
    public sealed class EntryInput
    {
        public string? SchoolId { get; set; }
        public string? Title { get; set; }
        public string? Category { get; set; }
        public string? Students { get; set; }
        public string? Teacher { get; set; }
        public string? TeacherOrganization { get; set; }
        public string? Summary { get; set; }
        public string? Stage { get; set; }
    }

    [BindProperty] public EntryInput Input { get; set; } = new();

    /// <summary>晋级 form: top N or a score line, per category or not, and the reason (errors shown next to the field, the input kept).</summary>
    public sealed class AdvanceInput
    {
        public string? Top { get; set; }
        public string? MinScore { get; set; }
        public bool PerCategory { get; set; }
        public string? Reason { get; set; }

        /// <summary>One category advanced on its own (empty: the categories following the edition's round).</summary>
        public string? Category { get; set; }
    }

    [BindProperty] public AdvanceInput Advance { get; set; } = new();

    [BindProperty(SupportsGet = true)] public string? Category { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public ContestDto Contest { get; private set; } = null!;

    public PagedResult<ContestEntryDto> Entries { get; private set; } = new([], 0, 1, 50);

    public IReadOnlyList<SchoolOption> Schools { get; private set; } = [];

    public IReadOnlyList<ContestDto> Targets { get; private set; } = [];

    public bool IsReviewer { get; private set; }

    /// <summary>The expert review (rubric, progress, each work's panel), for the edition's reviewers.</summary>
    public ContestReviewDto? Review { get; private set; }

    public IReadOnlyList<ContestExpertOptionDto> Experts { get; private set; } = [];

    public bool IsOrganiser { get; private set; }

    public PagerModel Pager => new(Entries.Page, Entries.PageCount, $"/Talent/Contests/Details/{Contest.Id}", new Dictionary<string, string?> { ["category"] = Category });

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return Page();
    }

    /// <summary>获奖证书 (.docx) of an awarded work, for those who may see its details.</summary>
    public async Task<IActionResult> OnGetCertificateAsync(Guid id, Guid entryId, CancellationToken ct)
    {
        try
        {
            var (content, name) = await contests.CertificateAsync(Actor, entryId, ct);
            return File(content, ContestCertificate.ContentType, name);
        }
        catch (InvalidTransitionException e)
        {
            return BackWithAlert(e.Message);
        }
    }

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.EnterContests))]
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var students = (Input.Students ?? string.Empty).Split(['、', ',', '，', ' ', '；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var entry = await contests.SubmitAsync(Actor, id, new ContestEntryRequest(ParseGuid(Input.SchoolId, "schoolId", "学校"), Input.Title, Input.Category, students, Input.Teacher, Input.Summary, Input.TeacherOrganization,
                string.IsNullOrEmpty(Input.Stage) ? null : ParseEnum<SchoolStage>(Input.Stage, "stage", "学段")), ct);
            Notice = $"已报送作品“{entry.Title}”";
            return Redirect($"/Talent/Contests/Details/{id}");
        }
        catch (DomainValidationException e)
        {
            AddError<EntryInput>(e);
        }
        catch (InvalidTransitionException e)
        {
            return BackWithAlert(e.Message);
        }

        await LoadAsync(id, ct);
        return Page();
    }

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ReviewContests))]
    public Task<IActionResult> OnPostReviewAsync(Guid entryId, string? result, string? score, string? opinion, CancellationToken ct) =>
        StepAsync(async () =>
        {
            var e = await contests.ReviewAsync(Actor, entryId, new EntryReviewRequest(result switch { "pass" => true, "fail" => false, _ => null }, ParseScore(score), opinion), ct);
            return $"“{e.Title}”{e.StatusName}";
        });

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ReviewContests))]
    public Task<IActionResult> OnPostAwardAsync(Guid entryId, string? award, CancellationToken ct) =>
        StepAsync(async () =>
        {
            var grade = string.IsNullOrEmpty(award) ? (AwardGrade?)null : ParseEnum<AwardGrade>(award, "award", "奖项");
            var e = await contests.AwardAsync(Actor, entryId, new EntryAwardRequest(grade), ct);
            return e.AwardName is null ? $"已取消“{e.Title}”的奖项" : $"“{e.Title}”获{e.AwardName}";
        });

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ReviewContests))]
    public Task<IActionResult> OnPostRecommendAsync(Guid entryId, string? targetContestId, CancellationToken ct) =>
        StepAsync(async () =>
        {
            var e = await contests.RecommendAsync(Actor, entryId, new EntryRecommendRequest(ParseGuid(targetContestId, "targetContestId", "上级大赛")), ct);
            return $"已推荐“{e.Title}”参加{e.RecommendedTo}";
        });

    /// <summary>Assigns an expert of the 专家库 to a category's works or to one work; the notice names the works left out and why.</summary>
    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ReviewContests))]
    public Task<IActionResult> OnPostAssignAsync(Guid id, string? expertId, string? target, CancellationToken ct) =>
        StepAsync(async () =>
        {
            var expert = ParseGuid(expertId, "expertId", "评审专家");
            var request = target is { Length: > 6 } t && t.StartsWith("entry:", StringComparison.Ordinal)
                ? new AssignContestExpertRequest(expert, null, [ParseGuid(t[6..], "entryIds", "作品")!.Value])
                : new AssignContestExpertRequest(expert, target is { Length: > 9 } c && c.StartsWith("category:", StringComparison.Ordinal) ? c[9..] : null, null);
            var done = await reviews.AssignAsync(Actor, id, request, ct);
            var text = $"已指派{done.ExpertName}评审{done.Assigned.Count}件作品";
            return done.Skipped.Count == 0 ? text : text + $"；{done.Skipped.Count}件未指派：" + string.Join("；", done.Skipped.Take(5).Select(x => $"《{x.Title}》{x.Reason}"));
        });

    /// <summary>结束本轮 (the experts stop scoring) or 开启本轮 again.</summary>
    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ReviewContests))]
    public Task<IActionResult> OnPostRoundAsync(Guid id, string? mode, string? roundCategory, CancellationToken ct) =>
        StepAsync(async () =>
        {
            var one = string.IsNullOrWhiteSpace(roundCategory) ? null : roundCategory;
            var r = mode == "open" ? await reviews.OpenRoundAsync(Actor, id, ct, one) : await reviews.CloseRoundAsync(Actor, id, ct, one);
            if (one is not null && r.CategoryRounds?.FirstOrDefault(x => x.Category == one) is { } k)
            {
                return k.Open ? $"“{k.Category}”类别{k.RoundName}已开启" : $"“{k.Category}”类别{k.RoundName}已结束，专家停止评分";
            }

            return r.RoundOpen ? $"{r.CurrentRoundName}已开启" : $"{r.CurrentRoundName}已结束，专家停止评分";
        });

    /// <summary>晋级: the works chosen go on to the next round, the rest do not; a bad rule or a missing reason is shown next to its field.</summary>
    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ReviewContests))]
    public async Task<IActionResult> OnPostAdvanceAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var done = await reviews.AdvanceAsync(Actor, id, new AdvanceRoundRequest(ParseInt(Advance.Top, "top", "晋级名额"), ParseDecimal(Advance.MinScore, "minScore", "晋级分数线"),
                Advance.PerCategory, Advance.Reason, Advance.Category), ct);
            Notice = $"{done.Decision.Advanced}件作品进入{done.Decision.NextRoundName}，{done.Decision.NotAdvanced}件未进入{done.Decision.NextRoundName}";
            return Redirect($"/Talent/Contests/Details/{id}#expert-review");
        }
        catch (DomainValidationException e)
        {
            AddError<AdvanceInput>(e, nameof(Advance));
        }
        catch (Exception e) when (e is InvalidTransitionException or NotFoundException or AccessDeniedException)
        {
            return BackWithAlert(e.Message);
        }

        await LoadAsync(id, ct);
        return Page();
    }

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageContests))]
    public Task<IActionResult> OnPostStatusAsync(Guid id, string? status, CancellationToken ct) =>
        StepAsync(async () =>
        {
            var c = await contests.MoveAsync(Actor, id, ParseEnum<ContestStatus>(status, "status", "大赛阶段"), ct);
            return $"大赛已进入“{c.StatusName}”阶段";
        });

    private async Task<IActionResult> StepAsync(Func<Task<string>> step)
    {
        try
        {
            return BackWithNotice(await step());
        }
        catch (Exception e) when (e is DomainValidationException or InvalidTransitionException or NotFoundException or AccessDeniedException)
        {
            return BackWithAlert(e.Message);
        }
    }

    private static decimal? ParseDecimal(string? text, string field, string label) =>
        string.IsNullOrWhiteSpace(text) ? null
        : decimal.TryParse(text.Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v
        : throw new DomainValidationException(field, $"{label}“{text.Trim()}”不是有效的数字");

    private static decimal? ParseScore(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : decimal.TryParse(text.Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v
        : throw new DomainValidationException("score", "评审得分应为0到100之间的数字");

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Contest = await contests.GetAsync(id, ct);
        IsReviewer = Can(Kexie.Web.Features.Talent.TalentPermissions.ReviewContests, Contest.RegionCode);
        IsOrganiser = Can(Kexie.Web.Features.Talent.TalentPermissions.ManageContests, Contest.RegionCode);
        Entries = await contests.EntriesAsync(Actor, id, null, Category, null, PageNumber, 50, ct);
        if (Actor.IsAuthenticated && Contest.Status == ContestStatus.Open)
        {
            Schools = await contests.SchoolOptionsAsync(Actor, id, null, ct);
        }

        if (IsReviewer)
        {
            Targets = await contests.UpwardTargetsAsync(id, ct);
            Review = await reviews.ReviewAsync(Actor, id, ct);
            Experts = await reviews.ExpertOptionsAsync(Actor, id, ct);
        }
    }
}
