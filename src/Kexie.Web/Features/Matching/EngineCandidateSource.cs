using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Matching;

namespace Kexie.Web.Features.Matching;

/// <summary>
/// 一单一策 candidates from the match index: published offers, public worker profiles and experts (专家库; proposed as
/// their worker, once, at the better of the two ranks) for the need, best first,
/// each with the engine's score and its Chinese explanation (stored on the plan); only good matches
/// (<see cref="MatchResult.IsGoodMatch"/>), so the need's organization is told of candidates worth its time. Before asking, the node catches
/// up with the outbox, so an offer published a moment ago on any node is considered: candidates are stored for
/// good, unlike a page of results, so they should not depend on when the last background poll ran.
/// </summary>
public sealed class EngineCandidateSource(MatchIndexHost host, MatchResultFilter filter, Kexie.Data.KexieDbContext db) : ICandidateSource
{
    public async ValueTask<IReadOnlyList<CandidateProposal>> ProposeAsync(Need need, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(need);
        if (limit <= 0)
        {
            return [];
        }

        await host.PollOnceAsync(cancellationToken);
        var results = host.Index.Search(MatchQuery.From(MatchDocuments.ForNeed(need, await MatchDocuments.OrganizationIndustryAsync(db, need.OrganizationId, cancellationToken)), [DocumentKind.Offer, DocumentKind.Worker, DocumentKind.Expert], (limit * 2) + 10));
        var shown = await filter.ToListAsync(Actor.System, results, (limit * 2) + 10, null, cancellationToken);
        // Only good matches (confidence above the threshold) become candidates: a weak one is no candidate, is not
        // notified, and a need without any good match waits on the handler's workbench to be served by hand.
        return shown.Items
            .Where(m => m.IsGoodMatch)
            .Select(m => new CandidateProposal(
                m.Kind == nameof(DocumentKind.Offer) ? CandidateKind.Offer : CandidateKind.Worker,
                m.Id,
                m.Score,
                m.Explanation.Length > MarketRules.NoteMaxLength ? m.Explanation[..MarketRules.NoteMaxLength] : m.Explanation,
                IsWeak(m)))
            .DistinctBy(c => (c.Kind, c.TargetId))
            .Take(limit)
            .ToList();
    }

    /// <summary>
    /// Among the engine's good matches, one still not to trust (shown as 可能相关): no discipline or industry in common
    /// with the need and under a third of its weighted terms found (the engine's confidence is set by hand, not yet
    /// calibrated); a plan with only such candidates asks the staff to find one by hand (<see cref="ResponsePlan.NeedsManualSearch"/>).
    /// </summary>
    public static bool IsWeak(MatchItemDto match) =>
        match.SharedDisciplines.Count == 0 && match.SharedIndustries.Count == 0 && match.Coverage < WeakCoverage;

    /// <summary>Share of the need's term weight below which a candidate without a shared field is weak.</summary>
    public const double WeakCoverage = 1.0 / 3;
}
