using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Matching;
using Kexie.Web.Features.Directory;
using Kexie.Web.Features.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Matching;

/// <summary>A code the query and the match share (or relate through the hierarchy); predicted codes carry their probability.</summary>
public sealed record MatchCodeDto(string QueryCode, string DocumentCode, string Relation, double? PredictedProbability);

/// <summary>One match with the engine's reasons: the matched terms (and where), related codes, region, and its Chinese sentence.</summary>
public sealed record MatchItemDto(
    string Kind,
    Guid Id,
    string Title,
    string RegionCode,
    int Rank,
    double Score,
    double Coverage,
    bool LikelyDuplicate,
    string Explanation,
    IReadOnlyList<string> MatchedTerms,
    IReadOnlyList<MatchCodeDto> SharedDisciplines,
    IReadOnlyList<MatchCodeDto> SharedIndustries,
    string Region,
    double Confidence = 0,
    bool IsGoodMatch = false,
    string Reason = "");

/// <summary>Matches for one query; <see cref="ClassifierReady"/> is false while the discipline model is still training.</summary>
public sealed record MatchListDto(IReadOnlyList<MatchItemDto> Items, bool ClassifierReady, long IndexVersion);

/// <summary>A need being written (not saved yet), to warn of near-duplicates before it is posted.</summary>
public sealed record DraftNeedRequest(string? Title, string? Problem, string[]? IndustryCodes, string[]? DisciplineCodes, string? RegionCode, int? Top = null);

public sealed record SuggestDisciplinesRequest(string? Text, int? Top = null);

public sealed record DisciplineSuggestionDto(string Code, string Name, double Probability);

public sealed record DisciplineSuggestionsDto(IReadOnlyList<DisciplineSuggestionDto> Items);

