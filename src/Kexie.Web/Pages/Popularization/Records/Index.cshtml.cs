using Kexie.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Pages.Popularization.Records;

/// <summary>
/// The record behind an indicator fact of 科普 that has no page of its own — an 活动统计 (S05), a 接待记录 (S06), a 志愿服务记录
/// (S07/S08), a registration (S02), a day of e-station use (S03), a 宣传栏 content refresh (S09), a member unit's assessment (S10), a literacy survey result (S11: the literacy page of its region and year shows the result, its
/// source and sample, and the 纲要 target it is judged by) — opens
/// the page of the activity, venue, station, board or member unit it belongs to.
/// </summary>
public sealed class IndexModel(KexieDbContext db) : KexiePageModel
{
    public async Task<IActionResult> OnGetAsync(string source, Guid id, CancellationToken ct)
    {
        var link = source switch
        {
            "tally" => await db.EventTallies.AsNoTracking().Where(x => x.Id == id).Select(x => (Guid?)x.ActivityId).FirstOrDefaultAsync(ct) is { } a
                ? $"/Popularization/Activities/Details/{a}" : null,
            "visit" => await db.VenueVisits.AsNoTracking().Where(x => x.Id == id).Select(x => (Guid?)x.VenueId).FirstOrDefaultAsync(ct) is { } v
                ? $"/Popularization/Venues/Details/{v}" : null,
            "service" => await db.ServiceRecords.AsNoTracking().Where(x => x.Id == id).Select(x => (Guid?)x.ActivityId).FirstOrDefaultAsync(ct) is { } s
                ? $"/Popularization/Activities/Details/{s}" : null,
            "participant" => await db.ActivityParticipants.AsNoTracking().Where(x => x.Id == id).Select(x => (Guid?)x.ActivityId).FirstOrDefaultAsync(ct) is { } p
                ? $"/Popularization/Activities/Details/{p}" : null,
            "usage" => await db.EStationUsages.AsNoTracking().Where(x => x.Id == id).Select(x => (Guid?)x.StationId).FirstOrDefaultAsync(ct) is { } u
                ? $"/Popularization/Stations/Details/{u}" : null,
            "board-refresh" => await db.ScienceBoardRefreshes.AsNoTracking().Where(x => x.Id == id).Select(x => (Guid?)x.BoardId).FirstOrDefaultAsync(ct) is { } b
                ? $"/Popularization/Boards/Details/{b}" : null,
            "member-assessment" => await db.LiteracyMemberAssessments.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.MemberUnitId, x.Year }).FirstOrDefaultAsync(ct) is { } m
                ? $"/Popularization/Literacy/MemberUnit/{m.MemberUnitId}?year={m.Year}" : null,
            "literacy-survey" => await db.LiteracySurveys.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.RegionCode, x.Year }).FirstOrDefaultAsync(ct) is { } l
                ? $"/Popularization/Literacy?region={l.RegionCode}&year={l.Year}" : null,
            _ => null,
        };
        return link is null ? NotFoundPage("该记录不存在或已删除") : Redirect(link);
    }
}
