using Kexie.Domain.Common;
using Kexie.Web.Features.SignUp;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Account;

/// <summary>邀请同事: the organization's administrator invites colleagues by phone.</summary>
public sealed class InvitationsModel(Invitations invitations) : KexiePageModel
{
    [BindProperty]
    public string? Phone { get; set; }

    public string OrganizationName { get; private set; } = string.Empty;

    public IReadOnlyList<InvitationDto> Items { get; private set; } = [];

    public InvitationDto? Created { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    [RequiresPermission(typeof(SignUpPermissions), nameof(SignUpPermissions.InviteColleagues))]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            Created = await invitations.CreateAsync(Actor, new InvitationRequest(Phone), ct);
            Phone = null;
            ModelState.Clear();
        }
        catch (DomainValidationException e)
        {
            ModelState.AddModelError(nameof(Phone), e.Message);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        OrganizationName = (await invitations.AdministeredAsync(Actor, ct)).Name;
        Items = await invitations.ListAsync(Actor, ct);
    }
}
