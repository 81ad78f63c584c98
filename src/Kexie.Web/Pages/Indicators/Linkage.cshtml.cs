using System.Globalization;
using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Indicators;
using Kexie.Web.Features.Indicators;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Indicators;

/// <summary>The assign form of 联动调度, as typed.</summary>
public sealed class AssignInput
{
    public string? Title { get; set; }

    public string? IndicatorCode { get; set; }

    public List<string> RegionCodes { get; set; } = [];

    public string? Target { get; set; }

    public string? StartsOn { get; set; }

    public string? DueOn { get; set; }

    public string? Note { get; set; }
}

/// <summary>联动调度: tasks assigned to my level (and below) and by my level, with progress from data; the assign form for admins.</summary>
[Authorize]
public sealed class LinkageModel(LinkageService linkage, IndicatorService indicators, KexieDbContext db, TimeProvider clock) : KexiePageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    [BindProperty] public AssignInput Input { get; set; } = new();

    public IReadOnlyList<LinkageTaskDto> ToMe { get; private set; } = [];

    public IReadOnlyList<LinkageTaskDto> ByMe { get; private set; } = [];

    public List<CodeName> LowerRegions { get; private set; } = [];

    public static IReadOnlyList<IndicatorDefinition> Assignable { get; } =
        IndicatorCatalogue.All.Where(i => i.IsAvailable && i.Direction == Direction.HigherIsBetter).ToList();

    /// <summary>Admins assign to the regions below their own.</summary>
    public bool CanAssign => Can(Kexie.Web.Features.Indicators.IndicatorPermissions.AssignLinkage);

    public string? FilterError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        Input.StartsOn = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Input.DueOn = today.AddMonths(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await LoadAsync(ct);
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Indicators.IndicatorPermissions), nameof(Kexie.Web.Features.Indicators.IndicatorPermissions.AssignLinkage))]
    public async Task<IActionResult> OnPostAssignAsync(CancellationToken ct)
    {
        try
        {
            var request = new AssignLinkageRequest(
                Input.Title,
                Input.IndicatorCode,
                Input.RegionCodes,
                ParseDecimal(Input.Target),
                ParseDate(Input.StartsOn, "startsOn", "开始日期"),
                ParseDate(Input.DueOn, "dueOn", "截止日期"),
                Input.Note);
            var created = await linkage.AssignAsync(Actor, request, ct);
            Notice = $"已向{string.Join("、", created.Select(t => t.RegionName ?? t.RegionCode))}下达联动任务“{created[0].Title}”。";
            return RedirectToPage();
        }
        catch (DomainValidationException e)
        {
            AddError<AssignInput>(e);
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        indicators.RequireManager(Actor);

        var scope = Actor.ManagedScope!;
        IReadOnlyList<LinkageTaskDto> tasks;
        try
        {
            tasks = await linkage.ListAsync(Actor, Status, ct);
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
            tasks = await linkage.ListAsync(Actor, null, ct);
        }

        ByMe = tasks.Where(t => t.AssignedByRegionCode == scope).ToList();
        ToMe = tasks.Where(t => t.AssignedByRegionCode != scope).ToList();
        if (CanAssign)
        {
            LowerRegions = (await Lookups.RegionOptionsAsync(db, scope, ct)).Where(r => r.Code.Length > scope.Length).ToList();
        }
    }

    private static decimal ParseDecimal(string? text) =>
        decimal.TryParse(text?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new DomainValidationException("target", string.IsNullOrWhiteSpace(text) ? "请填写目标值" : $"目标值“{text.Trim()}”不是有效的数字");

    private static DateOnly ParseDate(string? text, string field, string label) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new DomainValidationException(field, $"请填写{label}");
}