/// <summary>
/// The market's questions to the match index. Whatever the engine returns is checked against the database before it
/// is shown: only published offers and needs and public worker profiles ever appear (restricted needs only to
/// signed-in users), even in the second between a withdrawal and the next outbox poll; an optional region filter
/// keeps results in a region subtree, as the market's lists do. The item asked about must be visible to the asker.
/// </summary>
public sealed class MatchingService(
    MatchResultFilter shown,
    MatchIndexHost host,
    NeedService needs,
    OfferService offers,
    ScienceWorkerService workers,
    KexieDbContext db)
{
    public const int DefaultTop = 20;
    public const int MaxTop = 100;
    public const int MaxTextLength = 20_000;

    /// <summary>Need → published offers, public workers and experts of the 专家库 that could serve it.</summary>
    public async Task<MatchListDto> MatchesForNeedAsync(Actor actor, Guid needId, int? top, string? region, CancellationToken ct = default)
    {
        var need = await needs.Visible(actor).FirstOrDefaultAsync(n => n.Id == needId, ct) ?? throw new NotFoundException("科技需求不存在");
        return await MatchesForNeedAsync(actor, need, await MatchDocuments.OrganizationIndustryAsync(db, need.OrganizationId, ct), top, region, ct);
    }

    /// <summary>
    /// <see cref="MatchesForNeedAsync(Actor, Guid, int?, string?, CancellationToken)"/> for a need the caller has read and may see
    /// (the need detail page: its own read, with the organization's industry, so no statement here reads them again).
    /// </summary>
    public async Task<MatchListDto> MatchesForNeedAsync(Actor actor, Need need, string? organizationIndustry, int? top, string? region, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(need);
        await host.WhenReadyAsync(ct);
        var (n, filter) = (Top(top), MarketSupport.RegionFilter(region));
        var results = host.Index.FindProvidersForNeed(MatchDocuments.ForNeed(need, organizationIndustry), Depth(n, filter));
        return await shown.ToListAsync(actor, results, n, filter, ct);
    }

    /// <summary>你可以承接的需求: worker → published needs. A worker in the 专家库 is matched by their expert entry
    /// (expertise and research directions say more than a title and an employer).</summary>
    public async Task<MatchListDto> NeedsForWorkerAsync(Actor actor, Guid workerId, int? top, string? region, CancellationToken ct = default)
    {
        var worker = await workers.Visible(actor).AsNoTracking().FirstOrDefaultAsync(w => w.Id == workerId, ct) ?? throw new NotFoundException("科技工作者不存在");
        var expert = await db.Experts.AsNoTracking().FirstOrDefaultAsync(e => e.WorkerId == workerId && e.Status == Kexie.Domain.Talent.ExpertStatus.Active, ct);
        await host.WhenReadyAsync(ct);
        var (n, filter) = (Top(top), MarketSupport.RegionFilter(region));
        var asProvider = expert is null
            ? MatchDocuments.ForWorker(worker, host.DisciplineNames, null)
            : MatchDocuments.ForExpert(expert, worker, host.DisciplineNames, null);
        var results = host.Index.FindNeedsForProvider(asProvider, Depth(n, filter));
        return await shown.ToListAsync(actor, results, n, filter, ct);
    }

    /// <summary>你可以承接的需求: offer → published needs.</summary>
    public async Task<MatchListDto> NeedsForOfferAsync(Actor actor, Guid offerId, int? top, string? region, CancellationToken ct = default)
    {
        var offer = await offers.Visible(actor).FirstOrDefaultAsync(o => o.Id == offerId, ct) ?? throw new NotFoundException("科技所能不存在");
        await host.WhenReadyAsync(ct);
        var (n, filter) = (Top(top), MarketSupport.RegionFilter(region));
        var results = host.Index.FindNeedsForProvider(MatchDocuments.ForOffer(offer, null), Depth(n, filter));
        return await shown.ToListAsync(actor, results, n, filter, ct);
    }

    /// <summary>Published needs similar to a saved need (<see cref="MatchItemDto.LikelyDuplicate"/> marks near-duplicates).</summary>
    public async Task<MatchListDto> SimilarNeedsAsync(Actor actor, Guid needId, int? top, string? region, CancellationToken ct = default)
    {
        var need = await needs.Visible(actor).FirstOrDefaultAsync(n => n.Id == needId, ct) ?? throw new NotFoundException("科技需求不存在");
        await host.WhenReadyAsync(ct);
        var (n, filter) = (Top(top), MarketSupport.RegionFilter(region));
        var results = host.Index.FindSimilarNeeds(MatchDocuments.ForNeed(need, await MatchDocuments.OrganizationIndustryAsync(db, need.OrganizationId, ct)), Depth(n, filter));
        return await shown.ToListAsync(actor, results, n, filter, ct);
    }

    /// <summary>Published needs similar to a draft text, before it is posted (duplicate warning).</summary>
    public async Task<MatchListDto> SimilarToDraftAsync(Actor actor, DraftNeedRequest request, string? region, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var title = Text(request.Title, "title", required: false);
        var problem = Text(request.Problem, "problem", required: false);
        if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(problem))
        {
            throw new DomainValidationException("title", "请填写需求名称或问题描述");
        }

        var regionCode = string.IsNullOrWhiteSpace(request.RegionCode) ? null : Kexie.Domain.Regions.RegionCode.Validate(request.RegionCode, "regionCode");
        await host.WhenReadyAsync(ct);
        var (n, filter) = (Top(request.Top), MarketSupport.RegionFilter(region));
        var draft = new MatchDocument
        {
            Id = $"draft:{Guid.NewGuid():N}",
            Kind = DocumentKind.Need,
            Title = title ?? string.Empty,
            Body = MatchDocuments.PlainText(problem),
            IndustryCodes = request.IndustryCodes ?? [],
            DisciplineCodes = request.DisciplineCodes ?? [],
            RegionCode = regionCode,
        };
        var results = host.Index.FindSimilarNeeds(draft, Depth(n, filter));
        return await shown.ToListAsync(actor, results, n, filter, ct);
    }

    /// <summary>Discipline codes (GB/T 13745) for a text, with names and probabilities; 503 while the model is training.</summary>
    public async Task<DisciplineSuggestionsDto> SuggestDisciplinesAsync(SuggestDisciplinesRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = Text(request.Text, "text", required: true)!;
        var top = request.Top ?? 5;
        if (top is < 1 or > 20)
        {
            throw new DomainValidationException("top", "推荐数量应为1到20");
        }

        if (!await host.WhenClassifierReadyAsync(TimeSpan.FromSeconds(10), ct) || host.Classifier is not { } classifier)
        {
            throw new MatchingUnavailableException("学科推荐模型正在准备中，请稍后再试");
        }

        return new DisciplineSuggestionsDto(classifier.Suggest(text, top)
            .Select(s => new DisciplineSuggestionDto(s.Code, host.DisciplineNames.GetValueOrDefault(s.Code, s.Code), Math.Round(s.Probability, 4)))
            .ToList());
    }

    private static int Top(int? top)
    {
        var n = top ?? DefaultTop;
        return n is >= 1 and <= MaxTop ? n : throw new DomainValidationException("top", $"返回数量应为1到{MaxTop}");
    }

    /// <summary>How many results to ask the engine for: some spare for what the visibility check drops, many more under a region filter.</summary>
    private static int Depth(int top, string? region) => region is null ? (top * 2) + 10 : Math.Min(1000, Math.Max(200, top * 10));

    private static string? Text(string? value, string field, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? throw new DomainValidationException(field, "请输入要分析的文字") : null;
        }

        return value.Length <= MaxTextLength ? value.Trim() : throw new DomainValidationException(field, $"文字不能超过{MaxTextLength}字");
    }
}

