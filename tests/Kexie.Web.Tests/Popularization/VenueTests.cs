using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// 科普阵地 through the real host: the registry, visitor records and their region scope, the demo's seed phrases counted
/// from the records, statistics that sum up the region tree, and the pages.
/// </summary>
public abstract class VenueTests(KexieApp app)
{
    private const string DaYing = "510923";

    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Token() => Guid.NewGuid().ToString("N")[..8];

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    [Fact]
    public async Task The_demo_counts_come_out_of_the_records_like_the_report()
    {
        var anonymous = app.Anonymous();
        var museums = await (await anonymous.GetAsync($"/api/v1/venues/statistics?region={DaYing}&year=2025&kinds=MobileMuseum,SchoolMuseum")).OkJsonAsync();
        Assert.Equal(14, museums["visits"]!["groups"]!.GetValue<long>());
        Assert.Equal(14500, museums["visits"]!["visitors"]!.GetValue<long>());
        Assert.Contains("流动科技馆和中学科技馆", museums["summary"]!.GetValue<string>());
        Assert.Contains("全年接待团队14个、观众14500人次", museums["summary"]!.GetValue<string>());

        var all = await (await anonymous.GetAsync($"/api/v1/venues/statistics?region={DaYing}&year=2025")).OkJsonAsync();
        var summary = all["summary"]!.GetValue<string>();
        Assert.Contains("省级科普惠民共享基地4个", summary);
        Assert.Contains("市级科普教育基地4个", summary);
        Assert.Contains("科普活动室12个", summary);
        var caravan = await (await anonymous.GetAsync($"/api/v1/venues/statistics?region={DaYing}&year=2025&kinds=Caravan")).OkJsonAsync();
        Assert.Equal(15, caravan["visits"]!["sessions"]!.GetValue<int>());
        Assert.Contains("服务15场次", caravan["summary"]!.GetValue<string>());
        var settings = caravan["visitsBySetting"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["进农村", "进社区", "进学校"], settings);

        // The city sums its counties; 射洪市's museum is not 大英县's.
        var city = await (await anonymous.GetAsync("/api/v1/venues/statistics?region=5109&year=2025&kinds=ScienceMuseum,MobileMuseum,SchoolMuseum")).OkJsonAsync();
        Assert.Equal(14500 + 3200, city["visits"]!["visitors"]!.GetValue<long>());
        Assert.EndsWith("遂宁市", city["regionName"]!.GetValue<string>());

        await (await anonymous.GetAsync("/api/v1/venues/statistics?region=51x&year=2025")).AssertValidationProblemAsync("region");
        await (await anonymous.GetAsync($"/api/v1/venues/statistics?region={DaYing}&kinds=Museum")).AssertValidationProblemAsync("kinds");
    }

