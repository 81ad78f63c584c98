namespace Kexie.Domain.Indicators;

/// <summary>
/// What an activity fact counts. Facts are derived from platform records (one record may yield several
/// facts) and are the only input of indicator values. The numbers are stored: never renumber.
/// </summary>
public enum FactKind
{
    /// <summary>注册科技工作者 (record: ScienceWorker, day of registration).</summary>
    WorkerRegistered = 1,

    /// <summary>注册企事业单位 (record: Organization).</summary>
    OrganizationRegistered = 2,

    /// <summary>发布科技服务所能 (record: Offer of kind Service, day of publication).</summary>
    ServiceOfferPublished = 3,

    /// <summary>发布科技成果 (record: Offer of kind Achievement).</summary>
    AchievementPublished = 4,

    /// <summary>发布可承接科研项目 (record: Offer of kind Project).</summary>
    ProjectPublished = 5,

    /// <summary>发布科技需求 (record: Need, day of publication).</summary>
    NeedPublished = 6,

    /// <summary>
    /// 一单一策 whose first-response deadline is settled: answered, or past the deadline unanswered
    /// (record: ResponsePlan, day the need was published). The denominator of in-time coverage.
    /// </summary>
    NeedResponseSettled = 7,

    /// <summary>一单一策 first answered on or before its deadline (record: ResponsePlan, day published).</summary>
    NeedAnsweredInTime = 8,

    /// <summary>一单一策 answered late or not at all by the deadline (record: ResponsePlan, day published).</summary>
    NeedAnsweredLate = 9,

    /// <summary>成交订单 counted where the deal counts (order region), amount = contract amount; day of agreement (StatisticDefinitions).</summary>
    DealClosed = 10,

    /// <summary>科技工作者承接的成交订单, counted in the provider worker's region; amount = income.</summary>
    DealTakenByWorker = 11,

    /// <summary>保姆式服务工单 (record: ServiceTicket, day served); count 1.</summary>
    ServiceTicketServed = 12,

    /// <summary>科技成果转化: a deal on an achievement offer (record: Order, order region, day of agreement); amount = contract amount.</summary>
    AchievementTransferred = 13,

    /// <summary>科普内容发布 (record: ScienceContent, day of publication).</summary>
    PopularizationContentPublished = 101,

    /// <summary>科普活动参与人次 (record: ActivityParticipant, counted in the activity's region on the day of check-in).</summary>
    PopularizationParticipants = 102,

    /// <summary>科普e站使用次数 (record: EStationUsage, count = its Total: kiosk views + likes + questions + finished quizzes on a day a kiosk reported, else the typed-in visits + interactions).</summary>
    EStationVisits = 103,

    /// <summary>开展科普活动场次 (record: PopularizationActivity not cancelled, in its region, on its first day).</summary>
    PopularizationActivitiesHeld = 104,

    /// <summary>大型科普活动现场参与人次 (record: EventTally, count = participants counted on site, in the tally's place on its day).</summary>
    MassEventParticipants = 105,

    /// <summary>科普阵地接待观众人次 (record: VenueVisit, count = visitors, in the venue's region on the day).</summary>
    VenueVisitors = 106,

    /// <summary>科技志愿服务 (record: ServiceRecord once confirmed; count 1 人次, amount = hours × 100, in the activity's region on the day of sign-in).</summary>
    VolunteerService = 107,

    /// <summary>科普宣传栏内容更新 (record: ScienceBoardRefresh; count 1 期, in the board's region on the day).</summary>
    BoardRefreshes = 108,

    /// <summary>纲要实施成员单位年度考核 (record: LiteracyMemberAssessment; count 1, in the unit's region on 31 December of the year assessed).</summary>
    MemberUnitsAssessed = 109,

    /// <summary>纲要实施成员单位考核为“完成” (record: LiteracyMemberAssessment whose result is 完成; as <see cref="MemberUnitsAssessed"/>).</summary>
    MemberUnitsCompleted = 110,

