using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kexie.Data;
using Kexie.Domain.Auditing;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Web.Pages;
using Kexie.Web.Pages.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Admin;

/// <summary>One changed field of an audited write, in words.</summary>
public sealed record AuditChange(string Field, string? Before, string? After);

/// <summary>An audited write as an auditor reads it: who (by name), what kind of record, which record (by name), where, and the changes in Chinese.</summary>
public sealed record AuditRow(long Id, DateTimeOffset At, string Who, string Action, string Kind, string Record, string? Region, IReadOnlyList<AuditChange> Changes);

/// <summary>
/// Turns audit rows (type names, ids and JSON snapshots) into what people read: Chinese names of record kinds and fields,
/// records and people by name, codes by name, enums in Chinese. A record referenced by id is named only when the
/// reader's region scope holds it (its own audit row is in scope); otherwise it reads "其他地区的记录".
/// </summary>
public sealed partial class AuditPresenter(KexieDbContext db)
{
    /// <summary>Chinese names of the audited record kinds (every <see cref="Entity"/> and the account).</summary>
    public static readonly FrozenDictionary<string, string> KindNames = new Dictionary<string, string>
    {
        ["ScienceWorker"] = "科技工作者",
        ["Organization"] = "企事业单位",
        ["Association"] = "科协组织",
        ["ServiceAgency"] = "服务机构",
        ["AppUser"] = "账号",
        ["Expert"] = "专家",
        ["Contest"] = "青少年科技竞赛",
        ["ContestEntry"] = "大赛作品",
        ["ContestAssignment"] = "大赛专家评审指派",
        ["ContestRoundDecision"] = "大赛评审晋级决定",
        ["ExpertConflict"] = "专家长期回避声明",
        ["HonourCall"] = "荣誉评选",
        ["Nomination"] = "荣誉推荐",
        ["NominationAssignment"] = "荣誉推荐评审指派",
        ["NominationDecision"] = "荣誉评定记录",
        ["Workstation"] = "工作站与基地",
        ["WorkstationOutput"] = "工作站年度成果",
        ["Inspection"] = "年检",
        ["Rectification"] = "学会清理整顿",
        ["LeadershipPost"] = "领导职务",
        ["PartyBuilding"] = "党建",
        ["Congress"] = "换届",
        ["SocietyActivity"] = "学会活动",
        ["CooperationAgreement"] = "产学研合作协议",
        ["Survey"] = "问卷调查",
        ["SurveyQuestion"] = "问卷题目",
        ["Need"] = "科技需求",
        ["Offer"] = "科技所能",
        ["Order"] = "订单",
        ["ResponsePlan"] = "一单一策",
        ["ServiceTicket"] = "服务工单",
        ["Storefront"] = "服务门店",
        ["StoredFile"] = "附件",
        ["Fair"] = "对接会",
        ["FairProject"] = "对接会项目",
        ["ScienceContent"] = "科普内容",
        ["PopularizationActivity"] = "科普活动",
        ["ActivityParticipant"] = "活动报名",
        ["EStation"] = "科普e站",
        ["EStationUsage"] = "e站使用登记",
        ["EStationTerminal"] = "e站终端",
        ["EStationSubscription"] = "e站订阅",
        ["EStationQuestion"] = "e站群众提问",
        ["EStationDevice"] = "e站终端凭证",
        ["EStationPost"] = "e站自助发布",
        ["QuizQuestion"] = "知识竞答题目",
        ["QuizAttempt"] = "知识竞答答卷",
        ["WebQuiz"] = "网上知识竞赛",
        ["Venue"] = "科普阵地",
        ["VenueVisit"] = "接待记录",
        ["ScienceBoard"] = "科普宣传栏（宣传点）",
        ["ScienceBoardRefresh"] = "宣传栏内容更新",
        ["EventTally"] = "活动统计",
        ["EventTallyEvidence"] = "活动统计佐证材料",
        ["ActivityPartner"] = "活动合作单位",
        ["ActivitySeries"] = "活动系列",
        ["LiteracySurvey"] = "公民科学素质调查结果",
        ["LiteracyTarget"] = "科学素质纲要目标",
        ["LiteracyMemberUnit"] = "纲要实施成员单位",
        ["LiteracyMemberTask"] = "成员单位年度任务",
        ["LiteracyMemberAssessment"] = "成员单位年度考核",
        ["VolunteerTeam"] = "志愿服务队",
        ["Volunteer"] = "科技志愿者",
        ["ServiceRecord"] = "志愿服务记录",
        ["VolunteerCall"] = "志愿者招募",
        ["VolunteerApplication"] = "志愿者报名",
        ["ThinkTankCall"] = "课题征集",
        ["ThinkTankTopic"] = "智库课题",
        ["ExpertAssignment"] = "专家评审指派",
        ["Proposal"] = "建言献策",
        ["LinkageTask"] = "联动任务",
        ["WeightSet"] = "指标权重方案",
        ["ReportTemplateVersion"] = "年度报告模板",
        ["OrganizationApplication"] = "单位入驻申请",
        ["OrganizationInvitation"] = "单位邀请",
        ["DictionaryEntry"] = "字典条目",
    }.ToFrozenDictionary();

