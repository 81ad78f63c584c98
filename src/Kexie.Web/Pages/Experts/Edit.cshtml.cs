using Kexie.Domain.Common;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Directory;
using Kexie.Web.Features.Talent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Experts;

/// <summary>Admits a science worker to the 专家库 (from the worker's page) or edits an entry; admins of the region only.</summary>
[Authorize]
public sealed class EditModel(ExpertService experts, ScienceWorkerService workers) : KexiePageModel
{
    private static readonly char[] Separators = ['、', '，', ',', '；', ';', '\n', '\r'];

    public sealed class ExpertInput
    {
        public ExpertLevel? Level { get; set; }

        public string? Expertise { get; set; }

        /// <summary>研究方向, separated by 、，; or new lines.</summary>
        public string? ResearchDirections { get; set; }

        public string? Profile { get; set; }
    }

    [BindProperty]
    public ExpertInput Input { get; set; } = new();

    public Guid? Id { get; private set; }

    [BindProperty(SupportsGet = true)]
    public Guid? WorkerId { get; set; }

    public string WorkerName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var e = await experts.GetAsync(Actor, existing, ct);
            if (!Can(Kexie.Web.Features.Talent.TalentPermissions.ManageExperts, e.RegionCode))
            {
                return ForbiddenPage("只有本地区科协管理员可以编辑该专家");
            }

            (WorkerId, WorkerName) = (e.WorkerId, e.Name);
            Input = new ExpertInput { Level = e.Level, Expertise = e.Expertise, ResearchDirections = string.Join("、", e.ResearchDirections), Profile = e.Profile };
            return Page();
        }

        return await LoadWorkerAsync(ct) ?? Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Talent.TalentPermissions), nameof(Kexie.Web.Features.Talent.TalentPermissions.ManageExperts))]
    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is null && await LoadWorkerAsync(ct) is { } refused)
        {
            return refused;
        }

        try
        {
            var data = new ExpertData(Input.Level, Input.Expertise, (Input.ResearchDirections ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries), Input.Profile);
            var saved = id is { } existing
                ? await experts.UpdateAsync(Actor, existing, data, ct)
                : await experts.AdmitAsync(Actor, WorkerId, data, ct);
            Notice = id is null ? $"已将“{saved.Name}”纳入专家库（{Lookups.ExpertLevelName(saved.Level)}）" : $"已保存“{saved.Name}”的专家信息";
            return RedirectToPage("/Experts/Index", new { q = saved.Name });
        }
        catch (DomainValidationException e) when (e.Field != "workerId")
        {
            AddError<ExpertInput>(e);
        }
        catch (Exception e) when (e is DomainValidationException or AccessDeniedException)
        {
            ModelState.AddModelError(string.Empty, e.Message);
        }

        if (id is { } current)
        {
            WorkerName = (await experts.GetAsync(Actor, current, ct)).Name;
        }

        return Page();
    }

    /// <summary>The worker to admit (a new entry); null when the page may go on.</summary>
    private async Task<IActionResult?> LoadWorkerAsync(CancellationToken ct)
    {
        if (!Can(Kexie.Web.Features.Talent.TalentPermissions.ManageExperts))
        {
            return ForbiddenPage("只有科协管理员可以将科技工作者纳入专家库");
        }

        if (WorkerId is not { } workerId)
        {
            Alert = "请在科技工作者的详情页选择“纳入专家库”";
            return RedirectToPage("/Workers/Index");
        }

        var worker = await workers.GetAsync(Actor, workerId, ct);
        if (!Can(Kexie.Web.Features.Talent.TalentPermissions.ManageExperts, worker.RegionCode))
        {
            return ForbiddenPage("只能将本地区（含下级）的科技工作者纳入专家库");
        }

        WorkerName = worker.Name;
        return null;
    }
}
