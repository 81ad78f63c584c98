using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Popularization;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Popularization;

/// <summary>The report's popularization sentences count over the report's days, also when those are a span across two years.</summary>
public abstract class PopularizationReportTests(KexieApp app)
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task A_span_report_counts_only_the_tallies_inside_the_span()
    {
        // 英山县 421124: no other test writes here. One tally the day before the span, one on its first day.
        const string county = "421124";
        var staff = new Actor("pop-report-421124", "英山专员", UserRole.AssociationAdmin, county);
        var at = new DateTimeOffset(2024, 12, 22, 10, 0, 0, Cst).ToUniversalTime();
        var activity = PopularizationActivity.Create(
            new PopularizationActivityData(ActivityKind.ScienceToCountryside, "冬季科技下乡", null, county, "温泉镇", new DateOnly(2024, 12, 20), new DateOnly(2024, 12, 21), null, null), staff, at.AddDays(-10));
        var outside = EventTally.Record(activity, new EventTallyData(county, new DateOnly(2024, 12, 20), 5, 700), staff, at);
        var inside = EventTally.Record(activity, new EventTallyData(county, new DateOnly(2024, 12, 21), 3, 120), staff, at);
        await app.QueryAsync(async db =>
        {
            db.Add(activity);
            await db.SaveChangesAsync();
            db.AddRange(outside, inside);
            return await db.SaveChangesAsync();
        });

        await using var scope = app.Services.CreateAsyncScope();
        var report = scope.ServiceProvider.GetRequiredService<PopularizationReport>();
        var span = await report.SentencesAsync(county, new DayRange(new DateOnly(2024, 12, 21), new DateOnly(2025, 12, 20)), CancellationToken.None);
        Assert.Contains("2024年12月21日至2025年12月20日各类科普活动中，共开展活动3场次，参与群众120人次。", span);
        Assert.DoesNotContain(span, s => s.Contains("700") || s.Contains("8场次"));

        // The calendar years still count their own days: 2024 has both tallies, 2025 none.
        var year2024 = await report.SentencesAsync(county, new DayRange(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)), CancellationToken.None);
        Assert.Contains("2024年各类科普活动中，共开展活动8场次，参与群众820人次。", year2024);
        var year2025 = await report.SentencesAsync(county, new DayRange(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), CancellationToken.None);
        Assert.DoesNotContain(year2025, s => s.Contains("科普活动"));
    }
}

public sealed class PopularizationReportSqliteTests(SqliteApp app) : PopularizationReportTests(app);

public sealed class PopularizationReportPostgresTests(PostgresApp app) : PopularizationReportTests(app);
