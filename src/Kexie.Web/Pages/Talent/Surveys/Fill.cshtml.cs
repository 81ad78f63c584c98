using System.Security.Cryptography;
using Kexie.Domain.Common;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Talent;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Talent.Surveys;

/// <summary>
/// The respondent's page, made for a phone: the questions (skip logic in survey.js, checked again on the server), an invitation
/// token from the link, a browser key cookie for duplicate detection, and the time spent.
/// </summary>
public sealed class FillModel(SurveyService surveys) : MarketPageModel
{
    public const string KeyCookie = "kexie-survey-key";

    public SurveyDto? Survey { get; private set; }

    [BindProperty(SupportsGet = true, Name = "t")] public string? Token { get; set; }

    [BindProperty] public long Started { get; set; }

    public Dictionary<int, string[]> Given { get; private set; } = [];

    public string? Done { get; private set; }

    public string? Closed { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The question the error is about (shown next to it), from the problem's field <c>q3</c>.</summary>
    public int? ErrorQuestion { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFoundPage("问卷不存在或尚未发放");
        }

        Started = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (!Request.Cookies.ContainsKey(KeyCookie))
        {
            Response.Cookies.Append(KeyCookie, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), new CookieOptions
            {
                HttpOnly = true, Secure = Request.IsHttps, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true,
            });
        }

        return Page();
    }

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.AnswerSurveys))]
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFoundPage("问卷不存在或尚未发放");
        }

        Given = Survey!.Questions.ToDictionary(q => q.Number, q => Request.Form[$"a{q.Number}"].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToArray());
        var seconds = Started > 0 ? (int)Math.Clamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - Started, 0, 1_000_000) : (int?)null;
        try
        {
            var result = await surveys.AnswerAsync(id, new SurveyAnswerRequest(Given, Token, Request.Cookies[KeyCookie], seconds), ct);
            Done = result.Message;
        }
        catch (DomainValidationException e)
        {
            Error = e.Message;
            ErrorQuestion = e.Field is ['q', .. var n] && int.TryParse(n, out var number) ? number : null;
        }
        catch (InvalidTransitionException e)
        {
            Closed = e.Message;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Survey = await surveys.GetAsync(Kexie.Domain.Identity.Actor.Public, id, ct);
        }
        catch (NotFoundException)
        {
            // The region's managers may look at a draft or a closed survey; others see it only while it collects answers.
            var own = await surveys.GetAsync(Actor, id, ct);
            Survey = own;
            Closed = own.Status == SurveyStatus.Draft ? "问卷尚未发放（预览）" : "问卷已结束，感谢您的关注";
        }

        if (Survey.Status == SurveyStatus.Open && Survey.Distribution == SurveyDistribution.Invitation && string.IsNullOrWhiteSpace(Token))
        {
            Closed = "该问卷凭邀请链接填写，请使用收到的链接";
        }

        return true;
    }
}
