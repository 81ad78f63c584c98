using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Directory;
using Kexie.Domain.Indicators;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Indicators;

/// <summary>A statistic the work reports print that is counted straight from records (not an indicator): its one definition.</summary>
public sealed record ReportStatistic(string Code, string Name, string Unit, string Definition);

/// <summary>The record-counted statistics of a region for a report period (see <see cref="ReportStatistics.Catalogue"/>).</summary>
public sealed record ResourceStatistics(int Societies, int RuralTechAssociations, int Agencies, int Experts, long ServedPeople, int Trainings, int ProposalsSubmitted = 0)
{
    public bool Any => Societies + RuralTechAssociations + Agencies + Experts + ServedPeople + Trainings + ProposalsSubmitted > 0;
}

/// <summary>
/// 自身建设与服务资源 statistics of the seed reports ("共发展学会54个", "引进15家第三方机构入驻", "436名专家入库", "接待咨询、上门服务
/// 800余人次", "业务培训会…20余场次") counted from the directory, the expert database and the service centre's tickets.
/// </summary>
public sealed class ReportStatistics(KexieDbContext db)
{
    public static IReadOnlyList<ReportStatistic> Catalogue { get; } =
    [
        new("R01", "学会、协会", "个", "截至截止日在本地区（含下级）登记的学会、协会、研究会（名录，不含科协、企业/园区/高校科协和农技协）"),
        new("R02", "农村专业技术协会", "个", "截至截止日在本地区（含下级）登记的农技协"),
        new("R03", "入驻第三方服务机构", "家", "截至截止日已入驻（入驻日期不晚于截止日）且当前未暂停的第三方服务机构"),
        new("R04", "专家库入库专家", "名", "截至截止日入库且未退出的专家"),
        new("R05", "服务中心接待咨询、上门服务", "人次", "统计期内服务单中咨询、走访的服务人次（登记了参加人数的按人数，否则每单1人次）"),
        new("R06", "服务中心组织培训", "场次", "统计期内服务单中的培训场次"),
        new("R07", "报送建言献策", "条", "统计期内在本地区（含下级）提交的建言献策，不论是否采纳（采纳的另计为 D02，按采纳日）"),
    ];

    public async Task<ResourceStatistics> ComputeAsync(string regionCode, DayRange range, CancellationToken ct)
    {
        var prefix = regionCode;
        var end = ChinaTime.StartOf(range.Last.AddDays(1));
        var associations = await db.Associations.AsNoTracking()
            .Where(a => RegionScope.Within(a.RegionCode, prefix) && a.CreatedAt < end && (a.Kind == AssociationKind.Society || a.Kind == AssociationKind.Association || a.Kind == AssociationKind.RuralTechAssociation))
            .GroupBy(a => a.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);
        var agencies = await db.ServiceAgencies.AsNoTracking()
            .CountAsync(a => RegionScope.Within(a.RegionCode, prefix) && a.Status == AgencyStatus.Admitted && a.AdmittedOn != null && a.AdmittedOn <= range.Last, ct);
        var experts = await db.Experts.AsNoTracking()
            .CountAsync(e => RegionScope.Within(e.RegionCode, prefix) && e.AdmittedOn <= range.Last && (e.Status == ExpertStatus.Active || (e.WithdrawnOn != null && e.WithdrawnOn > range.Last)), ct);
        var tickets = db.ServiceTickets.AsNoTracking().Where(t => RegionScope.Within(t.RegionCode, prefix) && t.ServedOn >= range.First && t.ServedOn <= range.Last);
        var served = await tickets.Where(t => t.Kind == ServiceTicketKind.Consultation || t.Kind == ServiceTicketKind.Visit).SumAsync(t => (long?)(t.ParticipantCount ?? 1), ct) ?? 0;
        var trainings = await tickets.CountAsync(t => t.Kind == ServiceTicketKind.Training, ct);
        var start = ChinaTime.StartOf(range.First);
        var proposals = await db.Proposals.AsNoTracking().CountAsync(p => RegionScope.Within(p.RegionCode, prefix) && p.CreatedAt >= start && p.CreatedAt < end, ct);
        int Of(AssociationKind kind) => associations.Where(a => a.Kind == kind).Sum(a => a.Count);
        return new ResourceStatistics(Of(AssociationKind.Society) + Of(AssociationKind.Association), Of(AssociationKind.RuralTechAssociation), agencies, experts, served, trainings, proposals);
    }
}
