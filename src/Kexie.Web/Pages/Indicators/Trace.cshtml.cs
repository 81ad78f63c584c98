using Kexie.Domain.Indicators;
using Kexie.Web.Features.Indicators;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Indicators;

/// <summary>追溯: the facts (and the records they came from) behind one indicator value; only inside the user's scope.</summary>
[Authorize]
public sealed class TraceModel(IndicatorService indicators) : KexiePageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    [BindProperty(SupportsGet = true, Name = "period")] public string? PeriodText { get; set; }

    [BindProperty(SupportsGet = true)] public string? Indicator { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    [BindProperty(SupportsGet = true)] public int? WeightSet { get; set; }

    public TraceDto Trace { get; private set; } = null!;

    public string? RegionName { get; private set; }

    /// <summary>Names of the regions the listed facts belong to.</summary>
    public IReadOnlyDictionary<string, string> RecordRegionNames { get; private set; } = new Dictionary<string, string>();

    public IndicatorDefinition Definition { get; private set; } = null!;

    public Period Period { get; private set; }

    public int Pages => (int)Math.Max(1, (Trace.Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        indicators.RequireManager(Actor);
        Trace = await indicators.TraceAsync(Actor, Region, PeriodText, Indicator, PageNumber, PageSize, ct);
        Period = Period.Parse(Trace.Period);
        Definition = IndicatorCatalogue.Get(Trace.IndicatorCode);
        var names = await indicators.RegionNamesAsync([Trace.RegionCode, .. Trace.Records.Select(r => r.RegionCode)], ct);
        RegionName = names.GetValueOrDefault(Trace.RegionCode);
        RecordRegionNames = names;
    }

    public string PageLink(int page) =>
        $"/Indicators/Trace?{IndicatorsUi.Query(Trace.RegionCode, Period, WeightSet)}&indicator={Trace.IndicatorCode}&p={page}";
}
