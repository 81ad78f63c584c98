using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Directory;

public sealed record AssociationDto(Guid Id, string Name, AssociationKind Kind, string KindName, string RegionCode, Guid? ParentId, string? CreditCode, DateOnly? EstablishedOn, int MemberCount);

public sealed record AssociationMemberDto(Guid Id, Guid? ScienceWorkerId, Guid? OrganizationId, string MemberName, MemberRole Role, DateOnly JoinedOn);

public sealed record AssociationRequest(string? Name, AssociationKind Kind, string? RegionCode, Guid? ParentId, string? CreditCode, DateOnly? EstablishedOn)
{
    public AssociationData ToData() => new(Name, Kind, RegionCode, ParentId, CreditCode, EstablishedOn);
}

/// <summary>An association offered in a pick list (e.g. the parent of another).</summary>
public sealed record AssociationOption(Guid Id, string Name, AssociationKind Kind, string KindName, string RegionCode);

/// <summary>A science worker or organization that an admin may add as a member; <c>IsMember</c> when already in.</summary>
public sealed record MemberCandidateDto(Guid Id, bool IsOrganization, string Name, string? Detail, string RegionCode, bool IsMember);

public sealed record AddMemberRequest(Guid? ScienceWorkerId, Guid? OrganizationId, MemberRole Role, DateOnly? JoinedOn);

/// <summary>科协, 学会, 协会, 农技协 and enterprise/park/university 科协: public; members visible to managers.</summary>
public sealed class AssociationService(KexieDbContext db, ReferenceCodesCache reference, Parties parties, Kexie.Domain.Authorization.AccessPolicy policy)
{
    public async Task<PagedResult<AssociationDto>> ListAsync(string? q, string? region, AssociationKind? kind, int? page, int? pageSize, CancellationToken ct = default)
    {
        var paging = PageRequest.Of(page, pageSize);
        var query = db.Associations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(region))
        {
            var code = region.Trim();
            query = query.Where(a => RegionScope.Within(a.RegionCode, code));
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(a => a.Name.Contains(text));
        }

        if (kind is { } k)
        {
            query = query.Where(a => a.Kind == k);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(a => a.RegionCode).ThenBy(a => a.Kind).ThenBy(a => a.Name)
            .Skip(paging.Skip).Take(paging.PageSize)
            .Select(a => new { a, Count = a.Members.Count })
            .ToListAsync(ct);
        return new PagedResult<AssociationDto>(items.Select(x => ToDto(x.a, x.Count)).ToList(), total, paging.Page, paging.PageSize);
    }

    public async Task<AssociationDto> GetAsync(Guid id, CancellationToken ct = default)
    {
        var association = await db.Associations.AsNoTracking().Include(a => a.Members).FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw new NotFoundException("组织不存在");
        return ToDto(association, association.Members.Count);
    }

    public async Task<IReadOnlyList<AssociationMemberDto>> MembersAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var association = await db.Associations.AsNoTracking().Include(a => a.Members).FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw new NotFoundException("组织不存在");
        if (!policy.Can(actor, DirectoryPermissions.RegisterOthers, association.RegionCode))
        {
            throw new AccessDeniedException("只有本地区管理人员可以查看会员名单");
        }

        var workerIds = association.Members.Where(m => m.ScienceWorkerId != null).Select(m => m.ScienceWorkerId!.Value).ToList();
        var orgIds = association.Members.Where(m => m.OrganizationId != null).Select(m => m.OrganizationId!.Value).ToList();
        var workers = await db.ScienceWorkers.Where(w => workerIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var orgs = await db.Organizations.Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return association.Members
            .Select(m => new AssociationMemberDto(m.Id, m.ScienceWorkerId, m.OrganizationId,
                m.ScienceWorkerId is { } w ? workers.GetValueOrDefault(w, "?") : orgs.GetValueOrDefault(m.OrganizationId!.Value, "?"), m.Role, m.JoinedOn))
            .OrderByDescending(m => m.Role).ThenBy(m => m.MemberName)
            .ToList();
    }

    /// <summary>Read-only: the associations in the actor's managed subtree, for pick lists (at most <paramref name="max"/>).</summary>
    public async Task<IReadOnlyList<AssociationOption>> InScopeAsync(Actor actor, int max = 500, CancellationToken ct = default)
    {
        if (actor.ManagedScope is not { } scope)
        {
            return [];
        }

        var items = await db.Associations.AsNoTracking()
            .Where(a => RegionScope.Within(a.RegionCode, scope))
            .OrderBy(a => a.RegionCode).ThenBy(a => a.Kind).ThenBy(a => a.Name)
            .Take(Math.Clamp(max, 1, 2000))
            .Select(a => new { a.Id, a.Name, a.Kind, a.RegionCode })
            .ToListAsync(ct);
        return items.Select(a => new AssociationOption(a.Id, a.Name, a.Kind, a.Kind.Chinese(), a.RegionCode)).ToList();
    }

