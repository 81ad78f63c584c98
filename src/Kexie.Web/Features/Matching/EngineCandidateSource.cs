using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Matching;

namespace Kexie.Web.Features.Matching;

/// <summary>
/// 一单一策 candidates from the match index: published offers, public worker profiles and experts (专家库; proposed as
/// their worker, once, at the better of the two ranks) for the need, best first,
/// each with the engine's score and its Chinese reason (stored on the plan without a rank: the plan's list composes
/// "排第N位（综合得分…）：" from the place it shows the candidate at, <see cref="MatchText.Ranked"/>). The good matches
/// (<see cref="MatchResult.IsGoodMatch"/>: the engine's calibrated confidence at or above its threshold) come first and
/// are what the need's organization is told of; after them at most <see cref="WeakCandidates"/> below the threshold,
/// stored as 可能相关 (<see cref="IsWeak"/>): the staff see them, nobody is notified of them, and a plan with only such
/// candidates stays on the handler's workbench to be served by hand (<see cref="ResponsePlan.NeedsManualSearch"/>).
/// Before asking, the node catches up with the outbox, so an offer published a moment ago on any node is considered:
/// candidates are stored for good, unlike a page of results, so they should not depend on when the last background
/// poll ran.
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
        var proposals = shown.Items
            .Select(m => new CandidateProposal(
                m.Kind == nameof(DocumentKind.Offer) ? CandidateKind.Offer : CandidateKind.Worker,
                m.Id,
                m.Score,
                m.Reason.Length > MarketRules.NoteMaxLength ? m.Reason[..MarketRules.NoteMaxLength] : m.Reason,
                IsWeak(m)))
            .DistinctBy(c => (c.Kind, c.TargetId))
            .ToList();
        var good = proposals.Where(p => !p.Weak).Take(limit).ToList();
        return [.. good, .. proposals.Where(p => p.Weak).Take(Math.Min(WeakCandidates, limit - good.Count))];
    }

    /// <summary>A match below the engine's confidence threshold: at most 可能相关, never notified.</summary>
    public static bool IsWeak(MatchItemDto match) => !match.IsGoodMatch;

    /// <summary>How many candidates below the threshold a plan gets (after the good ones, within the limit).</summary>
    public const int WeakCandidates = 3;
}
