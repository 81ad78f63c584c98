using System.Net;
using System.Text.RegularExpressions;
using Kexie.Data;
using Kexie.Domain.Directory;
using Kexie.Domain.Market;
using Kexie.Matching;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Matching;

/// <summary>Document ids in the index: "offer:{guid}", "worker:{guid}", "need:{guid}", "expert:{guid}" (the expert's worker id: one 专家库 entry per worker, and it goes when its worker goes).</summary>
public static class MatchIds
{
    public static string Offer(Guid id) => $"offer:{id:N}";

    public static string Worker(Guid id) => $"worker:{id:N}";

    public static string Need(Guid id) => $"need:{id:N}";

    public static string Expert(Guid workerId) => $"expert:{workerId:N}";

    public static Guid Parse(string id) => Guid.ParseExact(id[(id.IndexOf(':') + 1)..], "N");
}

/// <summary>
/// What the index holds of the database: published offers, public science-worker profiles, experts in the 专家库
/// whose profile is public, and published needs
/// (restricted ones too: the query side hides them from anonymous visitors). Rich text is reduced to plain text;
/// a worker's profile text is their title, employer and discipline names; offers and workers carry the worker's
/// track record (settled orders, average rating given by buyers).
/// </summary>
public static partial class MatchDocuments
{
    public static MatchDocument ForOffer(Offer o, TrackRecord? record) => new()
    {
        Id = MatchIds.Offer(o.Id),
        Kind = DocumentKind.Offer,
        Title = o.Title,
        Keywords = o.TeamName is { Length: > 0 } team ? [team] : [],
        Body = PlainText(o.Description),
        DisciplineCodes = o.DisciplineCodes,
        IndustryCodes = o.IndustryCodes,
        RegionCode = o.RegionCode,
        Price = o.PriceMin ?? o.PriceMax,
        PublishedAt = o.PublishedAt,
        TrackRecord = record,
    };

    /// <summary>A need; without industry codes of its own it carries its organization's industry
    /// (<paramref name="organizationIndustry"/>): what a company does says what its problem is about.</summary>
    public static MatchDocument ForNeed(Need n, string? organizationIndustry) => new()
    {
        Id = MatchIds.Need(n.Id),
        Kind = DocumentKind.Need,
        Title = n.Title,
        Body = PlainText(n.Problem),
        DisciplineCodes = n.DisciplineCodes,
        IndustryCodes = n.IndustryCodes.Length > 0 || organizationIndustry is not { Length: > 0 } industry ? n.IndustryCodes : [industry],
        RegionCode = n.RegionCode,
        Price = n.BudgetMax ?? n.BudgetMin,
        PublishedAt = n.PublishedAt,
    };

    public static MatchDocument ForWorker(ScienceWorker w, IReadOnlyDictionary<string, string> disciplineNames, TrackRecord? record)
    {
        var names = w.DisciplineCodes.Select(c => disciplineNames.GetValueOrDefault(c)).OfType<string>().ToList();
        return new MatchDocument
        {
            Id = MatchIds.Worker(w.Id),
            Kind = DocumentKind.Worker,
            Title = w.Name,
            Keywords = names,
            Body = string.Join(' ', new[] { w.Title, w.Employer }.OfType<string>().Concat(names)),
            DisciplineCodes = w.DisciplineCodes,
            RegionCode = w.RegionCode,
            PublishedAt = w.CreatedAt,
            TrackRecord = record,
        };
    }

    /// <summary>
    /// A 专家库 entry as a document of kind Expert: "name：expertise" as title, research directions and discipline
    /// names as keywords, profile, title and employer as body; the worker's codes, region and track record.
    /// </summary>
    public static MatchDocument ForExpert(Kexie.Domain.Talent.Expert e, ScienceWorker w, IReadOnlyDictionary<string, string> disciplineNames, TrackRecord? record)
    {
        var names = w.DisciplineCodes.Select(c => disciplineNames.GetValueOrDefault(c)).OfType<string>();
        return new MatchDocument
        {
            Id = MatchIds.Expert(w.Id),
            Kind = DocumentKind.Expert,
            Title = $"{w.Name}：{e.Expertise}",
            Keywords = [.. e.ResearchDirections.Concat(names).Distinct()],
            Body = string.Join(' ', new[] { e.Profile, w.Title, w.Employer }.OfType<string>()),
            DisciplineCodes = w.DisciplineCodes,
            RegionCode = w.RegionCode,
            PublishedAt = e.UpdatedAt,
            TrackRecord = record,
        };
    }

    public static bool IsMatchable(Kexie.Domain.Talent.Expert e, ScienceWorker w) => Kexie.Web.Features.Talent.ExpertService.IsPublic(e, w);

