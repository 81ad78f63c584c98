using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Market;
using Kexie.Domain.ThinkTank;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.ThinkTank;

/// <summary>Topics of a region recommended in a year to the calls of higher levels, by the level of the call, and how many of them the higher level approved.</summary>
/// <param name="ByLevel">Per level of the higher call (国家级、省级、市级): <c>Entries</c> recommended, <c>Awarded</c> approved there (立项 or 结题).</param>
public sealed record ThinkTankStatisticsDto(string RegionCode, string RegionName, int Year, int Recommended, int Selected, IReadOnlyList<Talent.NamedCount> ByLevel, string Summary);

/// <summary>
/// 智库课题向上推荐: the topics a region sent up to the calls of higher regions in a year and those the higher level took on — the seeds'
/// "3个课题入选国家级…选题" — for the statistics API and the annual report's {智库课题推荐} under 服务党委政府科学决策.
/// </summary>
public sealed class ThinkTankStatistics(KexieDbContext db)
{
    public async Task<ThinkTankStatisticsDto> StatisticsAsync(string? region, int? year, CancellationToken ct = default)
    {
        var code = MarketSupport.RegionFilter(region) ?? throw new DomainValidationException("region", "请选择地区");
        var y = year ?? MarketRules.ChinaDate(DateTimeOffset.UtcNow).Year;
        if (y is < 1980 or > 2100)
        {
            throw new DomainValidationException("year", "年份不正确");
        }

        // A recommended topic is the copy entered in the higher call (SourceTopicId set), in the recommending region, created when recommended (CST year).
        var from = new DateTimeOffset(y, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();
        var to = new DateTimeOffset(y + 1, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();
        var rows = await db.ThinkTankTopics.AsNoTracking()
            .Where(t => t.SourceTopicId != null && RegionScope.Within(t.RegionCode, code) && t.CreatedAt >= from && t.CreatedAt < to)
            .Select(t => new { t.CallRegionCode, t.Status }).ToListAsync(ct);
        var byLevel = rows.GroupBy(r => Level(r.CallRegionCode)).OrderBy(g => g.Key.Order)
            .Select(g => new Talent.NamedCount(g.Key.Name, g.Key.Name, g.Count(), g.Count(r => r.Status is TopicStatus.Approved or TopicStatus.Concluded))).ToList();
        var name = (await db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => r.Name).FirstOrDefaultAsync(ct)) ?? "所选地区";
        return new ThinkTankStatisticsDto(code, name, y, rows.Count, byLevel.Sum(l => l.Awarded), byLevel, Summary(y, name, byLevel));
    }

    /// <summary>"2025年，大英县向上级推荐智库课题4个，3个课题入选上级选题（国家级1个、省级2个）。"; empty when none was recommended.</summary>
    public static string Summary(int year, string regionName, IReadOnlyList<Talent.NamedCount> byLevel)
    {
        var recommended = byLevel.Sum(l => l.Entries);
        if (recommended == 0)
        {
            return string.Empty;
        }

        var selected = byLevel.Where(l => l.Awarded > 0).ToList();
        var text = $"{year}年，{regionName}向上级推荐智库课题{recommended}个";
        return selected.Count == 0
            ? text + "。"
            : text + $"，{selected.Sum(l => l.Awarded)}个课题入选上级选题（{string.Join("、", selected.Select(l => $"{l.Name}{l.Awarded}个"))}）。";
    }

    /// <summary>The level of a call by its region's code: all of China, a province, a city, a county.</summary>
    private static (int Order, string Name) Level(string? callRegion) => (callRegion ?? string.Empty).Length switch
    {
        0 => (0, "国家级"),
        2 => (1, "省级"),
        4 => (2, "市级"),
        _ => (3, "县级"),
    };
}

/// <summary>{智库课题推荐}: the sentence of <see cref="ThinkTankStatistics"/> for the report's region and last year.</summary>
public sealed class ThinkTankReportSource(ThinkTankStatistics statistics) : Indicators.Report.IReportStatisticSource
{
    public IReadOnlyList<Indicators.Report.ReportPlaceholder> Placeholders { get; } =
    [
        new("智库课题推荐", "本期向上级推荐的智库课题及入选上级选题的个数，如“3个课题入选国家级选题”"),
    ];

    public async Task<IReadOnlyList<Indicators.Report.ReportValue>> ValuesAsync(Indicators.Report.ReportScope scope, CancellationToken ct)
    {
        var s = await statistics.StatisticsAsync(scope.RegionCode, scope.Last.Year, ct);
        return [new("智库课题推荐", s.Summary, s.Recommended > 0)];
    }
}
