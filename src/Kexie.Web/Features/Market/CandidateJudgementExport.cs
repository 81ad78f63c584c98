using Kexie.Data;
using Kexie.Data.Exchange;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Market;

/// <summary>
/// One labelled pair for evaluating matching: a need and a candidate (an offer or a worker), the staff's judgement
/// (<see cref="LabelCode"/>: added, dropped, restored, contacted, dealt; <see cref="Relevant"/>: what it says of the pair),
/// why, who, when, and what matching said of the candidate then. Names beside codes, each in its own field.
/// </summary>
public sealed record CandidateJudgementRowDto(
    DateTimeOffset At,
    string LabelCode,
    string LabelName,
    bool? Relevant,
    string? ReasonCode,
    string? ReasonName,
    string? Note,
    string ByName,
    Guid NeedId,
    string NeedTitle,
    string RegionCode,
    string RegionName,
    IReadOnlyList<string> NeedIndustryCodes,
    IReadOnlyList<string> NeedIndustryNames,
    IReadOnlyList<string> NeedDisciplineCodes,
    IReadOnlyList<string> NeedDisciplineNames,
    string CandidateKind,
    string CandidateKindName,
    Guid CandidateTargetId,
    string CandidateName,
    IReadOnlyList<string> CandidateDisciplineCodes,
    IReadOnlyList<string> CandidateDisciplineNames,
    IReadOnlyList<string> CandidateIndustryCodes,
    IReadOnlyList<string> CandidateIndustryNames,
    bool FromMatching,
    double? Score,
    int? Rank);

public sealed record CandidateJudgementListDto(string RegionCode, int Total, bool Truncated, IReadOnlyList<CandidateJudgementRowDto> Items);

/// <summary>
/// The staff's judgements of 一单一策 candidates across the plans of an admin's region subtree, as labelled data for
/// evaluating matching (JSON or Excel). Workers the admin may not see are named “（未公开姓名）”.
/// </summary>
public sealed class CandidateJudgementExport(KexieDbContext db)
{
    public const int MaxRows = 50_000;

