using Kexie.Web.Features.Regions;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Regions;

public sealed class IndexModel(RegionQueries regions) : KexiePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public RegionDto? Current { get; private set; }

    public IReadOnlyList<RegionDto> Ancestry { get; private set; } = [];

    public IReadOnlyList<RegionDto> Children { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var code = string.IsNullOrWhiteSpace(Code) ? null : Code.Trim();
        if (code is not null)
        {
            Current = await regions.GetAsync(code, ct);
            Ancestry = await regions.AncestryAsync(code, ct);
        }

        Children = await regions.ChildrenAsync(code, ct);
    }

    public static string LevelName(Kexie.Domain.Regions.RegionLevel level) => level switch
    {
        Kexie.Domain.Regions.RegionLevel.Province => "省级",
        Kexie.Domain.Regions.RegionLevel.Prefecture => "地级（市/州）",
        Kexie.Domain.Regions.RegionLevel.County => "县级（县/区/市）",
        Kexie.Domain.Regions.RegionLevel.Township => "乡级（乡/镇/街道）",
        _ => "全国",
    };
}