    [Fact]
    public async Task Staff_register_a_venue_record_visitors_and_other_counties_cannot()
    {
        var token = Token();
        var staff = await app.SignInAsync("daying-staff");
        var shehong = await app.SignInAsync("shehong");
        var worker = await app.SignInAsync("worker");
        var today = ChinaToday;
        var body = new { name = $"科普大篷车{token}", kind = "Caravan", level = "County", regionCode = DaYing, accreditedOn = today, status = "Open", openedOn = today.AddDays(-30) };

        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostJsonAsync("/api/v1/venues", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostJsonAsync("/api/v1/venues", body)).StatusCode);
        var created = await staff.PostJsonAsync("/api/v1/venues", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var venue = await created.OkJsonAsync();
        var id = Id(venue);
        Assert.Equal("科普大篷车", venue["kindName"]!.GetValue<string>());
        Assert.Equal("县级", venue["levelName"]!.GetValue<string>());
        Assert.EndsWith("大英县", venue["regionName"]!.GetValue<string>());

        // Opening without a date is refused with the field named.
        await (await staff.PostJsonAsync("/api/v1/venues", new { name = $"无日期{token}", kind = "ScienceMuseum", level = "County", regionCode = DaYing, status = "Open" })).AssertValidationProblemAsync("openedOn");

        // Visitors: a trip needs its place; other counties and workers are refused and nothing is written.
        await (await staff.PostJsonAsync($"/api/v1/venues/{id}/visits", new { day = today, groups = 0, visitors = 300 })).AssertValidationProblemAsync("place");
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostJsonAsync($"/api/v1/venues/{id}/visits", new { day = today, groups = 0, visitors = 300, place = "冒名" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostJsonAsync($"/api/v1/venues/{id}/visits", new { day = today, groups = 0, visitors = 300, place = "冒名" })).StatusCode);
        var first = await (await staff.PostJsonAsync($"/api/v1/venues/{id}/visits", new { day = today, groups = 2, visitors = 300, place = "蓬莱镇中心小学", setting = "School", targetGroup = "Youth" })).OkJsonAsync();
        Assert.Equal("进学校", first["settingName"]!.GetValue<string>());
        Assert.Equal("青少年", first["targetGroupName"]!.GetValue<string>());
        await (await staff.PostJsonAsync($"/api/v1/venues/{id}/visits", new { day = today, groups = 1, visitors = 120, place = "河边镇社区", setting = "Community" })).OkJsonAsync();
        var mistaken = Id(await (await staff.PostJsonAsync($"/api/v1/venues/{id}/visits", new { day = today, groups = 0, visitors = 9999, place = "录错" })).OkJsonAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.DeleteAsync($"/api/v1/venues/{id}/visits/{mistaken}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"/api/v1/venues/{id}/visits/{mistaken}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.DeleteAsync($"/api/v1/venues/{id}/visits/{mistaken}")).StatusCode);

        var read = await (await app.Anonymous().GetAsync($"/api/v1/venues/{id}")).OkJsonAsync();
        Assert.Equal(3, read["groups"]!.GetValue<long>());
        Assert.Equal(420, read["visitors"]!.GetValue<long>());
        Assert.Equal(2, read["sessions"]!.GetValue<int>());
        var visits = await (await app.Anonymous().GetAsync($"/api/v1/venues/{id}/visits?year={today.Year}")).OkJsonAsync();
        Assert.Equal(2, visits.AsArray().Count);
        Assert.Equal(420, await app.QueryAsync(db => db.VenueVisits.Where(v => v.VenueId == Guid.Parse(id)).SumAsync(v => v.Visitors)));

        // Editing: the other county cannot, the staff can close it, and a closed venue takes no visitors.
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PutJsonAsync($"/api/v1/venues/{id}", body)).StatusCode);
        var closed = await (await staff.PutJsonAsync($"/api/v1/venues/{id}", new { name = $"科普大篷车{token}", kind = "Caravan", level = "County", regionCode = DaYing, accreditedOn = today, status = "Closed", openedOn = today.AddDays(-30) })).OkJsonAsync();
        Assert.Equal("停止运行", closed["statusName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostJsonAsync($"/api/v1/venues/{id}/visits", new { day = today, groups = 0, visitors = 10, place = "x" })).StatusCode);

        var list = await (await app.Anonymous().GetAsync($"/api/v1/venues?q={token}&kind=Caravan")).OkJsonAsync();
        Assert.Equal(1, list["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_pages_show_the_registry_the_counts_and_the_form_to_the_staff()
    {
        var token = Token();
        var staff = await app.SignInAsync("daying-staff");
        var id = Id(await (await staff.PostJsonAsync("/api/v1/venues", new { name = $"气象科普基地{token}", kind = "PopularizationBase", level = "Provincial", regionCode = DaYing, status = "Open", openedOn = ChinaToday.AddDays(-3), accreditedOn = ChinaToday })).OkJsonAsync());
        var anonymous = app.Anonymous();
        var index = await anonymous.GetStringAsync($"/Popularization/Venues?q={token}");
        Assert.Contains($"气象科普基地{token}", index);
        Assert.Contains("省级", index);
        var stats = await anonymous.GetStringAsync($"/Popularization/Venues/Statistics?region={DaYing}&year=2025");
        Assert.Contains("全年接待团队", stats);
        Assert.Contains("科普活动室", stats);
        Assert.Contains("接待记录", await anonymous.GetStringAsync($"/Popularization/Venues/Details/{id}"));
        Assert.DoesNotContain("visit-form", await anonymous.GetStringAsync($"/Popularization/Venues/Details/{id}"));

        var details = await staff.GetStringAsync($"/Popularization/Venues/Details/{id}");
        Assert.Contains("visit-form", details);
        Assert.Contains("登记科普阵地", await staff.GetStringAsync("/Popularization/Venues/Edit"));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("shehong")).GetAsync($"/Popularization/Venues/Edit/{id}")).StatusCode);
    }
}

public sealed class VenueSqliteTests(SqliteApp app) : VenueTests(app);

public sealed class VenuePostgresTests(PostgresApp app) : VenueTests(app);
