using Kexie.Domain.Common;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Volunteers;

/// <summary>我的志愿服务: a volunteer's own records and hours; a science worker who is not one yet registers here.</summary>
[Authorize]
public sealed class MineModel(VolunteerService volunteers, VolunteerRecruitmentService recruitment) : MarketPageModel
{
    public sealed class JoinInput
    {
        public string? Phone { get; set; }
        public string? Expertise { get; set; }
        public string? TeamId { get; set; }
    }

    [BindProperty] public JoinInput Input { get; set; } = new();

    public MyVolunteerDto? Mine { get; private set; }

    /// <summary>The volunteer's applications to calls (志愿者招募).</summary>
    public IReadOnlyList<MyRecruitmentDto> Applications { get; private set; } = [];

    public IReadOnlyList<VolunteerTeamDto> Teams { get; private set; } = [];

    public bool MayJoin => Actor.ScienceWorkerId is not null;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    [RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.JoinVolunteers))]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await volunteers.RegisterSelfAsync(Actor, new SelfVolunteerRequest(Input.Phone, Input.Expertise, ParseGuid(Input.TeamId, "teamId", "所属队伍")), ct);
            Notice = "已注册为科技志愿者，可在科普活动期间到活动页面签到、签退";
            return Redirect("/Popularization/Volunteers/Mine");
        }
        catch (DomainValidationException e)
        {
            AddError<JoinInput>(e);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Mine = await volunteers.MineAsync(Actor, ct);
        Applications = Mine is null ? [] : await recruitment.MineAsync(Actor, ct);
        if (Mine is null && MayJoin)
        {
            var county = Kexie.Domain.Regions.RegionCode.CountyOf(Actor.RegionCode);
            Teams = (await volunteers.TeamsAsync(county.Length >= 2 ? county : null, null, ct))
                .Where(t => Kexie.Domain.Regions.RegionCode.IsWithin(Actor.RegionCode, t.RegionCode)).ToList();
        }
    }
}
