using System.Globalization;
using Kexie.Domain.Common;
using Kexie.Domain.Indicators;
using Kexie.Web.Features.Indicators;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Indicators;

/// <summary>权重方案: the versions of the weights (never edited; the newest is in force) and, for those allowed, a new version.</summary>
[Authorize]
public sealed class WeightSetsModel(IndicatorService indicators) : KexiePageModel
{
    public IReadOnlyList<WeightSetDto> Sets { get; private set; } = [];

    /// <summary>As the service decides: platform admins and province-level association admins.</summary>
    public bool CanCreate => Can(Kexie.Web.Features.Indicators.IndicatorPermissions.ManageWeights) && Actor.ManagedScope is { Length: <= 2 };

    [BindProperty] public string? Name { get; set; }

    [BindProperty] public string? Note { get; set; }

    /// <summary>Weights as typed, keyed by "group:ServingEnterprises" or an indicator code.</summary>
    [BindProperty] public Dictionary<string, string?> Weights { get; set; } = [];

    public string? FormError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var active = Sets.FirstOrDefault(s => s.Active) ?? Sets[^1];
        Name = $"{active.Name}（修订）";
        foreach (var (group, weight) in active.GroupWeights)
        {
            Weights[WeightSet.GroupPrefix + group] = IndicatorsUi.Weight(weight);
        }

        foreach (var i in IndicatorCatalogue.All)
        {
            Weights[i.Code] = IndicatorsUi.Weight(active.IndicatorWeights.GetValueOrDefault(i.Code));
        }
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Indicators.IndicatorPermissions), nameof(Kexie.Web.Features.Indicators.IndicatorPermissions.ManageWeights))]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanCreate)
        {
            return ForbiddenPage("只有平台管理员和省级科协管理员可以设置权重");
        }

        try
        {
            var groups = ServiceGroupNames.All.ToDictionary(g => g, g => Parse(WeightSet.GroupPrefix + g, g.Chinese()));
            var items = IndicatorCatalogue.All.ToDictionary(i => i.Code, i => Parse(i.Code, i.Name));
            var created = await indicators.CreateWeightSetAsync(Actor, new CreateWeightSetRequest(Name, Note, groups, items), ct);
            Notice = $"已保存权重方案 v{created.Version}「{created.Name}」，自即日起用于排名；历史排名可按版本复现。";
            return RedirectToPage();
        }
        catch (DomainValidationException e)
        {
            FormError = e.Message;
            await LoadAsync(ct);
            return Page();
        }
    }

    private decimal Parse(string key, string label)
    {
        var text = Weights.GetValueOrDefault(key)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return 0m;
        }

        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new DomainValidationException("weights", $"“{label}”的权重“{text}”不是有效的数字");
    }

    private async Task LoadAsync(CancellationToken ct) => Sets = await indicators.WeightSetsAsync(Actor, ct);
}
