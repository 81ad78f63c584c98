using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;

namespace Kexie.Web.Features.Talent;

/// <summary>Talent: the expert database (专家库), contests (青少年科技创新大赛).</summary>
public static class TalentPermissions
{
    private const string Feature = "人才";

    public static readonly Permission ManageExperts = new("talent.experts.manage", "管理专家库", Feature, PermissionScope.Region, Permission.Admins);

    public static readonly Permission ManageContests = new("talent.contests.manage", "举办青少年科技创新大赛（设置类别、推荐名额、征集与评审阶段）", Feature, PermissionScope.Region, Permission.Admins);

    public static readonly Permission EnterContests = new("talent.contests.enter", "以学校名义报送大赛作品", Feature, PermissionScope.SignedIn, [.. Permission.Managers, UserRole.OrganizationMember]);

    public static readonly Permission ReviewContests = new("talent.contests.review", "评审大赛作品、评定奖项、推荐参加上级大赛", Feature, PermissionScope.Region, Permission.Managers);

    /// <summary>An expert of the 专家库 scores the works assigned to them (the assignment names them; see <see cref="ContestReviewService"/>).</summary>
    public static readonly Permission ScoreContests = new("talent.contests.score", "作为评审专家为指派给本人的大赛作品打分或声明回避", Feature, PermissionScope.SignedIn, Permission.Participants);

    public static readonly Permission ManageHonours = new("talent.honours.manage", "发起荣誉评选、评定入选结果", Feature, PermissionScope.Region, Permission.Admins);

    /// <summary>The call's region organizes the expert review of its nominations (评审指标, panel, 结束评审; see <see cref="HonourReviewService"/>).</summary>
    public static readonly Permission ReviewHonours = new("talent.honours.review", "组织荣誉推荐的专家评审（设置评审指标、指派评审专家、结束评审）", Feature, PermissionScope.Region, Permission.Admins);

    /// <summary>An expert of the 专家库 scores the nominations assigned to them (the assignment names them).</summary>
    public static readonly Permission ScoreHonours = new("talent.honours.score", "作为评审专家为指派给本人的荣誉推荐人选打分", Feature, PermissionScope.SignedIn, Permission.Participants);

    public static readonly Permission Nominate = new("talent.honours.nominate", "推荐本地区科技工作者或单位参加荣誉评选", Feature, PermissionScope.Region, Permission.Admins);

    /// <summary>A society's 会长/副会长 (by membership) nominates its own members to a call that takes societies' nominations.</summary>
    public static readonly Permission NominateAsUnit = new("talent.honours.nominate-as-unit", "以学会（协会）负责人身份推荐本会会员参加荣誉评选", Feature, PermissionScope.SignedIn, [UserRole.ScienceWorker, .. Permission.Admins]);

    public static readonly Permission ManageWorkstations = new("talent.workstations.manage", "登记院士(专家)工作站、科技小院、专家服务团等", Feature, PermissionScope.Region, Permission.Managers);

    public static readonly Permission ManageSurveys = new("talent.surveys.manage", "发起问卷调查（科技工作者状况调查等）、发放、查看与导出结果", Feature, PermissionScope.Region, Permission.Admins);
    /// <summary>
    /// 意见建议整理: adding a survey's topics and tagging its suggestions (topic, 已采纳, 已转交 to 建言献策) — the service centre's day-to-day
    /// work as much as the admins', unlike running the survey itself (<see cref="ManageSurveys"/>).
    /// </summary>
    public static readonly Permission TagSurveySuggestions = new("talent.surveys.suggestions.tag", "整理本地区问卷的意见建议（添加主题、归类、标记已采纳或转交建言献策）", Feature, PermissionScope.Region, Permission.Managers);

    public static readonly Permission ReadSurveyResults = new("talent.surveys.results", "查看本地区问卷的回收情况、结果与统计", Feature, PermissionScope.Region, Permission.Overseers);

    public static readonly Permission AnswerSurveys = new("talent.surveys.answer", "填写问卷", Feature, PermissionScope.Anyone, Permission.Everyone);

    public static readonly Permission ManageAssociations = new("talent.associations.manage", "管理学会与基层组织建设（年检、党建、领导班子、换届、乡镇科协覆盖）", Feature, PermissionScope.Region, Permission.Admins);

    /// <summary>学会清理整顿: putting a society whose 年检 failed or is missing under 整顿 and recording the result (整改合格, 撤销, 停止活动).</summary>
    public static readonly Permission RectifySocieties = new("talent.societies.rectify", "对年检不合格或未年检的学会（协会）开展清理整顿、登记整改结果", Feature, PermissionScope.Region, Permission.Admins);

    /// <summary>A society's own 年检: its 会长/副会长 (by membership; see <see cref="InspectionService"/>) or the region's admins on its behalf.</summary>
    public static readonly Permission SubmitInspections = new("talent.inspections.submit", "以学会（协会）负责人身份报送本会年检及材料", Feature, PermissionScope.SignedIn, [UserRole.ScienceWorker, .. Permission.Admins]);

    /// <summary>A society's activities (年会, 学术交流…): its 会长/副会长 (by membership) or the region's admins on its behalf.</summary>
    public static readonly Permission RecordSocietyActivities = new("talent.society-activities.record", "以学会（协会）负责人身份登记本会学术活动", Feature, PermissionScope.SignedIn, [UserRole.ScienceWorker, .. Permission.Admins]);

    public static readonly IReadOnlyList<Permission> All = [ReadSurveyResults, TagSurveySuggestions, ManageExperts, ManageContests, EnterContests, ReviewContests, ScoreContests, ManageHonours, ReviewHonours, ScoreHonours, Nominate, NominateAsUnit, ManageWorkstations, ManageSurveys, AnswerSurveys, ManageAssociations, RectifySocieties, SubmitInspections, RecordSocietyActivities];
}
