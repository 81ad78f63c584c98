using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Web.Features.Directory;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Workers;

[Authorize]
public sealed class EditModel(ScienceWorkerService workers, KexieDbContext db, DictionaryCache dictionaries) : KexiePageModel
{
    /// <summary>The form as typed: strings, so that nothing the user typed is lost or rejected in English.</summary>
    public sealed class WorkerInput
    {
        public string? Name { get; set; }

        public string? Gender { get; set; }

        public string? BirthYear { get; set; }

        public string? Employer { get; set; }

        public string? Title { get; set; }

        public string? DisciplineCodes { get; set; }

        public string? Education { get; set; }

        public string? PoliticalStatus { get; set; }

        public string? Phone { get; set; }

        public string? RegionCode { get; set; }

        public bool IsPublicProfile { get; set; }
    }

    [BindProperty]
    public WorkerInput Input { get; set; } = new();

    public Guid? Id { get; private set; }

    public List<CodeName> RegionOptions { get; private set; } = [];

    public List<CodeName> DisciplineOptions { get; private set; } = [];

    /// <summary>The code lists (学历, 政治面貌, 职称) as admins keep them.</summary>
    public Kexie.Domain.Dictionaries.DictionaryLookup Dictionaries { get; private set; } = Kexie.Domain.Dictionaries.DictionaryLookup.Seeds;

    /// <summary>The names offered for <paramref name="type"/>, and <paramref name="current"/> when the record holds a value no longer offered.</summary>
    public IReadOnlyList<string> Options(string type, string? current) =>
        string.IsNullOrEmpty(current) || Dictionaries.Names(type).Contains(current) ? Dictionaries.Names(type) : [.. Dictionaries.Names(type), current];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var worker = await workers.GetAsync(Actor, existing, ct);
            if (Actor.ScienceWorkerId != worker.Id && !Can(Kexie.Web.Features.Directory.DirectoryPermissions.RegisterOthers, worker.RegionCode))
            {
                return ForbiddenPage("只有本人和所在地区的管理人员可以修改该科技工作者的资料");
            }

            Input = new WorkerInput
            {
                Name = worker.Name,
                Gender = worker.Gender.ToString(),
                BirthYear = worker.BirthYear?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Employer = worker.Employer,
                Title = worker.Title,
                DisciplineCodes = string.Join(",", worker.DisciplineCodes),
                Education = worker.Education,
                PoliticalStatus = worker.PoliticalStatus,
                Phone = worker.Phone,
                RegionCode = worker.RegionCode,
                IsPublicProfile = worker.IsPublicProfile,
            };
        }
        else
        {
            if (!Can(Kexie.Web.Features.Directory.DirectoryPermissions.RegisterOthers))
            {
                return ForbiddenPage("只有科协管理员和服务中心工作人员可以登记科技工作者");
            }

            Input = new WorkerInput { IsPublicProfile = true, RegionCode = Actor.ManagedScope is { Length: >= 6 } scope ? scope : null };
        }

        await LoadOptionsAsync(ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Directory.DirectoryPermissions), nameof(Kexie.Web.Features.Directory.DirectoryPermissions.EditWorkers))]
    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        try
        {
            var data = new ScienceWorkerData(
                Input.Name,
                ParseEnum<Gender>(Input.Gender, "gender", "性别", Kexie.Domain.Directory.Gender.Unspecified),
                ParseInt(Input.BirthYear, "birthYear", "出生年份"),
                Input.Employer,
                Input.Title,
                string.IsNullOrWhiteSpace(Input.DisciplineCodes) ? [] : [Input.DisciplineCodes],
                Input.Education,
                Input.PoliticalStatus,
                Input.Phone,
                Input.RegionCode,
                Input.IsPublicProfile);
            var saved = id is { } existing
                ? await workers.UpdateAsync(Actor, existing, data, ct)
                : await workers.CreateAsync(Actor, data, ct);
            Notice = id is null ? $"已登记科技工作者“{saved.Name}”" : $"已保存“{saved.Name}”的资料";
            return RedirectToPage("/Workers/Details", new { id = saved.Id });
        }
        catch (DomainValidationException e)
        {
            AddError<WorkerInput>(e);
        }
        catch (AccessDeniedException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
        }

        await LoadOptionsAsync(ct);
        return Page();
    }

    private async Task LoadOptionsAsync(CancellationToken ct)
    {
        RegionOptions = await Lookups.RegionOptionsAsync(db, Lookups.RootFor(Actor), ct);
        DisciplineOptions = await Lookups.DisciplinesAsync(db, 2, ct);
        Dictionaries = await dictionaries.GetAsync(db, ct);
    }
}
