using Kexie.Domain.Common;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Talent;
using Kexie.Web.Features.ThinkTank;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Talent.Contests;

/// <summary>我的大赛评审: the contest works assigned to the signed-in expert, each scored on its edition's 评分标准 or declined (声明回避).</summary>
[Authorize]
public sealed class ReviewsModel(ContestReviewService reviews, ExpertConflictService conflicts) : MarketPageModel
{
    public IReadOnlyList<MyContestReviewDto> Reviews { get; private set; } = [];

    /// <summary>The expert's standing declarations (长期回避).</summary>
    public IReadOnlyList<ExpertConflictDto> Conflicts { get; private set; } = [];

    /// <summary>The field of the declaration form an error belongs to, and the error.</summary>
    public string? ConflictField { get; private set; }

    public string? ConflictError { get; private set; }

    /// <summary>What the declaration form keeps after an error.</summary>
    public ExpertConflictRequest? ConflictInput { get; private set; }

    public Guid? ErrorFor { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>长期回避: the expert names a unit (school) by its full name, or a person, with a reason.</summary>
    [Kexie.Web.Infrastructure.RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ScoreContests))]
    public async Task<IActionResult> OnPostDeclareConflictAsync(string? kind, string? organizationName, string? personName, string? reason, CancellationToken ct)
    {
        var request = new ExpertConflictRequest(kind switch { "Organization" => ConflictKind.Organization, "Person" => ConflictKind.Person, _ => null }, null, organizationName, personName, reason);
        try
        {
            var done = await conflicts.DeclareAsync(Actor, request, ct);
            Notice = $"已声明长期回避{done.Subject}";
            return Redirect("/Talent/Contests/Reviews#conflicts");
        }
        catch (DomainValidationException e)
        {
            ConflictField = e.Field;
            ConflictError = e.Message;
        }
        catch (InvalidTransitionException e)
        {
            ConflictField = "kind";
            ConflictError = e.Message;
        }

        ConflictInput = request;
        await LoadAsync(ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ScoreContests))]
    public async Task<IActionResult> OnPostWithdrawConflictAsync(Guid conflictId, CancellationToken ct)
    {
        await conflicts.WithdrawAsync(Actor, conflictId, ct);
        Notice = "已撤回长期回避声明";
        return Redirect("/Talent/Contests/Reviews#conflicts");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Reviews = await reviews.MineAsync(Actor, ct);
        Conflicts = await conflicts.MineAsync(Actor, ct);
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

        await LoadAsync(ct);
        return Page();
    }
}
