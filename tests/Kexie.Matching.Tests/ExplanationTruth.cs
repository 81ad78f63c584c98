using System.Globalization;
using System.Text.RegularExpressions;

namespace Kexie.Matching.Tests;

/// <summary>
/// Every sentence of an explanation checked against the score components it states, through the public API only (the
/// web tests link this file and run the demo's needs through it): the head and its score, each signal's sentence in
/// order, the matched terms it names (strongest first, with their fields, never a weak term), the fields it names and
/// their probabilities, the region, budget, recency and track record, the lift sentence only with a lift, the main
/// signals and the deductions, and no raw code or signed zero anywhere.
/// </summary>
public static partial class ExplanationTruth
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>Checks <paramref name="result"/>, one of the ranked <paramref name="list"/> (the lift sentence speaks of
    /// the candidate ranked below it). <paramref name="forbiddenTerms"/>: words that must never be named as matched.</summary>
    public static void Check(MatchResult result, IReadOnlyList<MatchResult> list, MatchOptions options, IReadOnlyCollection<string>? forbiddenTerms = null)
    {
        var e = result.Explanation;
        var parts = e.Contributions;
        var where = $"{result.Id}: {e.Summary}";

        // The head and each signal's sentence, in the order of the contributions, which add up to the score shown.
        Assert.Equal(result.Score, parts.Sum(c => c.Score), 6);
        var head = $"排第{result.Rank}位（综合得分{Number(result.Score)}）：";
        Assert.True(e.Summary.StartsWith(head + string.Join('；', parts.Select(c => c.Detail)), StringComparison.Ordinal), where);

        // 得分主要来自: the two largest positive parts (those that round above zero); 扣分来自: only real deductions.
        var main = parts.Where(c => c.Score >= 0.005).OrderByDescending(c => c.Score).Take(2).ToList();
        Assert.Equal(main.Count > 0, e.Summary.Contains("得分主要来自", StringComparison.Ordinal));
        if (main.Count > 0)
        {
            Assert.Contains("。得分主要来自" + string.Join('和', main.Select(c => $"{SignalName(c.Signal)}（{Number(c.Score)}）")), e.Summary, StringComparison.Ordinal);
        }
        var deductions = parts.Where(c => c.Score <= -0.005).ToList();
        Assert.Equal(deductions.Count > 0, e.Summary.Contains("扣分来自", StringComparison.Ordinal));
        if (deductions.Count > 0)
        {
            Assert.Contains("扣分来自" + string.Join('和', deductions.Select(c => $"{SignalName(c.Signal)}（{Number(c.Score)}）")), e.Summary, StringComparison.Ordinal);
        }
        Assert.Equal(result.LikelyDuplicate, e.Summary.Contains("内容高度重合", StringComparison.Ordinal));

        Text(result, Assert.Single(parts, c => c.Signal == MatchSignal.Text), forbiddenTerms, where);
        foreach (var c in parts)
        {
            switch (c.Signal)
            {
                case MatchSignal.PredictedDiscipline:
                    PredictedDiscipline(result, c, options, where);
                    break;
                case MatchSignal.Discipline:
                    Codes(c, e.SharedDisciplines, "学科", options.DisciplineNames, where);
                    break;
                case MatchSignal.Industry:
                    Codes(c, e.SharedIndustries, "行业", options.IndustryNames, where);
                    var best = e.SharedIndustries.Select(s => options.Credit(s.Relation)).DefaultIfEmpty(0).Max();
                    Assert.Equal(options.IndustryWeight * best, c.Score, 6);
                    break;
                case MatchSignal.Region:
                    Assert.Equal(RegionSentence(e.Region), c.Detail);
                    Assert.Equal(options.RegionWeight * options.Credit(e.Region), c.Score, 6);
                    break;
                case MatchSignal.Budget:
                    // Within the budget: the full weight; over it: less.
                    Assert.Equal(c.Detail.Contains("以内", StringComparison.Ordinal), Math.Abs(c.Score - options.BudgetWeight) < 1e-9);
                    Assert.Matches(BudgetPattern(), c.Detail);
                    break;
                case MatchSignal.Recency:
                    var days = c.Detail == "今天发布" ? 0 : int.Parse(RecencyPattern().Match(c.Detail).Groups[1].Value, CultureInfo.InvariantCulture);
                    // The age is shown in whole days: the score is that of an age between them.
                    Assert.InRange(c.Score, Recency(options, days + 1) - 1e-9, Recency(options, days) + 1e-9);
                    break;
                case MatchSignal.TrackRecord:
                    Assert.Matches(TrackPattern(), c.Detail);
                    Assert.InRange(c.Score, 1e-9, options.TrackRecordWeight);
                    break;
                case MatchSignal.TextLeader:
                    Lift(result, c, list, where);
                    break;
                case MatchSignal.Learned:
                    // Only with the learned re-ranker on, and the sentence says which way it moved the score.
                    Assert.NotNull(options.Reranker);
                    Assert.NotEqual(0, c.Score);
                    Assert.EndsWith(c.Score > 0 ? "上调" : "下调", c.Detail, StringComparison.Ordinal);
                    break;
            }
        }
        Assert.Equal(parts.Any(c => c.Signal == MatchSignal.TextLeader), e.Summary.Contains("文本匹配比", StringComparison.Ordinal));

        // People read names and amounts, never codes or signed zeros.
        Assert.False(CodePattern().IsMatch(e.Summary), where);
        Assert.DoesNotContain("-0.00", e.Summary, StringComparison.Ordinal);
    }

    /// <summary>"命中“a”（标题、正文）、“b”（正文）等N个词，另含同领域常见词“c”": the query's own matched terms, strongest first,
    /// with the fields that hold them; the count of those not shown; the feedback terms.</summary>
    private static void Text(MatchResult result, SignalContribution text, IReadOnlyCollection<string>? forbidden, string where)
    {
        var e = result.Explanation;
        Assert.All(e.MatchedTerms, t => Assert.False(forbidden?.Contains(t.Term) == true, $"“{t.Term}” counted as a matched term: {where}"));
        if (text.Detail.Contains("部分字相同", StringComparison.Ordinal))
        {
            Assert.Empty(e.MatchedTerms);
            Assert.False(result.IsGoodMatch, where);
            return;
        }
        if (e.MatchedTerms.Count == 0)
        {
            Assert.StartsWith("没有共同的关键词", text.Detail, StringComparison.Ordinal);
            Assert.Equal(0, result.Coverage);
            return;
        }
        Assert.StartsWith("命中", text.Detail, StringComparison.Ordinal);
        Assert.True(text.Score > 0, where);
        var own = e.MatchedTerms.Select(t => t.Term).ToList();
        var listable = e.MatchedTerms.Where(t => !own.Any(o => o.Length > t.Term.Length && o.Contains(t.Term, StringComparison.Ordinal))).ToList();
        var named = NamedTermPattern().Matches(text.Detail.Split("，另含同领域常见词")[0]).ToList();
        Assert.Equal(listable.Take(5).Select(t => t.Term), named.Select(m => m.Groups[1].Value));
        foreach (var m in named)
        {
            var term = listable.Single(t => t.Term == m.Groups[1].Value);
            var fields = new List<string>();
            if (term.InTitle)
            {
                fields.Add("标题");
            }
            if (term.InKeywords)
            {
                fields.Add("关键词");
            }
            if (term.InBody)
            {
                fields.Add("正文");
            }
            Assert.Equal(string.Join('、', fields), m.Groups[2].Value);
        }
        for (var i = 1; i < named.Count; i++)
        {
            Assert.True(listable[i - 1].Score >= listable[i].Score, where);
        }
        var more = MorePattern().Match(text.Detail);
        Assert.Equal(listable.Count > 5, more.Success);
        if (more.Success)
        {
            Assert.Equal(listable.Count, int.Parse(more.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        var related = text.Detail.Split("，另含同领域常见词");
        Assert.Equal(e.FeedbackTerms.Count > 0, related.Length == 2);
        if (related.Length == 2)
        {
            Assert.Equal(string.Join('、', e.FeedbackTerms.Take(3).Select(t => $"“{t.Term}”")), related[1]);
        }
    }

    /// <summary>"推测需求属于 作物学（65%），候选学科相同（作物学）": the likeliest predicted field by name with its probability, then
    /// how the candidate relates to the predicted field that earned its score.</summary>
    private static void PredictedDiscipline(MatchResult result, SignalContribution c, MatchOptions options, string where)
    {
        var m = PredictedPattern().Match(c.Detail);
        Assert.True(m.Success, $"{c.Detail} — {where}");
        var likeliest = int.Parse(m.Groups["p"].Value, CultureInfo.InvariantCulture);
        if (m.Groups["name"].Success)
        {
            Assert.Contains(m.Groups["name"].Value, options.DisciplineNames.Values);
        }
        var shared = result.Explanation.SharedDisciplines;
        // The head is the likeliest field: no code the score used is more probable.
        Assert.All(shared, s => Assert.True(Whole(s.Predicted ?? 0) <= likeliest, where));
        var rest = m.Groups["rest"].Value;
        if (rest is "，候选未填学科" or "，候选学科与之不同")
        {
            Assert.Empty(shared);
            Assert.Equal(0, c.Score);
            return;
        }
        Assert.NotEmpty(shared);
        Assert.True(c.Score > 0, where);
        // The sentence speaks of the code that earned the most.
        var best = shared.OrderByDescending(s => (s.Predicted ?? 0) * options.Credit(s.Relation)).First();
        if (rest.StartsWith("，候选", StringComparison.Ordinal))
        {
            Assert.Equal(likeliest, Whole(best.Predicted ?? 0));
            Assert.StartsWith($"，候选{Relation(best.Relation, "学科")}", rest, StringComparison.Ordinal);
        }
        else
        {
            var other = OtherPattern().Match(rest);
            Assert.True(other.Success, $"{c.Detail} — {where}");
            Assert.Equal(Whole(best.Predicted ?? 0), int.Parse(other.Groups[1].Value, CultureInfo.InvariantCulture));
            Assert.Contains(Relation(best.Relation, "学科"), rest, StringComparison.Ordinal);
        }
        if (options.DisciplineNames.TryGetValue(best.DocumentCode, out var documentName))
        {
            Assert.Contains($"（{documentName}", rest, StringComparison.Ordinal);
        }
        Assert.Equal(best.DocumentPredicted, rest.Contains("由其内容推测", StringComparison.Ordinal));
        if (best.DocumentProbability is { } likely)
        {
            Assert.Contains($"可能性{Whole(likely)}%", rest, StringComparison.Ordinal);
        }
    }

    /// <summary>"学科相同（X）", "行业同属一个中类（需求：X；候选：Y）", "行业不同", "候选未填行业": the closest relation of the
    /// shared codes, by name.</summary>
    private static void Codes(SignalContribution c, IReadOnlyList<SharedCode> shared, string what, IReadOnlyDictionary<string, string> names, string where)
    {
        if (shared.Count == 0)
        {
            Assert.Contains(c.Detail, new[] { $"候选未填{what}", $"{what}不同" });
            Assert.Equal(0, c.Score);
            return;
        }
        var best = shared.OrderByDescending(s => s.Relation).First();
        Assert.StartsWith(Relation(best.Relation, what), c.Detail, StringComparison.Ordinal);
        Assert.True(c.Score > 0, where);
        if (names.TryGetValue(best.DocumentCode, out var name))
        {
            Assert.Contains(name, c.Detail, StringComparison.Ordinal);
        }
    }

    /// <summary>The lift sentence: only with a lift; its coverage is the candidate's; "仍排在第一位/其前" is said over a
    /// candidate whose field scored higher, and that candidate is the one now right below it.</summary>
    private static void Lift(MatchResult result, SignalContribution c, IReadOnlyList<MatchResult> list, string where)
    {
        Assert.True(c.Score > 0, where);
        var m = LiftPattern().Match(c.Detail);
        Assert.True(m.Success, $"{c.Detail} — {where}");
        Assert.Equal(Whole(result.Coverage), int.Parse(m.Groups["coverage"].Value, CultureInfo.InvariantCulture));
        var first = m.Groups["which"].Value == "第二好的候选";
        if (first)
        {
            Assert.Equal(1, result.Rank);
        }
        var below = list.FirstOrDefault(r => r.Rank == result.Rank + 1);
        if (m.Groups["lower"].Success && below is not null)
        {
            Assert.True(Field(result) < Field(below), where);
        }
        if (!first && below is not null)
        {
            // "比原先排在它前面的候选高x%": its text lead over the candidate now right below it.
            var lead = (TextScore(result) - TextScore(below)) / TextScore(result);
            Assert.Equal(Whole(lead), int.Parse(m.Groups["lead"].Value, CultureInfo.InvariantCulture));
        }
    }

    private static double Field(MatchResult r) => r.Explanation.Contributions.Where(c => c.Signal is MatchSignal.PredictedDiscipline or MatchSignal.Discipline).Sum(c => c.Score);

    private static double TextScore(MatchResult r) => r.Explanation.Contributions.Where(c => c.Signal == MatchSignal.Text).Sum(c => c.Score);

    private static double Recency(MatchOptions options, int days) => options.RecencyWeight * Math.Pow(0.5, days / Math.Max(1, options.RecencyHalfLife.TotalDays));

    private static int Whole(double share) => (int)Math.Round(Math.Clamp(share, 0, 1) * 100, MidpointRounding.AwayFromZero);

    private static string Number(double value)
    {
        var text = value.ToString("0.00", Zh);
        return text == "-0.00" ? "0.00" : text;
    }

    private static string Relation(CodeRelation relation, string what) => relation switch
    {
        CodeRelation.Same => $"{what}相同",
        CodeRelation.SameGroup => what == "行业" ? "行业同属一个中类" : "学科同属一个二级学科",
        CodeRelation.SameDivision => what == "行业" ? "行业同属一个大类" : "学科同属一个一级学科",
        _ => $"{what}不同",
    };

    private static string RegionSentence(RegionRelation relation) => relation switch
    {
        RegionRelation.SameCounty => "同在一个县（区）",
        RegionRelation.SameCity => "同在一个市（州）",
        RegionRelation.SameProvince => "同在一个省",
        RegionRelation.Elsewhere => "不在同一省份",
        _ => "地区未知",
    };

    private static string SignalName(MatchSignal signal) => signal switch
    {
        MatchSignal.Text => "文本匹配",
        MatchSignal.Discipline => "学科",
        MatchSignal.PredictedDiscipline => "推测学科",
        MatchSignal.Industry => "行业",
        MatchSignal.Region => "地区",
        MatchSignal.Budget => "价格与预算",
        MatchSignal.Recency => "发布时间",
        MatchSignal.TrackRecord => "服务记录",
        MatchSignal.TextLeader => "文本匹配领先",
        MatchSignal.Learned => "学习排序",
        _ => signal.ToString(),
    };

    /// <summary>A run of three or more digits that is not an amount (报价15001元), a share (100%), an age (539天前发布) or a
    /// count (已成交120单): a code.</summary>
    [GeneratedRegex(@"(?<![\d.])\d{3,}(?![\d.]*[元%天单])")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"“([^”]+)”（([^）]*)）")]
    private static partial Regex NamedTermPattern();

    [GeneratedRegex(@"等(\d+)个词")]
    private static partial Regex MorePattern();

    [GeneratedRegex(@"^推测(需求|所查内容)(属于 (?<name>[^（]+)（(?<p>\d+)%）|的学科（可能性(?<p>\d+)%）)(?<rest>.*)$")]
    private static partial Regex PredictedPattern();

    [GeneratedRegex(@"^；候选与推测的另一 ?[^（]*（(\d+)%）")]
    private static partial Regex OtherPattern();

    [GeneratedRegex(@"^文本匹配比(?<which>第二好的候选|原先排在它前面的候选)高(?<lead>\d+)%，含所查内容(?<coverage>\d+)%的关键词(?<lower>，推测学科的得分虽低于(其他候选|该候选))?，(仍)?排在(第一位|其前)$")]
    private static partial Regex LiftPattern();

    [GeneratedRegex(@"^报价[\d.]+元，(在预算[\d.]+元以内|超出预算[\d.]+元的.+)$")]
    private static partial Regex BudgetPattern();

    [GeneratedRegex(@"^(\d+)天前发布$")]
    private static partial Regex RecencyPattern();

    [GeneratedRegex(@"^已成交\d+单(，评分\d\.\d)?$")]
    private static partial Regex TrackPattern();
}
