using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Market;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Pages.Market.Tickets;

/// <summary>保姆式服务单: record a hands-on service, list them, and count them per staff member, county and kind.</summary>
[Authorize]
public sealed class IndexModel(ServiceTicketService tickets, KexieDbContext db) : MarketPageModel
{
    public sealed class TicketInput
    {
        public string? Kind { get; set; }
        public string? TargetText { get; set; }
        public string? ServedOn { get; set; }
        public string? RegionCode { get; set; }
        public string? DurationMinutes { get; set; }
        public string? ParticipantCount { get; set; }
        public string? Notes { get; set; }
    }

    [BindProperty] public TicketInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public PagedResult<ServiceTicketDto> Result { get; private set; } = new([], 0, 1, 20);

    public TicketCountsDto? Counts { get; private set; }

    public string? FilterError { get; private set; }

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public List<CodeName> RegionOptions { get; private set; } = [];

    /// <summary>Staff display names by user id (the tickets keep the account name).</summary>
    public Dictionary<string, string> StaffNames { get; private set; } = [];

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Market/Tickets", new Dictionary<string, string?>
    {
        ["region"] = Region, ["from"] = From, ["to"] = To, ["mine"] = Mine ? "true" : null,
    });

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Can(Kexie.Web.Features.Market.MarketPermissions.EditTickets))
        {
            return ForbiddenPage("只有服务中心工作人员和科协管理员可以登记和查看服务单");
        }

        Input = new TicketInput
        {
            Kind = nameof(ServiceTicketKind.Consultation),
            ServedOn = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(MarketRules.ChinaOffset).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            RegionCode = Actor.ManagedScope is { Length: >= 6 } scope ? scope : null,
        };
        await LoadAsync(ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditTickets))]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var ticket = await tickets.CreateAsync(Actor, new ServiceTicketRequest(
                ParseEnum<ServiceTicketKind>(Input.Kind, "kind", "服务类型"), null, null, Input.TargetText,
                ParseDate(Input.ServedOn, "servedOn", "服务日期"), Input.RegionCode,
                ParseInt(Input.DurationMinutes, "durationMinutes", "服务时长"), Input.Notes, ParseInt(Input.ParticipantCount, "participantCount", "服务人数")), ct);
            Notice = $"已登记服务单：{ticket.KindName}，{MarketText.Day(ticket.ServedOn)}";
            return Redirect("/Market/Tickets?mine=true");
        }
        catch (DomainValidationException e)
        {
            AddError<TicketInput>(e);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        try
        {
            var from = ParseDate(From, "from", "开始日期");
            var to = ParseDate(To, "to", "结束日期");
            Result = await tickets.ListAsync(Actor, Region, Mine ? "me" : null, null, from, to, PageNumber, 20, ct);
            Counts = await tickets.CountsAsync(Actor, Region, from, to, ct);
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
        }

        RegionNames = await Lookups.RegionNamesAsync(db, Result.Items.Select(t => t.RegionCode), ct);
        var staffIds = Result.Items.Select(t => t.StaffUserId).Concat(Counts?.ByStaff.Select(s => s.Key) ?? []).Distinct().ToList();
        StaffNames = await db.Users.AsNoTracking().Where(u => staffIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        RegionOptions = await Lookups.RegionOptionsAsync(db, Lookups.RootFor(Actor), ct);
    }
}
