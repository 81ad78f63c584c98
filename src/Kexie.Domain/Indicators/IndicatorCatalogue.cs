using Kexie.Domain.Common;

namespace Kexie.Domain.Indicators;

/// <summary>
/// The registry of indicators: the one place where indicators are defined. Adding an indicator means adding
/// one line here (and, when it reads a new kind of record, a <see cref="FactKind"/> and its derivation).
/// Nothing is specific to a region; every region is computed with the same definitions.
/// </summary>
public static class IndicatorCatalogue
{
    public static IReadOnlyList<IndicatorDefinition> All { get; } =
    [
        // 为科技工作者服务
        Count("W01", "累计注册科技工作者", ServiceGroup.ServingScienceWorkers, FactKind.WorkerRegistered, Accumulation.Cumulative, "人", "截至期末在本地区注册的科技工作者人数"),
        Count("W02", "新增注册科技工作者", ServiceGroup.ServingScienceWorkers, FactKind.WorkerRegistered, Accumulation.Period, "人", "本期新注册的科技工作者人数"),
        Count("W03", "发布科技服务所能", ServiceGroup.ServingScienceWorkers, FactKind.ServiceOfferPublished, Accumulation.Period, "条", "本期审核发布的科技服务（所能）条数（发布日计，其后撤回或关闭的仍计）"),
        Count("W04", "科技工作者承接成交订单", ServiceGroup.ServingScienceWorkers, FactKind.DealTakenByWorker, Accumulation.Period, "笔", "本地区科技工作者本期承接并签约的订单笔数（签约日计，已取消的不计）"),
        Sum("W05", "科技工作者服务收入", ServiceGroup.ServingScienceWorkers, FactKind.DealTakenByWorker, Accumulation.Period, "本地区科技工作者本期承接订单的合同金额"),
        Count("W06", "推荐人才入选", ServiceGroup.ServingScienceWorkers, FactKind.NominationsSelected, Accumulation.Period, "人", "本期各级人才荣誉评选（托举工程、优秀科技工作者、青年科技奖等）中结果为“入选”的本地区科技工作者人数（评选决定日计，计入被推荐人所在地区；集体荣誉、未入选和待定的不计）"),
        Count("W07", "青少年科技创新大赛参赛作品", ServiceGroup.ServingScienceWorkers, FactKind.ContestEntries, Accumulation.Period, "件", "本期本地区学校报送青少年科技创新大赛等竞赛的作品件数（报送日计，计入学校所在地区；评审未通过的不计，推荐参加上级大赛的作品不重复计）"),
        Count("W08", "新建院士(专家)工作站和科技小院", ServiceGroup.ServingScienceWorkers, FactKind.WorkstationsFounded, Accumulation.Period, "家", "本期建站（授牌）的院士(专家)工作站、专家工作站和科技小院家数（建站日计，计入依托单位所在地区；专家服务团、产学研合作项目不计，其后撤销的仍计）"),
        Count("W09", "学会学术交流活动", ServiceGroup.ServingScienceWorkers, FactKind.SocietyExchanges, Accumulation.Period, "个", "本期学会、协会举办的年会、学术交流和特色学术交流活动个数（举办日计，计入学会所在地区；科普、培训活动不计）"),
        Count("W10", "工作站和基地承担项目", ServiceGroup.ServingScienceWorkers, FactKind.WorkstationProjects, Accumulation.Period, "个", "院士(专家)工作站、科技小院等工作站和基地年度成果中登记的承担项目个数（成果年度12月31日计，计入工作站所在地区）"),
        Count("W11", "工作站和基地获得专利", ServiceGroup.ServingScienceWorkers, FactKind.WorkstationPatents, Accumulation.Period, "件", "院士(专家)工作站、科技小院等工作站和基地年度成果中登记的获得专利件数（成果年度12月31日计，计入工作站所在地区）"),
        Count("W12", "工作站和基地开展培训", ServiceGroup.ServingScienceWorkers, FactKind.WorkstationTrainings, Accumulation.Period, "场次", "院士(专家)工作站、科技小院等工作站和基地年度成果中登记的开展培训场次（成果年度12月31日计，计入工作站所在地区）"),
        new("W13", "学会年检合格率", ServiceGroup.ServingScienceWorkers, IndicatorKind.Coverage, FactKind.InspectionsPassed, Measure.Count, FactKind.InspectionsDue, Measure.Count,
            Accumulation.Period, Direction.HigherIsBetter, Normalisation.Absolute, "%", "年检年度12月31日在本期内的，年检结论为合格或基本合格的学会、协会、农技协占应年检（当年已成立）的学会、协会、农技协的比例（未报送、退回未重报、待评定和不合格的不计入合格）"),

        // 为企事业单位精准科技服务
        Count("E01", "累计注册企事业单位", ServiceGroup.ServingEnterprises, FactKind.OrganizationRegistered, Accumulation.Cumulative, "个", "截至期末在本地区注册的企事业单位数"),
        Count("E02", "发布科技需求", ServiceGroup.ServingEnterprises, FactKind.NeedPublished, Accumulation.Period, "条", "本期审核发布的科技需求条数（发布日计，其后撤回或关闭的仍计）"),
        new("E03", "需求按时响应率", ServiceGroup.ServingEnterprises, IndicatorKind.Coverage, FactKind.NeedAnsweredInTime, Measure.Count, FactKind.NeedResponseSettled, Measure.Count,
            Accumulation.Period, Direction.HigherIsBetter, Normalisation.Absolute, "%", "本期发布的需求中，一单一策在响应时限内首次响应的比例（分母为已响应或已过时限的需求）"),
        Count("E04", "需求超时未响应", ServiceGroup.ServingEnterprises, FactKind.NeedAnsweredLate, Accumulation.Period, "条", "本期发布的需求中超过响应时限才响应或仍未响应的条数", Direction.LowerIsBetter, Normalisation.MinMax),
        Count("E05", "成交订单", ServiceGroup.ServingEnterprises, FactKind.DealClosed, Accumulation.Period, "笔", "本期签约的交易订单笔数（签约日计，已取消的不计）"),
        Sum("E06", "成交金额", ServiceGroup.ServingEnterprises, FactKind.DealClosed, Accumulation.Period, "本期签约订单的合同金额（已取消的不计）"),
        new("E07", "单笔平均成交额", ServiceGroup.ServingEnterprises, IndicatorKind.Ratio, FactKind.DealClosed, Measure.Amount, FactKind.DealClosed, Measure.Count,
            Accumulation.Period, Direction.HigherIsBetter, Normalisation.MinMax, "元/笔", "本期成交金额 ÷ 成交订单笔数"),
        Count("E08", "发布科技成果", ServiceGroup.ServingEnterprises, FactKind.AchievementPublished, Accumulation.Period, "项", "本期审核发布的科技成果项数（发布日计，其后撤回的仍计）"),
        Count("E09", "发布科研项目", ServiceGroup.ServingEnterprises, FactKind.ProjectPublished, Accumulation.Period, "个", "本期审核发布的可承接科研项目个数（发布日计，其后撤回的仍计）"),
        Count("E11", "科研成果转化", ServiceGroup.ServingEnterprises, FactKind.AchievementTransferred, Accumulation.Period, "项", "本期签约的科技成果转化订单数（订单来自科技成果类所能，签约日计，已取消的不计；与科技大市场统计“成果转化”同一口径）"),
        Count("E10", "保姆式服务工单", ServiceGroup.ServingEnterprises, FactKind.ServiceTicketServed, Accumulation.Period, "次", "服务中心本期登记的咨询、走访、培训、注册帮办次数"),

        // 为提高全民科学素质服务（无记录的地区数值缺失，不以零计）
        Count("S01", "科普内容发布", ServiceGroup.ScienceLiteracy, FactKind.PopularizationContentPublished, Accumulation.Period, "条", "本期推送的科普文章、视频、辟谣内容条数"),
        Count("S02", "科普活动参与人次", ServiceGroup.ScienceLiteracy, FactKind.PopularizationParticipants, Accumulation.Period, "人次", "本期科普活动签到参与人次"),
        Count("S03", "科普e站使用", ServiceGroup.ScienceLiteracy, FactKind.EStationVisits, Accumulation.Period, "次", "本期科普e站访问与互动次数"),
        Count("S04", "开展科普活动", ServiceGroup.ScienceLiteracy, FactKind.PopularizationActivitiesHeld, Accumulation.Period, "场次", "本期开始且未取消的科普活动场次（科技活动周、科普日、科技下乡、培训、大篷车等）"),
        Count("S05", "大型科普活动参与人次", ServiceGroup.ScienceLiteracy, FactKind.MassEventParticipants, Accumulation.Period, "人次", "本期大型科普活动（科技活动周、科普日等）各地现场统计的参与群众人次（不逐一报名者）"),
        Count("S06", "科普阵地接待观众", ServiceGroup.ScienceLiteracy, FactKind.VenueVisitors, Accumulation.Period, "人次", "本期科普教育基地、科技馆、流动科技馆、科普大篷车等接待记录的观众人次"),
        Count("S07", "科技志愿服务人次", ServiceGroup.ScienceLiteracy, FactKind.VolunteerService, Accumulation.Period, "人次", "本期经组织方确认的科技志愿者服务人次（按签到日计）"),
        new("S08", "科技志愿服务时长", ServiceGroup.ScienceLiteracy, IndicatorKind.Sum, FactKind.VolunteerService, Measure.Amount, null, Measure.Count, Accumulation.Period,
            Direction.HigherIsBetter, Normalisation.ShareOfBest, "小时", "本期经组织方确认的科技志愿服务时长（签到至签退，组织方可更正）"),
        Count("S09", "科普宣传栏内容更新", ServiceGroup.ScienceLiteracy, FactKind.BoardRefreshes, Accumulation.Period, "期", "本期科普宣传栏、宣传橱窗、科普画廊、科普宣传点登记的内容更新期数（更新日计）"),
        new("S10", "纲要成员单位考核完成率", ServiceGroup.ScienceLiteracy, IndicatorKind.Coverage, FactKind.MemberUnitsCompleted, Measure.Count, FactKind.MemberUnitsAssessed, Measure.Count,
            Accumulation.Period, Direction.HigherIsBetter, Normalisation.Absolute, "%", "本期年度考核的全民科学素质纲要实施成员单位中考核为“完成”的比例（考核年度12月31日计）"),
        new("S11", "公民科学素质达标率", ServiceGroup.ScienceLiteracy, IndicatorKind.Coverage, FactKind.LiteracyRateMeasured, Measure.Amount, FactKind.LiteracyRateTarget, Measure.Amount,
            Accumulation.Period, Direction.HigherIsBetter, Normalisation.Absolute, "%", "调查年度在本期内的公民科学素质调查结果（本地区及下辖地区，调查年度12月31日计）：具备科学素质比例之和 ÷ 所对应纲要目标比例之和；目标取本地区的，没有则取最近的上级地区的，为调查年份及以后最近的目标年份（都在其前的取最近一个）；单个结果超过目标的按目标计，故最高100%，达到目标即100%；没有调查结果或没有目标的地区数值缺失"),

        // 为党委政府科学决策服务
        Count("D01", "智库课题立项", ServiceGroup.DecisionSupport, FactKind.ThinkTankTopics, Accumulation.Period, "项", "本期立项的智库课题数"),
        Count("D02", "建言献策采纳", ServiceGroup.DecisionSupport, FactKind.ProposalsAdopted, Accumulation.Period, "条", "本期被采纳的建言献策条数"),
        Count("D03", "智库课题向上推荐", ServiceGroup.DecisionSupport, FactKind.ThinkTankTopicsRecommended, Accumulation.Period, "项", "本期本地区向上级科协智库课题征集推荐的已立项课题数（推荐日计，计入推荐地区；上级再向更上级推荐的计入上级）"),
        Count("D04", "科技工作者状况调查有效问卷", ServiceGroup.DecisionSupport, FactKind.SurveyResponsesValid, Accumulation.Period, "份", "本期本地区科技工作者状况调查等问卷回收的有效问卷份数（提交日计；重复提交、答题用时过短的不计）"),
    ];