/// <summary>
/// The check between the engine and the reader (used by <see cref="MatchingService"/> and
/// <see cref="EngineCandidateSource"/>): the index may lag a write by one poll, the database does not.
/// </summary>
public sealed class MatchResultFilter(KexieDbContext db, MatchIndexHost host)
{
    /// <summary>
    /// Keeps the results that may be shown to <paramref name="actor"/> now (published / public, restricted needs only
    /// when signed in, inside <paramref name="region"/>), takes the database's current title, re-numbers the ranks.
    /// </summary>
    public async Task<MatchListDto> ToListAsync(Actor actor, IReadOnlyList<MatchResult> results, int top, string? region, CancellationToken ct)
    {
        var ids = results.Select(r => MatchIds.Parse(r.Id)).ToList();
        var shown = new Dictionary<(DocumentKind, Guid), (string Title, string Region)>();
        if (Visible(actor, results) is { } rows)
        {
            foreach (var row in await rows.ToListAsync(ct))
            {
                shown[((DocumentKind)row.Kind, row.Id)] = ((DocumentKind)row.Kind == DocumentKind.Expert ? $"{row.Title}：{row.Detail}" : row.Title, row.RegionCode);
            }
        }

        var items = new List<MatchItemDto>();
        foreach (var (r, id) in results.Zip(ids))
        {
            if (items.Count >= top || !shown.TryGetValue((r.Kind, id), out var row) || (region is not null && !row.Region.StartsWith(region, StringComparison.Ordinal)))
            {
                continue;
            }

            var e = r.Explanation;
            items.Add(new MatchItemDto(
                r.Kind.ToString(), id, row.Title, row.Region, items.Count + 1, Math.Round(r.Score, 4), Math.Round(r.Coverage, 4), r.LikelyDuplicate, MatchText.Ranked(items.Count + 1, r.Score, e.Reason),
                e.MatchedTerms.Select(t => t.Term).ToList(),
                e.SharedDisciplines.Select(Code).ToList(),
                e.SharedIndustries.Select(Code).ToList(),
                e.Region.ToString(),
                Math.Round(r.Confidence, 4),
                r.IsGoodMatch,
                e.Reason));
        }

        return new MatchListDto(items, host.Classifier is not null, host.Index.Version);
    }

