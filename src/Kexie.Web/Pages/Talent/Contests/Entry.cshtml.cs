using Kexie.Domain.Common;
using Kexie.Web.Features.Talent;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Talent.Contests;

/// <summary>
/// One contest work: title, school, authors and the review as far as the viewer may see them, and its files (研究报告、照片…):
/// the entrant uploads and deletes them before the review, those who may see the work's details download them (the assigned
/// experts from 我的大赛评审 through <see cref="OnGetDownloadAsync"/>); the public sees no files.
/// </summary>
public sealed class EntryModel(ContestService contests) : MarketPageModel
{
    public ContestEntryDto Entry { get; private set; } = null!;

    /// <summary>The files panel; null when the viewer may not see the work's details.</summary>
    public AttachmentsPanel? Files => Entry.Attachments is { } items
        ? new AttachmentsPanel(Entry.Id, items, "/Talent/Contests/Entry/" + Entry.Id, Entry.MayEditFiles, UploadError(Entry.Id))
        : null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Entry = await contests.GetEntryAsync(Actor, id, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(Guid id, Guid attachmentId, CancellationToken ct) =>
        SendFile(await contests.DownloadAsync(Actor, id, attachmentId, ct));

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.EnterContests))]
    public async Task<IActionResult> OnPostUploadAsync(Guid id, IFormFile? file, CancellationToken ct)
    {
        try
        {
            return await UploadAndBackAsync(id, "/Talent/Contests/Entry/" + id, () => contests.UploadAsync(Actor, id, file, ct));
        }
        catch (InvalidTransitionException e)
        {
            return BackWithAlert(e.Message);
        }
    }

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.EnterContests))]
    public async Task<IActionResult> OnPostDeleteAttachmentAsync(Guid id, Guid attachmentId, CancellationToken ct)
    {
        try
        {
            await contests.DeleteAttachmentAsync(Actor, id, attachmentId, ct);
            Notice = "已删除附件";
            return Redirect("/Talent/Contests/Entry/" + id);
        }
        catch (InvalidTransitionException e)
        {
            return BackWithAlert(e.Message);
        }
    }
}
