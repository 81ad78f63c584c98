using Kexie.Data;
using Kexie.Web.Features.SignUp;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Admin;

/// <summary>短信发件箱: what the platform sent by text message (the development sender's only destination).</summary>
public sealed class TextMessagesModel(TextMessageOutbox outbox, KexieDbContext db) : KexiePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Phone { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNumber { get; set; }

    public PagedResult<TextMessageDto> Result { get; private set; } = new([], 0, 1, 20);

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Admin/TextMessages", new Dictionary<string, string?> { ["phone"] = Phone });

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Can(Kexie.Web.Features.Admin.AdminPermissions.ManageUsers))
        {
            return ForbiddenPage("只有科协管理员可以查看短信发件箱");
        }

        Result = await outbox.ListAsync(Actor, Phone, PageNumber, 20, ct);
        RegionNames = await Lookups.RegionNamesAsync(db, Result.Items.Where(m => m.RegionCode != null).Select(m => m.RegionCode!), ct);
        return Page();
    }
}
