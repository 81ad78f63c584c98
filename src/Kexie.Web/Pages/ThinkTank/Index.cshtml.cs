using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Web.Features.ThinkTank;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.ThinkTank;

/// <summary>智库课题: the calls for topics (public), the viewer's or region's applications, and the form to open a call.</summary>
public sealed class IndexModel(ThinkTankService thinkTank, KexieDbContext db) : MarketPageModel
{
    public sealed class CallInput
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? RegionCode { get; set; }
        public string? Deadline { get; set; }

        /// <summary>评审指标, one per line: 名称,权重,满分 (empty: the default rubric).</summary>
        public string? Rubric { get; set; }
    }

    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }
    [BindProperty] public CallInput Input { get; set; } = new();

    public PagedResult<CallDto> Calls { get; private set; } = new([], 0, 1, 20);

    public IReadOnlyList<TopicDto> Topics { get; private set; } = [];

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public string? FilterError { get; private set; }

    public PagerModel Pager => new(Calls.Page, Calls.PageCount, "/ThinkTank", new Dictionary<string, string?> { ["region"] = Region });

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.RegionCode ??= Can(Kexie.Web.Features.ThinkTank.ThinkTankPermissions.ManageCalls) && Actor.ManagedScope is { Length: > 0 } scope ? scope : null;
        await LoadAsync(ct);
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.ThinkTank.ThinkTankPermissions), nameof(Kexie.Web.Features.ThinkTank.ThinkTankPermissions.ManageCalls))]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var call = await thinkTank.OpenCallAsync(Actor, new CallRequest(Input.Title, Input.Description, Input.RegionCode, ParseDate(Input.Deadline, "deadline", "截止日期"), Kexie.Domain.ThinkTank.ReviewRubric.Parse(Input.Rubric)), ct);
            Notice = $"已发布课题征集“{call.Title}”";
            return Redirect($"/ThinkTank/Calls/{call.Id}");
        }
        catch (DomainValidationException e)
        {
            AddError<CallInput>(e);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        try
        {
            Calls = await thinkTank.CallsAsync(Region, null, PageNumber, 20, ct);
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
        }

        if (Actor.IsAuthenticated)
        {
            Topics = (await thinkTank.TopicsAsync(Actor, null, null, null, 1, 50, ct)).Items;
        }

        RegionNames = await Lookups.RegionNamesAsync(db, Calls.Items.Select(c => c.RegionCode).Concat(Topics.Select(t => t.RegionCode)), ct);
    }
}
