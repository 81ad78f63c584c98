using Kexie.Web.Features.Popularization;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Stations;

/// <summary>The asker's own page (their link, no account): their question, the staff's answers, and a follow-up form.</summary>
public sealed class ThreadModel(EStationInteractionService interaction) : MarketPageModel
{
    public QuestionDto Question { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        Question = await interaction.ThreadAsync(key, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.UseEStations))]
    public async Task<IActionResult> OnPostAsync(string key, string? text, CancellationToken ct)
    {
        await interaction.FollowUpAsync(key, new MessageRequest(text), ct);
        return BackWithNotice("已追问，等待工作人员答复");
    }
}
