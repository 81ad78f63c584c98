using Kexie.Domain.Common;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Contests;

/// <summary>
/// Taking a 网上知识竞赛 on a phone: the drawn questions (no answers), then the score, the right answers and why. Anyone may take
/// it while it is open, signed in or not; each handed-in paper counts one 人次 (anonymous ones pass the per-address write limit).
/// </summary>
public sealed class TakeModel(WebQuizService quizzes) : KexiePageModel
{
    public WebQuizPaperDto? Paper { get; private set; }

    public KioskQuizResultDto? Result { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Paper = await quizzes.PaperAsync(id, null, ct);
        return Page();
    }

    [RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.TakeWebQuizzes))]
    public async Task<IActionResult> OnPostAsync(Guid id, [FromForm] List<KioskQuizAnswer>? answers, CancellationToken ct)
    {
        answers ??= [];
        try
        {
            Result = await quizzes.AnswerAsync(Actor, id, new KioskQuizAnswerRequest(answers), ct);
            Paper = new WebQuizPaperDto(await quizzes.GetAsync(id, ct), []);
        }
        catch (DomainValidationException e)
        {
            Error = e.Message;
            Paper = await quizzes.PaperAsync(id, answers.Select(a => a.QuestionId).ToList(), ct);
            Choices = answers.Where(a => a.Choice is not null).ToDictionary(a => a.QuestionId, a => a.Choice!.Value);
        }

        return Page();
    }

    /// <summary>What the visitor chose before the paper came back with an error (kept checked).</summary>
    public IReadOnlyDictionary<Guid, int> Choices { get; private set; } = new Dictionary<Guid, int>();
}
