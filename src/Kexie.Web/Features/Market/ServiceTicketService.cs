using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Market;

public sealed record ServiceTicketRequest(
    ServiceTicketKind Kind,
    Guid? TargetWorkerId,
    Guid? TargetOrganizationId,
    string? TargetText,
    DateOnly? ServedOn,
    string? RegionCode,
    int? DurationMinutes = null,
    string? Notes = null,
    int? ParticipantCount = null,
    Guid? NeedId = null);

public sealed record ServiceTicketDto(
    Guid Id, string StaffUserId, string? StaffName, ServiceTicketKind Kind, string KindName, Guid? TargetWorkerId, Guid? TargetOrganizationId,
    string? TargetText, DateOnly ServedOn, string RegionCode, int? DurationMinutes, string? Notes, int? ParticipantCount, Guid? NeedId, DateTimeOffset CreatedAt)
{
    public static ServiceTicketDto From(ServiceTicket t) => new(
        t.Id, t.StaffUserId, t.StaffName, t.Kind, t.Kind.Chinese(), t.TargetWorkerId, t.TargetOrganizationId, t.TargetText, t.ServedOn,
        t.RegionCode, t.DurationMinutes, t.Notes, t.ParticipantCount, t.NeedId, t.CreatedAt);
}

public sealed record TicketCountDto(string Key, string? Name, int Tickets, int Participants, int Minutes);

public sealed record TicketCountsDto(string RegionCode, DateOnly? From, DateOnly? To, int Total, IReadOnlyList<TicketCountDto> ByStaff, IReadOnlyList<TicketCountDto> ByRegion, IReadOnlyList<TicketCountDto> ByKind);

/// <summary>保姆式服务单: recorded by service-centre staff and admins of the region; counted per staff member, region and kind.</summary>
public sealed class ServiceTicketService(KexieDbContext db, ReferenceCodesCache reference, Kexie.Web.Features.Directory.Parties parties, AccessPolicy policy)
{
    public async Task<ServiceTicketDto> CreateAsync(Actor actor, ServiceTicketRequest r, CancellationToken ct = default)
    {
        var ticket = ServiceTicket.Create(await ToDataAsync(actor, r, ct), actor);
        (await reference.GetAsync(db, ct)).RequireRegion(ticket.RegionCode);
        db.ServiceTickets.Add(ticket);
        await db.SaveChangesAsync(ct);
        return ServiceTicketDto.From(ticket);
    }

    public async Task<ServiceTicketDto> UpdateAsync(Actor actor, Guid id, ServiceTicketRequest r, CancellationToken ct = default)
    {
        var ticket = await db.ServiceTickets.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (ticket is null || !actor.Manages(ticket.RegionCode))
        {
            throw new NotFoundException("服务单不存在");
        }

        // The recorder corrects their own ticket; another's needs market.tickets.manage on its region (the domain asks only
        // for a manager of the region, the grant says which managers).
        if (!ticket.IsRecordedBy(actor) && !policy.Can(actor, MarketPermissions.ManageTickets, ticket.RegionCode))
        {
            throw new NotPermittedException("您的角色没有“修改他人登记的服务单”的权限，只能修改本人登记的服务单");
        }

        ticket.Update(await ToDataAsync(actor, r, ct), actor);
        (await reference.GetAsync(db, ct)).RequireRegion(ticket.RegionCode);
        if (!actor.Manages(ticket.RegionCode))
        {
            throw new NotPermittedException("不能把服务单移到本地区以外");
        }

        await db.SaveChangesAsync(ct);
        return ServiceTicketDto.From(ticket);
    }

