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
    private readonly int originalTermCount;
    private readonly double unknownTerms;

    /// <param name="unknownTerms">Share of the query's real term weight (weight × idf) that no document holds.</param>
    public Explainer(IndexSnapshot snapshot, MatchOptions options, List<QueryTerm> terms, int originalTermCount, MatchQuery query, QueryDisciplines disciplines, double unknownTerms = 0)
    {
        this.unknownTerms = unknownTerms;
        this.snapshot = snapshot;
        this.options = options;
        this.terms = terms;
        this.originalTermCount = originalTermCount;
        this.query = query;
        this.disciplines = disciplines;
    }

    public MatchResult Explain(Candidate candidate, int rank, bool flagDuplicates)
    {
        var stored = candidate.Stored;
        var all = MatchedTerms(candidate);
        var matched = all.Where(m => !m.FromFeedback).ToList();
        var feedback = all.Where(m => m.FromFeedback).ToList();
        var coverage = Searcher.Coverage(terms, originalTermCount, candidate.Mask);
        Signals.Discipline(options, disciplines, stored, out var sharedDisciplines);
        Signals.Industry(options, query.IndustryCodes, stored, out var sharedIndustries);
        var region = RegionCodes.Relate(query.RegionCode, stored.RegionCode);
        var text = candidate.Final - candidate.Discipline - candidate.Industry - candidate.Region - candidate.Budget - candidate.Recency - candidate.Track - candidate.Lift - candidate.Learned;

        var contributions = new List<SignalContribution>
        {
            new(MatchSignal.Text, text, candidate.Backstop ? "没有共同的关键词，只有部分字相同" : TextDetail(all)),
        };
        if (candidate.Discipline != 0 || sharedDisciplines is not null)
        {
            contributions.Add(new(
                disciplines.Predicted ? MatchSignal.PredictedDiscipline : MatchSignal.Discipline,
                candidate.Discipline,
                DisciplineDetail(sharedDisciplines, stored)));
        }
        if (candidate.Industry != 0 || sharedIndustries is not null)
        {
            contributions.Add(new(MatchSignal.Industry, candidate.Industry, IndustryDetail(sharedIndustries, stored)));
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
        if (candidate.Learned != 0)
        {
            contributions.Add(new(MatchSignal.Learned, candidate.Learned, candidate.Learned > 0
                ? "学习排序模型（由已标注的匹配学得）据文本、覆盖率与学科等信号上调"
                : "学习排序模型（由已标注的匹配学得）据文本、覆盖率与学科等信号下调"));
        }
        if (candidate.Lift > 0)
        {
            contributions.Add(new(MatchSignal.TextLeader, candidate.Lift, LiftDetail(candidate, coverage)));
        }

        var fieldAgreement = ConfidenceFieldAgreement(candidate);
        var inputs = new ConfidenceInputs(fieldAgreement, coverage,
            // A match by characters alone (the backstop) is no word evidence: the confidence reads it as a document of the field alone.
            candidate.Backstop ? 0 : Math.Min(2, options.TextWeight > 0 ? Math.Max(0, text) / options.TextWeight : 0),
            FieldMiss(fieldAgreement), unknownTerms, disciplines.Uncertainty, disciplines.VoteDisagreement, GivesField);
        var confidence = Confidence(options, inputs);
        var duplicate = flagDuplicates && coverage >= options.DuplicateCoverage && matched.Count >= 2;
        var reason = Reason(contributions, duplicate);
        var explanation = new MatchExplanation
        {
            MatchedTerms = matched,
            FeedbackTerms = feedback,
            SharedDisciplines = sharedDisciplines ?? [],
            SharedIndustries = sharedIndustries ?? [],
            Region = region,
            Contributions = contributions,
            Summary = MatchExplanation.Ranked(rank, candidate.Final, reason),
            Reason = reason,
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
            Confidence = confidence,
            ConfidenceInputs = inputs,
            // A document that shares no word with the query, found by its characters, is never called a good match.
            IsGoodMatch = confidence >= options.ConfidenceThreshold && !candidate.Backstop,
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
            if ((candidate.Mask & (1UL << ti)) == 0 || terms[ti].Weak || !segment.Terms.TryGetValue(terms[ti].Term, out var postings))
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
        var ownTerms = matched.Where(m => !m.FromFeedback).Select(m => m.Term).ToList();
        foreach (var m in matched)
        {
            // Strongest first; a part of a longer matched term (病虫 of 病虫害) is not listed again.
            if (m.FromFeedback || ownTerms.Any(o => o.Length > m.Term.Length && o.Contains(m.Term, StringComparison.Ordinal)))
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
        var listable = ownTerms.Count(t => !ownTerms.Any(o => o.Length > t.Length && o.Contains(t, StringComparison.Ordinal)));
        if (listable > shown)
        {
            sb.Append("等").Append(listable).Append("个词");
        }
        var related = matched.Where(m => m.FromFeedback).Take(3).ToList();
        if (related.Count > 0)
        {
            sb.Append("，另含同领域常见词").Append(string.Join('、', related.Select(m => $"“{m.Term}”")));
        }
        return sb.ToString();
    }

    /// <summary>
    /// The lift sentence, true of its condition (see <see cref="Searcher"/>: the best text match led the second by
    /// <see cref="Candidate.LiftMargin"/> ≥ <see cref="MatchOptions.PredictedLeaderMargin"/> and covers at least
    /// <see cref="MatchOptions.PredictedLeaderMinCoverage"/> of the query). It says the predicted field ranked it lower
    /// only when its discipline contribution really was below that of the candidate it was lifted over.
    /// </summary>
    private static string LiftDetail(Candidate candidate, double coverage)
    {
        if (candidate.LiftInBand)
        {
            var ahead = $"文本匹配比原先排在它前面的候选高{Percent(candidate.LiftMargin)}，含所查内容{Percent(coverage)}的关键词";
            return candidate.Discipline < candidate.LiftOverDiscipline - 1e-9
                ? $"{ahead}，推测学科的得分虽低于该候选，仍排在其前"
                : $"{ahead}，排在其前";
        }
        var lead = $"文本匹配比第二好的候选高{Percent(candidate.LiftMargin)}，含所查内容{Percent(coverage)}的关键词";
        return candidate.Discipline < candidate.LiftOverDiscipline - 1e-9
            ? $"{lead}，推测学科的得分虽低于其他候选，仍排在第一位"
            : $"{lead}，排在第一位";
    }

    /// <summary>How well the candidate's field agrees with the query's, 0–1: the stronger of the discipline and the
    /// industry signal, each over its weight (a predicted field counts with its probability; a predicted document
    /// code with <see cref="MatchOptions.PredictedDocumentDisciplineFactor"/>).</summary>
    internal double FieldAgreement(Candidate candidate)
    {
        var weight = disciplines.Weight(options) * Signals.GivenDocumentFactor(options, disciplines, candidate.Stored);
        var discipline = weight > 0 ? candidate.Discipline / weight : 0;
        var industry = options.IndustryWeight > 0 ? candidate.Industry / options.IndustryWeight : 0;
        return Math.Clamp(Math.Max(discipline, industry), 0, 1);
    }

    /// <summary>
    /// The field agreement the confidence reads: with a predicted query field, the candidate's agreement with the
    /// classifier's own distribution (not with the text matches' code vote, which calls any corpus's field right);
    /// otherwise as ranked (<see cref="FieldAgreement"/>). The industry counts as strongly as the discipline.
    /// </summary>
    internal double ConfidenceFieldAgreement(Candidate candidate)
    {
        if (!disciplines.Predicted || disciplines.Classifier is null || disciplines.Weight(options) <= 0)
        {
            return FieldAgreement(candidate);
        }
        var discipline = Signals.Discipline(options, disciplines with { Codes = disciplines.Classifier }, candidate.Stored, out _, ranking: false) / disciplines.Weight(options);
        var industry = options.IndustryWeight > 0 ? candidate.Industry / options.IndustryWeight : 0;
        return Math.Clamp(Math.Max(discipline, industry), 0, 1);
    }

    /// <summary>
    /// How sure the query's field is, times how far the candidate is from it: certainty × (1 − field agreement).
    /// Certainty is 1 for codes the query gives (its disciplines or industries), else the classifier's first
    /// choice's probability; 0 when there is no field at all. A strong text match of another field than the one
    /// the query is sure of is what a corpus without the query's field offers (coal-water slurry for a tea need).
    /// </summary>
    private double FieldMiss(double field)
    {
        var certainty = !disciplines.Predicted && disciplines.Codes.Count > 0 ? 1.0
            : disciplines.Classifier is { Count: > 0 } own ? own[0].Probability : 0;
        if (query.IndustryCodes.Any(c => !string.IsNullOrWhiteSpace(c)))
        {
            certainty = 1;
        }
        return certainty * (1 - field);
    }

    /// <summary>Whether the query gives its field: discipline or industry codes.</summary>
    private bool GivesField => (!disciplines.Predicted && disciplines.Codes.Count > 0) || query.IndustryCodes.Any(c => !string.IsNullOrWhiteSpace(c));

    /// <summary>The calibrated confidence (see <see cref="MatchOptions.ConfidenceIntercept"/>).</summary>
    internal static double Confidence(MatchOptions options, ConfidenceInputs x)
    {
        var z = options.ConfidenceIntercept + options.ConfidenceField * x.Field + options.ConfidenceCoverage * x.Coverage
            + options.ConfidenceText * x.Text + (x.Coverage > 0 ? 0 : options.ConfidenceNoSharedTerm) + options.ConfidenceFieldMiss * x.FieldMiss
            + options.ConfidenceUnknownTerms * x.UnknownTerms + options.ConfidenceUncertainty * x.Uncertainty
            + options.ConfidenceVoteDisagreement * x.VoteDisagreement
            + (x.Given ? options.ConfidenceGiven + options.ConfidenceGivenFieldMiss * x.FieldMiss : 0);
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>Who the query is: a provider when it looks only for needs, else a need.</summary>
    private string QuerySubject => query.Kinds.Count > 0 && query.Kinds.All(k => k == DocumentKind.Need) ? "所查内容" : "需求";

    private string DisciplineDetail(List<SharedCode>? shared, StoredDocument stored)
    {
        if (disciplines.Predicted)
        {
            return PredictedDisciplineDetail(shared, stored);
        }
        if (shared is null || shared.Count == 0)
        {
            return stored.DisciplineCodes.Length == 0 ? "候选未填学科" : "学科不同";
        }
        var best = shared.OrderByDescending(s => s.Relation).First();
        return $"{RelationText(best.Relation, "学科")}{Pair(options.DisciplineNames, best.QueryCode, best.DocumentCode, best.Relation, best.DocumentPredicted)}";
    }

    /// <summary>
    /// "推测需求属于 作物学（65%）": the likeliest predicted field with the probability the score uses, then how the
    /// candidate relates to the predicted field that earned it its discipline score.
    /// </summary>
    private string PredictedDisciplineDetail(List<SharedCode>? shared, StoredDocument stored)
    {
        var top = disciplines.Codes[0];
        var head = Named(options.DisciplineNames, top.Code) is { } name
            ? $"推测{QuerySubject}属于 {name}（{Percent(top.Probability)}）"
            : $"推测{QuerySubject}的学科（可能性{Percent(top.Probability)}）";
        if (shared is null || shared.Count == 0)
        {
            return stored.DisciplineCodes.Length == 0 ? $"{head}，候选未填学科" : $"{head}，候选学科与之不同";
        }
        var best = shared.OrderByDescending(s => (s.Predicted ?? 0) * options.Credit(s.Relation)).First();
        var documentName = Named(options.DisciplineNames, best.DocumentCode);
        var inferred = best.DocumentPredicted ? best.DocumentProbability is { } likely ? $"，由其内容推测，可能性{Percent(likely)}" : "，由其内容推测" : "";
        var candidate = documentName is null ? "" : $"（{documentName}{inferred}）";
        if (documentName is null && best.DocumentPredicted)
        {
            candidate = "（由其内容推测）";
        }
        if (best.QueryCode == top.Code)
        {
            return $"{head}，候选{RelationText(best.Relation, "学科")}{candidate}";
        }
        var other = Named(options.DisciplineNames, best.QueryCode) is { } otherName ? $" {otherName}" : "学科";
        return $"{head}；候选与推测的另一{other}（{Percent(best.Predicted ?? 0)}）{RelationText(best.Relation, "学科")}{candidate}";
    }

    private string IndustryDetail(List<SharedCode>? shared, StoredDocument stored)
    {
        if (shared is null || shared.Count == 0)
        {
            return stored.IndustryCodes.Length == 0 ? "候选未填行业" : "行业不同";
        }
        var best = shared.OrderByDescending(s => s.Relation).First();
        return $"{RelationText(best.Relation, "行业")}{Pair(options.IndustryNames, best.QueryCode, best.DocumentCode, best.Relation, false)}";
    }

    /// <summary>"（作物学）" for the same code, "（需求：X；候选：Y）" for related ones; names only, never codes.</summary>
    private string Pair(IReadOnlyDictionary<string, string> names, string queryCode, string documentCode, CodeRelation relation, bool documentPredicted)
    {
        var inferred = documentPredicted ? "，由其内容推测" : "";
        var q = Named(names, queryCode);
        var d = Named(names, documentCode);
        if (relation == CodeRelation.Same || q == d)
        {
            return d is null ? (documentPredicted ? "（由其内容推测）" : "") : $"（{d}{inferred}）";
        }
        if (q is null || d is null)
        {
            return d is null ? (documentPredicted ? "（由其内容推测）" : "") : $"（候选：{d}{inferred}）";
        }
        return $"（{QuerySubject}：{q}；候选：{d}{inferred}）";
    }

    private static string? Named(IReadOnlyDictionary<string, string> names, string code) =>
        names.TryGetValue(code, out var name) && !string.IsNullOrWhiteSpace(name) ? name : null;

    /// <summary>A share as a whole percentage ("65%").</summary>
    internal static string Percent(double share) => $"{Math.Round(Math.Clamp(share, 0, 1) * 100, MidpointRounding.AwayFromZero).ToString("0", Zh)}%";

    /// <summary>A score with two decimals, never a signed zero ("-0.00" → "0.00").</summary>
    internal static string Number(double value) => ScoreText.Format(value);

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

    /// <summary>The sentence after its rank and score (<see cref="MatchExplanation.Reason"/>).</summary>
    private static string Reason(List<SignalContribution> contributions, bool duplicate)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join('；', contributions.Select(c => c.Detail)));
        var main = contributions.Where(c => c.Score >= 0.005).OrderByDescending(c => c.Score).Take(2).ToList();
        if (main.Count > 0)
        {
            sb.Append("。得分主要来自").Append(string.Join('和', main.Select(c => $"{SignalName(c.Signal)}（{Number(c.Score)}）")));
        }
        // A deduction that rounds to 0.00 is no deduction: people never read "-0.00".
        var negative = contributions.Where(c => c.Score <= -0.005).ToList();
        if (negative.Count > 0)
        {
            sb.Append("，扣分来自").Append(string.Join('和', negative.Select(c => $"{SignalName(c.Signal)}（{Number(c.Score)}）")));
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
        MatchSignal.Learned => "学习排序",
        _ => signal.ToString(),
    };
}
