using Kexie.Domain.Identity;

namespace Kexie.Web.Features.Workbench;

/// <summary>
/// A feature's items for 我的工作台, registered by the feature's module (<c>services.AddScoped&lt;IWorkItemSource, X&gt;()</c>):
/// <see cref="WorkbenchService"/> adds <see cref="CountAsync"/> to its section's count and lists <see cref="ItemsAsync"/> with the rest
/// (it names the regions and orders them). A source lists only what the caller may act on.
/// </summary>
public interface IWorkItemSource
{
    /// <summary>The section whose count <see cref="CountAsync"/> adds to.</summary>
    WorkSection Section { get; }

    /// <summary>
    /// Whether the caller can have items here at all (a role, a permission, a linked worker: no database read). The workbench asks
    /// <see cref="CountAsync"/> and <see cref="ItemsAsync"/> only when it holds, so a source sends no query that can find nothing.
    /// </summary>
    bool AppliesTo(Actor actor);

    /// <summary>How many items wait for the caller (COUNT queries only; it feeds the navigation badge).</summary>
    Task<int> CountAsync(Actor actor, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// The same count as a query, one row per item counted (<c>Select(_ =&gt; 1)</c>): the workbench counts it inside its one
    /// counts statement (a scalar subquery, with the built-in sections and the unread notifications) instead of a round trip
    /// of <see cref="CountAsync"/> on every signed-in page (issue 16, perf20). Null (the default) where the count is not one
    /// query; <see cref="CountAsync"/> is then asked.
    /// </summary>
    IQueryable<int>? CountQuery(Actor actor, DateTimeOffset now) => null;

    /// <summary>The items themselves (<see cref="WorkbenchService.Item"/> builds one), at most <see cref="WorkbenchService.PerSection"/>.</summary>
    Task<IReadOnlyList<WorkItemDto>> ItemsAsync(Actor actor, DateTimeOffset now, CancellationToken ct);
}
