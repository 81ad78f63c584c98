namespace Kexie.Matching.Indexing;

/// <summary>
/// An immutable view of the whole index: the segments and what is deleted from them. Readers take
/// the current snapshot once per query and never see a half-applied write.
/// </summary>
internal sealed class IndexSnapshot
{
    public static readonly IndexSnapshot Empty = new([], 0);

    public IndexSnapshot(SegmentView[] views, long version)
    {
        Views = views;
        Version = version;
        long title = 0, keywords = 0, body = 0, all = 0, titleDocs = 0, keywordDocs = 0, bodyDocs = 0;
        foreach (var view in views)
        {
            LiveCount += view.LiveCount;
            all += view.Segment.Count;
            title += view.Segment.TotalTitleLength;
            keywords += view.Segment.TotalKeywordLength;
            body += view.Segment.TotalBodyLength;
            titleDocs += view.Segment.TitleDocuments;
            keywordDocs += view.Segment.KeywordDocuments;
            bodyDocs += view.Segment.BodyDocuments;
        }
        DocumentCount = all;
        // Averages over the documents that have the field: many offers have no keywords, and
        // counting them would make every keyword list look long.
        AverageTitleLength = titleDocs == 0 ? 1 : Math.Max(1, (double)title / titleDocs);
        AverageKeywordLength = keywordDocs == 0 ? 1 : Math.Max(1, (double)keywords / keywordDocs);
        AverageBodyLength = bodyDocs == 0 ? 1 : Math.Max(1, (double)body / bodyDocs);
    }

    public SegmentView[] Views { get; }

    public long Version { get; }

    /// <summary>Documents not deleted.</summary>
    public long LiveCount { get; }

    /// <summary>Documents in all segments, deleted ones included (as BM25 statistics count them until a merge).</summary>
    public long DocumentCount { get; }

    public double AverageTitleLength { get; }

    public double AverageKeywordLength { get; }

    public double AverageBodyLength { get; }

    public int DocumentFrequency(string term)
    {
        var df = 0;
        foreach (var view in Views)
        {
            if (view.Segment.Terms.TryGetValue(term, out var postings))
            {
                df += postings.Count;
            }
        }
        return df;
    }
}
