using Kexie.Domain.Common;
using Kexie.Web.Features.Popularization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization;

/// <summary>知识竞答题库 of the manager's region: the questions its 科普e站屏 draw, a form to add one, and retiring.</summary>
public sealed class QuizzesModel(QuizService quizzes) : KexiePageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    public IReadOnlyList<QuizQuestionDto> Questions { get; private set; } = [];

    public string? Error { get; private set; }

    public string? ErrorField { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Questions = await quizzes.ListAsync(Actor, Region, false, ct);

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageQuizzes))]
    public async Task<IActionResult> OnPostAsync(string? tag, string? stem, string? optionA, string? optionB, string? optionC, string? optionD, int? answer, string? explanation, CancellationToken ct)
    {
        var options = new[] { optionA, optionB, optionC, optionD }.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o!).ToList();
        try
        {
            var region = Region ?? Actor.RegionCode;
            await quizzes.CreateAsync(Actor, new QuizQuestionRequest(region, tag, stem, options, answer, explanation), ct);
            Notice = "题目已加入题库，e站屏下次抽题即可抽到";
            return Redirect("/Popularization/Quizzes" + (Region is null ? string.Empty : "?region=" + Uri.EscapeDataString(Region)));
        }
        catch (DomainValidationException e)
        {
            (Error, ErrorField) = (e.Message, e.Field);
        }

        Questions = await quizzes.ListAsync(Actor, Region, false, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageQuizzes))]
    public async Task<IActionResult> OnPostRetireAsync(Guid questionId, CancellationToken ct)
    {
        await quizzes.RetireAsync(Actor, questionId, ct);
        Notice = "题目已停用";
        return Redirect("/Popularization/Quizzes" + (Region is null ? string.Empty : "?region=" + Uri.EscapeDataString(Region)));
    }
}