    /// <summary>
    /// 公民具备科学素质比例 measured (record: LiteracySurvey that has a 纲要 target to be judged by; count 1, amount = the rate in
    /// hundredths of a percent, capped at the target's, in the survey's region on 31 December of the year it describes).
    /// </summary>
    LiteracyRateMeasured = 121,

    /// <summary>纲要目标比例 the survey is judged by (record: LiteracySurvey, as <see cref="LiteracyRateMeasured"/>; amount = the target's rate in hundredths).</summary>
    LiteracyRateTarget = 122,

    /// <summary>智库课题立项 (record: ThinkTankTopic, in the topic's region, day approved).</summary>
    ThinkTankTopics = 201,

    /// <summary>建言献策被采纳 (record: Proposal, in its region, day adopted).</summary>
    ProposalsAdopted = 202,

    /// <summary>智库课题向上级推荐 (record: ThinkTankTopic recommended to a higher region's call, in the recommending call's region, day recommended).</summary>
    ThinkTankTopicsRecommended = 203,

    /// <summary>科技工作者状况调查有效问卷 (record: SurveyResponse judged valid, in the survey's region, day submitted).</summary>
    SurveyResponsesValid = 204,

    /// <summary>推荐人才入选 (record: Nomination of a person decided 入选, in the nominee's region, day decided).</summary>
    NominationsSelected = 301,

    /// <summary>青少年科技创新大赛参赛作品 (record: ContestEntry a school entered, not a copy recommended upward, not failed; in the school's region, day entered).</summary>
    ContestEntries = 302,

    /// <summary>新建院士(专家)工作站、专家工作站、科技小院 (record: Workstation of those kinds, in the station's region, day founded).</summary>
    WorkstationsFounded = 303,

    /// <summary>学会学术交流活动 (record: SocietyActivity of kind 年会/学术交流/特色学术交流, in the association's region, day held).</summary>
    SocietyExchanges = 304,

    /// <summary>工作站和基地承担项目 (record: WorkstationOutput of a year, its projects, in the station's region, 31 December of that year).</summary>
    WorkstationProjects = 305,

    /// <summary>工作站和基地获得专利 (record: WorkstationOutput of a year, its patents, in the station's region, 31 December of that year).</summary>
    WorkstationPatents = 306,

    /// <summary>工作站和基地开展培训 (record: WorkstationOutput of a year, its trainings held, in the station's region, 31 December of that year).</summary>
    WorkstationTrainings = 307,

    /// <summary>应年检学会、协会、农技协 (record: Association of those kinds, one per year from the year established — or registered — to this year, 31 December of each).</summary>
    InspectionsDue = 308,

    /// <summary>年检合格 (record: Inspection of such an association decided 合格 or 基本合格, in its region, 31 December of the year inspected).</summary>
    InspectionsPassed = 309,
}

/// <summary>The kind of record a fact comes from; <see cref="Synthetic"/> marks generated demo/benchmark activity.</summary>
public enum FactSource
{
    Synthetic = 0,
    ScienceWorker = 1,
    Organization = 2,
    Offer = 3,
    Need = 4,
    ResponsePlan = 5,
    Order = 6,
    ServiceTicket = 7,
    ScienceContent = 8,
    ActivityParticipant = 9,
    EStationUsage = 10,
    ThinkTankTopic = 11,
    Proposal = 12,
    PopularizationActivity = 13,
    EventTally = 14,
    VenueVisit = 15,
    ServiceRecord = 16,
    ScienceBoardRefresh = 17,
    LiteracyMemberAssessment = 18,
    Nomination = 19,
    ContestEntry = 20,
    Workstation = 21,
    SocietyActivity = 22,
    SurveyResponse = 23,
    WorkstationOutput = 24,
    Association = 25,
    Inspection = 26,

    /// <summary>公民科学素质调查结果 (its facts also read the 纲要 target it is judged by).</summary>
    LiteracySurvey = 41,

