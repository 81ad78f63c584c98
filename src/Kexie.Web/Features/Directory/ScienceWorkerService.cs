using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Directory;

public sealed record ScienceWorkerFilter(
    string? Q = null,
    string? Region = null,
    string? Discipline = null,
    Gender? Gender = null,
    int? Page = null,
    int? PageSize = null,
    [property: System.ComponentModel.Description("翻页游标：上一页回应的 nextCursor；给出时从游标之后取一页，不再按 page 跳过")] string? After = null,
    [property: System.ComponentModel.Description("向前翻页游标：本页回应的 previousCursor；给出时取游标之前的一页（上一页）")] string? Before = null);

/// <summary>
/// A science worker as an actor may see it: managers of its region, and the worker, see everything;
/// everyone else sees a public profile without phone or birth year.
/// </summary>
public sealed record ScienceWorkerDto(
    Guid Id,
    string Name,
    Gender Gender,
    int? BirthYear,
    string? Employer,
    string? Title,
    IReadOnlyList<string> DisciplineCodes,
    string? Education,
    string? PoliticalStatus,
    string? Phone,
    string RegionCode,
    bool IsPublicProfile,
    DateTimeOffset UpdatedAt)
{
    public static ScienceWorkerDto From(ScienceWorker w, bool full) => new(
        w.Id, w.Name, w.Gender, full ? w.BirthYear : null, w.Employer, w.Title, w.DisciplineCodes,
        full ? w.Education : null, full ? w.PoliticalStatus : null, full ? w.Phone : null, w.RegionCode, w.IsPublicProfile, w.UpdatedAt);
}

public sealed record ScienceWorkerRequest(
    string? Name,
    Gender Gender,
    int? BirthYear,
    string? Employer,
    string? Title,
    List<string>? DisciplineCodes,
    string? Education,
    string? PoliticalStatus,
    string? Phone,
    string? RegionCode,
    bool IsPublicProfile)
{
    public ScienceWorkerData ToData() => new(Name, Gender, BirthYear, Employer, Title, DisciplineCodes, Education, PoliticalStatus, Phone, RegionCode, IsPublicProfile);
}

/// <summary>Registering, finding and managing science workers, within the actor's role and region.</summary>
public sealed class ScienceWorkerService(KexieDbContext db, ReferenceCodesCache reference, DictionaryCache dictionaries, Kexie.Domain.Authorization.AccessPolicy policy)
{
    public IQueryable<ScienceWorker> Visible(Actor actor)
    {
        return db.ScienceWorkers.AsNoTracking().Where(Kexie.Domain.Authorization.DirectoryAccess.WorkersVisibleTo(actor));
    }

    public IQueryable<ScienceWorker> Filter(Actor actor, ScienceWorkerFilter filter)
    {
        var query = Visible(actor);
        if (!string.IsNullOrWhiteSpace(filter.Region))
        {
            var region = filter.Region.Trim();
            query = query.Where(w => RegionScope.Within(w.RegionCode, region));
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            query = query.WhereAnyContains(db.Provider, filter.Q.Trim(), w => w.Name, w => w.Employer, w => w.Title);
        }

        if (!string.IsNullOrWhiteSpace(filter.Discipline))
        {
            var code = filter.Discipline.Trim();
            query = query.Where(w => w.DisciplineCodes.Any(c => c.StartsWith(code)));
        }

        if (filter.Gender is { } gender)
        {
            query = query.Where(w => w.Gender == gender);
        }

        return query;
    }

    public async Task<PagedResult<ScienceWorkerDto>> ListAsync(Actor actor, ScienceWorkerFilter filter, CancellationToken ct = default)
    {
        var page = PageRequest.Of(filter.Page, filter.PageSize);
        var query = Filter(actor, filter);
        var count = await ListCount.CountAsync(query, ct);
        var keyset = await query.PageAsync(
            KeysetOrder<ScienceWorker>.ByRegionAndName(w => w.RegionCode, w => w.Name, w => w.Id), w => w, w => KeysetPaging.CursorOf(w.RegionCode, w.Name, w.Id),
            ListCursor.Parse(filter.After, 2), ListCursor.Parse(filter.Before, 2, "before"), page, ct);
        return ListCount.Page(keyset.Map(w => ScienceWorkerDto.From(w, SeesAll(actor, w))), count, page.PageSize);
    }

