using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Directory;
using Kexie.Web.Features.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Talent;

/// <param name="OrganizationIds">签约的企业或单位 (of the directory, as the caller sees it).</param>
/// <param name="ExpertWorkerIds">合作专家 (science workers the caller sees).</param>
public sealed record CooperationAgreementRequest(
    string? Subject, DateOnly? SignedOn, IReadOnlyList<Guid>? OrganizationIds, IReadOnlyList<Guid>? ExpertWorkerIds = null, string? Institution = null, decimal? AmountWan = null)
{
    public CooperationAgreementData ToData() => new(Subject, SignedOn, Institution, AmountWan);
}

public sealed record CooperationAgreementDto(
    Guid Id, Guid WorkstationId, string Subject, DateOnly SignedOn, string OrganizationNames, IReadOnlyList<string> ExpertNames, int Experts, string? Institution, decimal? AmountWan);

/// <summary>
/// 产学研合作协议 under a 产学研合作项目: the project's managers record each agreement with its parties — organizations and experts
/// resolved through what the caller may see (<see cref="Parties"/>; a record the caller cannot see reads as missing), or an institution
/// named in words. Counted with the projects in <see cref="WorkstationService.StatisticsAsync"/> ("产学研合作项目7个、合作协议286份").
/// </summary>
public sealed class CooperationService(KexieDbContext db, Parties parties)
{
    public const int Listed = 100;

    public async Task<CooperationAgreementDto> SignAsync(Actor actor, Guid workstationId, CooperationAgreementRequest r, CancellationToken ct = default)
    {
        var project = await db.Workstations.InScope(actor).FirstOrDefaultAsync(w => w.Id == workstationId, ct) ?? throw new NotFoundException("记录不存在");
        project.RequireManager(actor);
        var organizations = new List<AgreementParty>();
        foreach (var id in (r.OrganizationIds ?? []).Where(o => o != Guid.Empty).Distinct().Take(CooperationAgreement.MaxParties + 1))
        {
            var found = await parties.OrganizationAsync(actor, id, "organizationIds", "所选单位", ct);
            organizations.Add(new AgreementParty(found.Id, found.Name));
        }

        var experts = (r.ExpertWorkerIds ?? []).Where(e => e != Guid.Empty).Distinct().ToList();
        if (!await parties.AllWorkersVisibleAsync(actor, experts, ct))
        {
            throw new DomainValidationException("expertWorkerIds", "所选专家不存在");
        }

        var agreement = CooperationAgreement.Sign(project, r.ToData(), organizations, experts, actor, MarketRules.ChinaDate(DateTimeOffset.UtcNow));
        db.CooperationAgreements.Add(agreement);
        await db.SaveChangesAsync(ct);
        return (await ToDtosAsync(actor, [agreement], ct))[0];
    }

    /// <summary>A project's agreements, newest first, expert names as the caller may see them.</summary>
    public async Task<IReadOnlyList<CooperationAgreementDto>> OfAsync(Actor actor, Guid workstationId, CancellationToken ct = default)
    {
        var rows = await db.CooperationAgreements.AsNoTracking().Where(a => a.WorkstationId == workstationId)
            .OrderByDescending(a => a.SignedOn).ThenByDescending(a => a.CreatedAt).Take(Listed).ToListAsync(ct);
        return await ToDtosAsync(actor, rows, ct);
    }

    private async Task<List<CooperationAgreementDto>> ToDtosAsync(Actor actor, IReadOnlyList<CooperationAgreement> rows, CancellationToken ct)
    {
        var ids = rows.SelectMany(r => r.ExpertWorkerIds).Distinct().ToList();
        var visible = await db.ScienceWorkers.AsNoTracking().Where(DirectoryAccess.WorkersVisibleTo(actor)).Where(w => ids.Contains(w.Id))
            .Select(w => new { w.Id, w.Name }).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        return rows.Select(a => new CooperationAgreementDto(
            a.Id, a.WorkstationId, a.Subject, a.SignedOn, a.OrganizationNames, a.ExpertWorkerIds.Where(visible.ContainsKey).Select(e => visible[e]).ToList(),
            a.ExpertWorkerIds.Length, a.Institution, a.AmountWan)).ToList();
    }
}
