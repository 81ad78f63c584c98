using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Web.Features.Directory;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Associations;

public sealed class DetailsModel(AssociationService associations, KexieDbContext db) : KexiePageModel
{
    public AssociationDto Association { get; private set; } = null!;

    public AssociationDto? Parent { get; private set; }

    public string RegionName { get; private set; } = string.Empty;

    /// <summary>The member list, for managers of the association's region; null for everyone else.</summary>
    public IReadOnlyList<AssociationMemberDto>? Members { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Association = await associations.GetAsync(id, ct);
        if (Association.ParentId is { } parent)
        {
            try
            {
                Parent = await associations.GetAsync(parent, ct);
            }
            catch (NotFoundException)
            {
                Parent = null;
            }
        }

        RegionName = (await Lookups.RegionNamesAsync(db, [Association.RegionCode], ct)).GetValueOrDefault(Association.RegionCode, Association.RegionCode);
        if (Actor.Manages(Association.RegionCode))
        {
            Members = await associations.MembersAsync(Actor, id, ct);
        }

        return Page();
    }
}
