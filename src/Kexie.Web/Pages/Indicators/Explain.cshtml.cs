using Kexie.Data.Exchange;
using Kexie.Domain.Indicators;
using Kexie.Domain.Regions;
using Kexie.Web.Features.Indicators;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Indicators;

/// <summary>排名说明: how a region's composite score is made of indicator values, normalised scores and weights.</summary>
[Authorize]
public sealed class ExplainModel(IndicatorService indicators) : KexiePageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    [BindProperty(SupportsGet = true, Name = "period")] public string? PeriodText { get; set; }

    [BindProperty(SupportsGet = true)] public int? WeightSet { get; set; }

    public ScoreExplanationDto Explanation { get; private set; } = null!;

    public RankingDto Ranking { get; private set; } = null!;

    public Dictionary<string, IndicatorValueDto> Values { get; private set; } = [];

    public Period Period { get; private set; }

    /// <summary>The dashboard's note on synthetic figures, for the same region and period (null when every figure is a record).</summary>
    public string? SyntheticNote => IndexModel.SyntheticText(Explanation.RegionName, Values, Ranking.IncludesSynthetic);

    public bool CanTrace => Region is { } r && Can(Kexie.Web.Features.Indicators.IndicatorPermissions.ViewDashboards, r);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The score breakdown as an Excel sheet.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var bytes = ExcelExport.ToXlsx(Explanation.Indicators, [
            ("指标代码", i => i.Code),
            ("指标", i => i.Name),
            ("服务类别", i => i.Group.Chinese()),
            (Ranking.PeriodLabel, i => i.Value),
            ("上期", i => Values.GetValueOrDefault(i.Code)?.PreviousValue),
            ("单位", i => i.Unit),
            ("标准化得分", i => i.Normalised),
            ("权重", i => i.Weight),
            ("是否计分", i => i.Counted ? "是" : "否"),
            ("贡献分", i => i.Contribution),
        ], "得分明细");
        return File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"得分明细-{Explanation.RegionName}-{Explanation.Period}.xlsx");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Period = Period.Parse(PeriodText);
        var peerRanking = await indicators.RankAsync(Actor, Region, PeriodText, WeightSet, ct);
        Ranking = await indicators.ToDtoAsync(peerRanking, ct);
        Explanation = await indicators.ExplainAsync(peerRanking, RegionCode.Validate(Region, "region"), ct);
        // From the ranking (the same rollups): a ranking answered from the last one computed (Indicators:MaxStaleSeconds) and its values agree.
        Values = (await indicators.ValuesAsync(peerRanking, Region!, ct)).Values.ToDictionary(v => v.Code);
    }
}
