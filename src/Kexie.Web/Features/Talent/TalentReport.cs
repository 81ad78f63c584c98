namespace Kexie.Web.Features.Talent;

/// <summary>
/// The talent sentences of a region's annual report, in the seeds' style, from the records: the youth contest ("共收获827件作品，
/// 推荐85件作品参加…"), honours ("2名同志入选青年科技人才托举工程"), workstations and bases ("建立专家工作站24家") and surveys
/// ("发放问卷3000份回收有效问卷2463份征集到意见和建议共500余条"). A part without records is left out.
/// </summary>
public sealed class TalentReport(ContestService contests, HonourService honours, WorkstationService workstations, SurveyService surveys)
{
    public async Task<IReadOnlyList<string>> SentencesAsync(string regionCode, int year, CancellationToken ct)
    {
        var sentences = new List<string>();
        if (string.IsNullOrEmpty(regionCode))
        {
            return sentences; // the statistics are per region subtree
        }

        var contest = await contests.StatisticsAsync(regionCode, year, ct);
        if (contest.Received > 0 || contest.Awards.Count > 0)
        {
            sentences.Add(contest.Summary);
        }

        var honour = await honours.StatisticsAsync(regionCode, year, ct);
        if (honour.Nominated > 0)
        {
            sentences.Add(honour.Summary);
        }

        var stations = await workstations.StatisticsAsync(regionCode, year, ct);
        if (stations.Total > 0)
        {
            sentences.Add(stations.Summary);
        }

        var survey = await surveys.StatisticsAsync(regionCode, year, ct);
        if (survey.Surveys > 0)
        {
            sentences.Add(survey.Summary);
        }

        return sentences;
    }
}
