using Kexie.Domain.Common;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Series;

/// <summary>活动系列: the public list (by region and year); the region's staff create one (name, kind, dates).</summary>
public sealed class IndexModel(SeriesService series) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Year { get; set; }

    public sealed class SeriesInput
    {
        public string? RegionCode { get; set; }
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public string? StartsOn { get; set; }
        public string? EndsOn { get; set; }
        public string? Description { get; set; }
    }

    [BindProperty] public SeriesInput Input { get; set; } = new();

    public IReadOnlyList<ActivitySeriesDto> Items { get; private set; } = [];

    public string? FilterError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input = new SeriesInput { Kind = nameof(ActivityKind.ScienceWeek), RegionCode = Actor.ManagedScope is { Length: > 0 } scope ? scope : null };
        await LoadAsync(ct);
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageActivities))]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var starts = ParseDate(Input.StartsOn, "startsOn", "开始日期");
            var saved = await series.CreateAsync(Actor, new ActivitySeriesRequest(
                Input.RegionCode, starts?.Year, Input.Name, ParseEnum<ActivityKind>(Input.Kind, "kind", "活动类型"), starts, ParseDate(Input.EndsOn, "endsOn", "结束日期"), Input.Description), ct);
            Notice = $"已建立活动系列“{saved.Name}”，各乡镇、部门的活动可在活动编辑页归入";
            return Redirect($"/Popularization/Series/Details/{saved.Id}");
        }
        catch (DomainValidationException e)
        {
            AddError<SeriesInput>(e);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        try
        {
            Items = await series.ListAsync(Actor, Region, ParseInt(Year, "year", "年份"), ct);
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
        }
    }
}
