using System.Globalization;
using Kexie.Data;
using Kexie.Data.Security;
using Kexie.Domain.Auditing;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Web.Features.Workbench;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Admin;

/// <summary>
/// The period an overseer's 我的工作台 looks at (one per request, shared by its sources): since the reader's previous successful
/// sign-in (what changed since they last looked), at least the last day and at most the last <see cref="MaxDays"/> days; the
/// last <see cref="FirstDays"/> days when the login log holds no earlier sign-in.
/// </summary>
public sealed class OversightWindow(KexieDbContext db, AccessPolicy policy)
{
    public const int FirstDays = 7;

    public const int MaxDays = 30;

    private (string UserId, DateTimeOffset Since)? known;

    /// <summary>
    /// Whether the reader has an overseer's workbench: the catalogue's <see cref="AdminPermissions.Oversee"/>, and
    /// <see cref="AdminPermissions.ReadLogs"/> for the log pages every item links to (nothing is listed that they cannot open).
    /// </summary>
    public bool AppliesTo(Actor actor) =>
        actor.UserId is not null && actor.ManagedScope is not null && policy.Can(actor, AdminPermissions.Oversee) && policy.Can(actor, AdminPermissions.ReadLogs);

    /// <summary>The reader's region subtree ("" for the whole country).</summary>
    public static string Scope(Actor actor) => actor.ManagedScope ?? throw new AccessDeniedException("只有审计员可以查看审计关注事项");

    public async Task<DateTimeOffset> SinceAsync(Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var me = actor.UserId!;
        if (known is { } k && k.UserId == me)
        {
            return k.Since;
        }

        // The latest successful sign-in is this session's; the one before it is when they last looked.
        var signIns = await db.LoginLog.AsNoTracking().Where(l => l.UserId == me && l.Outcome == LoginOutcome.Succeeded)
            .OrderByDescending(l => l.Id).Take(2).Select(l => l.At).ToListAsync(ct);
        var since = signIns.Count == 2 ? signIns[1] : now.AddDays(-FirstDays);
        since = since > now.AddDays(-1) ? now.AddDays(-1) : since < now.AddDays(-MaxDays) ? now.AddDays(-MaxDays) : since;
        known = (me, since);
        return since;
    }

    /// <summary>Audit rows of the reader's region subtree written since <paramref name="since"/>.</summary>
    public IQueryable<AuditEntry> AuditSince(Actor actor, DateTimeOffset since)
    {
        var scope = Scope(actor);
        return db.AuditEntries.AsNoTracking().Where(a => a.RegionCode != null && RegionScope.Within(a.RegionCode, scope) && a.At >= since);
    }

    /// <summary>"自 12月5日 09:30 以来" in China time.</summary>
    public static string SinceText(DateTimeOffset since) =>
        "自" + since.ToOffset(MarketRules.ChinaOffset).ToString("M月d日 HH:mm", CultureInfo.InvariantCulture) + "以来";

    /// <summary>The audit page filtered to one kind of record, from the China day of <paramref name="since"/>.</summary>
    public static string KindLink(string entityType, DateTimeOffset since) =>
        $"/Admin/Audit?entityType={Uri.EscapeDataString(entityType)}&from={since.ToOffset(MarketRules.ChinaOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>The audit page showing one record's history.</summary>
    public static string RecordLink(AuditEntry entry) =>
        $"/Admin/Audit?entityType={Uri.EscapeDataString(entry.EntityType)}&entityId={Uri.EscapeDataString(entry.EntityId)}";
}

/// <summary>
/// 近期变更 on an overseer's 我的工作台 (registered by <see cref="AdminModule"/>): the audited writes of their region since they
/// last signed in, one item per kind of record (新增、修改、删除 counted, how many people), linking to the audit log of that kind.
/// </summary>
public sealed class RecentChangesWorkItems(OversightWindow window) : IWorkItemSource
{
    public WorkSection Section => WorkSection.Changes;

    public bool AppliesTo(Actor actor) => window.AppliesTo(actor);

    public async Task<int> CountAsync(Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var since = await window.SinceAsync(actor, now, ct);
        return await window.AuditSince(actor, since).Select(a => a.EntityType).Distinct().CountAsync(ct);
    }

