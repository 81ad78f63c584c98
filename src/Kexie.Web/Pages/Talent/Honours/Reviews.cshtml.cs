using Kexie.Domain.Common;
using Kexie.Web.Features.Talent;
using Kexie.Web.Features.ThinkTank;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Talent.Honours;

/// <summary>我的荣誉评审: the nominations assigned to the signed-in expert (only these), each scored on its call's 评审指标 with a comment.</summary>
[Authorize]
public sealed class ReviewsModel(HonourReviewService reviews) : MarketPageModel
{
    public IReadOnlyList<MyNominationReviewDto> Reviews { get; private set; } = [];

    public Guid? ErrorFor { get; private set; }

    public string? Error { get; private set; }

    /// <summary>What the failed form keeps: the values typed and the comment.</summary>
    public IReadOnlyList<string?> Typed { get; private set; } = [];

    public string? TypedOpinion { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Reviews = await reviews.MineAsync(Actor, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ScoreHonours))]
    public async Task<IActionResult> OnPostScoreAsync(Guid assignmentId, List<string?>? scores, string? opinion, int version, CancellationToken ct)
    {
        try
        {
            var done = await reviews.ScoreAsync(Actor, assignmentId, new ScoreRequest(Kexie.Web.Pages.ThinkTank.ReviewsModel.ParseScores(scores), opinion), version, ct);
            Notice = $"已提交{done.NomineeName}的评分（{done.Assignment.Total:0.#}分）";
            return Redirect($"/Talent/Honours/Reviews#review-{assignmentId:N}");
        }
        catch (Exception e) when (e is DomainValidationException or InvalidTransitionException)
        {
            ErrorFor = assignmentId;
            Error = e.Message;
            Typed = scores ?? [];
            TypedOpinion = opinion;
        }

        Reviews = await reviews.MineAsync(Actor, ct);
        return Page();
    }
}
