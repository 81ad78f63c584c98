using Kexie.Domain.Common;
using Kexie.Domain.Market;
using Kexie.Web.Features.Talent;
using Kexie.Web.Features.ThinkTank;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Talent.Contests;

/// <summary>我的大赛评审: the contest works assigned to the signed-in expert, each scored on its edition's 评分标准 or declined (声明回避).</summary>
[Authorize]
public sealed class ReviewsModel(ContestReviewService reviews) : MarketPageModel
{
    public IReadOnlyList<MyContestReviewDto> Reviews { get; private set; } = [];

    public Guid? ErrorFor { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Reviews = await reviews.MineAsync(Actor, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ScoreContests))]
    public Task<IActionResult> OnPostScoreAsync(Guid assignmentId, List<string?>? scores, string? opinion, int version, CancellationToken ct) =>
        ActAsync(assignmentId, async () =>
        {
            var done = await reviews.ScoreAsync(Actor, assignmentId, new ScoreRequest(Kexie.Web.Pages.ThinkTank.ReviewsModel.ParseScores(scores), opinion), version, ct);
            return $"已提交“{done.EntryTitle}”的评分（{done.Assignment.Total:0.#}分）";
        }, ct);

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ScoreContests))]
    public Task<IActionResult> OnPostDeclineAsync(Guid assignmentId, string? reason, int version, CancellationToken ct) =>
        ActAsync(assignmentId, async () =>
        {
            var done = await reviews.DeclineAsync(Actor, assignmentId, new DeclineReviewRequest(reason), version, ct);
            return $"已声明回避“{done.EntryTitle}”";
        }, ct);

    private async Task<IActionResult> ActAsync(Guid assignmentId, Func<Task<string>> act, CancellationToken ct)
    {
        try
        {
            Notice = await act();
            return Redirect($"/Talent/Contests/Reviews#review-{assignmentId:N}");
        }
        catch (Exception e) when (e is DomainValidationException or InvalidTransitionException)
        {
            ErrorFor = assignmentId;
            Error = e.Message;
        }

        Reviews = await reviews.MineAsync(Actor, ct);
        return Page();
    }
}
