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
    Guid Id, Guid WorkstationId, string Subject, DateOnly SignedOn, string OrganizationNames, IReadOnlyList<string> ExpertNames, int Experts, string? Institution, decimal? AmountWan,
    int Version = 0);

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
        var project = await ProjectAsync(actor, workstationId, ct);
        var (organizations, experts) = await PartiesAsync(actor, r, ct);
        var agreement = CooperationAgreement.Sign(project, r.ToData(), organizations, experts, actor, MarketRules.ChinaDate(DateTimeOffset.UtcNow));
        db.CooperationAgreements.Add(agreement);
        await db.SaveChangesAsync(ct);
        return (await ToDtosAsync(actor, [agreement], ct))[0];
    }

    /// <summary>
    /// Corrects an agreement of the project (the same people who may record one); the project's counts follow. A stale
    /// <paramref name="expectedVersion"/> (<c>If-Match</c>) is refused with 409.
    /// </summary>
    public async Task<CooperationAgreementDto> AmendAsync(
        Actor actor, Guid workstationId, Guid agreementId, CooperationAgreementRequest r, int? expectedVersion = null, CancellationToken ct = default)
    {
        var project = await ProjectAsync(actor, workstationId, ct);
        var agreement = await AgreementAsync(project, agreementId, ct);
        MarketSupport.CheckVersion(agreement.Version, expectedVersion);
        var (organizations, experts) = await PartiesAsync(actor, r, ct);
        agreement.Amend(project, r.ToData(), organizations, experts, actor, MarketRules.ChinaDate(DateTimeOffset.UtcNow));
        await db.SaveChangesAsync(ct);
        return (await ToDtosAsync(actor, [agreement], ct))[0];
    }

    /// <summary>Deletes an agreement recorded in error (the same people who may record one); the project's counts follow.</summary>
    public async Task DeleteAsync(Actor actor, Guid workstationId, Guid agreementId, CancellationToken ct = default)
    {
        var project = await ProjectAsync(actor, workstationId, ct);
        var agreement = await AgreementAsync(project, agreementId, ct);
        agreement.RequireRemovable(project, actor);
        db.CooperationAgreements.Remove(agreement);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>One agreement as the caller may see it (of a project in the caller's scope), for the edit form.</summary>
    public async Task<CooperationAgreementDto> GetAsync(Actor actor, Guid workstationId, Guid agreementId, CancellationToken ct = default)
    {
        var project = await db.Workstations.AsNoTracking().InScope(actor).FirstOrDefaultAsync(w => w.Id == workstationId, ct) ?? throw new NotFoundException("记录不存在");
        var agreement = await db.CooperationAgreements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agreementId && a.WorkstationId == project.Id, ct)
            ?? throw new NotFoundException("合作协议不存在");
        return (await ToDtosAsync(actor, [agreement], ct))[0];
    }

    /// <summary>The organizations' names and the experts' ids of an agreement, for filling the edit form (names the caller may see).</summary>
    public async Task<(IReadOnlyList<string> Organizations, IReadOnlyList<string> Experts)> PartyNamesAsync(Actor actor, Guid workstationId, Guid agreementId, CancellationToken ct = default)
    {
        var project = await db.Workstations.AsNoTracking().InScope(actor).FirstOrDefaultAsync(w => w.Id == workstationId, ct) ?? throw new NotFoundException("记录不存在");
        var agreement = await db.CooperationAgreements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agreementId && a.WorkstationId == project.Id, ct)
            ?? throw new NotFoundException("合作协议不存在");
        var orgIds = agreement.OrganizationIds.ToList();
        var orgs = await db.Organizations.AsNoTracking().Where(DirectoryAccess.OrganizationsVisibleTo(actor)).Where(o => orgIds.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var workerIds = agreement.ExpertWorkerIds.ToList();
        var workers = await db.ScienceWorkers.AsNoTracking().Where(DirectoryAccess.WorkersVisibleTo(actor)).Where(w => workerIds.Contains(w.Id))
            .Select(w => new { w.Id, w.Name, w.Employer }).ToListAsync(ct);
        return (
            orgIds.Select(id => orgs.FirstOrDefault(o => o.Id == id)?.Name).OfType<string>().ToList(),
            workerIds.Select(id => workers.FirstOrDefault(w => w.Id == id)).Where(w => w is not null).Select(w => string.IsNullOrWhiteSpace(w!.Employer) ? w.Name : $"{w.Name}（{w.Employer}）").ToList());
    }

    private async Task<Workstation> ProjectAsync(Actor actor, Guid workstationId, CancellationToken ct)
    {
        var project = await db.Workstations.InScope(actor).FirstOrDefaultAsync(w => w.Id == workstationId, ct) ?? throw new NotFoundException("记录不存在");
        project.RequireManager(actor);
        return project;
    }

    private async Task<CooperationAgreement> AgreementAsync(Workstation project, Guid agreementId, CancellationToken ct) =>
        await db.CooperationAgreements.FirstOrDefaultAsync(a => a.Id == agreementId && a.WorkstationId == project.Id, ct) ?? throw new NotFoundException("合作协议不存在");

    /// <summary>The parties through what the caller may see: a record the caller cannot see reads as missing.</summary>
    private async Task<(List<AgreementParty> Organizations, List<Guid> Experts)> PartiesAsync(Actor actor, CooperationAgreementRequest r, CancellationToken ct)
    {
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

        return (organizations, experts);
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
            a.ExpertWorkerIds.Length, a.Institution, a.AmountWan, a.Version)).ToList();
    }
}