    public async Task<IReadOnlyList<WorkItemDto>> ItemsAsync(Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var since = await window.SinceAsync(actor, now, ct);
        // One pass over the period's rows: per kind the count of each action, the people (the platform's own writes apart)
        // and the newest row; then the newest rows' times by key (ids follow commit order; the times are read as written).
        var kinds = await window.AuditSince(actor, since)
            .GroupBy(a => a.EntityType)
            .Select(g => new
            {
                Kind = g.Key,
                Added = g.Count(a => a.Action == "Added"),
                Modified = g.Count(a => a.Action == "Modified"),
                Deleted = g.Count(a => a.Action == "Deleted"),
                People = g.Where(a => a.UserId != Actor.System.UserId).Select(a => a.UserId).Distinct().Count(),
                Latest = g.Max(a => a.Id),
            })
            .ToListAsync(ct);
        var shown = kinds
            .Select(k => new { k.Kind, k.People, k.Latest, Name = AuditPresenter.KindNames.GetValueOrDefault(k.Kind, "其他记录"), Total = k.Added + k.Modified + k.Deleted, Counts = new[] { ("Added", k.Added), ("Modified", k.Modified), ("Deleted", k.Deleted) } })
            .OrderByDescending(k => k.Total)
            .ThenBy(k => k.Name, StringComparer.Ordinal)
            .Take(WorkbenchService.PerSection)
            .ToList();
        var latest = shown.Select(k => k.Latest).ToList();
        var times = await window.AuditSince(actor, since).Where(a => latest.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.At, ct);
        return [.. shown.Select(k => WorkbenchService.Item(WorkSection.Changes, "近期变更", k.Name, null, null, times.GetValueOrDefault(k.Latest, since), false,
            $"{OversightWindow.SinceText(since)}：" + string.Join("、", k.Counts.Where(c => c.Item2 > 0).Select(c => $"{AuditPresenter.ActionName(c.Item1)}{c.Item2}条"))
                + (k.People > 0 ? $"（{k.People}人操作）" : "（系统操作）"),
            OversightWindow.KindLink(k.Kind, since)))];
    }
}

/// <summary>
/// An 审计关注 source that lists audit rows of the overseer's region and period picked by <see cref="Pick"/>, newest first, each
/// presented by <see cref="AuditPresenter"/> (records and people by name) and turned into an item by <see cref="ToItem"/>.
/// </summary>
public abstract class AuditRowWorkItems(OversightWindow window, AuditPresenter presenter) : IWorkItemSource
{
    public WorkSection Section => WorkSection.Oversight;

    public bool AppliesTo(Actor actor) => window.AppliesTo(actor);

    /// <summary>The rows this source lists (a filter the database runs).</summary>
    protected abstract IQueryable<AuditEntry> Pick(IQueryable<AuditEntry> rows);

    /// <summary>One listed row as an item.</summary>
    protected abstract WorkItemDto ToItem(AuditEntry entry, AuditRow row);

    public async Task<int> CountAsync(Actor actor, DateTimeOffset now, CancellationToken ct) =>
        await Pick(window.AuditSince(actor, await window.SinceAsync(actor, now, ct))).CountAsync(ct);

    public async Task<IReadOnlyList<WorkItemDto>> ItemsAsync(Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var entries = await Pick(window.AuditSince(actor, await window.SinceAsync(actor, now, ct))).OrderByDescending(a => a.Id).Take(WorkbenchService.PerSection).ToListAsync(ct);
        var rows = await presenter.PresentAsync(entries, actor, ct);
        return [.. entries.Zip(rows, ToItem)];
    }
}

/// <summary>
/// 合同金额 on an overseer's 我的工作台: orders of their region whose contract amount was set (签约: confirmed by a party, or
/// recorded by a manager for a contract signed offline) or changed since they last signed in, with the amount and who did it,
/// linking to the order's audit history. (An order's amount is set once, when it is agreed; a change from one amount to
/// another is shown as such should it ever be recorded.)
/// </summary>
public sealed class OrderAmountWorkItems(OversightWindow window, AuditPresenter presenter) : AuditRowWorkItems(window, presenter)
{
    private static readonly string Field = AuditPresenter.FieldNames["ContractAmount"];

    protected override IQueryable<AuditEntry> Pick(IQueryable<AuditEntry> rows) =>
        rows.Where(a => a.EntityType == "Order" && a.Action == "Modified" && a.After != null
            && a.After.Contains("\"ContractAmount\":") && !a.After.Contains("\"ContractAmount\":null"));

    protected override WorkItemDto ToItem(AuditEntry entry, AuditRow row)
    {
        var amount = row.Changes.First(c => c.Field == Field);
        var changed = amount.Before is { } before && before != "（空）";
        var note = changed ? $"合同金额由 {amount.Before} 元改为 {amount.After} 元" : $"签约，合同金额 {amount.After} 元";
        return WorkbenchService.Item(WorkSection.Oversight, changed ? "合同金额变更" : "订单签约金额", row.Record, entry.RegionCode, null, entry.At, false,
            $"{note}，操作人：{row.Who}", OversightWindow.RecordLink(entry));
    }
}