    public async Task<CandidateJudgementListDto> ListAsync(Actor actor, string? region, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        var scope = actor.ManagedScope ?? throw new AccessDeniedException("只有科协管理员可以导出候选评判数据");
        var code = MarketSupport.RegionFilter(region) ?? scope;
        if (!actor.Manages(code))
        {
            throw new AccessDeniedException("只能导出本地区（含下级）的候选评判数据");
        }

        var (start, end) = MarketSupport.ChinaPeriod(from, to);
        var query = db.ResponsePlans.AsNoTracking().Where(p => RegionScope.Within(p.RegionCode, code))
            .SelectMany(p => p.Judgements, (p, j) => new
            {
                p.NeedId, p.RegionCode, j.At, j.Label, j.Reason, j.Note, j.ByName, j.Kind, j.TargetId, j.FromMatching, j.Score, j.Rank, j.Id,
            });
        if (start is { } s)
        {
            query = query.Where(r => r.At >= s);
        }

        if (end is { } e)
        {
            query = query.Where(r => r.At < e);
        }

        var rows = await query.OrderBy(r => r.At).ThenBy(r => r.Id).Take(MaxRows + 1).ToListAsync(ct);
        var truncated = rows.Count > MaxRows;
        if (truncated)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        var needIds = rows.Select(r => r.NeedId).Distinct().ToList();
        var needs = await db.Needs.AsNoTracking().Where(n => needIds.Contains(n.Id))
            .Select(n => new { n.Id, n.Title, n.IndustryCodes, n.DisciplineCodes }).ToDictionaryAsync(n => n.Id, ct);
        var offerIds = rows.Where(r => r.Kind == CandidateKind.Offer).Select(r => r.TargetId).Distinct().ToList();
        var offers = await db.Offers.AsNoTracking().Where(o => offerIds.Contains(o.Id))
            .Select(o => new { o.Id, o.Title, o.IndustryCodes, o.DisciplineCodes }).ToDictionaryAsync(o => o.Id, ct);
        var workerIds = rows.Where(r => r.Kind == CandidateKind.Worker).Select(r => r.TargetId).Distinct().ToList();
        var visible = await db.ScienceWorkers.AsNoTracking().Where(DirectoryAccess.WorkersVisibleTo(actor)).Where(w => workerIds.Contains(w.Id))
            .Select(w => new { w.Id, w.Name, w.DisciplineCodes }).ToDictionaryAsync(w => w.Id, ct);

        var disciplines = await Lookups.DisciplineNamesAsync(db, needs.Values.SelectMany(n => n.DisciplineCodes).Concat(offers.Values.SelectMany(o => o.DisciplineCodes))
            .Concat(visible.Values.SelectMany(w => w.DisciplineCodes)).Distinct(), ct);
        var industryCodes = needs.Values.SelectMany(n => n.IndustryCodes).Concat(offers.Values.SelectMany(o => o.IndustryCodes)).Distinct().ToList();
        var industries = await db.Industries.AsNoTracking().Where(i => industryCodes.Contains(i.Code)).ToDictionaryAsync(i => i.Code, i => i.Name, ct);
        var regions = await Lookups.RegionNamesAsync(db, rows.Select(r => r.RegionCode).Distinct(), ct);

        IReadOnlyList<string> Names(IEnumerable<string> codes, Dictionary<string, string> names) => codes.Select(c => names.GetValueOrDefault(c, c)).ToList();

        var items = rows.Select(r =>
        {
            var need = needs.GetValueOrDefault(r.NeedId);
            string name;
            IReadOnlyList<string> candidateDisciplines = [];
            IReadOnlyList<string> candidateIndustries = [];
            if (r.Kind == CandidateKind.Offer)
            {
                var offer = offers.GetValueOrDefault(r.TargetId);
                name = offer?.Title ?? "（已删除的科技所能）";
                candidateDisciplines = offer?.DisciplineCodes ?? [];
                candidateIndustries = offer?.IndustryCodes ?? [];
            }
            else
            {
                var worker = visible.GetValueOrDefault(r.TargetId);
                name = worker?.Name ?? "（未公开姓名）";
                candidateDisciplines = worker?.DisciplineCodes ?? [];
            }

            return new CandidateJudgementRowDto(
                r.At, r.Label.Code(), r.Label.Chinese(), r.Label.Relevant(), r.Reason?.ToString().ToLowerInvariant(), r.Reason?.Chinese(), r.Note, r.ByName ?? "系统",
                r.NeedId, need?.Title ?? "（已删除的科技需求）", r.RegionCode, regions.GetValueOrDefault(r.RegionCode, r.RegionCode),
                need?.IndustryCodes ?? [], Names(need?.IndustryCodes ?? [], industries), need?.DisciplineCodes ?? [], Names(need?.DisciplineCodes ?? [], disciplines),
                r.Kind.ToString().ToLowerInvariant(), r.Kind.Chinese(), r.TargetId, name,
                candidateDisciplines, Names(candidateDisciplines, disciplines), candidateIndustries, Names(candidateIndustries, industries),
                r.FromMatching, r.Score is { } score ? Math.Round(score, 4) : null, r.Rank);
        }).ToList();
        return new CandidateJudgementListDto(code, items.Count, truncated, items);
    }

    /// <summary>The same rows as an Excel sheet: names and codes in their own columns, China time.</summary>
    public static byte[] ToXlsx(CandidateJudgementListDto list) => ExcelExport.ToXlsx(list.Items, [
        ("时间", r => r.At.ToOffset(MarketRules.ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss")),
        ("评判", r => r.LabelName),
        ("评判代码", r => r.LabelCode),
        ("是否相关", r => r.Relevant switch { true => "是", false => "否", null => null }),
        ("排除原因", r => r.ReasonName),
        ("排除原因代码", r => r.ReasonCode),
        ("说明", r => r.Note),
        ("操作人", r => r.ByName),
        ("需求", r => r.NeedTitle),
        ("地区", r => r.RegionName),
        ("地区代码", r => r.RegionCode),
        ("需求行业", r => string.Join("、", r.NeedIndustryNames)),
        ("需求行业代码", r => string.Join(",", r.NeedIndustryCodes)),
        ("需求学科", r => string.Join("、", r.NeedDisciplineNames)),
        ("需求学科代码", r => string.Join(",", r.NeedDisciplineCodes)),
        ("候选类型", r => r.CandidateKindName),
        ("候选类型代码", r => r.CandidateKind),
        ("候选", r => r.CandidateName),
        ("候选学科", r => string.Join("、", r.CandidateDisciplineNames)),
        ("候选学科代码", r => string.Join(",", r.CandidateDisciplineCodes)),
        ("候选行业", r => string.Join("、", r.CandidateIndustryNames)),
        ("候选行业代码", r => string.Join(",", r.CandidateIndustryCodes)),
        ("来自智能匹配", r => r.FromMatching ? "是" : "否"),
        ("匹配得分", r => r.Score),
        ("匹配排名", r => r.Rank),
        ("需求记录号", r => r.NeedId.ToString()),
        ("候选记录号", r => r.CandidateTargetId.ToString()),
    ], "候选评判");
}
