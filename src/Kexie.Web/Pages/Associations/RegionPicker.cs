using Kexie.Data;
using Kexie.Domain.Identity;
using Kexie.Domain.Regions;

namespace Kexie.Web.Pages.Associations;

/// <summary>A region offered in a form's select list, indented under the admin's own region.</summary>
public sealed record RegionChoice(string Code, string Label);

/// <summary>
/// The regions an admin may file a record under: the admin's subtree (its own region and up to two
/// levels below). A platform admin, whose subtree is the whole country, types a code instead.
/// </summary>
public sealed class RegionPicker
{
    public List<RegionChoice> Choices { get; private init; } = [];

    /// <summary>True when the subtree is too large for a list and the code is typed (with suggestions).</summary>
    public bool FreeInput { get; private init; }

    public static async Task<RegionPicker> ForAsync(KexieDbContext db, Actor actor, string? current, CancellationToken ct)
    {
        var root = actor.ManagedScope ?? Lookups.RootFor(actor);
        var options = await Lookups.RegionOptionsAsync(db, root, ct);
        var rootDepth = root.Length switch { 0 => 0, 2 => 1, 4 => 2, 6 => 3, _ => 4 };
        var choices = options.Select(o => new RegionChoice(o.Code, Label(o.Name, rootDepth))).ToList();
        var wanted = current?.Trim();
        if (!string.IsNullOrEmpty(wanted) && RegionCode.IsWellFormed(wanted) && choices.All(c => c.Code != wanted))
        {
            var names = await Lookups.RegionNamesAsync(db, [wanted], ct);
            if (names.TryGetValue(wanted, out var name))
            {
                choices.Add(new RegionChoice(wanted, name));
            }
        }

        return new RegionPicker { Choices = choices, FreeInput = root.Length == 0 };
    }

    /// <summary>"四川省 遂宁市 大英县 蓬莱镇" under 大英县 → "　蓬莱镇"; the root keeps its full name.</summary>
    private static string Label(string fullName, int rootDepth)
    {
        var parts = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length <= Math.Max(rootDepth, 1))
        {
            return fullName;
        }

        return new string('　', parts.Length - Math.Max(rootDepth, 1)) + parts[^1];
    }
}
