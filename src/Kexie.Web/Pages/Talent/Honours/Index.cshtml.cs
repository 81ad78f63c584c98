using Kexie.Domain.Common;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Talent;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Talent.Honours;

/// <summary>人才荣誉: calls of a region and above, the region's counts of the year, and a new call for admins.</summary>
public sealed class IndexModel(HonourService honours) : MarketPageModel
{
    public sealed class CallInput
    {
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public string? Year { get; set; }
        public string? RegionCode { get; set; }
        public string? ConferredBy { get; set; }
        public string? Quota { get; set; }
        public bool AllowsUnitNominations { get; set; }
    }

    [BindProperty] public CallInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public PagedResult<HonourCallDto> Result { get; private set; } = new([], 0, 1, 20);

    public HonourStatisticsDto? Stats { get; private set; }

    public string? FilterError { get; private set; }

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Talent/Honours", new Dictionary<string, string?> { ["region"] = Region, ["year"] = Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input = new CallInput
        {
            Year = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            RegionCode = Actor.ManagedScope is { Length: > 0 } scope ? scope : null,
            Kind = nameof(HonourKind.OutstandingTalent),
        };
        await LoadAsync(ct);
    }

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageHonours))]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var call = await honours.CreateAsync(Actor, new HonourCallRequest(
                Input.Name, ParseEnum<HonourKind>(Input.Kind, "kind", "荣誉类型"), ParseInt(Input.Year, "year", "评选年度"), Input.RegionCode, Input.ConferredBy,
                ParseInt(Input.Quota, "quota", "名额"), null, Input.AllowsUnitNominations), ct);
            Notice = $"已发起“{call.Name}”";
            return Redirect($"/Talent/Honours/Details/{call.Id}");
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
            Result = await honours.ListAsync(Region, Year, null, PageNumber, 20, ct);
            var region = Region ?? HomeRegion;
            Stats = await honours.StatisticsAsync(region, Year, ct);
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
        }
    }
}
