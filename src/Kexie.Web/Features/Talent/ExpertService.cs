using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Talent;

public sealed record ExpertDto(
    Guid Id,
    Guid WorkerId,
    string Name,
    string? Title,
    string? Employer,
    string RegionCode,
    IReadOnlyList<string> DisciplineCodes,
    ExpertLevel Level,
    string Expertise,
    IReadOnlyList<string> ResearchDirections,
    string? Profile,
    ExpertStatus Status,
    DateOnly AdmittedOn,
    DateOnly? WithdrawnOn,
    string? WithdrawReason);

public sealed record ExpertRequest(Guid? WorkerId, ExpertLevel? Level, string? Expertise, IReadOnlyList<string>? ResearchDirections, string? Profile)
{
    public ExpertData ToData() => new(Level, Expertise, ResearchDirections, Profile);
}

/// <summary>
/// 专家库: admins admit science workers of their region as experts, edit, withdraw and reinstate them. Everyone sees
/// the experts in the database whose worker profile is public (never a phone); admins also see their region's others.
/// </summary>
public sealed class ExpertService(KexieDbContext db, Kexie.Domain.Authorization.AccessPolicy policy)
{
    public async Task<PagedResult<ExpertDto>> ListAsync(Actor actor, string? q, string? region, ExpertLevel? level, ExpertStatus? status, int? page, int? pageSize, CancellationToken ct = default)
    {
        var paging = PageRequest.Of(page, pageSize);
        var query = Visible(actor);
        if (!string.IsNullOrWhiteSpace(region))
        {
            var code = region.Trim();
            query = query.Where(x => RegionScope.Within(x.Expert.RegionCode, code));
        }

        if (level is { } l)
        {
            query = query.Where(x => x.Expert.Level == l);
        }

        if (status is { } s)
        {
            query = query.Where(x => x.Expert.Status == s);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(x => x.Worker.Name.Contains(text) || x.Expert.Expertise.Contains(text) || (x.Expert.Profile != null && x.Expert.Profile.Contains(text)));
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(x => x.Expert.Level).ThenBy(x => x.Worker.Name).ThenBy(x => x.Expert.Id)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedResult<ExpertDto>(items.Select(x => ToDto(x.Expert, x.Worker)).ToList(), total, paging.Page, paging.PageSize);
    }

    public async Task<ExpertDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var found = await Visible(actor).FirstOrDefaultAsync(x => x.Expert.Id == id, ct) ?? throw new NotFoundException("专家不存在");
        return ToDto(found.Expert, found.Worker);
    }

    public async Task<ExpertDto> AdmitAsync(Actor actor, Guid? workerId, ExpertData data, CancellationToken ct = default)
    {
        var worker = await WorkerForAdminAsync(actor, workerId, ct);
        if (await db.Experts.AnyAsync(e => e.WorkerId == worker.Id, ct))
        {
            throw new DomainValidationException("workerId", $"{worker.Name}已在专家库中（已退出的可重新入库）");
        }

        var expert = Expert.Admit(worker, data, MarketRules.ChinaDate(DateTimeOffset.UtcNow));
        db.Experts.Add(expert);
        await db.SaveChangesAsync(ct);
        return ToDto(expert, worker);
    }

    public async Task<ExpertDto> UpdateAsync(Actor actor, Guid id, ExpertData data, CancellationToken ct = default)
    {
        var (expert, worker) = await FindForAdminAsync(actor, id, ct);
        expert.Update(worker, data);
        await db.SaveChangesAsync(ct);
        return ToDto(expert, worker);
    }

    public async Task<ExpertDto> WithdrawAsync(Actor actor, Guid id, string? reason, CancellationToken ct = default)
    {
        var (expert, worker) = await FindForAdminAsync(actor, id, ct);
        expert.Withdraw(reason, MarketRules.ChinaDate(DateTimeOffset.UtcNow));
        await db.SaveChangesAsync(ct);
        return ToDto(expert, worker);
    }

    public async Task<ExpertDto> ReinstateAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var (expert, worker) = await FindForAdminAsync(actor, id, ct);
        expert.Reinstate(MarketRules.ChinaDate(DateTimeOffset.UtcNow));
        await db.SaveChangesAsync(ct);
        return ToDto(expert, worker);
    }

    /// <summary>Whether an entry is public: in the database, and its worker's profile is public.</summary>
    public static bool IsPublic(Expert expert, ScienceWorker worker) => expert.Status == ExpertStatus.Active && worker.IsPublicProfile;

    /// <summary>Entries with their workers that anyone may see (the same rule as <see cref="IsPublic"/>, in SQL).</summary>
    public static IQueryable<ExpertRow> PublicEntries(KexieDbContext db) =>
        Rows(db).Where(x => x.Expert.Status == ExpertStatus.Active && x.Worker.IsPublicProfile);

    private static IQueryable<ExpertRow> Rows(KexieDbContext db) =>
        db.Experts.AsNoTracking().Join(db.ScienceWorkers.AsNoTracking(), e => e.WorkerId, w => w.Id, (e, w) => new ExpertRow { Expert = e, Worker = w });

    private IQueryable<ExpertRow> Visible(Actor actor) => actor.ManagedScope is { } scope
        ? Rows(db).Where(x => RegionScope.Within(x.Expert.RegionCode, scope) || (x.Expert.Status == ExpertStatus.Active && x.Worker.IsPublicProfile))
        : PublicEntries(db);

    private async Task<ScienceWorker> WorkerForAdminAsync(Actor actor, Guid? workerId, CancellationToken ct)
    {
        if (workerId is not { } id || id == Guid.Empty)
        {
            throw new DomainValidationException("workerId", "请选择入库的科技工作者");
        }

        var worker = await db.ScienceWorkers.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (worker is null || !(actor.Manages(worker.RegionCode) || worker.IsPublicProfile))
        {
            throw new DomainValidationException("workerId", "科技工作者不存在");
        }

        return policy.Can(actor, TalentPermissions.ManageExperts, worker.RegionCode) ? worker : throw new AccessDeniedException("只能将本地区（含下级）的科技工作者纳入专家库");
    }

    private async Task<(Expert Expert, ScienceWorker Worker)> FindForAdminAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var expert = await db.Experts.FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException("专家不存在");
        var worker = await db.ScienceWorkers.FirstAsync(w => w.Id == expert.WorkerId, ct);
        if (!policy.Can(actor, TalentPermissions.ManageExperts, expert.RegionCode))
        {
            throw IsPublic(expert, worker) || actor.Manages(expert.RegionCode)
                ? new AccessDeniedException("只有本地区科协管理员可以管理该专家")
                : new NotFoundException("专家不存在");
        }

        return (expert, worker);
    }

    private static ExpertDto ToDto(Expert e, ScienceWorker w) =>
        new(e.Id, w.Id, w.Name, w.Title, w.Employer, e.RegionCode, w.DisciplineCodes, e.Level, e.Expertise, e.ResearchDirections, e.Profile, e.Status, e.AdmittedOn, e.WithdrawnOn, e.WithdrawReason);

}

/// <summary>A 专家库 entry with its worker.</summary>
public sealed class ExpertRow
{
    public required Expert Expert { get; init; }

    public required ScienceWorker Worker { get; init; }
}
