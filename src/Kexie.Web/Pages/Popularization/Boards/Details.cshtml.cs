using Kexie.Domain.Common;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Boards;

/// <summary>
/// A 科普宣传栏 or 宣传点 with its content-refresh log; the region's admins record a refresh (under its fields when a value is bad),
/// upload its photo (the error next to the file input) or remove a mistaken one.
/// </summary>
public sealed class DetailsModel(ScienceBoardService boards) : MarketPageModel
{
    public sealed class RefreshInput
    {
        public string? Day { get; set; }
        public string? Topic { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty] public RefreshInput Input { get; set; } = new();

    public ScienceBoardDetailsDto Details { get; private set; } = null!;

    public bool IsManager => Details.Board.Actions.Count > 0;

    public bool MayRefresh => Details.Board.Actions.Contains(ScienceBoardService.Refresh);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Details = await boards.GetAsync(Actor, id, ct);
        Input = new RefreshInput { Day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd") };
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageBoards))]
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var saved = await boards.RecordRefreshAsync(Actor, id, new ScienceBoardRefreshRequest(ParseDate(Input.Day, "day", "更新日期"), Input.Topic, Input.Note), ct);
            Notice = $"已登记 {saved.Day:yyyy-MM-dd} 的内容更新：{saved.Topic}";
            return Redirect($"/Popularization/Boards/Details/{id}");
        }
        catch (DomainValidationException e)
        {
            AddError<RefreshInput>(e);
        }

        Details = await boards.GetAsync(Actor, id, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageBoards))]
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid refreshId, CancellationToken ct)
    {
        await boards.DeleteRefreshAsync(Actor, id, refreshId, ct);
        return BackWithNotice("已删除该内容更新记录");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageBoards))]
    public Task<IActionResult> OnPostPhotoAsync(Guid id, Guid refreshId, IFormFile? file, CancellationToken ct) =>
        UploadAndBackAsync(refreshId, $"/Popularization/Boards/Details/{id}", () => boards.AttachPhotoAsync(Actor, id, refreshId, file, ct), "已上传照片");

    /// <summary>The upload error waiting for <paramref name="refreshId"/>'s file input, if any.</summary>
    public string? PhotoError(Guid refreshId) => UploadError(refreshId);
}
