using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kexie.Domain.Common;
using Kexie.Domain.Indicators;

namespace Kexie.Web.Pages.Indicators;

/// <summary>The period chosen on a 精准绩效 page: a year, a quarter or a month (China Standard Time).</summary>
public sealed record PeriodChoice(Period Period, int FirstYear, int LastYear)
{
    public string Kind => Period.Kind switch
    {
        PeriodKind.Quarter => "quarter",
        PeriodKind.Month => "month",
        _ => "year",
    };

    public IEnumerable<int> Years => Enumerable.Range(FirstYear, LastYear - FirstYear + 1).Reverse();
}

/// <summary>Formatting and period arithmetic shared by the 精准绩效 pages.</summary>
public static class IndicatorsUi
{
    public const string Missing = "暂无数据";

    /// <summary>The earliest year offered in the period picker.</summary>
    public const int FirstYear = 2016;

    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>JSON for the charts' data island: Chinese text kept readable, but never able to close the script element.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Default,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>
    /// The period from the picker (kind + year + number) or from a link (<c>period=2020</c>, <c>2020Q3</c>, <c>2020-07</c>);
    /// by default the last complete year.
    /// </summary>
    public static PeriodChoice Choose(string? period, string? kind, int? year, int? number, DateOnly today)
    {
        Period chosen;
        if (year is { } y)
        {
            chosen = (kind ?? "year").ToLowerInvariant() switch
            {
                "quarter" => Period.OfQuarter(y, number ?? 1),
                "month" => Period.OfMonth(y, number ?? 1),
                "year" => Period.OfYear(y),
                _ => throw new DomainValidationException("kind", "统计期类型应为年、季度或月"),
            };
        }
        else if (!string.IsNullOrWhiteSpace(period))
        {
            chosen = Period.Parse(period);
        }
        else
        {
            chosen = Period.OfYear(today.Year - 1);
        }

        return new PeriodChoice(chosen, Math.Min(FirstYear, chosen.Year), Math.Max(today.Year, chosen.Year));
    }

    /// <summary>The trend window ending with <paramref name="period"/>: 5 years, 8 quarters or 12 months.</summary>
    public static IReadOnlyList<Period> TrendPeriods(Period period)
    {
        var count = period.Kind switch
        {
            PeriodKind.Year => 5,
            PeriodKind.Quarter => 8,
            _ => 12,
        };
        var list = new List<Period> { period };
        while (list.Count < count && list[^1].Year > 2000)
        {
            list.Add(list[^1].Previous);
        }

        list.Reverse();
        return list;
    }

    /// <summary>"2020", "2020Q3", "2020-07" → short axis labels "2020年", "2020Q3", "2020.07".</summary>
    public static string ShortLabel(Period p) => p.Kind switch
    {
        PeriodKind.Year => $"{p.Year}年",
        PeriodKind.Quarter => $"{p.Year}Q{p.Number}",
        _ => $"{p.Year}.{p.Number:00}",
    };

    public static string Score(decimal? score) => score is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : Missing;

    public static string Weight(decimal weight) => weight.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>An indicator value with its unit as the reports print it ("4699万元", "12,560人", "87.5%"); absent values are 暂无数据, never 0.</summary>
    public static string Value(decimal? value, string unit) => StatFormat.Value(value, unit) ?? Missing;

    /// <summary>One record's amount, to the 分: "1,500,000.00".</summary>
    public static string Amount(decimal yuan) => yuan.ToString("N2", Zh);

    /// <summary>A total by size: "4699万元", "1.22亿元".</summary>
    public static string Total(decimal yuan) => StatFormat.Amount(yuan);

    /// <summary>"较上期上升3位", "较上期下降2位", "与上期持平", "上期无排名".</summary>
    public static string RankChange(int? change) => change switch
    {
        > 0 => $"较上期上升{change}位",
        < 0 => $"较上期下降{-change}位",
        0 => "与上期持平",
        _ => "上期无排名",
    };

