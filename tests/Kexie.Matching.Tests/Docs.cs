namespace Kexie.Matching.Tests;

/// <summary>Builders of small test documents.</summary>
internal static class Docs
{
    public static MatchDocument Offer(string id, string title, string body = "", params string[] keywords) => new()
    {
        Id = id,
        Kind = DocumentKind.Offer,
        Title = title,
        Body = body,
        Keywords = keywords,
    };

    public static MatchDocument Need(string id, string title, string body = "", params string[] keywords) => new()
    {
        Id = id,
        Kind = DocumentKind.Need,
        Title = title,
        Body = body,
        Keywords = keywords,
    };

    /// <summary>Unrelated filler so that idf is meaningful.</summary>
    public static IEnumerable<MatchDocument> Filler(int count, DocumentKind kind = DocumentKind.Offer)
    {
        string[] topics =
        [
            "城市道路桥梁养护与检测服务",
            "中小学科普讲座与青少年科技创新辅导",
            "企业财务管理咨询与税务筹划",
            "古建筑保护修缮设计",
            "水产养殖病害防治技术指导",
            "新能源汽车动力电池回收利用",
            "乡村旅游规划与民宿设计",
            "工业机器人系统集成与调试",
        ];
        for (var i = 0; i < count; i++)
        {
            yield return new MatchDocument
            {
                Id = $"filler-{kind}-{i}",
                Kind = kind,
                Title = topics[i % topics.Length],
                Body = topics[(i + 3) % topics.Length] + "，提供现场服务和远程指导。",
            };
        }
    }

    public static MatchIndex IndexOf(params IEnumerable<MatchDocument>[] parts)
    {
        var index = new MatchIndex(options: new MatchOptions { CodeFeedbackDocuments = 0 });
        index.Rebuild(parts.SelectMany(p => p));
        return index;
    }

    public static int RankOf(IReadOnlyList<MatchResult> results, string id)
    {
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].Id == id)
            {
                return i;
            }
        }
        return int.MaxValue;
    }
}