    /// <summary>纲要目标: a change re-derives the survey results judged by it (it has no facts of its own).</summary>
    LiteracyTarget = 42,
}

/// <summary>The platform module whose records feed a fact kind.</summary>
public enum SourceModule
{
    /// <summary>人才与组织名录 (exists).</summary>
    Directory = 1,

    /// <summary>所能所需市场 (exists).</summary>
    Market = 2,

    /// <summary>科普 (exists: content, activities, e-stations).</summary>
    Popularization = 3,

    /// <summary>智库与建言 (exists: topic calls, topics, proposals).</summary>
    ThinkTank = 4,

    /// <summary>人才与组织 (exists: honours, contests, workstations, societies, surveys).</summary>
    Talent = 5,
}

public static class FactKinds
{
    /// <summary>Modules whose records exist on the platform. Add a module here when it is built.</summary>
    public static IReadOnlySet<SourceModule> ImplementedModules { get; } = new HashSet<SourceModule> { SourceModule.Directory, SourceModule.Market, SourceModule.Popularization, SourceModule.ThinkTank, SourceModule.Talent };

    public static SourceModule ModuleOf(FactKind kind) => kind switch
    {
        FactKind.WorkerRegistered or FactKind.OrganizationRegistered => SourceModule.Directory,
        FactKind.PopularizationContentPublished or FactKind.PopularizationParticipants or FactKind.EStationVisits
            or FactKind.PopularizationActivitiesHeld or FactKind.MassEventParticipants or FactKind.VenueVisitors or FactKind.VolunteerService
            or FactKind.BoardRefreshes or FactKind.MemberUnitsAssessed or FactKind.MemberUnitsCompleted
            or FactKind.LiteracyRateMeasured or FactKind.LiteracyRateTarget => SourceModule.Popularization,
        FactKind.ThinkTankTopics or FactKind.ProposalsAdopted or FactKind.ThinkTankTopicsRecommended => SourceModule.ThinkTank,
        FactKind.SurveyResponsesValid or FactKind.NominationsSelected or FactKind.ContestEntries or FactKind.WorkstationsFounded or FactKind.SocietyExchanges
            or FactKind.WorkstationProjects or FactKind.WorkstationPatents or FactKind.WorkstationTrainings or FactKind.InspectionsDue or FactKind.InspectionsPassed => SourceModule.Talent,
        _ => SourceModule.Market,
    };

    public static bool IsImplemented(FactKind kind) => ImplementedModules.Contains(ModuleOf(kind));

