using System.Globalization;
using System.Text;

namespace Kexie.Matching.Indexing;

/// <summary>Turns a scored candidate into a <see cref="MatchResult"/> with its explanation.</summary>
internal sealed class Explainer
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    private readonly IndexSnapshot snapshot;
    private readonly MatchOptions options;
    private readonly List<QueryTerm> terms;
    private readonly MatchQuery query;
    private readonly QueryDisciplines disciplines;
    private readonly double totalTermWeight;
    private readonly int originalTermCount;

    public Explainer(IndexSnapshot snapshot, MatchOptions options, List<QueryTerm> terms, int originalTermCount, MatchQuery query, QueryDisciplines disciplines)
    {
        this.snapshot = snapshot;
        this.options = options;
        this.terms = terms;
        this.originalTermCount = originalTermCount;
        this.query = query;
        this.disciplines = disciplines;
        // Coverage is of the user's own terms, not of the feedback terms.
        for (var ti = 0; ti < originalTermCount; ti++)
        {
            totalTermWeight += terms[ti].Weight * terms[ti].Idf;
        }
    }

    public MatchResult Explain(Candidate candidate, int rank, bool flagDuplicates)
    {
        var stored = candidate.Stored;
        var all = MatchedTerms(candidate);
        var matched = all.Where(m => !m.FromFeedback).ToList();
        var feedback = all.Where(m => m.FromFeedback).ToList();
        var covered = 0.0;
        for (var ti = 0; ti < originalTermCount; ti++)
        {
            if ((candidate.Mask & (1UL << ti)) != 0)
            {
                covered += terms[ti].Weight * terms[ti].Idf;
            }
        }
        var coverage = totalTermWeight > 0 ? covered / totalTermWeight : 0;
        Signals.Discipline(options, disciplines, stored, out var sharedDisciplines);
        Signals.Industry(options, query.IndustryCodes, stored, out var sharedIndustries);
        var region = RegionCodes.Relate(query.RegionCode, stored.RegionCode);
        var text = candidate.Final - candidate.Discipline - candidate.Industry - candidate.Region - candidate.Budget - candidate.Recency - candidate.Track - candidate.Lift;

        var contributions = new List<SignalContribution>
        {
            new(MatchSignal.Text, text, TextDetail(all)),
        };
        if (candidate.Discipline != 0 || sharedDisciplines is not null)
        {
            contributions.Add(new(
                disciplines.Predicted ? MatchSignal.PredictedDiscipline : MatchSignal.Discipline,
                candidate.Discipline,
                DisciplineDetail(sharedDisciplines)));
        }
        if (candidate.Industry != 0 || sharedIndustries is not null)
        {
            contributions.Add(new(MatchSignal.Industry, candidate.Industry, IndustryDetail(sharedIndustries)));
        }
        if (region != RegionRelation.Unknown)
        {
            contributions.Add(new(MatchSignal.Region, candidate.Region, RegionDetail(region)));
        }
        if (candidate.Budget != 0)
        {
            contributions.Add(new(MatchSignal.Budget, candidate.Budget, query.OfferedPrice is { } offered
                ? BudgetDetail(stored.Price!.Value, offered)
                : BudgetDetail(query.Budget!.Value, stored.Price!.Value)));
        }
        if (candidate.Recency != 0)
        {
            var days = (int)Math.Max(0, (options.Clock.GetUtcNow() - stored.PublishedAt!.Value).TotalDays);
            contributions.Add(new(MatchSignal.Recency, candidate.Recency, days == 0 ? "今天发布" : $"{days}天前发布"));
        }
        if (candidate.Track != 0)
        {
            var detail = $"已成交{stored.DealsDone}单";
            if (stored.Rating is { } r)
            {
                detail += $"，评分{r.ToString("0.0", Zh)}";
            }
            contributions.Add(new(MatchSignal.TrackRecord, candidate.Track, detail));
        }
        if (candidate.Lift > 0)
        {
            contributions.Add(new(MatchSignal.TextLeader, candidate.Lift, "文本匹配明显好于其他候选，推测学科不同也排在第一位"));
        }

        var duplicate = flagDuplicates && coverage >= options.DuplicateCoverage && matched.Count >= 2;
        var explanation = new MatchExplanation
        {
            MatchedTerms = matched,
            FeedbackTerms = feedback,
            SharedDisciplines = sharedDisciplines ?? [],
            SharedIndustries = sharedIndustries ?? [],
            Region = region,
            Contributions = contributions,
            Summary = Summary(rank, candidate.Final, contributions, duplicate),
        };
        return new MatchResult
        {
            Id = stored.Id,
            Kind = stored.Kind,
            Title = stored.Title,
            Rank = rank,
            Score = candidate.Final,
            Coverage = coverage,
            LikelyDuplicate = duplicate,
            Explanation = explanation,
        };
    }

    private List<MatchedTerm> MatchedTerms(Candidate candidate)
    {
        var list = new List<MatchedTerm>();
        var segment = candidate.View.Segment;
        var doc = candidate.Doc;
        var k1 = options.K1;
        for (var ti = 0; ti < terms.Count; ti++)
        {
            if ((candidate.Mask & (1UL << ti)) == 0 || !segment.Terms.TryGetValue(terms[ti].Term, out var postings))
            {
                continue;
            }
            var packed = postings.Find(doc);
            if (packed == 0)
            {
                continue;
            }
            var t = FieldFrequencies.Title(packed);
            var k = FieldFrequencies.Keywords(packed);
            var b = FieldFrequencies.Body(packed);
            var ptf = 0.0;
            if (b > 0)
            {
                ptf += options.BodyFieldWeight * b / (1 - options.BodyLengthNormalization + options.BodyLengthNormalization * segment.BodyLengths[doc] / snapshot.AverageBodyLength);
            }
            if (t > 0)
            {
                ptf += options.TitleFieldWeight * t / (1 - options.TitleLengthNormalization + options.TitleLengthNormalization * segment.TitleLengths[doc] / snapshot.AverageTitleLength);
            }
            if (k > 0)
            {
                ptf += options.KeywordsFieldWeight * k / (1 - options.KeywordsLengthNormalization + options.KeywordsLengthNormalization * segment.KeywordLengths[doc] / snapshot.AverageKeywordLength);
            }
            var score = terms[ti].Idf * terms[ti].Weight * (k1 + 1) * ptf / (ptf + k1);
            list.Add(new MatchedTerm(terms[ti].Term, t > 0, k > 0, b > 0, score) { FromFeedback = ti >= originalTermCount });
        }
        list.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        return list;
    }

    private static string TextDetail(List<MatchedTerm> matched)
    {
        var own = matched.Count(m => !m.FromFeedback);
        if (own == 0 && matched.Count == 0)
        {
            return "没有共同的关键词";
        }
        var sb = new StringBuilder(own == 0 ? "没有共同的关键词" : "命中");
        var shown = 0;
        foreach (var m in matched)
        {
            if (m.FromFeedback)
            {
                continue;
            }
            if (shown == 5)
            {
                break;
            }
            if (shown > 0)
            {
                sb.Append('、');
            }
            sb.Append('“').Append(m.Term).Append('”');
            var fields = new List<string>(3);
            if (m.InTitle)
            {
                fields.Add("标题");
            }
            if (m.InKeywords)
            {
                fields.Add("关键词");
            }
            if (m.InBody)
            {
                fields.Add("正文");
            }
            sb.Append('（').Append(string.Join('、', fields)).Append('）');
            shown++;
        }
        if (own > shown)
        {
            sb.Append("等").Append(own).Append("个词");
        }
        var related = matched.Where(m => m.FromFeedback).Take(3).ToList();
        if (related.Count > 0)
        {
            sb.Append("，另含同领域常见词").Append(string.Join('、', related.Select(m => $"“{m.Term}”")));
        }
        return sb.ToString();
    }

    private string DisciplineDetail(List<SharedCode>? shared)
    {
        if (shared is null || shared.Count == 0)
        {
            return disciplines.Predicted ? "推测的学科与其学科不同" : "学科不同";
        }
        var best = shared.OrderByDescending(s => s.Relation).ThenByDescending(s => s.Predicted ?? 1).First();
        var relation = RelationText(best.Relation, "学科");
        var documentCode = best.DocumentPredicted ? $"{best.DocumentCode}，由其内容推测" : best.DocumentCode;
        return best.Predicted is { } p
            ? $"推测需求学科为{best.QueryCode}（可能性{p.ToString("P0", Zh)}），{relation}（{documentCode}）"
            : $"{relation}（{best.QueryCode} / {documentCode}）";
    }

    private static string IndustryDetail(List<SharedCode>? shared)
    {
        if (shared is null || shared.Count == 0)
        {
            return "行业不同";
        }
        var best = shared.OrderByDescending(s => s.Relation).First();
        return $"{RelationText(best.Relation, "行业")}（{best.QueryCode} / {best.DocumentCode}）";
    }

    private static string RelationText(CodeRelation relation, string what) => relation switch
    {
        CodeRelation.Same => $"{what}相同",
        CodeRelation.SameGroup => what == "行业" ? "行业同属一个中类" : "学科同属一个二级学科",
        CodeRelation.SameDivision => what == "行业" ? "行业同属一个大类" : "学科同属一个一级学科",
        _ => $"{what}不同",
    };

    internal static string RegionDetail(RegionRelation relation) => relation switch
    {
        RegionRelation.SameCounty => "同在一个县（区）",
        RegionRelation.SameCity => "同在一个市（州）",
        RegionRelation.SameProvince => "同在一个省",
        RegionRelation.Elsewhere => "不在同一省份",
        _ => "地区未知",
    };

    private static string BudgetDetail(decimal budget, decimal price)
    {
        if (price <= budget)
        {
            return $"报价{price.ToString("0.##", Zh)}元，在预算{budget.ToString("0.##", Zh)}元以内";
        }
        var over = (double)((price - budget) / budget);
        return $"报价{price.ToString("0.##", Zh)}元，超出预算{budget.ToString("0.##", Zh)}元的{over.ToString("P0", Zh)}";
    }

    private static string Summary(int rank, double score, List<SignalContribution> contributions, bool duplicate)
    {
        var sb = new StringBuilder();
        sb.Append("排第").Append(rank).Append("位（综合得分").Append(score.ToString("0.00", Zh)).Append("）：");
        sb.Append(string.Join('；', contributions.Select(c => c.Detail)));
        var main = contributions.Where(c => c.Score >= 0.005).OrderByDescending(c => c.Score).Take(2).ToList();
        if (main.Count > 0)
        {
            sb.Append("。得分主要来自").Append(string.Join('和', main.Select(c => $"{SignalName(c.Signal)}（{c.Score.ToString("0.00", Zh)}）")));
        }
        // A deduction that rounds to 0.00 is no deduction: people never read "-0.00".
        var negative = contributions.Where(c => c.Score <= -0.005).ToList();
        if (negative.Count > 0)
        {
            sb.Append("，扣分来自").Append(string.Join('和', negative.Select(c => $"{SignalName(c.Signal)}（{c.Score.ToString("0.00", Zh)}）")));
        }
        sb.Append('。');
        if (duplicate)
        {
            sb.Append("内容高度重合，可能是重复发布的需求。");
        }
        return sb.ToString();
    }

    internal static string SignalName(MatchSignal signal) => signal switch
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
        _ => signal.ToString(),
    };
}