    /// <summary>↑3 / ↓2 / — for tables.</summary>
    public static string RankArrow(int? change) => change switch
    {
        > 0 => $"↑{change}",
        < 0 => $"↓{-change}",
        0 => "—",
        _ => "",
    };

    public static string ChangeClass(int? change) => change switch
    {
        > 0 => "rank-up",
        < 0 => "rank-down",
        _ => "rank-same",
    };

    /// <summary>Heat-grid cell: a blue tint by score 0–100; a hatched cell when there is no score.</summary>
    public static string HeatStyle(decimal? score)
    {
        if (score is not { } s)
        {
            return string.Empty;
        }

        var alpha = Math.Clamp(s, 0m, 100m) / 100m * 0.85m + 0.05m;
        return $"background-color: rgba(21, 84, 165, {alpha.ToString("0.00", CultureInfo.InvariantCulture)}); color: {(s >= 55 ? "#fff" : "inherit")};";
    }

    public static string Day(int dayKey) => ChinaTime.FromDayKey(dayKey).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string GroupShort(ServiceGroup group) => group switch
    {
        ServiceGroup.ServingScienceWorkers => "服务科技工作者",
        ServiceGroup.ServingEnterprises => "服务企事业单位",
        ServiceGroup.ScienceLiteracy => "全民科学素质",
        ServiceGroup.DecisionSupport => "服务科学决策",
        _ => group.ToString(),
    };

    public static string Query(string region, Period period, int? weightSet = null) =>
        $"region={Uri.EscapeDataString(region)}&period={period}" + (weightSet is { } w ? $"&weightSet={w}" : string.Empty);

    /// <summary>The page of the record a fact came from (the page itself checks access); null for synthetic facts, tickets, activity check-ins and e-station usage days.</summary>
    public static string? SourceLink(FactSource source, Guid id) => source switch
    {
        FactSource.ScienceWorker => $"/Workers/Details/{id}",
        FactSource.Organization => $"/Organizations/Details/{id}",
        FactSource.Offer => $"/Market/Offers/Details/{id}",
        FactSource.Need => $"/Market/Needs/Details/{id}",
        FactSource.ResponsePlan => $"/Market/Plans/Details/{id}",
        FactSource.Order => $"/Market/Orders/Details/{id}",
        FactSource.ScienceContent => $"/Popularization/Contents/Details/{id}",
        FactSource.PopularizationActivity => $"/Popularization/Activities/Details/{id}",
        FactSource.EventTally => $"/Popularization/Records/tally/{id}",
        FactSource.VenueVisit => $"/Popularization/Records/visit/{id}",
        FactSource.ServiceRecord => $"/Popularization/Records/service/{id}",
        FactSource.ScienceBoardRefresh => $"/Popularization/Records/board-refresh/{id}",
        FactSource.LiteracyMemberAssessment => $"/Popularization/Records/member-assessment/{id}",
        FactSource.LiteracySurvey => $"/Popularization/Records/literacy-survey/{id}",
        FactSource.ActivityParticipant => $"/Popularization/Records/participant/{id}",
        FactSource.EStationUsage => $"/Popularization/Records/usage/{id}",
        FactSource.ThinkTankTopic => $"/ThinkTank/Topics/{id}",
        FactSource.Proposal => $"/ThinkTank/Proposals/{id}",
        FactSource.Nomination => $"/Talent/Records/nomination/{id}",
        FactSource.ContestEntry => $"/Talent/Contests/Entry/{id}",
        FactSource.Workstation => $"/Talent/Stations/Edit/{id}",
        FactSource.SocietyActivity => $"/Talent/Records/society-activity/{id}",
        FactSource.SurveyResponse => $"/Talent/Records/survey-response/{id}",
        FactSource.WorkstationOutput => $"/Talent/Records/workstation-output/{id}",
        FactSource.Association => $"/Talent/Organizations/Details/{id}",
        FactSource.Inspection => $"/Talent/Records/inspection/{id}",
        _ => null,
    };
}