    public static string Chinese(this FactKind kind) => kind switch
    {
        FactKind.WorkerRegistered => "注册科技工作者",
        FactKind.OrganizationRegistered => "注册企事业单位",
        FactKind.ServiceOfferPublished => "发布科技服务",
        FactKind.AchievementPublished => "发布科技成果",
        FactKind.ProjectPublished => "发布科研项目",
        FactKind.NeedPublished => "发布科技需求",
        FactKind.NeedResponseSettled => "一单一策到期或已响应",
        FactKind.NeedAnsweredInTime => "需求按时响应",
        FactKind.NeedAnsweredLate => "需求超时响应或未响应",
        FactKind.DealClosed => "成交订单",
        FactKind.AchievementTransferred => "科技成果转化",
        FactKind.DealTakenByWorker => "科技工作者承接成交订单",
        FactKind.ServiceTicketServed => "保姆式服务工单",
        FactKind.PopularizationContentPublished => "科普内容发布",
        FactKind.PopularizationParticipants => "科普活动参与人次",
        FactKind.PopularizationActivitiesHeld => "开展科普活动",
        FactKind.EStationVisits => "科普e站使用",
        FactKind.MassEventParticipants => "大型科普活动现场参与人次",
        FactKind.VenueVisitors => "科普阵地接待观众",
        FactKind.VolunteerService => "科技志愿服务",
        FactKind.BoardRefreshes => "科普宣传栏内容更新",
        FactKind.MemberUnitsAssessed => "纲要实施成员单位年度考核",
        FactKind.MemberUnitsCompleted => "纲要实施成员单位考核完成",
        FactKind.LiteracyRateMeasured => "公民具备科学素质比例（调查结果，超过目标的按目标计）",
        FactKind.LiteracyRateTarget => "公民科学素质纲要目标比例",
        FactKind.ThinkTankTopics => "智库课题",
        FactKind.ProposalsAdopted => "建言献策采纳",
        FactKind.ThinkTankTopicsRecommended => "智库课题向上推荐",
        FactKind.SurveyResponsesValid => "状况调查有效问卷",
        FactKind.NominationsSelected => "推荐人才入选",
        FactKind.ContestEntries => "青少年科技创新大赛参赛作品",
        FactKind.WorkstationsFounded => "新建工作站和科技小院",
        FactKind.SocietyExchanges => "学会学术交流活动",
        FactKind.WorkstationProjects => "工作站和基地承担项目",
        FactKind.WorkstationPatents => "工作站和基地获得专利",
        FactKind.WorkstationTrainings => "工作站和基地开展培训",
        FactKind.InspectionsDue => "应年检学会（协会）",
        FactKind.InspectionsPassed => "年检合格学会（协会）",
        _ => kind.ToString(),
    };

    public static string Chinese(this SourceModule module) => module switch
    {
        SourceModule.Directory => "名录",
        SourceModule.Market => "所能所需市场",
        SourceModule.Popularization => "科普",
        SourceModule.ThinkTank => "智库与建言",
        SourceModule.Talent => "人才与组织",
        _ => module.ToString(),
    };

    public static string Chinese(this FactSource source) => source switch
    {
        FactSource.Synthetic => "演示数据（合成）",
        FactSource.ScienceWorker => "科技工作者",
        FactSource.Organization => "企事业单位",
        FactSource.Offer => "科技所能",
        FactSource.Need => "科技需求",
        FactSource.ResponsePlan => "一单一策",
        FactSource.Order => "交易订单",
        FactSource.ServiceTicket => "服务工单",
        FactSource.ScienceContent => "科普内容",
        FactSource.ActivityParticipant => "科普活动签到",
        FactSource.EStationUsage => "科普e站使用记录",
        FactSource.PopularizationActivity => "科普活动",
        FactSource.EventTally => "活动统计",
        FactSource.VenueVisit => "科普阵地接待记录",
        FactSource.ServiceRecord => "志愿服务记录",
        FactSource.ScienceBoardRefresh => "宣传栏内容更新记录",
        FactSource.LiteracyMemberAssessment => "成员单位年度考核",
        FactSource.LiteracySurvey => "公民科学素质调查结果",
        FactSource.LiteracyTarget => "公民科学素质纲要目标",
        FactSource.ThinkTankTopic => "智库课题",
        FactSource.Proposal => "建言献策",
        FactSource.Nomination => "人才推荐",
        FactSource.ContestEntry => "大赛参赛作品",
        FactSource.Workstation => "工作站和基地",
        FactSource.SocietyActivity => "学会活动",
        FactSource.SurveyResponse => "调查问卷答卷",
        FactSource.WorkstationOutput => "工作站年度成果",
        FactSource.Association => "学会（协会）",
        FactSource.Inspection => "学会年检",
        _ => source.ToString(),
    };
}

/// <summary>
/// One activity fact: in <see cref="RegionCode"/>, on China-Standard-Time day <see cref="Day"/> (yyyymmdd),
/// <see cref="Count"/> of <see cref="Kind"/> worth <see cref="AmountFen"/> 分, produced by record <see cref="SourceId"/>.
/// </summary>
public sealed record ActivityFact(string RegionCode, FactKind Kind, int Day, int Count, long AmountFen, FactSource Source, Guid? SourceId);
