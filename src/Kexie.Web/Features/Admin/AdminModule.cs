using Kexie.Domain.Authorization;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Admin;

/// <summary>Accounts, the audit trail, the permission catalogue, the login and operation logs.</summary>
public sealed class AdminModule : IFeatureModule
{
    public IReadOnlyList<Permission> Permissions => AdminPermissions.All;

    /// <summary>
    /// One entry for whoever reads the region's logs: admins land on 账号管理, an auditor (who manages no account) on the
    /// operation log; the tabs show only the pages the reader may open.
    /// </summary>
    public IReadOnlyList<NavEntry> Navigation => [new("系统管理", "/Admin", 130, AdminPermissions.ReadLogs, Active: "/Admin")];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddKexieSecurityLogs();
        services.AddScoped<UserAdminService>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<AuditPresenter>();

        // 审计员's 我的工作台: the region's recent writes and what deserves an auditor's eye (one period per request).
        services.AddScoped<OversightWindow>();
        services.AddScoped<Workbench.IWorkItemSource, RecentChangesWorkItems>();
        services.AddScoped<Workbench.IWorkItemSource, OrderAmountWorkItems>();
        services.AddScoped<Workbench.IWorkItemSource, WithdrawnAfterPublicationWorkItems>();
        services.AddScoped<Workbench.IWorkItemSource, DeletionWorkItems>();
        services.AddScoped<Workbench.IWorkItemSource, AccountChangeWorkItems>();
        services.AddScoped<Workbench.IWorkItemSource, FailedSignInWorkItems>();
    }

    public void MapEndpoints(RouteGroupBuilder api) => api.MapAdmin();
}