    public async Task<PagedResult<ServiceTicketDto>> ListAsync(Actor actor, string? region, string? staff, ServiceTicketKind? kind, DateOnly? from, DateOnly? to, int? page, int? pageSize, CancellationToken ct = default)
    {
        var paging = PageRequest.Of(page, pageSize);
        var query = Scoped(actor, region, from, to);
        if (!string.IsNullOrWhiteSpace(staff))
        {
            var s = staff.Trim() == "me" ? actor.UserId : staff.Trim();
            query = query.Where(t => t.StaffUserId == s);
        }

        if (kind is { } k)
        {
            query = query.Where(t => t.Kind == k);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(t => t.ServedOn).ThenByDescending(t => t.CreatedAt).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedResult<ServiceTicketDto>(items.Select(ServiceTicketDto.From).ToList(), total, paging.Page, paging.PageSize);
    }

    /// <summary>Counts per staff member, per county (or the region itself when coarser) and per kind.</summary>
    public async Task<TicketCountsDto> CountsAsync(Actor actor, string? region, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        var rows = await Scoped(actor, region, from, to)
            .Select(t => new { t.StaffUserId, t.StaffName, t.RegionCode, t.Kind, t.ParticipantCount, t.DurationMinutes })
            .ToListAsync(ct);
        static TicketCountDto Count<T>(IGrouping<string, T> g, string? name, Func<T, int?> participants, Func<T, int?> minutes) =>
            new(g.Key, name, g.Count(), g.Sum(x => participants(x) ?? 0), g.Sum(x => minutes(x) ?? 0));
        var counties = rows.Select(r => Kexie.Domain.Regions.RegionCode.CountyOf(r.RegionCode)).Distinct().ToList();
        var names = await db.Regions.AsNoTracking().Where(r => counties.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        return new TicketCountsDto(
            MarketSupport.RegionFilter(region) ?? actor.ManagedScope ?? string.Empty,
            from,
            to,
            rows.Count,
            rows.GroupBy(r => r.StaffUserId).Select(g => Count(g, g.First().StaffName, x => x.ParticipantCount, x => x.DurationMinutes)).OrderByDescending(c => c.Tickets).ThenBy(c => c.Key, StringComparer.Ordinal).ToList(),
            rows.GroupBy(r => Kexie.Domain.Regions.RegionCode.CountyOf(r.RegionCode)).Select(g => Count(g, names.GetValueOrDefault(g.Key), x => x.ParticipantCount, x => x.DurationMinutes)).OrderByDescending(c => c.Tickets).ThenBy(c => c.Key, StringComparer.Ordinal).ToList(),
            rows.GroupBy(r => r.Kind.ToString()).Select(g => Count(g, g.First().Kind.Chinese(), x => x.ParticipantCount, x => x.DurationMinutes)).OrderByDescending(c => c.Tickets).ToList());
    }

    private IQueryable<ServiceTicket> Scoped(Actor actor, string? region, DateOnly? from, DateOnly? to)
    {
        var scope = actor.ManagedScope ?? throw new AccessDeniedException("只有服务中心工作人员和科协管理员可以查看服务单");
        var code = MarketSupport.RegionFilter(region) ?? scope;
        if (!actor.Manages(code))
        {
            throw new AccessDeniedException("只能查看本地区（含下级）的服务单");
        }

        if (from is { } f && to is { } t && f > t)
        {
            throw new DomainValidationException("to", "结束日期不能早于开始日期");
        }

        var query = db.ServiceTickets.AsNoTracking().Where(x => RegionScope.Within(x.RegionCode, code));
        if (from is { } a)
        {
            query = query.Where(x => x.ServedOn >= a);
        }

        if (to is { } b)
        {
            query = query.Where(x => x.ServedOn <= b);
        }

        return query;
    }

    /// <summary>The served worker, organization and need are resolved through the caller's visibility; a ticket records a service to a party of the caller's own region.</summary>
    private async Task<ServiceTicketData> ToDataAsync(Actor actor, ServiceTicketRequest r, CancellationToken ct)
    {
        if (r.TargetWorkerId is { } w && w != Guid.Empty)
        {
            await parties.WorkerToActForAsync(actor, w, "targetWorkerId", "科技工作者", "登记服务单", ct);
        }

        if (r.TargetOrganizationId is { } o && o != Guid.Empty)
        {
            await parties.OrganizationToActForAsync(actor, o, "targetOrganizationId", "单位", "登记服务单", ct);
        }

        if (r.NeedId is { } n && n != Guid.Empty)
        {
            var need = await db.Needs.AsNoTracking().FirstOrDefaultAsync(x => x.Id == n, ct);
            if (need is null || !need.IsVisibleTo(actor))
            {
                throw new DomainValidationException("needId", "科技需求不存在");
            }
        }

        var servedOn = r.ServedOn ?? throw new DomainValidationException("servedOn", "服务日期不能为空");
        return new ServiceTicketData(r.Kind, r.TargetWorkerId, r.TargetOrganizationId, r.TargetText, servedOn, r.RegionCode, r.DurationMinutes, r.Notes, r.ParticipantCount, r.NeedId);
    }
}