    /// <summary>Whether the record belongs in the index at all.</summary>
    public static bool IsMatchable(Offer o) => o.Status == ReviewStatus.Published;

    public static bool IsMatchable(Need n) => n.Status == ReviewStatus.Published;

    public static bool IsMatchable(ScienceWorker w) => w.IsPublicProfile;

    /// <summary>Every matchable record, for a rebuild: in the order of <see cref="LoadPageAsync"/> (by table, then key), so
    /// that the index's build segments hold the documents a later paged re-read replaces together, and a segment it has
    /// replaced goes whole (no merge rewrites half the index while the old copies are still held).</summary>
    public static async Task<List<MatchDocument>> LoadAllAsync(KexieDbContext db, IReadOnlyDictionary<string, string> disciplineNames, CancellationToken ct)
    {
        var records = await TrackRecordsAsync(db, null, ct);
        var documents = new List<MatchDocument>();
        await foreach (var o in Matchable(db.Offers).AsAsyncEnumerable().WithCancellation(ct))
        {
            documents.Add(ForOffer(o, records.GetValueOrDefault(o.ProviderWorkerId)));
        }

        await foreach (var w in Matchable(db.ScienceWorkers).AsAsyncEnumerable().WithCancellation(ct))
        {
            documents.Add(ForWorker(w, disciplineNames, records.GetValueOrDefault(w.Id)));
        }

        await foreach (var x in MatchableExperts(db).AsAsyncEnumerable().WithCancellation(ct))
        {
            documents.Add(ForExpert(x.Expert, x.Worker, disciplineNames, records.GetValueOrDefault(x.Worker.Id)));
        }

        var industries = await OrganizationIndustriesAsync(db, null, ct);
        await foreach (var n in Matchable(db.Needs).AsAsyncEnumerable().WithCancellation(ct))
        {
            documents.Add(ForNeed(n, industries.GetValueOrDefault(n.OrganizationId)));
        }

        return documents;
    }

    /// <summary>
    /// One page of every matchable record, in a fixed order (offers, workers, experts, needs; each by its key): at most
    /// <paramref name="size"/> records from <paramref name="position"/> on (<see cref="MatchDocumentPosition.Start"/> first),
    /// with the position of the next page (null after the last). The documents are those <see cref="LoadAllAsync"/>
    /// gives for the same records; only the track records and industries of the page's own records are read.
    /// </summary>
    public static async Task<(List<MatchDocument> Documents, MatchDocumentPosition? Next)> LoadPageAsync(
        KexieDbContext db, IReadOnlyDictionary<string, string> disciplineNames, MatchDocumentPosition position, int size, CancellationToken ct)
    {
        size = Math.Max(1, size);
        var after = position.After;
        var hasAfter = after is not null;
        var key = after ?? Guid.Empty;
        var documents = new List<MatchDocument>();
        Guid? last = null;
        switch (position.Source)
        {
            case MatchDocumentSource.Offers:
            {
                var offers = await Matchable(db.Offers).Where(o => !hasAfter || o.Id.CompareTo(key) > 0).Take(size).ToListAsync(ct);
                var records = await TrackRecordsAsync(db, offers.Select(o => o.ProviderWorkerId).ToHashSet(), ct);
                documents.AddRange(offers.Select(o => ForOffer(o, records.GetValueOrDefault(o.ProviderWorkerId))));
                last = offers.Count == size ? offers[^1].Id : null;
                break;
            }
            case MatchDocumentSource.Workers:
            {
                var workers = await Matchable(db.ScienceWorkers).Where(w => !hasAfter || w.Id.CompareTo(key) > 0).Take(size).ToListAsync(ct);
                var records = await TrackRecordsAsync(db, workers.Select(w => w.Id).ToHashSet(), ct);
                documents.AddRange(workers.Select(w => ForWorker(w, disciplineNames, records.GetValueOrDefault(w.Id))));
                last = workers.Count == size ? workers[^1].Id : null;
                break;
            }
            case MatchDocumentSource.Experts:
            {
                var experts = await MatchableExperts(db).Where(x => !hasAfter || x.Worker.Id.CompareTo(key) > 0).Take(size).ToListAsync(ct);
                var records = await TrackRecordsAsync(db, experts.Select(x => x.Worker.Id).ToHashSet(), ct);
                documents.AddRange(experts.Select(x => ForExpert(x.Expert, x.Worker, disciplineNames, records.GetValueOrDefault(x.Worker.Id))));
                last = experts.Count == size ? experts[^1].Worker.Id : null;
                break;
            }
            default:
            {
                var needs = await Matchable(db.Needs).Where(n => !hasAfter || n.Id.CompareTo(key) > 0).Take(size).ToListAsync(ct);
                var industries = await OrganizationIndustriesAsync(db, needs.Select(n => n.OrganizationId).ToHashSet(), ct);
                documents.AddRange(needs.Select(n => ForNeed(n, industries.GetValueOrDefault(n.OrganizationId))));
                last = needs.Count == size ? needs[^1].Id : null;
                break;
            }
        }

        // A full page may be followed by more of the same source; a short one ends it.
        MatchDocumentPosition? next = last is { } id
            ? position with { After = id }
            : position.Source < MatchDocumentSource.Needs ? new MatchDocumentPosition(position.Source + 1, null) : null;
        return (documents, next);
    }

