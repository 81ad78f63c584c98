using Kexie.Domain.Common;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Contests;

/// <summary>
/// 网上知识竞赛 of a region on the public website: the quizzes of the region, its ancestors and sub-regions (open ones first, each
/// with its 参与人次) for anyone, signed in or not; the region's quiz managers publish a quiz (errors next to the field, the input
/// kept) and end one.
/// </summary>
public sealed class IndexModel(WebQuizService quizzes) : KexiePageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    public IReadOnlyList<WebQuizDto> Quizzes { get; private set; } = [];

    /// <summary>The region the list and the publish form are for.</summary>
    public string? RegionCode { get; private set; }

    public bool IsManager { get; private set; }

    public WebQuizRequest Form { get; private set; } = new(null, null, null, null, null);

    public string? Error { get; private set; }

    public string? ErrorField { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    [RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageQuizzes))]
    public async Task<IActionResult> OnPostPublishAsync(string? title, string? tag, string? opensOn, string? closesOn, CancellationToken ct)
    {
        var region = Region ?? HomeRegion;
        Form = new WebQuizRequest(region, title, tag, null, null);
        try
        {
            var request = new WebQuizRequest(region, title, tag, Day(opensOn, "opensOn", "开始日期"), Day(closesOn, "closesOn", "结束日期"));
            var saved = await quizzes.PublishAsync(Actor, request, ct);
            Notice = $"已发布网上知识竞赛“{saved.Title}”";
            return Redirect($"/Popularization/Contests?region={saved.RegionCode}");
        }
        catch (DomainValidationException e)
        {
            (Error, ErrorField) = (e.Message, e.Field);
        }

        TypedOpens = opensOn;
        TypedCloses = closesOn;
        await LoadAsync(ct);
        return Page();
    }

    [RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageQuizzes))]
    public async Task<IActionResult> OnPostCloseAsync(Guid quizId, CancellationToken ct)
    {
        var closed = await quizzes.CloseAsync(Actor, quizId, ct);
        Notice = $"网上知识竞赛“{closed.Title}”已结束，已交答卷仍计入参与人次";
        return Redirect($"/Popularization/Contests?region={closed.RegionCode}");
    }

    /// <summary>The dates as typed when the form came back with an error.</summary>
    public string? TypedOpens { get; private set; }

    public string? TypedCloses { get; private set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        RegionCode = Region ?? HomeRegion;
        Quizzes = await quizzes.ListAsync(RegionCode, false, ct);
        IsManager = RegionCode is { Length: > 0 } code && quizzes.MayManage(Actor, code);
    }

    private static DateOnly? Day(string? text, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateOnly.TryParse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var day)
            ? day
            : throw new DomainValidationException(field, $"{label}“{text}”不是有效的日期（如 2025-09-15）");
    }
}
