using Kexie.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Pages.Talent.Records;

/// <summary>
/// The record behind an indicator fact of 人才与组织 that has no page of its own — a nomination decided 入选 (W06), a society's
/// 学术交流 (W09), a valid questionnaire (D04) — opens the page of the honour call, the association's file or the survey it belongs
/// to (that page checks access); 404 when the record is gone.
/// </summary>
public sealed class IndexModel(KexieDbContext db) : KexiePageModel
{
    public async Task<IActionResult> OnGetAsync(string source, Guid id, CancellationToken ct)
    {
        var link = source switch
        {
            "nomination" => await db.Nominations.AsNoTracking().Where(x => x.Id == id).Select(x => (Guid?)x.CallId).FirstOrDefaultAsync(ct) is { } c
                ? $"/Talent/Honours/Details/{c}" : null,
            "society-activity" => await db.SocietyActivities.AsNoTracking().Where(x => x.Id == id).Select(x => (Guid?)x.AssociationId).FirstOrDefaultAsync(ct) is { } a
                ? $"/Talent/Organizations/Details/{a}" : null,
            "survey-response" => await db.SurveyResponses.AsNoTracking().Where(x => x.Id == id).Select(x => (Guid?)x.SurveyId).FirstOrDefaultAsync(ct) is { } s
                ? $"/Talent/Surveys/Details/{s}" : null,
            "workstation-output" => await db.WorkstationOutputs.AsNoTracking().Where(x => x.Id == id).Select(x => (Guid?)x.WorkstationId).FirstOrDefaultAsync(ct) is { } w
                ? $"/Talent/Stations/Edit/{w}" : null,
            "inspection" => await db.Inspections.AsNoTracking().Where(x => x.Id == id).Select(x => (Guid?)x.AssociationId).FirstOrDefaultAsync(ct) is { } i
                ? $"/Talent/Organizations/Details/{i}" : null,
            _ => null,
        };
        return link is null ? NotFoundPage("该记录不存在或已删除") : Redirect(link);
    }
}
