using Kexie.Domain.Common;
using Kexie.Web.Features.Indicators;
using Kexie.Web.Features.Indicators.Report;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Indicators;

/// <summary>A paragraph of the template form, as typed: its part (Chinese name) and its wording.</summary>
public sealed class ParagraphInput
{
    public string? Part { get; set; }

    public string? Text { get; set; }
}

/// <summary>
/// 报告模板: the wording of the region's annual report, paragraph by paragraph with placeholders for the statistics;
/// saving validates every placeholder and keeps the earlier versions; the report uses the newest or the default.
/// </summary>
[Authorize]
public sealed class ReportTemplateModel(ReportTemplateService templates, Kexie.Data.KexieDbContext db) : KexiePageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    /// <summary>The regions the reader may pick (their own and those below, as on the dashboard).</summary>
    public List<CodeName> RegionOptions { get; private set; } = [];

    /// <summary>The region asked for, else the reader's own, else (a country-wide account) the first region offered.</summary>
    private async Task ChooseRegionAsync(CancellationToken ct)
    {
        RegionOptions = await Lookups.RegionOptionsAsync(db, Lookups.RootFor(Actor), ct);
        if (string.IsNullOrWhiteSpace(Region))
        {
            Region = Actor.RegionCode.Length > 0 ? Actor.RegionCode : RegionOptions.FirstOrDefault()?.Code;
        }
    }

    [BindProperty] public List<ParagraphInput> Paragraphs { get; set; } = [];

    [BindProperty] public string? Note { get; set; }

    public ReportTemplateDto? Template { get; private set; }

    public string? FormError { get; private set; }

    public bool CanEdit => Can(IndicatorPermissions.EditReportTemplate);

    public async Task<IActionResult> OnGetAsync(bool? reset, CancellationToken ct)
    {
        if (!Can(Kexie.Web.Features.Indicators.IndicatorPermissions.ViewDashboards))
        {
            return ForbiddenPage("只有科协管理员和服务中心工作人员可以编辑报告模板");
        }

        await ChooseRegionAsync(ct);
        Template = await templates.GetAsync(Actor, Region, ct);
        var text = reset == true ? ReportTemplate.Default : Template.Text;
        Paragraphs = ReportTemplate.Parse(text, null).Select(p => new ParagraphInput { Part = p.Part.Chinese(), Text = p.Text }).ToList();
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(IndicatorPermissions), nameof(IndicatorPermissions.EditReportTemplate))]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var text = ReportTemplate.Compose(Paragraphs.Select(p => (p.Part ?? string.Empty, p.Text)));
            var saved = await templates.SaveAsync(Actor, Region, new SaveReportTemplateRequest(text, Note), ct);
            Notice = $"已保存{saved.RegionName}报告模板第{saved.Version}版，自即日起生成的年度报告使用此模板。";
            return RedirectToPage(new { region = saved.RegionCode });
        }
        catch (DomainValidationException e)
        {
            FormError = e.Message;
            await ChooseRegionAsync(ct);
            Template = await templates.GetAsync(Actor, Region, ct);
            Paragraphs = Paragraphs.Where(p => !string.IsNullOrWhiteSpace(p.Text)).ToList();
            return Page();
        }
    }

    /// <summary>The form's paragraphs of <paramref name="part"/>, with their index in <see cref="Paragraphs"/>.</summary>
    public IEnumerable<(int Index, ParagraphInput Paragraph)> Of(string part) =>
        Paragraphs.Select((p, i) => (i, p)).Where(x => x.p.Part == part);
}
