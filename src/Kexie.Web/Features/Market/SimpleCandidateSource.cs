using Kexie.Data;
using Kexie.Domain.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Market;

/// <summary>
/// A stand-in for the matching engine: proposes published offers and science workers of the need's county
/// whose discipline or industry codes overlap the need's (a code matches when one is a prefix of the other).
/// Score: 2 per discipline match, 1 per industry match, +0.5 in the very same region; best first. The market
/// only depends on <see cref="ICandidateSource"/>, so the matching engine replaces this by registration.
/// </summary>
public sealed class SimpleCandidateSource(KexieDbContext db) : ICandidateSource
{
    private const int Scan = 500;

    public async ValueTask<IReadOnlyList<CandidateProposal>> ProposeAsync(Need need, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(need);
        var county = need.RegionCode.Length > 6 ? need.RegionCode[..6] : need.RegionCode;
        var offers = await db.Offers.AsNoTracking()
            .Where(o => o.Status == ReviewStatus.Published && o.RegionCode.StartsWith(county))
            .OrderByDescending(o => o.PublishedAt)
            .Take(Scan)
            .Select(o => new { o.Id, o.Title, o.DisciplineCodes, o.IndustryCodes, o.RegionCode })
            .ToListAsync(cancellationToken);
        var workers = await db.ScienceWorkers.AsNoTracking()
            .Where(w => w.RegionCode.StartsWith(county))
            .OrderBy(w => w.Id)
            .Take(Scan * 4)
            .Select(w => new { w.Id, w.Name, w.DisciplineCodes, w.RegionCode })
            .ToListAsync(cancellationToken);

        var proposals = new List<CandidateProposal>();
        foreach (var offer in offers)
        {
            var disciplines = Overlap(need.DisciplineCodes, offer.DisciplineCodes);
            var industries = Overlap(need.IndustryCodes, offer.IndustryCodes);
            if (disciplines.Count + industries.Count == 0)
            {
                continue;
            }

            var score = (2.0 * disciplines.Count) + industries.Count + (offer.RegionCode == need.RegionCode ? 0.5 : 0);
            proposals.Add(new CandidateProposal(CandidateKind.Offer, offer.Id, score, Explain("科技所能", offer.Title, disciplines, industries, offer.RegionCode == need.RegionCode)));
        }

        foreach (var worker in workers)
        {
            var disciplines = Overlap(need.DisciplineCodes, worker.DisciplineCodes);
            if (disciplines.Count == 0)
            {
                continue;
            }

            var score = (2.0 * disciplines.Count) + (worker.RegionCode == need.RegionCode ? 0.5 : 0);
            proposals.Add(new CandidateProposal(CandidateKind.Worker, worker.Id, score, Explain("科技工作者", worker.Name, disciplines, [], worker.RegionCode == need.RegionCode)));
        }

        return proposals
            .OrderByDescending(p => p.Score)
            .ThenBy(p => p.Kind)
            .ThenBy(p => p.TargetId)
            .Take(Math.Max(0, limit))
            .ToList();
    }

    private static List<string> Overlap(IEnumerable<string> wanted, IEnumerable<string> offered) =>
        wanted.Where(w => offered.Any(o => o.StartsWith(w, StringComparison.Ordinal) || w.StartsWith(o, StringComparison.Ordinal))).ToList();

    private static string Explain(string kind, string name, List<string> disciplines, List<string> industries, bool sameRegion)
    {
        var reasons = new List<string>();
        if (disciplines.Count > 0)
        {
            reasons.Add($"学科相符（{string.Join("、", disciplines)}）");
        }

        if (industries.Count > 0)
        {
            reasons.Add($"行业相符（{string.Join("、", industries)}）");
        }

        reasons.Add(sameRegion ? "同一地区" : "同县（区）");
        var text = $"{kind}“{name}”：{string.Join("；", reasons)}";
        return text.Length > MarketRules.NoteMaxLength ? text[..MarketRules.NoteMaxLength] : text;
    }
}