    public async Task<ScienceWorkerDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var worker = await Visible(actor).FirstOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("科技工作者不存在");
        return ScienceWorkerDto.From(worker, SeesAll(actor, worker));
    }

    public async Task<ScienceWorkerDto> CreateAsync(Actor actor, ScienceWorkerData data, CancellationToken ct = default)
    {
        var codes = await reference.GetAsync(db, ct);
        var worker = ScienceWorker.Create(data, codes.Disciplines.Contains, await dictionaries.GetAsync(db, ct));
        codes.RequireRegion(worker.RegionCode);
        if (!policy.Can(actor, DirectoryPermissions.RegisterOthers, worker.RegionCode))
        {
            throw new AccessDeniedException("只能登记本地区（含下级）的科技工作者");
        }

        await EnsurePhoneFree(actor, worker.Phone, null, ct);
        db.ScienceWorkers.Add(worker);
        await db.SaveChangesAsync(ct);
        return ScienceWorkerDto.From(worker, true);
    }

    public async Task<ScienceWorkerDto> UpdateAsync(Actor actor, Guid id, ScienceWorkerData data, CancellationToken ct = default)
    {
        var worker = await FindForWriteAsync(actor, id, ct);
        var codes = await reference.GetAsync(db, ct);
        worker.Update(data, codes.Disciplines.Contains, await dictionaries.GetAsync(db, ct));
        codes.RequireRegion(worker.RegionCode);
        if (actor.ScienceWorkerId != worker.Id && !policy.Can(actor, DirectoryPermissions.RegisterOthers, worker.RegionCode))
        {
            throw new AccessDeniedException("不能把科技工作者移到本地区以外");
        }

        await EnsurePhoneFree(actor, worker.Phone, worker.Id, ct);
        await db.SaveChangesAsync(ct);
        return ScienceWorkerDto.From(worker, true);
    }

    public async Task DeleteAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var worker = await FindForWriteAsync(actor, id, ct);
        if (!policy.Can(actor, DirectoryPermissions.DeleteWorkers, worker.RegionCode))
        {
            throw new AccessDeniedException("只有本地区科协管理员可以删除科技工作者");
        }

        db.ScienceWorkers.Remove(worker);
        await db.SaveChangesAsync(ct);
    }

    private async Task<ScienceWorker> FindForWriteAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var worker = await db.ScienceWorkers.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (worker is null || !(actor.Manages(worker.RegionCode) || actor.ScienceWorkerId == id || worker.IsPublicProfile))
        {
            throw new NotFoundException("科技工作者不存在");
        }

        if (actor.ScienceWorkerId != id && !policy.Can(actor, DirectoryPermissions.RegisterOthers, worker.RegionCode))
        {
            throw new AccessDeniedException("无权修改其他地区的科技工作者");
        }

        return worker;
    }

    private async Task EnsurePhoneFree(Actor actor, string phone, Guid? self, CancellationToken ct)
    {
        var holder = await db.ScienceWorkers.AsNoTracking().Where(w => w.Phone == phone && w.Id != self).Select(w => new { w.RegionCode }).FirstOrDefaultAsync(ct);
        if (holder is not null)
        {
            // A phone is unique platform-wide, so its use elsewhere cannot be hidden entirely; the answer never says where or by whom.
            throw new DomainValidationException("phone", actor.Manages(holder.RegionCode)
                ? $"手机号{phone}已被本地区另一位科技工作者登记"
                : $"手机号{phone}已被本地区以外的记录使用，不能登记；如需迁移请联系上级科协");
        }
    }

    private static bool SeesAll(Actor actor, ScienceWorker worker) => Kexie.Domain.Authorization.DirectoryAccess.SeesPrivateFields(actor, worker);
}
