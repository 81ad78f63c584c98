namespace Kexie.Web.Features.Talent;

/// <summary>
/// The talent sentences of a region's annual report in the seeds' style, from the records: the youth contest ("共收获827件作品，
/// 推荐85件作品参加…"), honours ("2名同志入选青年科技人才托举工程"), workstations and bases ("建立专家工作站24家") and surveys
/// ("发放问卷3000份回收有效问卷2463份征集到意见和建议共500余条") and the building of
/// associations ("学会54个、会员人数31034人", "54个学会明确党建指导员", 乡镇科协全覆盖) under 自身建设, each in the part the seeds print it in: honours and the status survey under
/// 服务科技工作者, workstations under 服务创新驱动发展, the youth contest under 服务全民科学素质提升. Empty when a part has no records.
/// </summary>
public sealed class TalentReportSource(ContestService contests, HonourService honours, WorkstationService workstations, SurveyService surveys, AssociationManagementService associations)
    : Indicators.Report.IReportStatisticSource
{
    public IReadOnlyList<Indicators.Report.ReportPlaceholder> Placeholders { get; } =
    [
        new("人才举荐", "本期科技人才奖项推荐与入选，如“2名同志入选…青年科技人才托举工程”"),
        new("科技工作者状况调查", "本期状况调查的问卷发放、有效回收与意见建议，如“发放问卷3000份，回收有效问卷2463份…”"),
        new("专家工作站", "院士（专家）工作站、科技小院等，如“建立专家工作站24家”"),
        new("青少年科技创新大赛", "本期大赛收到的作品、向上推荐与获奖，如“共收获827件作品，推荐85件作品参加…”"),
        new("组织建设", "学会及会员人数、党建指导员、年检、领导班子与乡镇科协覆盖，如“学会54个、会员人数31034人”“54个学会明确党建指导员”"),
    ];

    public async Task<IReadOnlyList<Indicators.Report.ReportValue>> ValuesAsync(Indicators.Report.ReportScope scope, CancellationToken ct)
    {
        var year = scope.Last.Year;
        var honour = await honours.StatisticsAsync(scope.RegionCode, year, ct);
        var survey = await surveys.StatisticsAsync(scope.RegionCode, year, ct);
        var stations = await workstations.StatisticsAsync(scope.RegionCode, year, ct);
        var contest = await contests.StatisticsAsync(scope.RegionCode, year, ct);
        var building = await associations.StatisticsAsync(scope.RegionCode, year, ct);
        return
        [
            Sentence("人才举荐", honour.Nominated > 0, honour.Summary),
            Sentence("科技工作者状况调查", survey.Surveys > 0, survey.Summary),
            Sentence("专家工作站", stations.Total > 0, stations.Summary),
            Sentence("青少年科技创新大赛", contest.Received > 0 || contest.Awards.Count > 0 || contest.ByKind is { Count: > 0 }, contest.Summary),
            Sentence("组织建设", building.Societies > 0 || building.ByKind.Count > 0 || building.TownshipsCovered > 0, building.Summary),
        ];
    }

    private static Indicators.Report.ReportValue Sentence(string name, bool hasData, string summary) =>
        new(name, hasData ? summary : string.Empty, hasData);
}
