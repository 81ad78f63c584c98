using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Web.Features.ThinkTank;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.ThinkTank;

/// <summary>A call for topics: the notice, the application form (signed-in users), and its applications for the reviewers.</summary>
public sealed class CallModel(ThinkTankService thinkTank, KexieDbContext db) : MarketPageModel
{
    public sealed class TopicInput
    {
        public string? Title { get; set; }
        public string? Summary { get; set; }
        public string? LeaderName { get; set; }
        public string? LeaderOrganization { get; set; }
        public string? RegionCode { get; set; }
    }

    [BindProperty] public TopicInput Input { get; set; } = new();

    public CallDto Call { get; private set; } = null!;

    public IReadOnlyList<TopicDto> Topics { get; private set; } = [];

    public string RegionName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Input.RegionCode = Actor.IsAuthenticated && RegionScope.Within(Actor.RegionCode, Call.RegionCode) ? Actor.RegionCode : Call.RegionCode;
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.ThinkTank.ThinkTankPermissions), nameof(Kexie.Web.Features.ThinkTank.ThinkTankPermissions.ApplyTopics))]
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!Actor.IsAuthenticated)
        {
            return Challenge();
        }

        try
        {
            var topic = await thinkTank.ApplyAsync(Actor, id, new TopicRequest(Input.Title, Input.Summary, Input.LeaderName, Input.LeaderOrganization, Input.RegionCode), ct);
            Notice = $"已申报课题“{topic.Title}”，等待专家评审";
            return Redirect($"/ThinkTank/Topics/{topic.Id}");
        }
        catch (DomainValidationException e)
        {
            AddError<TopicInput>(e);
        }
        catch (InvalidTransitionException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
        }

        await LoadAsync(id, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.ThinkTank.ThinkTankPermissions), nameof(Kexie.Web.Features.ThinkTank.ThinkTankPermissions.ManageCalls))]
    public async Task<IActionResult> OnPostCloseAsync(Guid id, int version, CancellationToken ct)
    {
        await thinkTank.CloseCallAsync(Actor, id, version, ct);
        return BackWithNotice("已截止征集");
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Call = await thinkTank.CallAsync(id, ct);
        if (Actor.IsAuthenticated)
        {
            Topics = (await thinkTank.TopicsAsync(Actor, id, null, null, 1, 200, ct)).Items;
        }

        RegionName = (await Lookups.RegionNamesAsync(db, [Call.RegionCode], ct)).GetValueOrDefault(Call.RegionCode, Call.RegionCode);
    }
}
