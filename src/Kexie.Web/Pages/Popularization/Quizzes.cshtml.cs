using Kexie.Domain.Common;
using Kexie.Web.Features.Popularization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization;

/// <summary>
/// 知识竞答题库 of the manager's region: the questions its 科普e站屏 draw, a form to add one, correcting a question
/// (<c>?edit=</c>), retiring it (past attempts keep their scores) and putting a retired one back (<c>?retired=true</c> lists them).
/// </summary>
public sealed class QuizzesModel(QuizService quizzes) : KexiePageModel
{
    /// <summary>Option inputs the form offers (A–F).</summary>
    public const int OptionInputs = Kexie.Domain.Popularization.QuizQuestion.MaxOptions;

    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    /// <summary>The question being corrected, when the page was opened with <c>?edit=</c>.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Edit { get; set; }

    /// <summary>Lists retired questions too.</summary>
    [BindProperty(SupportsGet = true)] public bool Retired { get; set; }

    public IReadOnlyList<QuizQuestionDto> Questions { get; private set; } = [];

    /// <summary>What the form shows: the question being corrected, or what was typed when the bank refused it.</summary>
    public QuizForm Form { get; private set; } = QuizForm.Empty;

    public QuizQuestionDto? Editing => Edit is { } id ? Questions.FirstOrDefault(q => q.Id == id) : null;

    public string? Error { get; private set; }

    public string? ErrorField { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Questions = await quizzes.ListAsync(Actor, Region, Retired || Edit is not null, ct);
        if (Editing is { } q)
        {
            Form = new QuizForm(q.Tag, q.Stem, q.Options, q.Answer, q.Explanation);
        }
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageQuizzes))]
    public async Task<IActionResult> OnPostAsync(string? tag, string? stem, string? optionA, string? optionB, string? optionC, string? optionD, string? optionE, string? optionF, int? answer, string? explanation, CancellationToken ct)
    {
        var typed = new[] { optionA, optionB, optionC, optionD, optionE, optionF };
        var options = typed.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o!).ToList();
        try
        {
            var request = new QuizQuestionRequest(Region ?? Actor.RegionCode, tag, stem, options, answer, explanation);
            if (Edit is { } id)
            {
                await quizzes.UpdateAsync(Actor, id, request, ct);
                Notice = "题目已修改，e站屏下次抽题即用新内容；已有答卷的得分不变";
            }
            else
            {
                await quizzes.CreateAsync(Actor, request, ct);
                Notice = "题目已加入题库，e站屏下次抽题即可抽到";
            }

            return Redirect(Here());
        }
        catch (DomainValidationException e)
        {
            (Error, ErrorField) = (e.Message, e.Field);
        }

        Questions = await quizzes.ListAsync(Actor, Region, Retired || Edit is not null, ct);
        Form = new QuizForm(tag, stem, [.. typed.Select(o => o ?? string.Empty)], answer, explanation);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageQuizzes))]
    public async Task<IActionResult> OnPostRetireAsync(Guid questionId, CancellationToken ct)
    {
        await quizzes.RetireAsync(Actor, questionId, ct);
        Notice = "题目已停用，e站屏不再抽到；已有答卷保留";
        return Redirect(Here());
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageQuizzes))]
    public async Task<IActionResult> OnPostReinstateAsync(Guid questionId, CancellationToken ct)
    {
        await quizzes.ReinstateAsync(Actor, questionId, ct);
        Notice = "题目已恢复，e站屏可以重新抽到";
        return Redirect(Here());
    }

    /// <summary>The list this page came from (region, and whether retired questions are shown), without the question being corrected.</summary>
    public string Here()
    {
        var query = new List<string>();
        if (Region is not null)
        {
            query.Add("region=" + Uri.EscapeDataString(Region));
        }

        if (Retired)
        {
            query.Add("retired=true");
        }

        return "/Popularization/Quizzes" + (query.Count == 0 ? string.Empty : "?" + string.Join("&", query));
    }
}

/// <summary>The values of the question form.</summary>
public sealed record QuizForm(string? Tag, string? Stem, IReadOnlyList<string> Options, int? Answer, string? Explanation)
{
    public static readonly QuizForm Empty = new(null, null, [], 0, null);

    public string Option(int i) => i < Options.Count ? Options[i] : string.Empty;
}