    /// <summary>Fields not shown: keys, bookkeeping and secrets.</summary>
    public static readonly FrozenSet<string> HiddenFields = new[]
    {
        "Id", "UpdatedAt", "Version", "ConcurrencyStamp", "SecurityStamp", "PasswordHash", "NormalizedUserName", "NormalizedEmail",
        "StorageKey", "Sha256", "DedupKey", "EmailAttempts", "EmailNextAttemptAt", "EmailState", "AccessFailedCount", "LockoutEnabled",
        "TwoFactorEnabled", "PhoneNumberConfirmed", "EmailConfirmed", "ContractFileRef", "UserName", "AccessKey", "TokenHash",
        "EvidenceStorageKey", "PhotoStorageKey",
    }.ToFrozenSet();

    /// <summary>Chinese names of the audited records' fields.</summary>
    public static readonly FrozenDictionary<string, string> FieldNames = new Dictionary<string, string>
    {
        ["AcceptedAt"] = "验收时间", ["ActivityId"] = "活动", ["Address"] = "地址", ["AdmittedOn"] = "入驻日期", ["AdoptedBy"] = "采纳单位",
        ["AdoptionLevel"] = "采纳级别", ["AgreedAt"] = "签约时间", ["ApplicantUserId"] = "申报人", ["ApprovedAt"] = "批准时间",
        ["AssignedByName"] = "派单人", ["AssignedByRegionCode"] = "派单地区", ["AssignedByUserId"] = "派单账号", ["AssociationId"] = "所属科协组织",
        ["AuthorOrganization"] = "作者单位", ["BirthYear"] = "出生年份", ["Body"] = "正文", ["BudgetMax"] = "预算上限（元）", ["BudgetMin"] = "预算下限（元）",
        ["BuyerOrganizationId"] = "需方单位", ["BuyerRating"] = "需方评价", ["ByName"] = "操作人", ["ByRegionCode"] = "操作地区", ["ByUserId"] = "操作账号",
        ["CallId"] = "所属课题征集", ["CallRegionCode"] = "征集地区", ["CancelReason"] = "取消原因", ["CancelledAt"] = "取消时间", ["Capacity"] = "名额",
        ["Category"] = "类别", ["CheckedInAt"] = "签到时间", ["CheckedInByUserId"] = "签到登记人", ["CloseReason"] = "关闭原因", ["ClosedAt"] = "关闭时间",
        ["Code"] = "代码", ["Comment"] = "评语", ["ConcludedAt"] = "结题时间", ["ContactName"] = "联系人", ["ContactPhone"] = "联系电话",
        ["Content"] = "内容", ["ContentType"] = "文件类型", ["ContractAmount"] = "合同金额（元）", ["CreatedAt"] = "创建时间", ["CreatedByName"] = "创建人",
        ["CreatedByUserId"] = "创建账号", ["CreditCode"] = "统一社会信用代码", ["Day"] = "日期", ["Deadline"] = "截止时间", ["DealOrderId"] = "成交订单",
        ["DecidedAt"] = "决定时间", ["DeclineReason"] = "不通过原因", ["DecisionNote"] = "决定说明", ["DeliveryStartedAt"] = "开始履约时间", ["Description"] = "描述", ["DisciplineCodes"] = "学科",
        ["DisplayName"] = "姓名", ["DisputeReason"] = "争议原因", ["DueOn"] = "完成期限", ["DurationMinutes"] = "时长（分钟）", ["Education"] = "学历",
        ["Email"] = "电子邮箱", ["Employer"] = "工作单位", ["EndsOn"] = "结束日期", ["EstablishedOn"] = "成立日期", ["ExpertName"] = "专家姓名",
        ["Expertise"] = "专长", ["Explanation"] = "说明", ["FairId"] = "所属对接会", ["FairRegionCode"] = "对接会地区", ["Field"] = "领域",
        ["FileName"] = "文件名", ["FirstRespondedAt"] = "首次响应时间", ["FullName"] = "全称", ["Gender"] = "性别", ["GroupName"] = "学校/班级名称", ["Headcount"] = "参加人数", ["HandlerName"] = "经办人",
        ["HandlerUserId"] = "经办账号", ["ImplementedModules"] = "已实现模块", ["IndustryCode"] = "行业", ["IndustryCodes"] = "行业",
        ["InitiatedBy"] = "发起方", ["Introduction"] = "简介", ["IsOpen"] = "是否开放", ["IsPublicProfile"] = "公开档案", ["IsVerified"] = "已核实",
        ["JoinedOn"] = "加入日期", ["Kind"] = "类型", ["LeaderName"] = "负责人", ["LeaderOrganization"] = "负责单位", ["Level"] = "级别",
        ["LockoutEnd"] = "停用至", ["MaturityStage"] = "成熟度", ["MemberWorkerIds"] = "成员", ["Name"] = "名称", ["NeedId"] = "科技需求",
        ["Note"] = "备注", ["Notes"] = "备注", ["OfferId"] = "科技所能", ["OfferKind"] = "所能类型", ["OpenedAt"] = "开启时间",
        ["OpenedByUserId"] = "开启人", ["Opinion"] = "意见", ["OrderId"] = "订单", ["OrganizationId"] = "单位", ["Organizer"] = "主办单位",
        ["OwnerWorkerId"] = "所属科技工作者", ["ParentId"] = "上级组织", ["ParticipantCount"] = "参与人数", ["PatentNumbers"] = "专利号",
        ["Phone"] = "手机号", ["PhoneNumber"] = "手机号", ["PoliticalStatus"] = "政治面貌", ["PriceMax"] = "价格上限（元）", ["PriceMin"] = "价格下限（元）",
        ["PriceMode"] = "报价方式", ["PriceUnit"] = "计价单位", ["Problem"] = "技术难题", ["Profile"] = "简介", ["ProposedAt"] = "提出时间",
        ["ProposedByUserId"] = "提出人", ["ProposerName"] = "建言人", ["ProposerOrganization"] = "建言人单位", ["ProviderRating"] = "供方评价",
        ["ProviderWorkerId"] = "提供者", ["PublishedAt"] = "发布时间", ["Reason"] = "原因", ["RecordedByUserId"] = "登记人",
        ["RegionCode"] = "地区", ["RegisteredByUserId"] = "报名登记人", ["ResearchDirections"] = "研究方向", ["ResponseDueAt"] = "响应期限",
        ["ResponsePlanId"] = "一单一策", ["Result"] = "结果", ["Role"] = "角色", ["ScienceWorkerId"] = "关联科技工作者", ["Score"] = "得分",
        ["ServedOn"] = "服务日期", ["ServiceScope"] = "服务范围", ["SettledAt"] = "结算时间", ["SiteKind"] = "站点类型", ["SizeBytes"] = "文件大小（字节）",
        ["StaffName"] = "服务人员", ["StaffUserId"] = "服务账号", ["Stars"] = "星级", ["StartsOn"] = "开始日期", ["StationId"] = "科普e站",
        ["Status"] = "状态", ["StatusBeforeDispute"] = "争议前状态", ["StatusReason"] = "状态说明", ["StorefrontId"] = "服务门店",
        ["SubmittedAt"] = "提交时间", ["SubmittedByUserId"] = "提交人", ["Summary"] = "摘要", ["Target"] = "目标", ["TargetId"] = "对象",
        ["TargetOrganizationId"] = "目标单位", ["TargetText"] = "目标说明", ["TargetWorkerId"] = "目标科技工作者", ["TeamName"] = "团队名称",
        ["Text"] = "内容", ["Title"] = "标题", ["TransferModes"] = "转化方式", ["UploadedAt"] = "上传时间", ["UploadedByUserId"] = "上传人",
["Venue"] = "地点", ["VideoUrl"] = "视频地址", ["Views"] = "浏览量", ["Visibility"] = "可见范围", ["Visits"] = "访问量",
        ["WeekendsOnly"] = "仅周末", ["Weight"] = "权重", ["WithdrawReason"] = "撤回原因", ["WithdrawnOn"] = "撤回日期", ["WorkerId"] = "科技工作者",
        ["Party"] = "当事方", ["System"] = "体系", ["Group"] = "分组", ["Interactions"] = "互动次数", ["Channel"] = "渠道", ["ContactedAt"] = "联系时间",
        ["ContactedName"] = "联系人", ["CandidateId"] = "候选", ["ExpertLevel"] = "专家级别", ["TargetKind"] = "对象类型", ["AccessFailedCount"] = "登录失败次数",
        ["UserId"] = "关联账号", ["IndicatorCode"] = "指标",
        ["Projects"] = "承担项目数", ["Patents"] = "获得专利数", ["Trainings"] = "培训场次", ["Trainees"] = "培训人次",
        ["Terms"] = "主要条款", ["UploadedByParty"] = "上传方", ["ApplicantName"] = "申请人", ["ApplicantPhone"] = "申请人手机号",
        ["ReturnReason"] = "退回原因", ["DecidedBy"] = "审核人", ["InvitedByUserId"] = "邀请人", ["ExpiresAt"] = "有效期至",
        ["AcceptedUserId"] = "接受邀请的账号", ["Type"] = "字典", ["Sort"] = "排序", ["Enabled"] = "启用", ["Synonyms"] = "同义词",
        ["IsOrganizationAdmin"] = "单位管理员",
        ["AccreditedBy"] = "认定单位", ["AccreditedOn"] = "认定日期", ["OpenedOn"] = "开放日期", ["VenueId"] = "科普阵地", ["Groups"] = "接待团队数",
        ["Visitors"] = "观众人次", ["Place"] = "服务地点", ["Setting"] = "服务场所", ["TargetGroup"] = "重点人群",
        ["Sessions"] = "场次", ["Participants"] = "参与人次", ["Consultations"] = "咨询人次", ["Boards"] = "展板数", ["Materials"] = "宣传资料份数",
        ["Books"] = "科普丛书册数", ["Items"] = "科普实物件数", ["SeriesId"] = "活动系列", ["TallyId"] = "活动统计",
        ["Location"] = "具体位置", ["Panels"] = "块数", ["BuiltOn"] = "建成日期", ["RetiredOn"] = "停用日期", ["Theme"] = "主题", ["Maintainer"] = "维护单位",
        ["LastRefreshedOn"] = "最近更新日期", ["BoardId"] = "科普宣传栏", ["Topic"] = "更新主题", ["PhotoFileName"] = "照片", ["PhotoContentType"] = "照片类型",
        ["PhotoSizeBytes"] = "照片大小（字节）",
        ["Rate"] = "比例", ["SampleSize"] = "样本量", ["Source"] = "调查来源", ["SurveyedOn"] = "调查日期", ["Plan"] = "规划纲要",
        ["LeftOn"] = "退出日期", ["MemberUnitId"] = "成员单位", ["CompletedOn"] = "完成日期", ["AssessedOn"] = "考核日期", ["AssessedByUserId"] = "考核人",
        ["EvidenceFileName"] = "佐证材料", ["EvidenceContentType"] = "佐证材料类型", ["EvidenceSizeBytes"] = "佐证材料大小（字节）",
        ["TeamId"] = "所属队伍", ["VolunteerId"] = "志愿者", ["SignedInAt"] = "签到时间", ["SignedOutAt"] = "签退时间", ["Minutes"] = "服务时长（分钟）",
        ["ConfirmedByUserId"] = "确认人", ["ConfirmedAt"] = "确认时间",
        ["Slots"] = "招募人数", ["Duties"] = "服务岗位", ["Skills"] = "专长要求", ["VolunteerCallId"] = "所属志愿者招募", ["DecidedByUserId"] = "录用决定人",
        ["Round"] = "评审轮次（第几轮）", ["RoundNames"] = "评审轮次设置", ["CurrentRound"] = "当前评审轮次（第几轮）", ["RoundClosed"] = "本轮评审已结束",
        ["RoundCategories"] = "按类别推进评审的类别", ["CategoryRoundNumbers"] = "各类别当前评审轮次（第几轮）", ["ClosedRoundCategories"] = "本轮评审已结束的类别",
        ["RoundName"] = "评审轮次", ["NextRoundName"] = "晋级至", ["Rule"] = "晋级规则", ["Advanced"] = "晋级作品", ["NotAdvanced"] = "未晋级作品",
        ["DecidedByName"] = "决定人", ["ReportStatus"] = "整改报告状态", ["Report"] = "整改报告", ["ReportedOn"] = "整改报告日期",
        ["ReportedByUserId"] = "整改报告报送人", ["ReportedByName"] = "整改报告报送人姓名", ["ReportReturnReason"] = "整改报告退回原因",
        ["Year"] = "年份", ["Categories"] = "作品类别", ["RecommendQuota"] = "推荐名额", ["ContestId"] = "所属大赛", ["Students"] = "学生",
        ["Teacher"] = "指导教师", ["SchoolId"] = "学校", ["SchoolName"] = "学校名称", ["Award"] = "奖项", ["SourceEntryId"] = "推荐来源作品",
        ["RecommendedEntryId"] = "推荐至上级的作品", ["SubmittedByName"] = "报送人", ["TeacherOrganization"] = "指导教师单位", ["ExpertScore"] = "专家评分", ["StageMask"] = "参赛学段", ["MaxStudentsPerEntry"] = "每件作品作者人数上限", ["OneEntryPerStudent"] = "每名学生每类限报1件", ["TeacherRequired"] = "须有指导教师", ["Stage"] = "学段", ["EntryId"] = "大赛作品", ["OrganizationName"] = "单位名称",
        ["ConferredBy"] = "颁授单位", ["Quota"] = "名额", ["NomineeName"] = "被推荐人", ["NominatedByRegionCode"] = "推荐地区",
        ["NominatedByName"] = "推荐人", ["AllowsUnitNominations"] = "接受学会（协会）推荐", ["NominatedByAssociationId"] = "推荐学会（协会）", ["NominatedByUnitName"] = "推荐学会（协会）名称", ["DecidedOn"] = "评定日期", ["HostOrganizationId"] = "依托单位",
        ["HostName"] = "依托单位名称", ["ExpertWorkerIds"] = "专家", ["FoundedOn"] = "建立日期", ["EndedOn"] = "结束日期",
        ["Distribution"] = "发放方式", ["Distributed"] = "发放份数", ["MinSeconds"] = "最短答题时间（秒）", ["SurveyId"] = "所属问卷", ["Questions"] = "题目", ["Number"] = "题号",
        ["Options"] = "选项", ["Required"] = "必答", ["ScaleMax"] = "量表最高分", ["Statistic"] = "统计项", ["ShowIfNumber"] = "显示条件（题号）",
        ["ShowIfOption"] = "显示条件（选项）", ["ExtraTopics"] = "自定意见建议主题",
        ["AssociationName"] = "组织名称", ["IndividualMembers"] = "个人会员人数", ["GroupMembers"] = "单位会员数", ["Documents"] = "报送材料",
        ["Basis"] = "整顿依据", ["Reasons"] = "整顿原因", ["OpenedByName"] = "开展整顿人", ["ConcludedOn"] = "结果日期", ["Outcome"] = "整改情况（处理意见）",
        ["ConcludedByName"] = "登记结果人", ["StartedOn"] = "开始日期", ["RectifyBy"] = "整改期限",
        ["SubmittedOn"] = "报送日期", ["PersonName"] = "姓名", ["Position"] = "本职", ["From"] = "任职日期", ["Until"] = "离任日期",
        ["InstructorName"] = "党建指导员", ["FormalMembers"] = "正式党员人数", ["Form"] = "党组织形式", ["Term"] = "届次", ["HeldOn"] = "举行日期",
        ["TermYears"] = "每届年限",
        ["PartnerUnits"] = "合作单位", ["RecordedByName"] = "登记人", ["Subject"] = "合作内容", ["SignedOn"] = "签订日期", ["OrganizationIds"] = "签约单位",
        ["OrganizationNames"] = "签约单位名称", ["Institution"] = "合作高校或科研院所", ["AmountWan"] = "合同金额（万元）", ["WorkstationId"] = "所属产学研合作项目",
        ["ExpertId"] = "评审专家", ["TopicId"] = "智库课题", ["ExpertWorkerId"] = "评审专家（科技工作者）", ["Total"] = "加权总分", ["ScoredAt"] = "评分时间",
        ["SourceTopicId"] = "推荐来源课题", ["RecommendedTopicId"] = "推荐至上级的课题", ["RecommendedAt"] = "推荐时间",
        ["SubscriberKind"] = "订阅方类型", ["SubscriberName"] = "订阅人或单位", ["Tags"] = "主题标签", ["Active"] = "有效",
        ["AskerName"] = "提问人", ["AskerPhone"] = "提问人手机号", ["PlaceKind"] = "安放场所", ["InstalledOn"] = "安装日期",
        ["Likes"] = "点赞数", ["KioskViews"] = "终端浏览次数", ["KioskLikes"] = "终端点赞次数", ["KioskQuestions"] = "终端提问次数", ["Heartbeats"] = "终端心跳次数",
        ["KioskQuizzes"] = "终端竞答次数", ["Stem"] = "题干", ["Options"] = "选项", ["Answer"] = "正确答案", ["Explanation"] = "答案解析", ["RetiredAt"] = "停用时间",
        ["Tag"] = "主题", ["Correct"] = "答对题数", ["Topics"] = "答题主题", ["DeviceId"] = "终端", ["WebQuizId"] = "网上知识竞赛", ["OpensOn"] = "开始日期", ["ClosesOn"] = "结束日期", ["PublishedByUserId"] = "发布人",
        ["IssuedByUserId"] = "发放人", ["RevokedAt"] = "撤销时间", ["LastHeartbeatAt"] = "最近心跳时间", ["WithdrawnAt"] = "撤下时间",
        ["RuleKind"] = "校验规则", ["RuleMin"] = "校验下限", ["RuleMax"] = "校验上限", ["RuleDecimals"] = "小数位数",
        ["NominationId"] = "荣誉推荐", ["ReviewClosed"] = "专家评审已结束", ["Selected"] = "是否入选", ["Rank"] = "专家评分排名",
        ["MeanScore"] = "专家平均分", ["AgainstRanking"] = "与专家评分排名不一致",
    }.ToFrozenDictionary();

