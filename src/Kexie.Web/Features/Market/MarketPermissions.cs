using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;

namespace Kexie.Web.Features.Market;

/// <summary>What the market (科技市场) lets people do; which records each reaches is the domain's rule (owner, party, region).</summary>
public static class MarketPermissions
{
    private const string Feature = "科技市场";

    public static readonly Permission EditOffers = new("market.offers.edit", "发布和修改科技所能", Feature, PermissionScope.SignedIn, [.. Permission.Managers, UserRole.ScienceWorker]);
    public static readonly Permission ReviewOffers = new("market.offers.review", "审核科技所能", Feature, PermissionScope.Region, Permission.Admins);
    public static readonly Permission EditNeeds = new("market.needs.edit", "发布和修改科技需求", Feature, PermissionScope.SignedIn, [.. Permission.Managers, UserRole.OrganizationMember]);
    public static readonly Permission ReviewNeeds = new("market.needs.review", "审核科技需求", Feature, PermissionScope.Region, Permission.Admins);
    public static readonly Permission HandlePlans = new("market.plans.handle", "办理一单一策", Feature, PermissionScope.Region, Permission.Managers);
    public static readonly Permission ExportJudgements = new("market.plans.judgements", "导出候选评判数据", Feature, PermissionScope.Region, Permission.Admins);
    public static readonly Permission TradeOrders = new("market.orders.trade", "询价、签约与履约", Feature, PermissionScope.SignedIn, Permission.Participants);
    public static readonly Permission ResolveOrders = new("market.orders.resolve", "调解订单纠纷", Feature, PermissionScope.Region, Permission.Admins);
    public static readonly Permission EditTickets = new("market.tickets.edit", "登记服务单", Feature, PermissionScope.Region, Permission.Managers);

    /// <summary>Correct a ticket another person recorded (the recorder corrects their own with <see cref="EditTickets"/>).</summary>
    public static readonly Permission ManageTickets = new("market.tickets.manage", "修改他人登记的服务单", Feature, PermissionScope.Region, Permission.Admins);
    public static readonly Permission ManageFairs = new("market.fairs.manage", "举办科创会", Feature, PermissionScope.Region, Permission.Admins);
    public static readonly Permission SubmitFairProjects = new("market.fairs.submit", "报送科创会项目", Feature, PermissionScope.SignedIn, Permission.Participants);
    public static readonly Permission ReviewFairProjects = new("market.fairs.review", "遴选科创会项目", Feature, PermissionScope.Region, Permission.Admins);
    public static readonly Permission EditFiles = new("market.files.edit", "上传和删除附件、合同文件", Feature, PermissionScope.SignedIn, Permission.Participants);
    public static readonly Permission EditStorefronts = new("market.storefronts.edit", "开设和管理科创工作室", Feature, PermissionScope.SignedIn, [.. Permission.Managers, UserRole.ScienceWorker]);

    /// <summary>The management view of the market: a region's unpublished needs and offers, filing and editing them for an organization or a worker of the region.</summary>
    public static readonly Permission ActForOthers = new("market.proxy", "代本地区单位和科技工作者填报、管理需求与所能（含未发布的）", Feature, PermissionScope.Region, Permission.Managers);

    /// <summary>
    /// Who a county's new 一单一策 goes to by default, and who hears that an unassigned plan is due soon: the holders at the
    /// need's county (or the nearest enclosing level). A deployment that has no service centre grants it to its admins.
    /// </summary>
    public static readonly Permission ReceivePlans = new("market.plans.receive", "默认承接本地区新的一单一策并接收到期提醒", Feature, PermissionScope.Region, [UserRole.ServiceCenterStaff]);

    /// <summary>Who is told when a county's plan passes its response deadline (督办).</summary>
    public static readonly Permission SupervisePlans = new("market.plans.supervise", "督办本地区超时未响应的一单一策（接收超期提醒）", Feature, PermissionScope.Region, Permission.Admins);

    /// <summary>
    /// The oversight view of the market, read-only: a region's 一单一策 plans, its orders and their money, its unpublished needs
    /// and offers. The region's managers hold it with their management permissions; the auditor holds it alone.
    /// </summary>
    public static readonly Permission Oversee = new("market.oversight", "查看本地区的一单一策、订单及金额、未发布的需求与所能（只读）", Feature, PermissionScope.Region, Permission.Overseers);
    public static readonly IReadOnlyList<Permission> All =
        [Oversee, ActForOthers, ReceivePlans, SupervisePlans, EditOffers, ReviewOffers, EditNeeds, ReviewNeeds, HandlePlans, ExportJudgements, TradeOrders, ResolveOrders, EditTickets, ManageTickets, ManageFairs, SubmitFairProjects, ReviewFairProjects, EditFiles, EditStorefronts];
}
