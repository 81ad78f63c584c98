using Kexie.Domain.Common;
using Kexie.Domain.Dictionaries;
using Kexie.Domain.Identity;
using Kexie.Web.Features.Dictionaries;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Admin;

/// <summary>数据字典: every signed-in user reads the lists; the platform admin adds entries and edits order, state and synonyms.</summary>
public sealed class DictionariesModel(DictionaryService dictionaries) : KexiePageModel
{
    public sealed class EntryInput
    {
        public string? Code { get; set; }

        public string? Name { get; set; }

        public string? Sort { get; set; }

        public bool Enabled { get; set; } = true;

        public string? Synonyms { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty]
    public EntryInput Input { get; set; } = new();

    public IReadOnlyList<DictionaryTypeDto> Types { get; private set; } = [];

    public DictionaryDto? Dictionary { get; private set; }

    public bool CanEdit => Can(Kexie.Web.Features.Dictionaries.DictionaryPermissions.Manage);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Dictionary is null ? NotFoundPage("没有这个数据字典") : Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(DictionaryPermissions), nameof(DictionaryPermissions.Manage))]
    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        try
        {
            var added = await dictionaries.AddAsync(Actor, Type ?? DictionaryTypes.Education,
                new DictionaryEntryRequest(Input.Code, Input.Name, ParseInt(Input.Sort, "sort", "排序"), Input.Enabled, SynonymList(Input.Synonyms)), ct);
            Notice = $"已新增“{added.Name}”";
            return RedirectToPage(new { type = Type });
        }
        catch (DomainValidationException e)
        {
            AddError<EntryInput>(e);
        }
        catch (AccessDeniedException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
        }

        await LoadAsync(ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(DictionaryPermissions), nameof(DictionaryPermissions.Manage))]
    public async Task<IActionResult> OnPostUpdateAsync(CancellationToken ct)
    {
        try
        {
            var saved = await dictionaries.UpdateAsync(Actor, Type ?? DictionaryTypes.Education, Input.Code ?? string.Empty,
                new DictionaryEntryUpdate(ParseInt(Input.Sort, "sort", "排序"), Input.Enabled, SynonymList(Input.Synonyms) ?? []), ct);
            Notice = $"已保存“{saved.Name}”";
            return RedirectToPage(new { type = Type });
        }
        catch (DomainValidationException e)
        {
            Alert = e.Message;
        }
        catch (Exception e) when (e is AccessDeniedException or NotFoundException)
        {
            Alert = e.Message;
        }

        return RedirectToPage(new { type = Type });
    }

    private static List<string>? SynonymList(string? text) => string.IsNullOrWhiteSpace(text) ? null : [text];

    private async Task LoadAsync(CancellationToken ct)
    {
        Types = await dictionaries.TypesAsync(ct);
        Type = DictionaryTypes.Find(Type)?.Type ?? (string.IsNullOrEmpty(Type) ? DictionaryTypes.Education : null);
        Dictionary = Type is null ? null : await dictionaries.GetAsync(Type, ct);
    }
}
