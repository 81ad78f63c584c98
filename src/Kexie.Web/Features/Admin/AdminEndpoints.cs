using Kexie.Data;
using Kexie.Domain.Auditing;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Regions;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Admin;

public sealed record UserDto(string Id, string UserName, string DisplayName, UserRole Role, string RoleName, string RegionCode, bool LockedOut, DateTimeOffset CreatedAt);

public sealed record CreateUserRequest(string? UserName, string? DisplayName, string? Password, UserRole Role, string? RegionCode, Guid? ScienceWorkerId, Guid? OrganizationId);

/// <summary>Accounts and the audit log, each limited to the admin's region subtree.</summary>
public static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdmin(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("账号管理").RequireAuthorization();
        users.MapGet("/", ListUsers);
        users.MapPost("/", CreateUser).RequirePermission(AdminPermissions.ManageUsers);

        api.MapGet("/permissions", ListPermissions).WithTags("账号管理").RequireAuthorization()
            .WithSummary("权限目录：各功能的权限、默认持有的角色（含部署设置的调整），以及当前用户是否持有");

        api.MapGet("/audit", ListAudit).WithTags("审计日志").RequireAuthorization()
            .WithSummary("审计日志：本地区（含下级）的写操作，新的在前（entityType 按对象类型、entityId 按记录筛选，from/to 为北京时间日期）");
        api.MapSecurityLogs();
        return api;
    }

    public static async Task<Ok<PagedResult<UserDto>>> ListUsers(HttpContext http, UserAdminService s, string? q, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), q, page, pageSize, ct));

    public static async Task<Created<UserDto>> CreateUser(HttpContext http, UserAdminService s, CreateUserRequest body)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body);
        return TypedResults.Created($"/api/v1/users/{created.Id}", created);
    }

    public static async Task<Ok<PagedResult<AuditEntry>>> ListAudit(HttpContext http, AuditQueries q, string? entityType, string? entityId, string? from, string? to, int? page, int? pageSize, CancellationToken ct)
    {
        var (first, last) = QueryDay.Range(from, to);
        return TypedResults.Ok(await q.ListAsync(http.User.ToActor(), new AuditFilter(entityType, entityId, first, last), page, pageSize, ct));
    }

    /// <summary>The permission catalogue as the deployment grants it, with the caller's own holdings marked.</summary>
    public static Ok<IReadOnlyList<PermissionDto>> ListPermissions(HttpContext http, Kexie.Domain.Authorization.AccessPolicy policy)
    {
        var actor = http.User.ToActor();
        IReadOnlyList<PermissionDto> list = policy.Grants.All
            .Select(p => new PermissionDto(
                p.Name,
                p.DisplayName,
                p.Feature,
                p.Scope.ToString(),
                Enum.GetValues<UserRole>().Where(r => policy.Grants.Holds(r, p)).Select(r => r.Chinese()).ToList(),
                policy.Can(actor, p)))
            .ToList();
        return TypedResults.Ok(list);
    }
}

/// <summary>One permission: its stable name, what people call it, its feature, how far it reaches, who holds it, and whether the caller does.</summary>
public sealed record PermissionDto(string Name, string DisplayName, string Feature, string Scope, IReadOnlyList<string> Roles, bool Held);

public sealed class UserAdminService(UserManager<AppUser> users, Kexie.Domain.Authorization.AccessPolicy policy)
{
    public async Task<PagedResult<UserDto>> ListAsync(Actor actor, string? q, int? page, int? pageSize, CancellationToken ct = default)
    {
        var scope = RequireAdmin(actor);
        var paging = PageRequest.Of(page, pageSize);
        var query = users.Users.AsNoTracking().Where(u => RegionScope.Within(u.RegionCode, scope));
        if (!string.IsNullOrWhiteSpace(q))
        {
            query = query.Where(u => u.UserName!.Contains(q) || u.DisplayName.Contains(q));
        }

        var total = await query.CountAsync(ct);
        var list = await query.OrderBy(u => u.RegionCode).ThenBy(u => u.UserName).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var now = DateTimeOffset.UtcNow;
        return new PagedResult<UserDto>(list.Select(u => ToDto(u, now)).ToList(), total, paging.Page, paging.PageSize);
    }

    public async Task<UserDto> CreateAsync(Actor actor, CreateUserRequest request)
    {
        RequireAdmin(actor);
        var region = request.Role == UserRole.PlatformAdmin ? RegionCode.Country : RegionCode.Validate(request.RegionCode, "regionCode");
        if (!Enum.IsDefined(request.Role))
        {
            throw new DomainValidationException("role", "角色取值不正确");
        }

        if (request.Role == UserRole.PlatformAdmin && !policy.Can(actor, AdminPermissions.ManageUsers, RegionCode.Country))
        {
            throw new AccessDeniedException("只有平台管理员可以创建平台管理员");
        }

        if (!actor.Manages(region))
        {
            throw new AccessDeniedException("只能为本地区（含下级）创建账号");
        }

        var user = new AppUser
        {
            UserName = Guard.Required(request.UserName, "userName", "用户名", 50),
            DisplayName = Guard.Required(request.DisplayName, "displayName", "姓名", 50),
            Role = request.Role,
            RegionCode = region,
            ScienceWorkerId = request.ScienceWorkerId,
            OrganizationId = request.OrganizationId,
            EmailConfirmed = true,
        };
        var result = await users.CreateAsync(user, request.Password ?? string.Empty);
        if (!result.Succeeded)
        {
            var error = result.Errors.First();
            var field = error.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "userName";
            throw new DomainValidationException(field, error.Description);
        }

        return ToDto(user, DateTimeOffset.UtcNow);
    }

    private string RequireAdmin(Actor actor) =>
        policy.Can(actor, AdminPermissions.ManageUsers) && actor.ManagedScope is { } scope ? scope : throw new AccessDeniedException("只有科协管理员可以管理账号");

    private static UserDto ToDto(AppUser u, DateTimeOffset now) =>
        new(u.Id, u.UserName!, u.DisplayName, u.Role, u.Role.Chinese(), u.RegionCode, u.LockoutEnd > now, u.CreatedAt);
}

/// <summary>What the audit log is filtered by: a kind of record, one record, China dates (both days included).</summary>
public sealed record AuditFilter(string? EntityType = null, string? EntityId = null, DateOnly? From = null, DateOnly? To = null);

public sealed class AuditQueries(KexieDbContext db, Kexie.Domain.Authorization.AccessPolicy policy)
{
    public async Task<PagedResult<AuditEntry>> ListAsync(Actor actor, AuditFilter filter, int? page, int? pageSize, CancellationToken ct = default)
    {
        if (!policy.Can(actor, AdminPermissions.ReadLogs) || actor.ManagedScope is not { } scope)
        {
            throw new AccessDeniedException("只有科协管理员可以查看审计日志");
        }

        var paging = PageRequest.Of(page, pageSize);
        var query = db.AuditEntries.AsNoTracking().Where(a => a.RegionCode != null && RegionScope.Within(a.RegionCode, scope));
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(a => a.EntityType == filter.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityId))
        {
            query = query.Where(a => a.EntityId == filter.EntityId);
        }

        var (start, end) = Kexie.Web.Features.Market.MarketSupport.ChinaPeriod(filter.From, filter.To);
        if (start is { } s)
        {
            query = query.Where(a => a.At >= s);
        }

        if (end is { } e)
        {
            query = query.Where(a => a.At < e);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedResult<AuditEntry>(items, total, paging.Page, paging.PageSize);
    }
}
