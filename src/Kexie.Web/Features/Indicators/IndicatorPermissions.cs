using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;

namespace Kexie.Web.Features.Indicators;

/// <summary>Indicators (精准绩效管理): recomputation, weights, linkage tasks, the report template.</summary>
public static class IndicatorPermissions
{
    private const string Feature = "精准绩效管理";

    /// <summary>Applies the pending record changes to the indicator facts; the full re-derivation is the platform admin's alone (see IndicatorRefreshQueue).</summary>
    public static readonly Permission Refresh = new("indicators.refresh", "重算指标（全量重算仅限平台管理员）", Feature, PermissionScope.Region, Permission.Admins);
    public static readonly Permission ManageWeights = new("indicators.weights.manage", "设置指标权重", Feature, PermissionScope.Region, Permission.Admins);
    public static readonly Permission AssignLinkage = new("indicators.linkage.assign", "下达联动任务", Feature, PermissionScope.Region, Permission.Admins);
    public static readonly Permission CommentLinkage = new("indicators.linkage.comment", "反馈联动任务", Feature, PermissionScope.Region, Permission.Managers);

    /// <summary>Words the region's annual report: saves a new version of its report template.</summary>
    public static readonly Permission EditReportTemplate = new("indicators.report-template.edit", "编辑年度报告模板", Feature, PermissionScope.Region, Permission.Managers);

    /// <summary>A region's dashboards, traces to records, history and report: staff of the region and above.</summary>
    public static readonly Permission ViewDashboards = new("indicators.dashboards.view", "查看本地区绩效看板、溯源、历史与年度报告", Feature, PermissionScope.Region, Permission.Overseers);

    public static readonly IReadOnlyList<Permission> All = [ViewDashboards, Refresh, ManageWeights, AssignLinkage, CommentLinkage, EditReportTemplate];
}
