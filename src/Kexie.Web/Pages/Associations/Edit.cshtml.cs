using System.Globalization;
using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Regions;
using Kexie.Web.Features.Directory;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Associations;

/// <summary>Creates or edits a 科协 / 学会 / 协会 / 农技协 / 企业、园区、高校科协; admins of its region only.</summary>
[Authorize]
public sealed class EditModel(AssociationService associations, KexieDbContext db) : KexiePageModel
{
    public sealed class AssociationInput
    {
        public string? Name { get; set; }

        public string? Kind { get; set; }

        public string? RegionCode { get; set; }

        public string? ParentId { get; set; }

        public string? CreditCode { get; set; }

        public string? EstablishedOn { get; set; }
    }

    [BindProperty]
    public AssociationInput Input { get; set; } = new();

    public Guid? Id { get; private set; }

    public RegionPicker Regions { get; private set; } = null!;

    public List<AssociationOption> ParentOptions { get; private set; } = [];

    /// <summary>Township "3+1" associations: shown when the kind is 科协 and the region a township (乡镇/街道).</summary>
    public bool ShowThreePlusOne => Input.Kind == nameof(AssociationKind.Kexie) && Input.RegionCode?.Trim().Length == 9;

    public async Task<IActionResult> OnGetAsync(Guid? id, Guid? parent, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var a = await associations.GetAsync(existing, ct);
            if (!Can(Kexie.Web.Features.Directory.DirectoryPermissions.ManageAssociations, a.RegionCode))
            {
                return ForbiddenPage("只有本地区科协管理员可以编辑该组织");
            }

            Input = new AssociationInput
            {
                Name = a.Name,
                Kind = a.Kind.ToString(),
                RegionCode = a.RegionCode,
                ParentId = a.ParentId?.ToString(),
                CreditCode = a.CreditCode,
                EstablishedOn = a.EstablishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
        }
        else
        {
            if (!Can(Kexie.Web.Features.Directory.DirectoryPermissions.ManageAssociations))
            {
                return ForbiddenPage("只有科协管理员可以新建组织");
            }

            var scope = Actor.ManagedScope ?? RegionCode.Country;
            var options = await associations.InScopeAsync(Actor, ct: ct);

            // A new society sits under the admin's own 科协 unless the link it came from says otherwise.
            var defaultParent = parent is { } p && options.Any(o => o.Id == p)
                ? p
                : options.FirstOrDefault(o => o.RegionCode == scope && o.Kind == AssociationKind.Kexie)?.Id;
            Input = new AssociationInput
            {
                Kind = nameof(AssociationKind.Society),
                RegionCode = scope.Length > 0 ? scope : null,
                ParentId = defaultParent?.ToString(),
            };
        }

        await LoadOptionsAsync(ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Directory.DirectoryPermissions), nameof(Kexie.Web.Features.Directory.DirectoryPermissions.ManageAssociations))]
    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is null && !Can(Kexie.Web.Features.Directory.DirectoryPermissions.ManageAssociations))
        {
            return ForbiddenPage("只有科协管理员可以新建组织");
        }

        if (id is { } current && !Can(Kexie.Web.Features.Directory.DirectoryPermissions.ManageAssociations, (await associations.GetAsync(current, ct)).RegionCode))
        {
            return ForbiddenPage("只有本地区科协管理员可以编辑该组织");
        }

        try
        {
            var data = new AssociationData(
                Input.Name,
                ParseEnum<AssociationKind>(Input.Kind, "kind", "组织类型"),
                Input.RegionCode,
                ParseGuid(Input.ParentId),
                Input.CreditCode,
                ParseDate(Input.EstablishedOn));
            var saved = id is { } existing
                ? await associations.UpdateAsync(Actor, existing, data, ct)
                : await associations.CreateAsync(Actor, data, ct);
            Notice = id is null ? $"已新建组织“{saved.Name}”" : $"已保存“{saved.Name}”的资料";
            return RedirectToPage("/Associations/Details", new { id = saved.Id });
        }
        catch (DomainValidationException e)
        {
            AddError<AssociationInput>(e);
        }
        catch (AccessDeniedException e)
        {
            // A region outside one's subtree: the form stays, with the reason next to the region.
            ModelState.AddModelError(FieldKey<AssociationInput>("regionCode"), e.Message);
        }

        await LoadOptionsAsync(ct);
        return Page();
    }

    private static Guid? ParseGuid(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : Guid.TryParse(text, out var value) ? value
        : throw new DomainValidationException("parentId", "请选择上级组织");

    private static DateOnly? ParseDate(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value
        : throw new DomainValidationException("establishedOn", $"成立日期“{text.Trim()}”不是有效的日期（格式如 2020-06-01）");

    private async Task LoadOptionsAsync(CancellationToken ct)
    {
        Regions = await RegionPicker.ForAsync(db, Actor, Input.RegionCode, ct);
        ParentOptions = (await associations.InScopeAsync(Actor, ct: ct)).Where(o => o.Id != Id).ToList();

        // Keep a parent outside the admin's subtree (a county 科协's city 科协) selectable when editing.
        if (Guid.TryParse(Input.ParentId, out var parent) && ParentOptions.All(o => o.Id != parent))
        {
            try
            {
                var p = await associations.GetAsync(parent, ct);
                ParentOptions.Insert(0, new AssociationOption(p.Id, p.Name, p.Kind, p.KindName, p.RegionCode));
            }
            catch (NotFoundException)
            {
                // A parent that no longer exists is simply not offered; the service reports it on save.
            }
        }
    }
}