/// <summary>
/// 发布后撤回 on an overseer's 我的工作台: needs, offers, fair projects and science content of their region that were published
/// (approved) and then withdrawn since they last signed in — the way a published record is changed after its approval.
/// </summary>
public sealed class WithdrawnAfterPublicationWorkItems(OversightWindow window, AuditPresenter presenter) : AuditRowWorkItems(window, presenter)
{
    private static readonly string[] Reviewed = ["Need", "Offer", "FairProject", "ScienceContent"];

    private static readonly string WasPublished = $"\"Status\":{(int)ReviewStatus.Published}";

    private static readonly string NowWithdrawn = $"\"Status\":{(int)ReviewStatus.Withdrawn}";

    protected override IQueryable<AuditEntry> Pick(IQueryable<AuditEntry> rows) =>
        rows.Where(a => Reviewed.Contains(a.EntityType) && a.Action == "Modified" && a.Before != null && a.After != null
            && a.Before.Contains(WasPublished) && a.After.Contains(NowWithdrawn));

    protected override WorkItemDto ToItem(AuditEntry entry, AuditRow row) => WorkbenchService.Item(WorkSection.Oversight, "发布后撤回", row.Record, entry.RegionCode, null, entry.At, false,
        $"已发布的{row.Kind}被撤回（可修改后重新提交），操作人：{row.Who}", OversightWindow.RecordLink(entry));
}

/// <summary>
/// 删除记录 on an overseer's 我的工作台: records of their region deleted since they last signed in (accounts are under
/// <see cref="AccountChangeWorkItems"/>), by name, with who deleted them, linking to the record's audit history.
/// </summary>
public sealed class DeletionWorkItems(OversightWindow window, AuditPresenter presenter) : AuditRowWorkItems(window, presenter)
{
    protected override IQueryable<AuditEntry> Pick(IQueryable<AuditEntry> rows) => rows.Where(a => a.Action == "Deleted" && a.EntityType != "AppUser");

    protected override WorkItemDto ToItem(AuditEntry entry, AuditRow row) => WorkbenchService.Item(WorkSection.Oversight, "删除记录", row.Record, entry.RegionCode, null, entry.At, false,
        $"{row.Kind}被删除，操作人：{row.Who}", OversightWindow.RecordLink(entry));
}

/// <summary>
/// 账号与角色变更 on an overseer's 我的工作台: accounts of their region created or deleted, or whose role, region, lock (停用) or
/// links to a worker or organization changed, since they last signed in, by the account holder's name (never the login name),
/// with the change in words. The account store writes whole rows (every field in both snapshots), so the rows are compared
/// here: the newest <see cref="ScanLimit"/> account rows of the period are read once per request for both count and list.
/// </summary>
public sealed class AccountChangeWorkItems(OversightWindow window, AuditPresenter presenter) : IWorkItemSource
{
    /// <summary>Most account rows of the period compared (failed sign-ins of known accounts write one each).</summary>
    public const int ScanLimit = 2000;

    /// <summary>The account fields that change what a person may do.</summary>
    private static readonly string[] PowerFields = ["Role", "RegionCode", "LockoutEnd", "ScienceWorkerId", "OrganizationId", "IsOrganizationAdmin"];

    private (string UserId, List<AuditEntry> Rows)? read;

    public WorkSection Section => WorkSection.Oversight;

    public bool AppliesTo(Actor actor) => window.AppliesTo(actor);

    private async Task<List<AuditEntry>> ChangedAsync(Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        if (read is { } r && r.UserId == actor.UserId)
        {
            return r.Rows;
        }

        var since = await window.SinceAsync(actor, now, ct);
        var rows = await window.AuditSince(actor, since).Where(a => a.EntityType == "AppUser").OrderByDescending(a => a.Id).Take(ScanLimit).ToListAsync(ct);
        var changed = rows.Where(a => a.Action != "Modified" || ChangedFields(a).Any()).ToList();
        read = (actor.UserId!, changed);
        return changed;
    }

    /// <summary>The power fields whose value differs between the row's snapshots.</summary>
    private static IEnumerable<string> ChangedFields(AuditEntry entry)
    {
        using var before = Parse(entry.Before);
        using var after = Parse(entry.After);
        if (before is null || after is null)
        {
            yield break;
        }

        foreach (var field in PowerFields)
        {
            if (before.RootElement.TryGetProperty(field, out var b) && after.RootElement.TryGetProperty(field, out var a) && b.GetRawText() != a.GetRawText())
            {
                yield return field;
            }
        }
    }

