using Kexie.Data.Exchange;
using Kexie.Domain.Indicators;

namespace Kexie.Web.Features.Indicators;

/// <summary>Excel exports of every indicator table (MiniExcel).</summary>
public static class IndicatorExports
{
    public static List<Dictionary<string, object?>> RankingRows(RankingDto ranking) =>
        ranking.Entries.Select(e =>
        {
            var row = new Dictionary<string, object?>
            {
                ["排名"] = e.Rank,
                ["地区代码"] = e.RegionCode,
                ["地区"] = e.RegionName,
                ["综合评分"] = e.Score,
                ["上期排名"] = e.PreviousRank,
                ["名次变化"] = e.RankChange,
            };
            foreach (var g in e.Groups)
            {
                row[g.GroupName + "得分"] = g.Score;
                row[g.GroupName + "排名"] = g.Rank;
            }

            return row;
        }).ToList();

    public static byte[] Ranking(RankingDto ranking)
    {
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, RankingRows(ranking), sheetName: "排名");
        return stream.ToArray();
    }

    public static byte[] Values(RegionValuesDto values) => ExcelExport.ToXlsx(values.Values, [
        ("指标代码", v => v.Code),
        ("指标", v => v.Name),
        ("服务类别", v => v.Group.Chinese()),
        (values.PeriodLabel, v => v.Value),
        ("上期", v => v.PreviousValue),
        ("单位", v => v.Unit),
        ("数据来源", v => v.Available ? "平台记录" : "模块待建，数值缺失"),
    ], "指标值");

    public static byte[] Catalogue(IReadOnlyList<IndicatorDto> catalogue) => ExcelExport.ToXlsx(catalogue, [
        ("指标代码", i => i.Code),
        ("指标", i => i.Name),
        ("服务类别", i => i.GroupName),
        ("类型", i => Kexie.Web.Pages.Indicators.CatalogueModel.KindName(i.Kind)),
        ("统计口径", i => i.Accumulation == Accumulation.Cumulative ? "累计" : "本期"),
        ("方向", i => i.Direction == Direction.HigherIsBetter ? "越高越好" : "越低越好"),
        ("归一化", i => Kexie.Web.Pages.Indicators.CatalogueModel.NormalisationName(i.Normalisation)),
        ("单位", i => i.Unit),
        ("说明", i => i.Description),
        ("数据来源", i => string.Join("、", i.Sources)),
        ("是否可计算", i => i.Available ? "是" : "否"),
    ], "指标目录");

    /// <param name="regionNames">Names of the records' regions, shown beside their codes.</param>
    public static byte[] Trace(TraceDto trace, IReadOnlyDictionary<string, string>? regionNames = null) => ExcelExport.ToXlsx(trace.Records, [
        ("事实编号", r => r.FactId),
        ("地区代码", r => r.RegionCode),
        ("地区", r => regionNames?.GetValueOrDefault(r.RegionCode)),
        ("日期", r => r.Day),
        ("事实类型", r => r.KindName),
        ("数量", r => r.Count),
        ("金额（元）", r => r.AmountYuan),
        ("来源", r => r.SourceName),
        ("来源记录", r => r.SourceId?.ToString()),
    ], "追溯记录");

    public static byte[] WeightSets(IReadOnlyList<WeightSetDto> sets) => ExcelExport.ToXlsx(sets.SelectMany(s =>
        s.GroupWeights.Select(g => (Set: s, Key: g.Key.Chinese(), Weight: g.Value))
            .Concat(s.IndicatorWeights.Select(i => (Set: s, Key: i.Key, Weight: i.Value)))).ToList(), [
        ("版本", r => r.Set.Version),
        ("方案", r => r.Set.Name),
        ("当前生效", r => r.Set.Active ? "是" : "否"),
        ("项目", r => r.Key),
        ("权重", r => r.Weight),
    ], "权重");

    /// <param name="regionNames">Names of the assigning regions, shown beside their codes.</param>
    public static byte[] LinkageTasks(IReadOnlyList<LinkageTaskDto> tasks, IReadOnlyDictionary<string, string>? regionNames = null) => ExcelExport.ToXlsx(tasks, [
        ("任务", t => t.Title),
        ("指标", t => t.IndicatorName),
        ("承接地区代码", t => t.RegionCode),
        ("承接地区", t => t.RegionName ?? t.RegionCode),
        ("下达单位地区代码", t => t.AssignedByRegionCode),
        ("下达单位地区", t => regionNames?.GetValueOrDefault(t.AssignedByRegionCode) ?? (t.AssignedByRegionCode.Length == 0 ? "全国" : null)),
        ("目标", t => t.Target),
        ("完成值", t => t.Actual),
        ("完成率%", t => t.Percent),
        ("时间进度%", t => t.ExpectedPercent),
        ("开始日期", t => t.StartsOn.ToString("yyyy-MM-dd")),
        ("截止日期", t => t.DueOn.ToString("yyyy-MM-dd")),
        ("状态", t => t.StatusName),
        ("最新说明", t => t.Comments.LastOrDefault()?.Text),
    ], "联动任务");
}
