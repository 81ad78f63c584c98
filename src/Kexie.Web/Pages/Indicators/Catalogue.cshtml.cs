using Kexie.Domain.Indicators;
using Kexie.Web.Features.Indicators;

namespace Kexie.Web.Pages.Indicators;

/// <summary>指标目录: every indicator, its group, definition, direction and normalisation. Public, like the API's catalogue.</summary>
public sealed class CatalogueModel : KexiePageModel
{
    public IReadOnlyList<IndicatorDto> Indicators { get; } = IndicatorCatalogue.All.Select(IndicatorDto.From).ToList();

    public void OnGet()
    {
    }

    public static string NormalisationName(Normalisation n) => n switch
    {
        Normalisation.ShareOfBest => "占同级最高值百分比",
        Normalisation.MinMax => "同级最小—最大值换算",
        _ => "百分比原值",
    };

    public static string KindName(IndicatorKind k) => k switch
    {
        IndicatorKind.Count => "计数",
        IndicatorKind.Sum => "金额",
        IndicatorKind.Coverage => "覆盖率",
        IndicatorKind.Ratio => "比值",
        _ => k.ToString(),
    };
}
