using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;

namespace Kexie.Web.Features.Popularization;

/// <summary>Science popularization (科普): contents, activities, e-stations.</summary>
public static class PopularizationPermissions
{
    private const string Feature = "科普";

    public static readonly Permission EditContents = new("popularization.contents.edit", "编写科普资源", Feature, PermissionScope.Region, Permission.Managers);
    public static readonly Permission ReviewContents = new("popularization.contents.review", "审核科普资源", Feature, PermissionScope.Region, Permission.Admins);
    public static readonly Permission ManageActivities = new("popularization.activities.manage", "组织科普活动、登记签到、确认团体报名", Feature, PermissionScope.Region, Permission.Managers);
    public static readonly Permission RegisterForActivities = new("popularization.activities.register", "报名科普活动", Feature, PermissionScope.Anyone, Permission.Everyone);
    public static readonly Permission ManageEStations = new("popularization.estations.manage", "管理科普e站及使用登记", Feature, PermissionScope.Region, Permission.Managers);

    public static readonly Permission AnswerEStationQuestions = new("popularization.estations.answer", "答复科普e站群众提问、查看订阅", Feature, PermissionScope.Region, Permission.Managers);
    public static readonly Permission PublishToEStations = new("popularization.estations.publish", "e站自助发布（只发布到本站终端）", Feature, PermissionScope.Region, Permission.Managers);
    public static readonly Permission UseEStations = new("popularization.estations.use", "在科普e站订阅主题、提问（无需登录）", Feature, PermissionScope.Anyone, Permission.Everyone);

    public static readonly Permission ManageQuizzes = new("popularization.quizzes.manage", "维护知识竞答题库（e站屏答题），发布和结束网上知识竞赛", Feature, PermissionScope.Region, Permission.Managers);
    public static readonly Permission TakeWebQuizzes = new("popularization.quizzes.take", "参加网上知识竞赛（无需登录）", Feature, PermissionScope.Anyone, Permission.Everyone);

    public static readonly Permission ManageVenues = new("popularization.venues.manage", "管理科普阵地及接待记录", Feature, PermissionScope.Region, Permission.Managers);

    public static readonly Permission ManageVolunteers = new("popularization.volunteers.manage", "管理科技志愿者、服务队并确认服务时长", Feature, PermissionScope.Region, Permission.Managers);
    public static readonly Permission JoinVolunteers = new("popularization.volunteers.join", "本人注册为科技志愿者", Feature, PermissionScope.SignedIn, [UserRole.ScienceWorker]);
    public static readonly Permission ServeAsVolunteer = new("popularization.volunteers.serve", "志愿服务签到、签退", Feature, PermissionScope.SignedIn, [.. Permission.Managers, UserRole.ScienceWorker]);

    public static readonly Permission ManageRecruitment = new("popularization.volunteers.recruit", "发布活动的志愿者招募、录用报名的志愿者", Feature, PermissionScope.Region, Permission.Managers);
    public static readonly Permission ApplyAsVolunteer = new("popularization.volunteers.apply", "报名志愿者招募、撤回报名", Feature, PermissionScope.SignedIn, [UserRole.ScienceWorker]);

    public static readonly Permission ManageLiteracy = new("popularization.literacy.manage", "登记公民科学素质调查结果和纲要目标", Feature, PermissionScope.Region, Permission.Managers);

    public static readonly Permission ManageMemberUnits = new("popularization.literacy.member-units", "管理纲要实施成员单位、分配任务和年度考核", Feature, PermissionScope.Region, Permission.Admins);

    public static readonly Permission ManageBoards = new("popularization.boards.manage", "管理科普宣传栏、宣传点及内容更新记录", Feature, PermissionScope.Region, Permission.Admins);

    public static readonly IReadOnlyList<Permission> All =
        [EditContents, ReviewContents, ManageActivities, RegisterForActivities, ManageEStations, AnswerEStationQuestions, PublishToEStations, UseEStations, ManageQuizzes, TakeWebQuizzes, ManageVenues, ManageVolunteers, JoinVolunteers, ServeAsVolunteer, ManageRecruitment, ApplyAsVolunteer, ManageLiteracy, ManageMemberUnits, ManageBoards];
}
