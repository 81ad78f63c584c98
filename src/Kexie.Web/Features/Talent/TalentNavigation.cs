using Kexie.Data;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Talent;

/// <summary>
/// Whether the talent module's personal pages have anything for the signed-in worker (<see cref="NavEntry.Applies"/>): a new
/// science worker who leads no society, is no expert and was assigned no review sees none of them in the menu.
/// </summary>
public static class TalentNavigation
{
    /// <summary>本会年检: the worker is 会长 or 副会长 of a society.</summary>
    public static Task<bool> LeadsASocietyAsync(NavContext c) =>
        InspectionService.LeadsQuery(c.Services.GetRequiredService<KexieDbContext>(), c.Actor).AnyAsync(c.CancellationToken);

    /// <summary>我的大赛评审: an expert of the 专家库 (who may declare 回避 there), or assigned a contest entry.</summary>
    public static async Task<bool> ReviewsContestsAsync(NavContext c)
    {
        if (c.Actor.ScienceWorkerId is not { } worker)
        {
            return false;
        }

        var db = c.Services.GetRequiredService<KexieDbContext>();
        return await db.Experts.AnyAsync(e => e.WorkerId == worker, c.CancellationToken)
            || await db.ContestAssignments.AnyAsync(a => a.ExpertWorkerId == worker, c.CancellationToken);
    }

    /// <summary>我的荣誉评审: an expert of the 专家库, or assigned a nomination.</summary>
    public static async Task<bool> ReviewsHonoursAsync(NavContext c)
    {
        if (c.Actor.ScienceWorkerId is not { } worker)
        {
            return false;
        }

        var db = c.Services.GetRequiredService<KexieDbContext>();
        return await db.Experts.AnyAsync(e => e.WorkerId == worker, c.CancellationToken)
            || await db.NominationAssignments.AnyAsync(a => a.ExpertWorkerId == worker, c.CancellationToken);
    }
}
