using JiebaNet.Segmenter;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Kexie.Bench;

/// <summary>The Lucene.NET analyzers used as baselines.</summary>
internal static class LuceneAnalyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    public static Analyzer Create(string name) => name switch
    {
        "SmartCn" => new SmartChineseAnalyzer(Version),
        "Standard" => new StandardAnalyzer(Version),
        "jieba" => new JiebaLuceneAnalyzer(),
        _ => throw new ArgumentException($"unknown analyzer {name}"),
    };

    public static List<string> Tokens(Analyzer analyzer, string text)
    {
        var tokens = new List<string>();
        using var stream = analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }
        stream.End();
        return tokens;
    }
}

/// <summary>jieba accurate-mode words as a Lucene tokenizer (punctuation and spaces dropped, Latin lower-cased).</summary>
internal sealed class JiebaLuceneAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new JiebaTokenizer(reader);
        return new TokenStreamComponents(tokenizer, new LowerCaseFilter(LuceneAnalyzers.Version, tokenizer));
    }
}

internal sealed class JiebaTokenizer : Tokenizer
{
    private static readonly JiebaSegmenter Segmenter = CreateSegmenter();
    private readonly ICharTermAttribute term;
    private readonly IOffsetAttribute offset;
    private List<JiebaNet.Segmenter.Token> tokens = [];
    private int position;

    public JiebaTokenizer(TextReader reader)
        : base(reader)
    {
        term = AddAttribute<ICharTermAttribute>();
        offset = AddAttribute<IOffsetAttribute>();
    }

    private static JiebaSegmenter CreateSegmenter()
    {
        Kexie.Matching.Analysis.ChineseAnalyzer.WarmUp();
        return new JiebaSegmenter();
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        while (position < tokens.Count)
        {
            var t = tokens[position++];
            if (!t.Word.Any(char.IsLetterOrDigit))
            {
                continue;
            }
            term.SetEmpty().Append(t.Word);
            offset.SetOffset(CorrectOffset(t.StartIndex), CorrectOffset(t.EndIndex));
            return true;
        }
        return false;
    }

    public override void Reset()
    {
        base.Reset();
        var text = m_input.ReadToEnd();
        tokens = Segmenter.Tokenize(text, TokenizerMode.Default, true).ToList();
        position = 0;
    }
}

/// <summary>A Lucene.NET BM25 index over texts, queried with the analyzer's own tokens (OR of term queries).</summary>
internal sealed class LuceneRetriever : IDisposable
{
    private readonly Analyzer analyzer;
    private readonly LuceneDirectory directory;
    private readonly DirectoryReader reader;
    private readonly IndexSearcher searcher;
    private readonly string? tempPath;

    public LuceneRetriever(string analyzerName, IEnumerable<string> bodies, bool onDisk = false, int? ramBufferMb = null)
    {
        Name = analyzerName;
        analyzer = LuceneAnalyzers.Create(analyzerName);
        if (onDisk)
        {
            tempPath = Path.Combine(Path.GetTempPath(), "kexie-bench-lucene-" + Guid.NewGuid().ToString("N"));
            directory = FSDirectory.Open(tempPath);
        }
        else
        {
            directory = new RAMDirectory();
        }
        var config = new IndexWriterConfig(LuceneAnalyzers.Version, analyzer)
        {
            Similarity = new BM25Similarity(),
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = ramBufferMb ?? 64,
        };
        using (var writer = new IndexWriter(directory, config))
        {
            var i = 0;
            foreach (var body in bodies)
            {
                writer.AddDocument(new Document
                {
                    new StoredField("i", i++),
                    new TextField("body", body, Field.Store.NO),
                });
            }
            writer.Commit();
        }
        reader = DirectoryReader.Open(directory);
        searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
    }

    public string Name { get; }

    public int DocumentCount => reader.NumDocs;

    /// <summary>Corpus indexes of the best <paramref name="k"/> documents, skipping <paramref name="exclude"/>.</summary>
    public List<int> Search(string text, int k, int exclude = -1)
    {
        var query = new BooleanQuery();
        foreach (var token in LuceneAnalyzers.Tokens(analyzer, text))
        {
            query.Add(new TermQuery(new Term("body", token)), Occur.SHOULD);
        }
        var result = new List<int>(k);
        if (query.Clauses.Count == 0)
        {
            return result;
        }
        var hits = searcher.Search(query, k + (exclude >= 0 ? 1 : 0)).ScoreDocs;
        foreach (var hit in hits)
        {
            var index = searcher.Doc(hit.Doc).GetField("i").GetInt32Value()!.Value;
            if (index == exclude)
            {
                continue;
            }
            if (result.Count < k)
            {
                result.Add(index);
            }
        }
        return result;
    }

    public void Dispose()
    {
        reader.Dispose();
        directory.Dispose();
        analyzer.Dispose();
        if (tempPath is not null)
        {
            try
            {
                System.IO.Directory.Delete(tempPath, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
