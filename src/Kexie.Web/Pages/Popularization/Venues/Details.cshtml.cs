using Kexie.Domain.Common;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Venues;

/// <summary>A 科普阵地 with its visitor records; the region's managers add a record or remove a mistaken one.</summary>
public sealed class DetailsModel(VenueService venues) : MarketPageModel
{
    public sealed class VisitInput
    {
        public string? Day { get; set; }
        public string? Groups { get; set; }
        public string? Visitors { get; set; }
        public string? Place { get; set; }
        public string? Setting { get; set; }
        public string? TargetGroup { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty] public VisitInput Input { get; set; } = new();

    public VenueDto Venue { get; private set; } = null!;

    public IReadOnlyList<VenueVisitDto> Visits { get; private set; } = [];

    public bool IsManager { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Input = new VisitInput { Day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd") };
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageVenues))]
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var request = new VenueVisitRequest(
                ParseDate(Input.Day, "day", "日期") ?? throw new DomainValidationException("day", "日期不能为空"),
                ParseInt(Input.Groups, "groups", "接待团队数") ?? 0,
                ParseInt(Input.Visitors, "visitors", "观众人次") ?? throw new DomainValidationException("visitors", "观众人次不能为空"),
                Input.Place,
                string.IsNullOrEmpty(Input.Setting) ? null : ParseEnum<ServiceSetting>(Input.Setting, "setting", "服务场所"),
                string.IsNullOrEmpty(Input.TargetGroup) ? null : ParseEnum<TargetGroup>(Input.TargetGroup, "targetGroup", "重点人群"),
                Input.Note);
            var visit = await venues.RecordVisitAsync(Actor, id, request, ct);
            Notice = $"已登记 {visit.Day:yyyy-MM-dd} 的接待记录：团队 {visit.Groups} 个，观众 {visit.Visitors} 人次";
            return Redirect($"/Popularization/Venues/Details/{id}");
        }
        catch (DomainValidationException e)
        {
            AddError<VisitInput>(e);
        }

        await LoadAsync(id, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageVenues))]
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid visitId, CancellationToken ct)
    {
        await venues.DeleteVisitAsync(Actor, id, visitId, ct);
        return BackWithNotice("已删除该接待记录");
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Venue = await venues.GetAsync(id, ct);
        Visits = await venues.VisitsAsync(id, null, ct);
        IsManager = Can(PopularizationPermissions.ManageVenues, Venue.RegionCode);
    }
}
