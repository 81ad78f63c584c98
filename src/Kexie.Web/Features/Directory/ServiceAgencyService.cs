using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Directory;

public sealed record ServiceAgencyDto(Guid Id, string Name, string CreditCode, string ServiceScope, string RegionCode, string? ContactName, string? ContactPhone, AgencyStatus Status, DateOnly? AdmittedOn);

public sealed record ServiceAgencyRequest(string? Name, string? CreditCode, string? ServiceScope, string? RegionCode, string? ContactName, string? ContactPhone)
{
    public ServiceAgencyData ToData() => new(Name, CreditCode, ServiceScope, RegionCode, ContactName, ContactPhone);
}

/// <summary>第三方服务机构: the public sees admitted agencies; admins admit and suspend them.</summary>
public sealed class ServiceAgencyService(KexieDbContext db, ReferenceCodesCache reference, Kexie.Domain.Authorization.AccessPolicy policy)
{
    public async Task<PagedResult<ServiceAgencyDto>> ListAsync(Actor actor, string? q, string? region, int? page, int? pageSize, CancellationToken ct = default)
    {
        var paging = PageRequest.Of(page, pageSize);
        var query = Visible(actor);
        if (!string.IsNullOrWhiteSpace(region))
        {
            var code = region.Trim();
            query = query.Where(a => RegionScope.Within(a.RegionCode, code));
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(a => a.Name.Contains(text) || a.ServiceScope.Contains(text));
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(a => a.Name).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedResult<ServiceAgencyDto>(items.Select(ToDto).ToList(), total, paging.Page, paging.PageSize);
    }

    public async Task<ServiceAgencyDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default) =>
        ToDto(await Visible(actor).FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("服务机构不存在"));

    public async Task<ServiceAgencyDto> CreateAsync(Actor actor, ServiceAgencyData data, CancellationToken ct = default)
    {
        var agency = ServiceAgency.Create(data);
        await CheckAsync(actor, agency, ct);
        db.ServiceAgencies.Add(agency);
        await db.SaveChangesAsync(ct);
        return ToDto(agency);
    }

    public async Task<ServiceAgencyDto> UpdateAsync(Actor actor, Guid id, ServiceAgencyData data, CancellationToken ct = default)
    {
        var agency = await FindForAdminAsync(actor, id, ct);
        agency.Update(data);
        await CheckAsync(actor, agency, ct);
        await db.SaveChangesAsync(ct);
        return ToDto(agency);
    }

    public async Task<ServiceAgencyDto> AdmitAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var agency = await FindForAdminAsync(actor, id, ct);
        agency.Admit(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));
        await db.SaveChangesAsync(ct);
        return ToDto(agency);
    }

    public async Task<ServiceAgencyDto> SuspendAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var agency = await FindForAdminAsync(actor, id, ct);
        agency.Suspend();
        await db.SaveChangesAsync(ct);
        return ToDto(agency);
    }

    private IQueryable<ServiceAgency> Visible(Actor actor)
    {
        var query = db.ServiceAgencies.AsNoTracking();
        return actor.ManagedScope is { } scope
            ? query.Where(a => RegionScope.Within(a.RegionCode, scope) || a.Status == AgencyStatus.Admitted)
            : query.Where(a => a.Status == AgencyStatus.Admitted);
    }

    private async Task<ServiceAgency> FindForAdminAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var agency = await db.ServiceAgencies.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("服务机构不存在");
        if (!policy.Can(actor, DirectoryPermissions.ManageAgencies, agency.RegionCode))
        {
            throw agency.Status == AgencyStatus.Admitted || actor.Manages(agency.RegionCode)
                ? new AccessDeniedException("只有本地区科协管理员可以管理该机构")
                : new NotFoundException("服务机构不存在");
        }

        return agency;
    }

    private async Task CheckAsync(Actor actor, ServiceAgency agency, CancellationToken ct)
    {
        (await reference.GetAsync(db, ct)).RequireRegion(agency.RegionCode);
        if (!policy.Can(actor, DirectoryPermissions.ManageAgencies, agency.RegionCode))
        {
            throw new AccessDeniedException("只能管理本地区（含下级）的服务机构");
        }

        if (await db.ServiceAgencies.AnyAsync(a => a.CreditCode == agency.CreditCode && a.Id != agency.Id, ct))
        {
            throw new DomainValidationException("creditCode", $"统一社会信用代码{agency.CreditCode}已被其他机构登记");
        }
    }

    private static ServiceAgencyDto ToDto(ServiceAgency a) =>
        new(a.Id, a.Name, a.CreditCode, a.ServiceScope, a.RegionCode, a.ContactName, a.ContactPhone, a.Status, a.AdmittedOn);
}
