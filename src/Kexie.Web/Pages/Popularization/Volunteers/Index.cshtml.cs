using Kexie.Domain.Common;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Volunteers;

/// <summary>
/// 科技志愿者: the year's figures of a region in the report's words and its teams (public); for the region's managers the
/// volunteers, a form to form a team and a form to register a volunteer (linked to a science worker by name).
/// </summary>
public sealed class IndexModel(VolunteerService volunteers) : MarketPageModel
{
    public sealed class TeamInput
    {
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public string? RegionCode { get; set; }
        public string? Organizer { get; set; }
        public string? EstablishedOn { get; set; }
    }

    public sealed class VolunteerInput
    {
        public string? Name { get; set; }
        public string? Phone { get; set; }
        public string? RegionCode { get; set; }
        public string? Expertise { get; set; }
        public string? TeamId { get; set; }
        public string? ScienceWorkerName { get; set; }
    }

    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    [BindProperty] public TeamInput Team { get; set; } = new();
    [BindProperty] public VolunteerInput Input { get; set; } = new();

    public VolunteerStatisticsDto? Stats { get; private set; }
    public IReadOnlyList<VolunteerTeamDto> Teams { get; private set; } = [];
    public PagedResult<VolunteerDto>? List { get; private set; }
    public string? FilterError { get; private set; }
    public bool IsManager => Can(PopularizationPermissions.ManageVolunteers);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    [RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageVolunteers))]
    public async Task<IActionResult> OnPostTeamAsync(CancellationToken ct)
    {
        try
        {
            var team = await volunteers.CreateTeamAsync(Actor, new VolunteerTeamRequest(
                Team.Name, ParseEnum<VolunteerTeamKind>(Team.Kind, "kind", "队伍类型", VolunteerTeamKind.ScienceService), Team.RegionCode, Team.Organizer,
                ParseDate(Team.EstablishedOn, "establishedOn", "成立日期")), ct);
            Notice = $"已组建{team.KindName}“{team.Name}”";
            return Redirect("/Popularization/Volunteers");
        }
        catch (DomainValidationException e)
        {
            AddError<TeamInput>(e, "Team");
        }

        await LoadAsync(ct);
        return Page();
    }

    [RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageVolunteers))]
    public async Task<IActionResult> OnPostVolunteerAsync(CancellationToken ct)
    {
        try
        {
            var volunteer = await volunteers.RegisterAsync(Actor, new VolunteerRequest(
                Input.Name, Input.Phone, Input.RegionCode, Input.Expertise, ParseGuid(Input.TeamId, "teamId", "所属队伍"), null, Input.ScienceWorkerName), ct);
            Notice = $"已登记科技志愿者 {volunteer.Name}" + (volunteer.IsScienceWorker ? "（已关联科技工作者）" : string.Empty);
            return Redirect("/Popularization/Volunteers");
        }
        catch (DomainValidationException e)
        {
            AddError<VolunteerInput>(e);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Region ??= HomeRegion;
        Year ??= DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year;
        Team.RegionCode ??= Actor.ManagedScope;
        Input.RegionCode ??= Actor.ManagedScope;
        try
        {
            Stats = await volunteers.StatisticsAsync(Region, Year, ct);
            Teams = await volunteers.TeamsAsync(Region, null, ct);
            if (IsManager)
            {
                List = await volunteers.ListAsync(Actor, new VolunteerFilter(Q, Region, null, PageNumber, 50), ct);
            }
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
        }
    }
}
