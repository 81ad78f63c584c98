using Kexie.Domain.Common;
using Kexie.Web.Features.Talent;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Talent.Contests;

/// <summary>Holds a contest edition or edits one (the holding region's admins): name, year, categories, recommendation quota.</summary>
[Authorize]
public sealed class EditModel(ContestService contests) : MarketPageModel
{
    public sealed class ContestInput
    {
        public string? Name { get; set; }
        public string? Year { get; set; }
        public string? RegionCode { get; set; }
        public string? Categories { get; set; }
        public string? RecommendQuota { get; set; }
        public string? Note { get; set; }
        public string? Rubric { get; set; }

        /// <summary>评审轮次, e.g. "初评、终评" (blank or one name: one round).</summary>
        public string? Rounds { get; set; }

        /// <summary>大赛类型 (<see cref="Kexie.Domain.Talent.ContestKind"/>).</summary>
        public string? Kind { get; set; }

        /// <summary>参赛条件: the 学段 that may enter (none ticked: every stage), the authors' limit, the two rules.</summary>
        public List<string> Stages { get; set; } = [];
        public string? MaxStudents { get; set; }
        public bool OnePerStudent { get; set; }
        public bool TeacherRequired { get; set; }
    }

    [BindProperty] public ContestInput Input { get; set; } = new();

    [BindProperty] public int Version { get; set; }

    public Guid? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var c = await contests.GetAsync(existing, ct);
            if (!Can(Kexie.Web.Features.Talent.TalentPermissions.ManageContests, c.RegionCode))
            {
                return ForbiddenPage("只有举办地区的科协管理员可以修改该大赛");
            }

            Input = new ContestInput
            {
                Name = c.Name, Year = c.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), RegionCode = c.RegionCode, Categories = string.Join("、", c.Categories),
                RecommendQuota = c.RecommendQuota?.ToString(System.Globalization.CultureInfo.InvariantCulture), Note = c.Note,
                Rubric = string.Join("、", c.Rubric.Select(r => $"{r.Name}{r.MaxScore}")),
                Stages = [.. (c.Eligibility?.Stages ?? []).Select(s => s.ToString())],
                MaxStudents = c.Eligibility?.MaxStudents?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                OnePerStudent = c.Eligibility?.OnePerStudent ?? false, TeacherRequired = c.Eligibility?.TeacherRequired ?? false,
                Rounds = c.Rounds is { Count: > 1 } rounds ? string.Join("、", rounds) : null, Kind = c.Kind.ToString(),
            };
            Version = c.Version;
        }
        else
        {
            Input = new ContestInput
            {
                Year = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                RegionCode = Actor.ManagedScope is { Length: > 0 } scope ? scope : null,
                Categories = string.Join("、", Kexie.Domain.Talent.ContestNames.DefaultCategories),
                Rubric = string.Join("、", Kexie.Domain.Talent.ContestRubric.Default.Select(r => $"{r.Name}{r.MaxScore}")),
            };
        }

        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageContests))]
    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        try
        {
            var categories = (Input.Categories ?? string.Empty).Split(['、', ',', '，', '\n', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var request = new ContestRequest(
                Input.Name, ParseInt(Input.Year, "year", "举办年份"), Input.RegionCode, categories, ParseInt(Input.RecommendQuota, "recommendQuota", "推荐名额"), Input.Note, ParseRubric(Input.Rubric),
                new Kexie.Domain.Talent.ContestEligibility([.. Input.Stages.Select(s => ParseEnum<Kexie.Domain.Talent.SchoolStage>(s, "stages", "学段"))],
                    ParseInt(Input.MaxStudents, "maxStudents", "每件作品作者人数上限"), Input.OnePerStudent, Input.TeacherRequired),
                (Input.Rounds ?? string.Empty).Split(['、', ',', '，', '\n', ';', '；', '→'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                string.IsNullOrEmpty(Input.Kind) ? null : ParseEnum<Kexie.Domain.Talent.ContestKind>(Input.Kind, "kind", "大赛类型"));
            var saved = id is { } existing ? await contests.UpdateAsync(Actor, existing, request, Version, ct) : await contests.CreateAsync(Actor, request, ct);
            Notice = $"已保存“{saved.Name}”";
            return Redirect($"/Talent/Contests/Details/{saved.Id}");
        }
        catch (DomainValidationException e)
        {
            AddError<ContestInput>(e);
        }

        return Page();
    }

    /// <summary>"创新性30、科学性30、实用性20、表达20" (a space or 分 after the name or number is fine); blank keeps the edition's.</summary>
    private static List<Kexie.Domain.Talent.ContestCriterionData>? ParseRubric(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var items = new List<Kexie.Domain.Talent.ContestCriterionData>();
        foreach (var part in text.Split(['、', ',', '，', '\n', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var m = System.Text.RegularExpressions.Regex.Match(part, @"^(.+?)\s*(\d{1,3})\s*分?$");
            if (!m.Success)
            {
                throw new DomainValidationException("rubric", $"评分标准“{part}”请写成“评分项+满分”，如 创新性30");
            }

            items.Add(new(m.Groups[1].Value.Trim(), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }

        return items;
    }
}
