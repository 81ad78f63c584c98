using Kexie.Domain.Common;
using Kexie.Web.Features.ThinkTank;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.ThinkTank;

/// <summary>我的评审: an expert's think-tank topics to review (only those assigned to them), each scored on its call's rubric.</summary>
[Authorize]
public sealed class ReviewsModel(ExpertReviewService experts) : MarketPageModel
{
    public IReadOnlyList<MyReviewDto> Reviews { get; private set; } = [];

    /// <summary>The assignment the page was opened for (a notification's link), shown first.</summary>
    public Guid? Focus { get; private set; }

    public Guid? ErrorFor { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Focus = id;
        Reviews = await experts.MineAsync(Actor, ct);
        if (id is { } focus && Reviews.All(r => r.Id != focus))
        {
            return NotFound();
        }

        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(ThinkTankPermissions), nameof(ThinkTankPermissions.ScoreTopics))]
    public async Task<IActionResult> OnPostScoreAsync(Guid assignmentId, List<string?>? scores, string? opinion, int version, CancellationToken ct)
    {
        try
        {
            var values = ParseScores(scores);
            await experts.ScoreAsync(Actor, assignmentId, new ScoreRequest(values, opinion), version, ct);
            Notice = "评分已提交";
            return Redirect($"/ThinkTank/Reviews#review-{assignmentId:N}");
        }
        catch (DomainValidationException e)
        {
            ErrorFor = assignmentId;
            Error = e.Message;
        }

        Focus = assignmentId;
        Reviews = await experts.MineAsync(Actor, ct);
        return Page();
    }

    /// <summary>The score fields of a rubric form, in order (blank → null); also the contest reviews' form.</summary>
    internal static List<decimal?> ParseScores(List<string?>? scores) => [.. (scores ?? []).Select((s, i) => ParseScore(s, i))];

    private static decimal? ParseScore(string? text, int index) =>
        string.IsNullOrWhiteSpace(text)
            ? null
            : decimal.TryParse(text.Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var v)
                ? v
                : throw new DomainValidationException("scores", $"第{index + 1}项得分“{text.Trim()}”不是数字");
}
