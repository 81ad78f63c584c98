using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Talent;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Experts;

/// <summary>专家库: the public list of experts; admins of a region also see its withdrawn ones, and withdraw or reinstate.</summary>
public sealed class IndexModel(ExpertService experts, KexieDbContext db) : KexiePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public ExpertLevel? Level { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNumber { get; set; }

    public PagedResult<ExpertDto> Result { get; private set; } = new([], 0, 1, 20);

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Experts", new Dictionary<string, string?> { ["q"] = Q, ["region"] = Region, ["level"] = Level?.ToString() });

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await experts.ListAsync(Actor, Q, Region, Level, null, PageNumber, 20, ct);
        RegionNames = await Lookups.RegionNamesAsync(db, Result.Items.Select(e => e.RegionCode), ct);
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Talent.TalentPermissions), nameof(Kexie.Web.Features.Talent.TalentPermissions.ManageExperts))]
    public Task<IActionResult> OnPostWithdrawAsync(Guid id, string? reason, CancellationToken ct) =>
        ChangeAsync(async () => $"“{(await experts.WithdrawAsync(Actor, id, reason, ct)).Name}”已退出专家库");

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Talent.TalentPermissions), nameof(Kexie.Web.Features.Talent.TalentPermissions.ManageExperts))]
    public Task<IActionResult> OnPostReinstateAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(async () => $"“{(await experts.ReinstateAsync(Actor, id, ct)).Name}”已重新入库");

    private async Task<IActionResult> ChangeAsync(Func<Task<string>> change)
    {
        try
        {
            Notice = await change();
        }
        catch (Exception e) when (e is InvalidTransitionException or DomainValidationException or AccessDeniedException)
        {
            Alert = e.Message;
        }

        return RedirectToPage(new { q = Q, region = Region, level = Level, p = PageNumber });
    }
}
