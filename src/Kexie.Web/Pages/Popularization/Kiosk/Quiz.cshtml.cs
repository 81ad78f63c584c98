using Kexie.Domain.Common;
using Kexie.Web.Features.Popularization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Kiosk;

/// <summary>
/// 知识竞答 on the kiosk (双向互动): a visitor answers a short quiz drawn from the region's question bank, then sees their
/// score, the right answers and why. Anonymous, with the device's token; each handed-in quiz counts once in the station's day.
/// </summary>
[AllowAnonymous]
public sealed class QuizModel(KioskService kiosks) : KexiePageModel
{
    public string Token { get; private set; } = string.Empty;

    public KioskQuizDto? Quiz { get; private set; }

    public KioskQuizResultDto? Result { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        Token = token;
        try
        {
            Quiz = await kiosks.QuizAsync(token, ct);
        }
        catch (NotFoundException e) when (e.Message.Contains("题库", StringComparison.Ordinal))
        {
            // The token is good but the bank is empty: say so on the kiosk rather than a blank 404.
            Error = e.Message;
        }

        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.UseEStations))]
    public async Task<IActionResult> OnPostAsync(string token, [FromForm] List<KioskQuizAnswer>? answers, CancellationToken ct)
    {
        Token = token;
        answers ??= [];
        try
        {
            Result = await kiosks.AnswerQuizAsync(token, new KioskQuizAnswerRequest(answers), ct);
        }
        catch (DomainValidationException e)
        {
            Error = e.Message;
            Quiz = await kiosks.QuizAsync(token, answers.Select(a => a.QuestionId).ToList(), ct);
        }

        return Page();
    }
}