    private static System.Text.Json.JsonDocument? Parse(string? json)
    {
        try
        {
            return json is null ? null : System.Text.Json.JsonDocument.Parse(json) is { RootElement.ValueKind: System.Text.Json.JsonValueKind.Object } d ? d : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public async Task<int> CountAsync(Actor actor, DateTimeOffset now, CancellationToken ct) => (await ChangedAsync(actor, now, ct)).Count;

    public async Task<IReadOnlyList<WorkItemDto>> ItemsAsync(Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var entries = (await ChangedAsync(actor, now, ct)).Take(WorkbenchService.PerSection).ToList();
        var rows = await presenter.PresentAsync(entries, actor, ct);
        return [.. entries.Zip(rows, (entry, row) =>
        {
            var fields = ChangedFields(entry).Select(f => AuditPresenter.FieldNames[f]).ToHashSet(StringComparer.Ordinal);
            var what = entry.Action switch
            {
                "Added" => "新建账号" + (row.Changes.FirstOrDefault(c => c.Field == AuditPresenter.FieldNames["Role"]) is { } role ? $"，角色：{role.After}" : string.Empty),
                "Deleted" => "账号被删除",
                _ => string.Join("；", row.Changes.Where(c => fields.Contains(c.Field)).Select(c => $"{c.Field}：{c.Before} → {c.After}")),
            };
            return WorkbenchService.Item(WorkSection.Oversight, "账号与角色变更", row.Record, entry.RegionCode, null, entry.At, false,
                $"{what}，操作人：{row.Who}", OversightWindow.RecordLink(entry));
        })];
    }
}

/// <summary>
/// 登录失败 on an overseer's 我的工作台: accounts of their region with failed sign-ins since they last signed in, by the account
/// holder's name, how many and why, linking to the login log filtered to that person's failures.
/// </summary>
public sealed class FailedSignInWorkItems(OversightWindow window, KexieDbContext db) : IWorkItemSource
{
    public WorkSection Section => WorkSection.Oversight;

    public bool AppliesTo(Actor actor) => window.AppliesTo(actor);

    private IQueryable<LoginLogEntry> Failures(Actor actor, DateTimeOffset since)
    {
        var scope = OversightWindow.Scope(actor);
        return db.LoginLog.AsNoTracking().Where(l => l.RegionCode != null && RegionScope.Within(l.RegionCode, scope) && l.UserId != null
            && l.Outcome != LoginOutcome.Succeeded && l.At >= since);
    }

    public async Task<int> CountAsync(Actor actor, DateTimeOffset now, CancellationToken ct) =>
        await Failures(actor, await window.SinceAsync(actor, now, ct)).Select(l => l.UserId).Distinct().CountAsync(ct);

    public async Task<IReadOnlyList<WorkItemDto>> ItemsAsync(Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var since = await window.SinceAsync(actor, now, ct);
        var failures = await Failures(actor, since)
            .GroupBy(l => new { l.UserId, l.Outcome })
            .Select(g => new { g.Key.UserId, g.Key.Outcome, Count = g.Count(), Latest = g.Max(l => l.Id) })
            .ToListAsync(ct);
        var people = failures.GroupBy(f => f.UserId!).OrderByDescending(g => g.Sum(f => f.Count)).Take(WorkbenchService.PerSection).ToList();
        var ids = people.Select(p => p.Key).ToList();
        var latest = people.Select(p => p.Max(f => f.Latest)).ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new { u.DisplayName, u.Role, u.RegionCode }, ct);
        var last = await db.LoginLog.AsNoTracking().Where(l => latest.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.At, ct);
        var from = since.ToOffset(MarketRules.ChinaOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return [.. people.Where(p => accounts.ContainsKey(p.Key)).Select(p =>
        {
            var account = accounts[p.Key];
            var name = string.IsNullOrWhiteSpace(account.DisplayName) ? account.Role.Chinese() : account.DisplayName;
            var reasons = string.Join("、", p.OrderByDescending(f => f.Count).Select(f => $"{f.Outcome.Chinese()}{f.Count}次"));
            return WorkbenchService.Item(WorkSection.Oversight, "登录失败", name, account.RegionCode, null, last.GetValueOrDefault(p.Max(f => f.Latest), since), false,
                $"{OversightWindow.SinceText(since)}登录失败{p.Sum(f => f.Count)}次（{reasons}）",
                $"/Admin/LoginLog?outcome=failure&from={from}&user={Uri.EscapeDataString(name)}");
        })];
    }
}
