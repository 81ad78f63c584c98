using System.Net;
using Kexie.Domain.Indicators;
using Kexie.Web.Pages.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Popularization;

/// <summary>The records behind S02, S03 and S05–S08 in an indicator trace open the activity, venue or station they belong to.</summary>
public abstract partial class TraceLinkTests(KexieApp app)
{
    private const string DaYing = "510923";

    [Fact]
    public async Task A_tally_a_visit_a_service_a_registration_and_a_day_of_use_open_their_parent_page()
    {
        var tally = await app.QueryAsync(db => db.EventTallies.Where(x => x.RegionCode.StartsWith(DaYing)).OrderBy(x => x.Id).Select(x => new { x.Id, Parent = x.ActivityId }).FirstAsync());
        var visit = await app.QueryAsync(db => db.VenueVisits.Where(x => x.RegionCode.StartsWith(DaYing)).OrderBy(x => x.Id).Select(x => new { x.Id, Parent = x.VenueId }).FirstAsync());
        var service = await app.QueryAsync(db => db.ServiceRecords.Where(x => x.RegionCode.StartsWith(DaYing)).OrderBy(x => x.Id).Select(x => new { x.Id, Parent = x.ActivityId }).FirstAsync());
        var participant = await app.QueryAsync(db => db.ActivityParticipants.Where(x => x.RegionCode.StartsWith(DaYing)).OrderBy(x => x.Id).Select(x => new { x.Id, Parent = x.ActivityId }).FirstAsync());
        var usage = await app.QueryAsync(db => db.EStationUsages.Where(x => x.RegionCode.StartsWith(DaYing)).OrderBy(x => x.Id).Select(x => new { x.Id, Parent = x.StationId }).FirstAsync());

        var anonymous = app.Anonymous();
        async Task Opens(FactSource source, Guid id, string expected)
        {
            var link = IndicatorsUi.SourceLink(source, id);
            Assert.NotNull(link);
            var response = await anonymous.GetAsync(link);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(expected, response.Headers.Location?.OriginalString);
        }

        await Opens(FactSource.EventTally, tally.Id, $"/Popularization/Activities/Details/{tally.Parent}");
        await Opens(FactSource.VenueVisit, visit.Id, $"/Popularization/Venues/Details/{visit.Parent}");
        await Opens(FactSource.ServiceRecord, service.Id, $"/Popularization/Activities/Details/{service.Parent}");
        await Opens(FactSource.ActivityParticipant, participant.Id, $"/Popularization/Activities/Details/{participant.Parent}");
        await Opens(FactSource.EStationUsage, usage.Id, $"/Popularization/Stations/Details/{usage.Parent}");

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Popularization/Records/visit/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Popularization/Records/other/{tally.Id}")).StatusCode);
    }
}

public abstract partial class TraceLinkTests
{
    [Fact]
    public async Task Synthetic_facts_read_as_demo_data_and_regions_by_name()
    {
        var daying = await app.SignInAsync("daying");
        var synthetic = await app.QueryAsync(db => db.IndicatorFacts.CountAsync(f => f.RegionCode.StartsWith(DaYing) && f.Source == FactSource.Synthetic));
        Assert.True(synthetic > 0);
        var page = await daying.GetStringAsync($"/Indicators/Trace?region={DaYing}&period=2020&indicator=W01");
        Assert.Contains("演示数据", page);
        Assert.Contains("大英县", page);
        var table = page[page.IndexOf("id=\"trace-records\"", StringComparison.Ordinal)..];
        Assert.DoesNotMatch(@">\s*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\s*<", table);
        Assert.DoesNotMatch(@"<td>\d{6,12}</td>", table);
    }

    [Fact]
    public async Task A_head_count_reads_in_its_own_unit_not_as_records()
    {
        var daying = await app.SignInAsync("daying");
        var visitors = await app.QueryAsync(db => db.IndicatorFacts.Where(f => f.RegionCode.StartsWith(DaYing) && f.Kind == FactKind.MassEventParticipants && f.Day >= 20250101 && f.Day <= 20251231).SumAsync(f => (long)f.Count));
        Assert.True(visitors > 1, "the demo county's 2025 mass events count people");
        var page = await daying.GetStringAsync($"/Indicators/Trace?region={DaYing}&period=2025&indicator=S05");
        Assert.Contains($"大型科普活动现场参与人次：{visitors:N0} 人次", page);
        var explain = await daying.GetStringAsync($"/Indicators/Explain?region={DaYing}&period=2025");
        Assert.Contains($"大型科普活动现场参与人次 {visitors:N0} 人次", explain);
        Assert.DoesNotMatch(@"参与人次[：\s][\d,]+ 条", page + explain);
    }
}

public sealed class TraceLinkSqliteTests(SqliteApp app) : TraceLinkTests(app);

public sealed class TraceLinkPostgresTests(PostgresApp app) : TraceLinkTests(app);