    /// <summary>
    /// The results' rows that may be shown now, the four sources' id / title / region as one statement (UNION ALL):
    /// published offers, public workers, the 专家库's public entries (<see cref="Kexie.Web.Features.Talent.ExpertService.PublicEntries"/>:
    /// the worker's name, with the expertise in <see cref="ShownRow.Detail"/>), published needs (restricted ones only when
    /// signed in). Null when there is nothing to read.
    /// </summary>
    private IQueryable<ShownRow>? Visible(Actor actor, IReadOnlyList<MatchResult> results)
    {
        List<Guid> Of(DocumentKind kind) => results.Where(r => r.Kind == kind).Select(r => MatchIds.Parse(r.Id)).ToList();
        var (offerIds, workerIds, expertWorkerIds, needIds) = (Of(DocumentKind.Offer), Of(DocumentKind.Worker), Of(DocumentKind.Expert), Of(DocumentKind.Need));
        IQueryable<ShownRow>? rows = null;
        void Add(IQueryable<ShownRow> part) => rows = rows is null ? part : rows.Concat(part);
        if (offerIds.Count > 0)
        {
            Add(db.Offers.AsNoTracking().Where(o => offerIds.Contains(o.Id) && o.Status == ReviewStatus.Published)
                .Select(o => new ShownRow { Kind = (int)DocumentKind.Offer, Id = o.Id, Title = o.Title, Detail = "", RegionCode = o.RegionCode }));
        }

        if (workerIds.Count > 0)
        {
            Add(db.ScienceWorkers.AsNoTracking().Where(w => workerIds.Contains(w.Id) && w.IsPublicProfile)
                .Select(w => new ShownRow { Kind = (int)DocumentKind.Worker, Id = w.Id, Title = w.Name, Detail = "", RegionCode = w.RegionCode }));
        }

        if (expertWorkerIds.Count > 0)
        {
            Add(Kexie.Web.Features.Talent.ExpertService.PublicEntries(db).Where(x => expertWorkerIds.Contains(x.Worker.Id))
                .Select(x => new ShownRow { Kind = (int)DocumentKind.Expert, Id = x.Worker.Id, Title = x.Worker.Name, Detail = x.Expert.Expertise, RegionCode = x.Worker.RegionCode }));
        }

        if (needIds.Count > 0)
        {
            var signedIn = actor.IsAuthenticated;
            Add(db.Needs.AsNoTracking().Where(n => needIds.Contains(n.Id) && n.Status == ReviewStatus.Published && (n.Visibility == NeedVisibility.Public || signedIn))
                .Select(n => new ShownRow { Kind = (int)DocumentKind.Need, Id = n.Id, Title = n.Title, Detail = "", RegionCode = n.RegionCode }));
        }

        return rows;
    }

    /// <summary>One row of <see cref="Visible"/>: the source (<see cref="DocumentKind"/>), the id, the title (a person's name for
    /// workers and experts), the expert's expertise (empty for the others) and the region.</summary>
    private sealed class ShownRow
    {
        public int Kind { get; init; }

        public Guid Id { get; init; }

        public string Title { get; init; } = "";

        public string Detail { get; init; } = "";

        public string RegionCode { get; init; } = "";
    }

    private static MatchCodeDto Code(SharedCode c) => new(c.QueryCode, c.DocumentCode, c.Relation.ToString(), c.Predicted is { } p ? Math.Round(p, 4) : null);
}

/// <summary>The discipline model is still training (503).</summary>
public sealed class MatchingUnavailableException(string message) : Exception(message);

/// <summary>What the <c>_Matches</c> partial shows: <paramref name="Kind"/> is "need" (offers and workers for it), "offer" or "worker" (needs they could serve).</summary>
/// <paramref name="Need"/>: for "need", the need the page read and may show (with <paramref name="OrganizationIndustry"/>), so
/// the panel does not read it again.
public sealed record MatchesPanel(string Kind, Guid Id, string Heading, Need? Need = null, string? OrganizationIndustry = null);
