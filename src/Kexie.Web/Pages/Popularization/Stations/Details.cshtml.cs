using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Stations;

/// <summary>A 科普e站 with its daily usage; the region's managers log a day's visits and interactions.</summary>
public sealed class DetailsModel(EStationService stations, KexieDbContext db) : MarketPageModel
{
    public sealed class UsageInput
    {
        public string? Day { get; set; }
        public string? Visits { get; set; }
        public string? Interactions { get; set; }
    }

    [BindProperty] public UsageInput Input { get; set; } = new();

    public EStationDto Station { get; private set; } = null!;

    public IReadOnlyList<UsageDto> Usage { get; private set; } = [];

    public string RegionName { get; private set; } = string.Empty;

    public bool IsManager { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Input = new UsageInput { Day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd") };
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageEStations))]
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var day = ParseDate(Input.Day, "day", "日期") ?? throw new DomainValidationException("day", "日期不能为空");
            var usage = await stations.LogUsageAsync(Actor, id, day, new UsageRequest(ParseInt(Input.Visits, "visits", "访问次数") ?? 0, ParseInt(Input.Interactions, "interactions", "互动次数") ?? 0), ct);
            Notice = $"已登记 {usage.Day:yyyy-MM-dd} 的使用情况：访问 {usage.Visits} 次，互动 {usage.Interactions} 次";
            return Redirect($"/Popularization/Stations/Details/{id}");
        }
        catch (DomainValidationException e)
        {
            AddError<UsageInput>(e);
        }

        await LoadAsync(id, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageEStations))]
    public async Task<IActionResult> OnPostStatusAsync(Guid id, bool active, int version, CancellationToken ct)
    {
        await stations.SetActiveAsync(Actor, id, active, version, ct);
        return BackWithNotice(active ? "已恢复运行" : "已停用");
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Station = await stations.GetAsync(Actor, id, ct);
        Usage = await stations.UsageAsync(id, null, null, ct);
        IsManager = Actor.IsRegionManager && Actor.Manages(Station.RegionCode);
        RegionName = (await Lookups.RegionNamesAsync(db, [Station.RegionCode], ct)).GetValueOrDefault(Station.RegionCode, Station.RegionCode);
    }
}
