using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Web.Features.ThinkTank;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.ThinkTank;

/// <summary>建言献策: the viewer's own proposals (or the region's, for managers) and the form to submit one.</summary>
[Authorize]
public sealed class ProposalsModel(ProposalService proposals, KexieDbContext db) : MarketPageModel
{
    public sealed class ProposalInput
    {
        public string? Title { get; set; }
        public string? Content { get; set; }
        public string? ProposerName { get; set; }
        public string? ProposerOrganization { get; set; }
        public string? RegionCode { get; set; }
    }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }
    [BindProperty] public ProposalInput Input { get; set; } = new();

    public PagedResult<ProposalDto> Result { get; private set; } = new([], 0, 1, 20);

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/ThinkTank/Proposals", new Dictionary<string, string?> { ["q"] = Q });

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.RegionCode ??= Actor.RegionCode.Length >= 2 && Actor.RegionCode != "-" ? Actor.RegionCode : null;
        Input.ProposerName ??= User.FindFirst(Kexie.Web.Infrastructure.KexieClaims.DisplayName)?.Value;
        await LoadAsync(ct);
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.ThinkTank.ThinkTankPermissions), nameof(Kexie.Web.Features.ThinkTank.ThinkTankPermissions.SubmitProposals))]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var p = await proposals.SubmitAsync(Actor, new ProposalRequest(Input.Title, Input.Content, Input.ProposerName, Input.ProposerOrganization, Input.RegionCode), ct);
            Notice = $"已提交建言“{p.Title}”";
            return Redirect($"/ThinkTank/Proposals/{p.Id}");
        }
        catch (DomainValidationException e)
        {
            AddError<ProposalInput>(e);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Result = await proposals.ListAsync(Actor, null, null, Q, PageNumber, 20, ct);
        RegionNames = await Lookups.RegionNamesAsync(db, Result.Items.Select(i => i.RegionCode), ct);
    }
}
