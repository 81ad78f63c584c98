using Kexie.Domain.Common;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Talent;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Talent.Surveys;

/// <summary>问卷调查: the region's surveys for its managers (open public ones for everyone), and a new survey from the template.</summary>
public sealed class IndexModel(SurveyService surveys) : MarketPageModel
{
    public sealed class SurveyInput
    {
        public string? Name { get; set; }
        public string? Year { get; set; }
        public string? RegionCode { get; set; }
        public string? Distribution { get; set; }
        public string? Distributed { get; set; }
        public string? MinSeconds { get; set; }
        public bool Template { get; set; } = true;
    }

    [BindProperty] public SurveyInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public PagedResult<SurveyListItem> Result { get; private set; } = new([], 0, 1, 20);

    public SurveyStatisticsDto? Stats { get; private set; }

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Talent/Surveys", new Dictionary<string, string?> { ["year"] = Year?.ToString() });

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input = new SurveyInput
        {
            Name = "科技工作者状况调查", Year = MarketRules.ChinaDate(DateTimeOffset.UtcNow).Year.ToString(), RegionCode = Actor.RegionCode,
            Distribution = nameof(SurveyDistribution.Anonymous), MinSeconds = "30",
        };
        await LoadAsync(ct);
    }

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageSurveys))]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var created = await surveys.CreateAsync(Actor, new SurveyRequest(
                Input.Name, ParseInt(Input.Year, "year", "调查年份"), Input.RegionCode, ParseEnum<SurveyDistribution>(Input.Distribution, "distribution", "发放方式"),
                ParseInt(Input.Distributed, "distributed", "发放份数"), null, ParseInt(Input.MinSeconds, "minSeconds", "最短答题时间"), null, Input.Template), ct);
            Notice = $"已创建“{created.Name}”，请检查题目后发放";
            return Redirect($"/Talent/Surveys/Details/{created.Id}");
        }
        catch (DomainValidationException e)
        {
            AddError<SurveyInput>(e);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Result = await surveys.ListAsync(Actor, null, Year, PageNumber, 20, ct);
        if (Actor.ManagedScope is { Length: > 0 } scope)
        {
            Stats = await surveys.StatisticsAsync(scope, Year, ct);
        }
    }
}