    // Name before Title: a science worker's Title is their professional title.
    private static readonly string[] LabelFields = ["Name", "Title", "DisplayName", "FullName", "TeamName", "ExpertName", "FileName", "ProposerName"];

    private static readonly Lazy<FrozenDictionary<string, Type>> Types = new(() =>
        typeof(Entity).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Entity)) && !t.IsAbstract).Append(typeof(AppUser))
            .ToFrozenDictionary(t => t.Name, StringComparer.Ordinal));

    private static readonly Lazy<FrozenDictionary<Type, MethodInfo>> EnumTexts = new(FindEnumTexts);

    /// <summary>The audited record types, for the completeness test.</summary>
    public static IReadOnlyCollection<Type> AuditedTypes => Types.Value.Values;

    /// <summary>True when an enum has a Chinese text (the completeness test uses it).</summary>
    public static bool HasChineseText(Type enumType) => EnumTexts.Value.ContainsKey(enumType);

    public async Task<IReadOnlyList<AuditRow>> PresentAsync(IReadOnlyList<AuditEntry> entries, Actor reader, CancellationToken ct = default)
    {
        var snapshots = entries.Select(e => (Entry: e, Before: Parse(e.Before), After: Parse(e.After))).ToList();

        // Everything referenced by id: the records themselves and the ids in their fields.
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entry, before, after) in snapshots)
        {
            ids.Add(entry.EntityId);
            if (entry.UserId is { } user)
            {
                ids.Add(user);
            }

            foreach (var (field, value) in before.Concat(after))
            {
                foreach (var text in Strings(value))
                {
                    if (IsGuid(text))
                    {
                        ids.Add(text);
                    }
                    else if (field.EndsWith("RegionCode", StringComparison.Ordinal) || field.EndsWith("IndustryCode", StringComparison.Ordinal) || field is "IndustryCodes" or "DisciplineCodes")
                    {
                        codes.Add(text);
                    }
                }
            }

            if (entry.RegionCode is { } region)
            {
                codes.Add(region);
            }
        }

        var labels = await LabelsAsync(ids, reader, ct);
        var regionNames = await Lookups.RegionNamesAsync(db, codes, ct);
        var industryNames = await db.Industries.AsNoTracking().Where(i => codes.Contains(i.Code)).ToDictionaryAsync(i => i.Code, i => i.Name, ct);
        var disciplineNames = await Lookups.DisciplineNamesAsync(db, codes, ct);

        string Value(string type, string field, JsonElement? element)
        {
            if (element is not { } v || v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                return "（空）";
            }

            var property = Types.Value.GetValueOrDefault(type)?.GetProperty(field);
            var propertyType = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (propertyType is { IsEnum: true } && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var number))
            {
                return EnumText(propertyType, number);
            }

            if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return v.GetBoolean() ? "是" : "否";
            }

            if (v.ValueKind == JsonValueKind.Array)
            {
                var parts = v.EnumerateArray().Select(item => Value(type, field + "[]", item)).ToList();
                return parts.Count == 0 ? "（无）" : string.Join("、", parts);
            }

            if (v.ValueKind == JsonValueKind.Number && field == "Rate" && type is "LiteracySurvey" or "LiteracyTarget" && v.TryGetInt32(out var hundredths))
            {
                return Domain.Popularization.LiteracyRate.Format(hundredths);
            }

            if (v.ValueKind == JsonValueKind.Number && field == "StageMask" && type == "Contest" && v.TryGetInt32(out var mask))
            {
                var stages = Enum.GetValues<Domain.Talent.SchoolStage>().Where(s => (mask & (int)s) != 0).Select(Domain.Talent.ContestNames.Chinese).ToList();
                return stages.Count == 0 ? "不限" : string.Join("、", stages);
            }

            if (v.ValueKind == JsonValueKind.Number)
            {
                return v.TryGetDecimal(out var d) ? d.ToString("0.##", CultureInfo.InvariantCulture) : v.GetRawText();
            }

            if (v.ValueKind != JsonValueKind.String)
            {
                return "（复合数据）";
            }

            var text = v.GetString() ?? string.Empty;
            var name = field.TrimEnd(']').TrimEnd('[');
            if (IsGuid(text))
            {
                return labels.GetValueOrDefault(text) ?? "其他地区的记录";
            }

            if (name.EndsWith("RegionCode", StringComparison.Ordinal))
            {
                return regionNames.GetValueOrDefault(text) ?? text;
            }

            if (name is "IndustryCode" or "IndustryCodes")
            {
                return industryNames.TryGetValue(text, out var industry) ? industry : text;
            }

            if (name == "DisciplineCodes")
            {
                return disciplineNames.TryGetValue(text, out var discipline) ? discipline : text;
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && text.Contains('T'))
            {
                return Lookups.Cst(at);
            }

            // A body's Markdown shows its pictures and links by their words: their addresses carry record ids.
            var words = MarkdownImages().Replace(text, m => m.Groups[1].Value.Length > 0 ? $"〔图片：{m.Groups[1].Value}〕" : "〔图片〕");
            words = MarkdownLinks().Replace(words, "$1");
            words = EmbeddedGuids().Replace(words, "…");
            var plain = Tags().Replace(words, " ").Trim();
            return plain.Length <= 200 ? plain : plain[..200] + "…";
        }

        var rows = new List<AuditRow>(snapshots.Count);
        foreach (var (entry, before, after) in snapshots)
        {
            var fields = before.Keys.Union(after.Keys).Where(f => !HiddenFields.Contains(f)).ToList();
            var changes = fields.Select(f => new AuditChange(
                    FieldNames.GetValueOrDefault(f, "其他字段"),
                    entry.Action == "Added" ? null : Value(entry.EntityType, f, before.TryGetValue(f, out var b) ? b : null),
                    entry.Action == "Deleted" ? null : Value(entry.EntityType, f, after.TryGetValue(f, out var a) ? a : null)))
                .ToList();
            var record = Label(before) ?? Label(after) ?? labels.GetValueOrDefault(entry.EntityId) ?? "（名称未记录）";
            rows.Add(new AuditRow(
                entry.Id,
                entry.At,
                entry.UserId is null || entry.UserId == Actor.System.UserId ? "系统" : labels.GetValueOrDefault(entry.UserId) ?? "其他地区的账号",
                ActionName(entry.Action),
                KindNames.GetValueOrDefault(entry.EntityType, "其他记录"),
                record,
                entry.RegionCode is null ? null : regionNames.GetValueOrDefault(entry.RegionCode),
                changes));
        }

        return rows;
    }

    public static string ActionName(string action) => action switch
    {
        "Added" => "新增",
        "Modified" => "修改",
        "Deleted" => "删除",
        _ => "其他操作",
    };

    /// <summary>
    /// Names of records by id, from the record's own audit rows within the reader's scope (the first row that carries a name),
    /// and of accounts (display names of accounts; staff names are not private).
    /// </summary>
    private async Task<Dictionary<string, string>> LabelsAsync(HashSet<string> ids, Actor reader, CancellationToken ct)
    {
        var labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (ids.Count == 0)
        {
            return labels;
        }

        var list = ids.ToList();
        foreach (var user in await db.Users.AsNoTracking().Where(u => list.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Role }).ToListAsync(ct))
        {
            labels[user.Id] = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Role.Chinese() : user.DisplayName;
        }

        var scope = reader.ManagedScope ?? "\u0000";
        var rows = await db.AuditEntries.AsNoTracking()
            .Where(a => list.Contains(a.EntityId) && a.RegionCode != null && RegionScope.Within(a.RegionCode, scope) && a.Action != "Modified")
            .OrderBy(a => a.Id)
            .Select(a => new { a.EntityId, a.After, a.Before })
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            if (!labels.ContainsKey(row.EntityId) && (Label(Parse(row.After)) ?? Label(Parse(row.Before))) is { } label)
            {
                labels[row.EntityId] = label;
            }
        }

        return labels;
    }

    private static string? Label(Dictionary<string, JsonElement> snapshot)
    {
        foreach (var field in LabelFields)
        {
            if (snapshot.TryGetValue(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
            {
                return text.Length <= 60 ? text : text[..60] + "…";
            }
        }

        return null;
    }

    private static Dictionary<string, JsonElement> Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static IEnumerable<string> Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString() ?? string.Empty],
        JsonValueKind.Array => value.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static bool IsGuid(string text) => text.Length == 36 && Guid.TryParse(text, out _);

    private static string EnumText(Type enumType, long number)
    {
        var value = Enum.ToObject(enumType, number);
        if (EnumTexts.Value.TryGetValue(enumType, out var method))
        {
            return method.Invoke(null, [value]) as string ?? "（未知）";
        }

        return "（未知）";
    }

    /// <summary>The one Chinese text of each enum: the domain's <c>Chinese()</c> extension, else the pages' <c>…Name</c> helper.</summary>
    private static FrozenDictionary<Type, MethodInfo> FindEnumTexts()
    {
        var candidates = typeof(Entity).Assembly.GetTypes().Concat([typeof(Lookups), typeof(MarketText)])
            .Where(t => t is { IsAbstract: true, IsSealed: true })
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.ReturnType == typeof(string) && m.GetParameters() is [{ ParameterType.IsEnum: true }]
                && (m.Name == "Chinese" || m.Name.EndsWith("Name", StringComparison.Ordinal)))
            .OrderBy(m => m.Name == "Chinese" ? 0 : 1);
        var result = new Dictionary<Type, MethodInfo>();
        foreach (var method in candidates)
        {
            result.TryAdd(method.GetParameters()[0].ParameterType, method);
        }

        return result.ToFrozenDictionary();
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownImages();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownLinks();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex EmbeddedGuids();
}
