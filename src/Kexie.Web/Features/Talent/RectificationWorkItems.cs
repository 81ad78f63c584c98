using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Workbench;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Talent;

/// <summary>
/// 清理整顿 on the society's 我的工作台 (<see cref="IWorkItemSource"/>, registered by <see cref="TalentModule"/>): for the 会长/副会长 of a
/// society under 整顿 (<see cref="InspectionService.LeadsQuery"/>), one item per open 整顿 whose 整改报告 is not submitted or was returned,
/// due on the 整改期限 (overdue after it), to the society's page; gone once the report is submitted (until it is returned) or the 整顿 has
/// its result. Nobody else sees these.
/// </summary>
public sealed class RectificationWorkItems(KexieDbContext db) : IWorkItemSource
{
    public WorkSection Section => WorkSection.Linkage;

    public bool AppliesTo(Actor actor) => actor.ScienceWorkerId is not null;

    public Task<int> CountAsync(Actor actor, DateTimeOffset now, CancellationToken ct) => Open(actor).CountAsync(ct);

    public IQueryable<int> CountQuery(Actor actor, DateTimeOffset now) => Open(actor).Select(_ => 1);

    public async Task<IReadOnlyList<WorkItemDto>> ItemsAsync(Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var today = MarketRules.ChinaDate(now);
        var rows = await Open(actor).OrderBy(x => x.RectifyBy).ThenBy(x => x.Id).Take(WorkbenchService.PerSection)
            .Select(x => new { x.AssociationName, x.RegionCode, x.Year, x.Basis, x.RectifyBy, x.CreatedAt, x.ReportStatus, x.ReportReturnReason }).ToListAsync(ct);
        return [.. rows.Select(x =>
        {
            var due = new DateTimeOffset(x.RectifyBy.ToDateTime(new TimeOnly(23, 59)), MarketRules.ChinaOffset);
            var note = x.ReportStatus == RectificationReportStatus.Returned
                ? $"整改报告已退回（{x.ReportReturnReason}），请修改后于{x.RectifyBy:yyyy-MM-dd}前重新提交"
                : $"因{x.Year}年度{x.Basis.Chinese()}被列入清理整顿，请于{x.RectifyBy:yyyy-MM-dd}前提交整改报告";
            return WorkbenchService.Item(WorkSection.Linkage, "清理整顿整改", x.AssociationName, x.RegionCode, due, x.CreatedAt, x.RectifyBy < today, note, "/Talent/Organizations/Mine");
        })];
    }

    /// <summary>Open 整顿 of the societies the actor leads, awaiting their report.</summary>
    private IQueryable<Rectification> Open(Actor actor)
    {
        var led = InspectionService.LeadsQuery(db, actor).Select(m => m.AssociationId);
        return db.Rectifications.AsNoTracking().Where(x => led.Contains(x.AssociationId) && x.Status == RectificationStatus.UnderRectification
            && (x.ReportStatus == RectificationReportStatus.None || x.ReportStatus == RectificationReportStatus.Returned));
    }
}

/// <summary>
/// 整改报告 waiting for the 科协 (<c>talent.societies.rectify</c>) on 我的工作台: one item per submitted report of a society in the caller's
/// region, to the society's file, gone once accepted or returned.
/// </summary>
public sealed class RectificationReviewWorkItems(KexieDbContext db, AccessPolicy policy) : IWorkItemSource
{
    public WorkSection Section => WorkSection.Review;

    public bool AppliesTo(Actor actor) => actor.ManagedScope is { } scope && policy.Can(actor, TalentPermissions.RectifySocieties, scope);

    public Task<int> CountAsync(Actor actor, DateTimeOffset now, CancellationToken ct) => Waiting(actor).CountAsync(ct);

    public IQueryable<int> CountQuery(Actor actor, DateTimeOffset now) => Waiting(actor).Select(_ => 1);

    public async Task<IReadOnlyList<WorkItemDto>> ItemsAsync(Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await Waiting(actor).OrderBy(x => x.RectifyBy).ThenBy(x => x.Id).Take(WorkbenchService.PerSection)
            .Select(x => new { x.AssociationId, x.AssociationName, x.RegionCode, x.RectifyBy, x.UpdatedAt }).ToListAsync(ct);
        return [.. rows.Select(x => WorkbenchService.Item(WorkSection.Review, "待审核的整改报告", x.AssociationName, x.RegionCode, null, x.UpdatedAt, false,
            $"清理整顿整改报告已提交（整改期限{x.RectifyBy:yyyy-MM-dd}），请通过或退回", $"/Talent/Organizations/Details/{x.AssociationId}"))];
    }

    private IQueryable<Rectification> Waiting(Actor actor)
    {
        return db.Rectifications.AsNoTracking().InScope(actor)
            .Where(x => x.Status == RectificationStatus.UnderRectification && x.ReportStatus == RectificationReportStatus.Submitted);
    }
}
