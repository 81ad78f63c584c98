using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Directory;

public sealed record OrganizationFilter(
    string? Q = null,
    string? Region = null,
    OrganizationKind? Kind = null,
    string? Industry = null,
    bool? Verified = null,
    int? Page = null,
    int? PageSize = null,
    [property: System.ComponentModel.Description("翻页游标：上一页回应的 nextCursor；给出时从游标之后取一页，不再按 page 跳过")] string? After = null,
    [property: System.ComponentModel.Description("向前翻页游标：本页回应的 previousCursor；给出时取游标之前的一页（上一页）")] string? Before = null);

public sealed record OrganizationDto(
    Guid Id,
    string Name,
    OrganizationKind Kind,
    string KindName,
    string CreditCode,
    string? IndustryCode,
    string RegionCode,
    string? Address,
    string? ContactName,
    string? ContactPhone,
    bool IsVerified,
    DateTimeOffset UpdatedAt)
{
    public static OrganizationDto From(Organization o, bool full) => new(
        o.Id, o.Name, o.Kind, o.Kind.Chinese(), o.CreditCode, o.IndustryCode, o.RegionCode, o.Address,
        full ? o.ContactName : null, full ? o.ContactPhone : null, o.IsVerified, o.UpdatedAt);
}

public sealed record OrganizationRequest(string? Name, OrganizationKind Kind, string? CreditCode, string? IndustryCode, string? RegionCode, string? Address, string? ContactName, string? ContactPhone)
{
    public OrganizationData ToData() => new(Name, Kind, CreditCode, IndustryCode, RegionCode, Address, ContactName, ContactPhone);
}

/// <summary>企事业单位: public once verified; managed by the association of their region.</summary>
public sealed class OrganizationService(KexieDbContext db, ReferenceCodesCache reference, Kexie.Domain.Authorization.AccessPolicy policy)
{
    public IQueryable<Organization> Visible(Actor actor)
    {
        return db.Organizations.AsNoTracking().Where(Kexie.Domain.Authorization.DirectoryAccess.OrganizationsVisibleTo(actor));
    }

    public IQueryable<Organization> Filter(Actor actor, OrganizationFilter filter)
    {
        var query = Visible(actor);
        if (!string.IsNullOrWhiteSpace(filter.Region))
        {
            var region = filter.Region.Trim();
            query = query.Where(o => RegionScope.Within(o.RegionCode, region));
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(o => o.Name.Contains(q) || o.CreditCode == q);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(o => o.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(filter.Industry))
        {
            var industry = filter.Industry.Trim();
            query = query.Where(o => o.IndustryCode != null && o.IndustryCode.StartsWith(industry));
        }

        if (filter.Verified is { } verified)
        {
            query = query.Where(o => o.IsVerified == verified);
        }

        return query;
    }

    public async Task<PagedResult<OrganizationDto>> ListAsync(Actor actor, OrganizationFilter filter, CancellationToken ct = default)
    {
        var page = PageRequest.Of(filter.Page, filter.PageSize);
        var query = Filter(actor, filter);
        var count = await ListCount.CountAsync(query, ct);
        var keyset = await query.PageAsync(
            KeysetOrder<Organization>.ByRegionAndName(o => o.RegionCode, o => o.Name, o => o.Id), o => o, o => KeysetPaging.CursorOf(o.RegionCode, o.Name, o.Id),
            ListCursor.Parse(filter.After, 2), ListCursor.Parse(filter.Before, 2, "before"), page, ct);
        return ListCount.Page(keyset.Map(o => OrganizationDto.From(o, SeesAll(actor, o))), count, page.PageSize);
    }

    public async Task<OrganizationDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var organization = await Visible(actor).FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("单位不存在");
        return OrganizationDto.From(organization, SeesAll(actor, organization));
    }

    public async Task<OrganizationDto> CreateAsync(Actor actor, OrganizationData data, CancellationToken ct = default)
    {
        var codes = await reference.GetAsync(db, ct);
        var organization = Organization.Create(data, codes.Industries.Contains);
        codes.RequireRegion(organization.RegionCode);
        if (!policy.Can(actor, DirectoryPermissions.RegisterOthers, organization.RegionCode))
        {
            throw new AccessDeniedException("只能登记本地区（含下级）的单位");
        }

        await EnsureCreditCodeFree(organization.CreditCode, null, ct);
        db.Organizations.Add(organization);
        await db.SaveChangesAsync(ct);
        return OrganizationDto.From(organization, true);
    }

    public async Task<OrganizationDto> UpdateAsync(Actor actor, Guid id, OrganizationData data, CancellationToken ct = default)
    {
        var organization = await FindForWriteAsync(actor, id, ct);
        var codes = await reference.GetAsync(db, ct);
        organization.Update(data, codes.Industries.Contains);
        codes.RequireRegion(organization.RegionCode);
        if (actor.OrganizationId != organization.Id && !policy.Can(actor, DirectoryPermissions.RegisterOthers, organization.RegionCode))
        {
            throw new AccessDeniedException("不能把单位移到本地区以外");
        }

        await EnsureCreditCodeFree(organization.CreditCode, organization.Id, ct);
        await db.SaveChangesAsync(ct);
        return OrganizationDto.From(organization, true);
    }

    public async Task<OrganizationDto> VerifyAsync(Actor actor, Guid id, bool verified, CancellationToken ct = default)
    {
        var organization = await FindForWriteAsync(actor, id, ct);
        if (!policy.Can(actor, DirectoryPermissions.ReviewOrganizations, organization.RegionCode))
        {
            throw new AccessDeniedException("只有本地区科协管理员可以审核单位");
        }

        organization.Verify(verified);
        await db.SaveChangesAsync(ct);
        return OrganizationDto.From(organization, true);
    }

    public async Task DeleteAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var organization = await FindForWriteAsync(actor, id, ct);
        if (!policy.Can(actor, DirectoryPermissions.ReviewOrganizations, organization.RegionCode))
        {
            throw new AccessDeniedException("只有本地区科协管理员可以删除单位");
        }

        db.Organizations.Remove(organization);
        await db.SaveChangesAsync(ct);
    }

    private async Task<Organization> FindForWriteAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organization is null || !(actor.Manages(organization.RegionCode) || actor.OrganizationId == id || organization.IsVerified))
        {
            throw new NotFoundException("单位不存在");
        }

        if (actor.OrganizationId != id && !policy.Can(actor, DirectoryPermissions.RegisterOthers, organization.RegionCode))
        {
            throw new AccessDeniedException("无权修改其他地区的单位");
        }

        return organization;
    }

    private async Task EnsureCreditCodeFree(string creditCode, Guid? self, CancellationToken ct)
    {
        if (await db.Organizations.AnyAsync(o => o.CreditCode == creditCode && o.Id != self, ct))
        {
            throw new DomainValidationException("creditCode", $"统一社会信用代码{creditCode}已被其他单位登记");
        }
    }

    private static bool SeesAll(Actor actor, Organization organization) => actor.Manages(organization.RegionCode) || actor.OrganizationId == organization.Id;
}
