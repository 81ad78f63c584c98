using Kexie.Domain.Common;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Series;

/// <summary>A series: its activities and their tallies and registrations summed by township; its managers edit it.</summary>
public sealed class DetailsModel(SeriesService series) : MarketPageModel
{
    public sealed class SeriesInput
    {
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public string? StartsOn { get; set; }
        public string? EndsOn { get; set; }
        public string? Description { get; set; }
    }

    [BindProperty] public SeriesInput Input { get; set; } = new();

    [BindProperty] public int Version { get; set; }

    public ActivitySeriesDetailsDto Details { get; private set; } = null!;

    public bool MayEdit => Details.Series.Actions.Contains(SeriesService.Edit) && Can(PopularizationPermissions.ManageActivities, Details.Series.RegionCode);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Details = await series.GetAsync(Actor, id, ct);
        var s = Details.Series;
        Input = new SeriesInput { Name = s.Name, Kind = s.Kind.ToString(), StartsOn = s.StartsOn.ToString("yyyy-MM-dd"), EndsOn = s.EndsOn.ToString("yyyy-MM-dd"), Description = s.Description };
        Version = s.Version;
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageActivities))]
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Details = await series.GetAsync(Actor, id, ct);
        try
        {
            var s = Details.Series;
            var saved = await series.UpdateAsync(Actor, id, new ActivitySeriesRequest(
                s.RegionCode, s.Year, Input.Name, ParseEnum<ActivityKind>(Input.Kind, "kind", "活动类型"), ParseDate(Input.StartsOn, "startsOn", "开始日期"),
                ParseDate(Input.EndsOn, "endsOn", "结束日期"), Input.Description), Version, ct);
            return BackWithNotice($"已保存活动系列“{saved.Name}”");
        }
        catch (DomainValidationException e)
        {
            AddError<SeriesInput>(e);
        }

        return Page();
    }
}
