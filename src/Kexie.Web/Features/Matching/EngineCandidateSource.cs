using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Matching;

namespace Kexie.Web.Features.Matching;

/// <summary>
/// 一单一策 candidates from the match index: published offers, public worker profiles and experts (专家库; proposed as
/// their worker, once, at the better of the two ranks) for the need, best first,
/// each with the engine's score and its Chinese explanation (stored on the plan). Before asking, the node catches
/// up with the outbox, so an offer published a moment ago on any node is considered: candidates are stored for
/// good, unlike a page of results, so they should not depend on when the last background poll ran.
/// </summary>
public sealed class EngineCandidateSource(MatchIndexHost host, MatchResultFilter filter) : ICandidateSource
{
    public async ValueTask<IReadOnlyList<CandidateProposal>> ProposeAsync(Need need, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(need);
        if (limit <= 0)
        {
            return [];
        }

        await host.PollOnceAsync(cancellationToken);
        var results = host.Index.Search(MatchQuery.From(MatchDocuments.ForNeed(need), [DocumentKind.Offer, DocumentKind.Worker, DocumentKind.Expert], (limit * 2) + 10));
        var shown = await filter.ToListAsync(Actor.System, results, (limit * 2) + 10, null, cancellationToken);
        return shown.Items
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
    /// Not a match to trust (可能相关 at best): no discipline or industry in common with the need and under a third of its
    /// weighted terms found. A stand-in until the engine reports a calibrated confidence; a plan with only such candidates
    /// asks the staff to find one by hand (<see cref="ResponsePlan.NeedsManualSearch"/>).
    /// </summary>
    public static bool IsWeak(MatchItemDto match) =>
        match.SharedDisciplines.Count == 0 && match.SharedIndustries.Count == 0 && match.Coverage < WeakCoverage;

    /// <summary>Share of the need's term weight below which a candidate without a shared field is weak.</summary>
    public const double WeakCoverage = 1.0 / 3;
}
