using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;

namespace Kexie.Web.Infrastructure;

/// <summary>Where a menu entry appears: the main menu, or beside the signed-in user's name.</summary>
public enum NavGroup
{
    Main = 1,
    User = 2,
}

/// <summary>
/// One entry of the site menu, declared by the feature module that owns the page (<see cref="IFeatureModule.Navigation"/>).
/// Shown to a user when <see cref="Permission"/> is null or the <see cref="AccessPolicy"/> allows it, and <see cref="When"/>
/// (a rule of the domain beyond the permission, e.g. “manages a region”) holds; the page itself requires the same permission,
/// so an entry never leads to a refusal. <see cref="Order"/> sorts the entries of a group; <see cref="Active"/> is the path
/// prefix that marks it current (the page's path when null). <see cref="Applies"/> asks the user's own records whether the page
/// has anything for them (a 评审 entry for an expert or someone with review assignments, 本会年检 for a society's leader), so a
/// new user is not shown personal pages that would only be empty.
/// </summary>
public sealed record NavEntry(
    string Text,
    string Page,
    int Order,
    Permission? Permission = null,
    NavGroup Group = NavGroup.Main,
    string? Id = null,
    string? Active = null,
    Func<Actor, bool>? When = null,
    Func<NavContext, Task<bool>>? Applies = null)
{
    public string ActivePrefix => Active ?? Page;
}

/// <summary>What an entry's <see cref="NavEntry.Applies"/> reads: the user and the request's services.</summary>
public sealed record NavContext(Actor Actor, IServiceProvider Services, CancellationToken CancellationToken);

/// <summary>The menu as a user sees it: every module's entries their permissions allow, in order.</summary>
public static class Navigation
{
    /// <summary>Every declared entry.</summary>
    public static IEnumerable<NavEntry> All => FeatureModules.All.SelectMany(m => m.Navigation);

    /// <summary>The entries of <paramref name="group"/> that <paramref name="actor"/> may use, in order (without asking <see cref="NavEntry.Applies"/>).</summary>
    public static IReadOnlyList<NavEntry> For(Actor actor, AccessPolicy policy, NavGroup group) =>
        All.Where(e => e.Group == group
                && (e.Permission is null || policy.Decide(actor, e.Permission) == AccessDecision.Allowed)
                && (e.When is null || e.When(actor)))
            .OrderBy(e => e.Order)
            .ToList();

    /// <summary>
    /// The menu the layout shows: the entries <paramref name="actor"/> may use (<see cref="For"/>) whose page has something for
    /// them (<see cref="NavEntry.Applies"/>, asked only once the permission allows the entry).
    /// </summary>
    public static async Task<IReadOnlyList<NavEntry>> ForAsync(Actor actor, AccessPolicy policy, NavGroup group, IServiceProvider services, CancellationToken ct = default)
    {
        var shown = new List<NavEntry>();
        foreach (var entry in For(actor, policy, group))
        {
            if (entry.Applies is null || await entry.Applies(new NavContext(actor, services, ct)))
            {
                shown.Add(entry);
            }
        }

        return shown;
    }
}
