using Kexie.Domain.Common;
using Kexie.Web.Features.Indicators;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Indicators;

/// <summary>One linkage task: progress from data, and the comments (情况说明) of both levels.</summary>
[Authorize]
public sealed class LinkageTaskModel(LinkageService linkage) : KexiePageModel
{
    public LinkageTaskDto Task { get; private set; } = null!;

    [BindProperty] public string? Text { get; set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct) => Task = await linkage.GetAsync(Actor, id, ct);

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Indicators.IndicatorPermissions), nameof(Kexie.Web.Features.Indicators.IndicatorPermissions.CommentLinkage))]
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await linkage.CommentAsync(Actor, id, new CommentRequest(Text), ct);
            Notice = "已提交情况说明";
            return RedirectToPage(new { id });
        }
        catch (DomainValidationException e)
        {
            ModelState.AddModelError(nameof(Text), e.Message);
            Task = await linkage.GetAsync(Actor, id, ct);
            return Page();
        }
    }
}