    /// <summary>
    /// Read-only: science workers (by name or phone) or organizations (by name or credit code) in the
    /// actor's managed subtree that could join the association; admins of its region only.
    /// </summary>
    public async Task<IReadOnlyList<MemberCandidateDto>> MemberCandidatesAsync(Actor actor, Guid id, string? q, bool organizations, int max = 20, CancellationToken ct = default)
    {
        var association = await db.Associations.AsNoTracking().Include(a => a.Members).FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw new NotFoundException("组织不存在");
        if (!policy.Can(actor, DirectoryPermissions.ManageAssociations, association.RegionCode) || actor.ManagedScope is not { } scope)
        {
            throw new AccessDeniedException("只有本地区科协管理员可以管理该组织的会员");
        }

        if (string.IsNullOrWhiteSpace(q))
        {
            return [];
        }

        var text = q.Trim();
        var take = Math.Clamp(max, 1, 100);
        if (organizations)
        {
            var code = text.ToUpperInvariant();
            var memberOrgs = association.Members.Where(m => m.OrganizationId != null).Select(m => m.OrganizationId!.Value).ToHashSet();
            var orgs = await db.Organizations.AsNoTracking()
                .Where(o => RegionScope.Within(o.RegionCode, scope) && (o.Name.Contains(text) || o.CreditCode == code))
                .OrderBy(o => o.Name).ThenBy(o => o.Id).Take(take)
                .Select(o => new { o.Id, o.Name, o.CreditCode, o.Kind, o.RegionCode })
                .ToListAsync(ct);
            return orgs.Select(o => new MemberCandidateDto(o.Id, true, o.Name, $"{o.Kind.Chinese()} · {o.CreditCode}", o.RegionCode, memberOrgs.Contains(o.Id))).ToList();
        }

        var phone = text.Replace("-", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        var byPhone = phone.Length >= 4 && phone.All(char.IsAsciiDigit);
        var memberWorkers = association.Members.Where(m => m.ScienceWorkerId != null).Select(m => m.ScienceWorkerId!.Value).ToHashSet();
        var workers = await db.ScienceWorkers.AsNoTracking()
            .Where(w => RegionScope.Within(w.RegionCode, scope) && (w.Name.Contains(text) || (byPhone && w.Phone.Contains(phone))))
            .OrderBy(w => w.Name).ThenBy(w => w.Id).Take(take)
            .Select(w => new { w.Id, w.Name, w.Employer, w.Title, w.Phone, w.RegionCode })
            .ToListAsync(ct);
        return workers.Select(w => new MemberCandidateDto(
                w.Id, false, w.Name, string.Join(" · ", new[] { w.Employer, w.Title, w.Phone }.Where(x => !string.IsNullOrEmpty(x))), w.RegionCode, memberWorkers.Contains(w.Id)))
            .ToList();
    }

    public async Task<AssociationDto> CreateAsync(Actor actor, AssociationData data, CancellationToken ct = default)
    {
        var association = Association.Create(data);
        await CheckAsync(actor, association, ct);
        db.Associations.Add(association);
        await db.SaveChangesAsync(ct);
        return ToDto(association, 0);
    }

    public async Task<AssociationDto> UpdateAsync(Actor actor, Guid id, AssociationData data, CancellationToken ct = default)
    {
        var association = await FindForAdminAsync(actor, id, ct);
        association.Update(data);
        await CheckAsync(actor, association, ct);
        await db.SaveChangesAsync(ct);
        return ToDto(association, association.Members.Count);
    }

    public async Task<AssociationMemberDto> AddMemberAsync(Actor actor, Guid id, AddMemberRequest request, CancellationToken ct = default)
    {
        var association = await FindForAdminAsync(actor, id, ct);
        string name;
        if (request.ScienceWorkerId is { } workerId)
        {
            // Through the caller's visibility: a private profile of another region reads as unknown, and its name is never returned.
            name = (await parties.WorkerAsync(actor, workerId, "scienceWorkerId", "科技工作者", ct)).Name;
        }
        else if (request.OrganizationId is { } orgId)
        {
            name = (await parties.OrganizationAsync(actor, orgId, "organizationId", "单位", ct)).Name;
        }
        else
        {
            throw new DomainValidationException("member", "请指定科技工作者或单位");
        }

        var member = association.AddMember(request.ScienceWorkerId, request.OrganizationId, request.Role, request.JoinedOn ?? DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // A concurrent add of the same member committed first: the unique index decided, answer as the domain would.
            throw new InvalidTransitionException("该会员已在本组织中");
        }

        return new AssociationMemberDto(member.Id, member.ScienceWorkerId, member.OrganizationId, name, member.Role, member.JoinedOn);
    }

    public async Task RemoveMemberAsync(Actor actor, Guid id, Guid memberId, CancellationToken ct = default)
    {
        var association = await FindForAdminAsync(actor, id, ct);
        association.RemoveMember(memberId);
        await db.SaveChangesAsync(ct);
    }

    private async Task<Association> FindForAdminAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var association = await db.Associations.Include(a => a.Members).FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw new NotFoundException("组织不存在");
        if (!policy.Can(actor, DirectoryPermissions.ManageAssociations, association.RegionCode))
        {
            throw new AccessDeniedException("只有本地区科协管理员可以管理该组织");
        }

        return association;
    }

    private async Task CheckAsync(Actor actor, Association association, CancellationToken ct)
    {
        var codes = await reference.GetAsync(db, ct);
        codes.RequireRegion(association.RegionCode);
        if (!policy.Can(actor, DirectoryPermissions.ManageAssociations, association.RegionCode))
        {
            throw new AccessDeniedException("只能管理本地区（含下级）的组织");
        }

        if (association.ParentId is { } parent && !await db.Associations.AnyAsync(a => a.Id == parent, ct))
        {
            throw new DomainValidationException("parentId", "上级组织不存在");
        }
    }

    private static AssociationDto ToDto(Association a, int members) =>
        new(a.Id, a.Name, a.Kind, a.Kind.Chinese(), a.RegionCode, a.ParentId, a.CreditCode, a.EstablishedOn, members);
}