    private static readonly Dictionary<string, IndicatorDefinition> ByCode = All.ToDictionary(i => i.Code, StringComparer.Ordinal);

    public static IndicatorDefinition? Find(string? code) => code is null ? null : ByCode.GetValueOrDefault(code.Trim().ToUpperInvariant());

    public static IndicatorDefinition Get(string? code) =>
        Find(code) ?? throw new DomainValidationException("indicator", $"指标“{code}”不存在");

    /// <summary>All fact kinds any indicator reads.</summary>
    public static IReadOnlyList<FactKind> FactKindsUsed { get; } = All.SelectMany(i => i.FactKinds).Distinct().Order().ToList();

    private static readonly Dictionary<FactKind, string> CountUnits = All.Where(i => i.Kind == IndicatorKind.Count)
        .GroupBy(i => i.Numerator).ToDictionary(g => g.Key, g => g.First().Unit);

    /// <summary>
    /// The unit a fact kind's count is measured in — the unit of the 计数 indicator that reads it ("人次" for a tally of 2,468
    /// people, "人" for registrations) — or "条" for a kind only ratios read.
    /// </summary>
    public static string CountUnit(FactKind kind) => CountUnits.GetValueOrDefault(kind, "条");

    private static IndicatorDefinition Count(string code, string name, ServiceGroup group, FactKind kind, Accumulation accumulation, string unit, string description,
        Direction direction = Direction.HigherIsBetter, Normalisation normalisation = Normalisation.ShareOfBest) =>
        new(code, name, group, IndicatorKind.Count, kind, Measure.Count, null, Measure.Count, accumulation, direction, normalisation, unit, description);

    private static IndicatorDefinition Sum(string code, string name, ServiceGroup group, FactKind kind, Accumulation accumulation, string description) =>
        new(code, name, group, IndicatorKind.Sum, kind, Measure.Amount, null, Measure.Count, accumulation, Direction.HigherIsBetter, Normalisation.ShareOfBest, "元", description);
}