    // The matchable records of each source, by key: what a rebuild (LoadAllAsync) and a paged re-read (LoadPageAsync) read.
    private static IOrderedQueryable<Offer> Matchable(IQueryable<Offer> offers) =>
        offers.AsNoTracking().Where(o => o.Status == ReviewStatus.Published).OrderBy(o => o.Id);

    private static IOrderedQueryable<ScienceWorker> Matchable(IQueryable<ScienceWorker> workers) =>
        workers.AsNoTracking().Where(w => w.IsPublicProfile).OrderBy(w => w.Id);

    private static IOrderedQueryable<Need> Matchable(IQueryable<Need> needs) =>
        needs.AsNoTracking().Where(n => n.Status == ReviewStatus.Published).OrderBy(n => n.Id);

    private static IOrderedQueryable<Kexie.Web.Features.Talent.ExpertRow> MatchableExperts(KexieDbContext db) =>
        Kexie.Web.Features.Talent.ExpertService.PublicEntries(db).OrderBy(x => x.Worker.Id);

    /// <summary>The industry code of each organization (of <paramref name="organizations"/>, or all) that has one.</summary>
    public static async Task<Dictionary<Guid, string>> OrganizationIndustriesAsync(KexieDbContext db, IReadOnlyCollection<Guid>? organizations, CancellationToken ct)
    {
        var query = db.Organizations.AsNoTracking().Where(o => o.IndustryCode != null);
        if (organizations is not null)
        {
            query = query.Where(o => organizations.Contains(o.Id));
        }
        return await query.ToDictionaryAsync(o => o.Id, o => o.IndustryCode!, ct);
    }

    /// <summary>The industry code of one organization, or null.</summary>
    public static Task<string?> OrganizationIndustryAsync(KexieDbContext db, Guid organization, CancellationToken ct) =>
        db.Organizations.AsNoTracking().Where(o => o.Id == organization).Select(o => o.IndustryCode).FirstOrDefaultAsync(ct);

    /// <summary>Settled orders and the average buyer rating per providing worker (all workers when <paramref name="workers"/> is null).</summary>
    public static async Task<Dictionary<Guid, TrackRecord>> TrackRecordsAsync(KexieDbContext db, IReadOnlyCollection<Guid>? workers, CancellationToken ct)
    {
        var orders = db.Orders.AsNoTracking().Where(o => o.Status == OrderStatus.Settled || o.BuyerRating != null);
        if (workers is not null)
        {
            orders = orders.Where(o => workers.Contains(o.ProviderWorkerId));
        }

        var rows = await orders.Select(o => new { o.ProviderWorkerId, o.Status, Stars = o.BuyerRating == null ? (int?)null : o.BuyerRating.Stars }).ToListAsync(ct);
        return rows.GroupBy(r => r.ProviderWorkerId).ToDictionary(
            g => g.Key,
            g => new TrackRecord(
                g.Count(r => r.Status == OrderStatus.Settled),
                g.Any(r => r.Stars is not null) ? g.Where(r => r.Stars is not null).Average(r => (double)r.Stars!.Value) : null));
    }

    /// <summary>Sanitised rich text (HTML) as plain text.</summary>
    public static string PlainText(string? html) =>
        string.IsNullOrEmpty(html) ? string.Empty : WebUtility.HtmlDecode(Tags().Replace(html, " "));

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}

/// <summary>The tables <see cref="MatchDocuments.LoadPageAsync"/> reads, in its order.</summary>
public enum MatchDocumentSource
{
    Offers,
    Workers,
    Experts,
    Needs,
}

/// <summary>Where a paged read of the matchable records stands: the source table and the last key read in it (null: from its start).</summary>
public sealed record MatchDocumentPosition(MatchDocumentSource Source, Guid? After)
{
    public static MatchDocumentPosition Start { get; } = new(MatchDocumentSource.Offers, null);
}
