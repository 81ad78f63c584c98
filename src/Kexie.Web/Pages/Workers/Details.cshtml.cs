using Microsoft.EntityFrameworkCore;
using Kexie.Data;
using Kexie.Web.Features.Directory;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Workers;

public sealed class DetailsModel(ScienceWorkerService workers, KexieDbContext db, Kexie.Web.Features.Talent.HonourService honours) : KexiePageModel
{
    public ScienceWorkerDto Worker { get; private set; } = null!;

    public string RegionName { get; private set; } = string.Empty;

    public Dictionary<string, string> DisciplineNames { get; private set; } = [];

    public bool CanEdit => Actor.ScienceWorkerId == Worker.Id || Can(Kexie.Web.Features.Directory.DirectoryPermissions.RegisterOthers, Worker.RegionCode);

    public bool CanDelete => Can(Kexie.Web.Features.Directory.DirectoryPermissions.DeleteWorkers, Worker.RegionCode);

    /// <summary>The worker's 专家库 entry: shown when in the database, or to those who manage the region.</summary>
    public Kexie.Domain.Talent.Expert? Expert { get; private set; }

    /// <summary>Honours the worker was selected for (public).</summary>
    public IReadOnlyList<Kexie.Web.Features.Talent.NominationDto> Honours { get; private set; } = [];

    /// <summary>On the viewer's own profile: their nominations with the state, and the open calls they may be nominated for.</summary>
    public Kexie.Web.Features.Talent.MyHonoursDto? Mine { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Worker = await workers.GetAsync(Actor, id, ct);
        RegionName = (await Lookups.RegionNamesAsync(db, [Worker.RegionCode], ct)).GetValueOrDefault(Worker.RegionCode, Worker.RegionCode);
        DisciplineNames = await Lookups.DisciplineNamesAsync(db, Worker.DisciplineCodes, ct);
        var expert = await db.Experts.AsNoTracking().FirstOrDefaultAsync(e => e.WorkerId == id, ct);
        Expert = expert is not null && (expert.Status == Kexie.Domain.Talent.ExpertStatus.Active || Can(Kexie.Web.Features.Directory.DirectoryPermissions.RegisterOthers, expert.RegionCode)) ? expert : null;
        Honours = await honours.HonoursOfAsync(Actor, id, null, ct);
        Mine = Actor.ScienceWorkerId == id ? await honours.MineAsync(Actor, ct) : null;
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Directory.DirectoryPermissions), nameof(Kexie.Web.Features.Directory.DirectoryPermissions.DeleteWorkers))]
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        var worker = await workers.GetAsync(Actor, id, ct);
        await workers.DeleteAsync(Actor, id, ct);
        Notice = $"已删除科技工作者“{worker.Name}”";
        return RedirectToPage("/Workers/Index");
    }
}
