using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// An activity's partner units (主办/承办/协办/支持): an organization of the directory resolved through the caller's visibility
/// (a hidden one is "not found", naming nothing) or a name alone; shown on the activity's page to everyone; only the
/// activity's managers add and remove them; the audit names them.
/// </summary>
public abstract class ActivityPartnerTests(KexieApp app)
{
    private const string DaYing = "510923";
    private const string SheHong = "510981";

    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    [Fact]
    public async Task Staff_list_directory_and_named_partners_and_a_hidden_organization_is_not_found()
    {
        var staff = await app.SignInAsync("daying-staff");
        var shehong = await app.SignInAsync("shehong");
        var token = Guid.NewGuid().ToString("N")[..8];
        var activity = Id(await (await staff.PostJsonAsync("/api/v1/popularization-activities", new
        {
            kind = "NationalScienceDay", title = $"合作单位测试{token}", regionCode = DaYing, venue = "县文化广场", startsOn = ChinaToday, endsOn = ChinaToday.AddDays(1),
        })).OkJsonAsync());
        var organization = await app.QueryAsync(db => db.Organizations.Where(o => o.RegionCode.StartsWith(DaYing) && o.IsVerified).OrderBy(o => o.Id).Select(o => new { o.Id, o.Name }).FirstAsync());

        var host = await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{activity}/partners", new { role = "Host", organizationId = organization.Id })).OkJsonAsync();
        Assert.Equal(organization.Name, host["name"]!.GetValue<string>());
        Assert.True(host["inDirectory"]!.GetValue<bool>());
        Assert.Equal("主办", host["roleName"]!.GetValue<string>());
        var named = await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{activity}/partners", new { role = "CoOrganizer", name = $"大英县教育局{token}" })).OkJsonAsync();
        Assert.False(named["inDirectory"]!.GetValue<bool>());

        // Neither a name nor an organization; the same unit twice in a role; an unknown role.
        await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{activity}/partners", new { role = "Supporter" })).AssertValidationProblemAsync("name");
        await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{activity}/partners", new { role = "CoOrganizer", name = $"大英县教育局{token}" })).AssertValidationProblemAsync("name");
        await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{activity}/partners", new { role = "Host", organizationId = organization.Id })).AssertValidationProblemAsync("organizationId");

        // An organization 射洪市 entered and has not verified: 大英县's staff cannot see it, so it is "not found", naming nothing.
        var hiddenName = $"未审核合作单位{token}";
        var hidden = Id(await (await shehong.PostJsonAsync("/api/v1/organizations", new { name = hiddenName, kind = "Enterprise", creditCode = AccessScopeTests.NewCreditCode(SheHong), industryCode = "3091", regionCode = SheHong })).OkJsonAsync());
        var refused = await staff.PostJsonAsync($"/api/v1/popularization-activities/{activity}/partners", new { role = "Supporter", organizationId = hidden });
        var message = await refused.AssertValidationProblemAsync("organizationId");
        Assert.Equal("所选单位不存在", message);
        Assert.DoesNotContain(hiddenName, await refused.Content.ReadAsStringAsync());
        await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{activity}/partners", new { role = "Supporter", organizationId = Guid.NewGuid() })).AssertValidationProblemAsync("organizationId");

        // Other counties and the public cannot add or remove; the activity's page shows them to everyone.
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostJsonAsync($"/api/v1/popularization-activities/{activity}/partners", new { role = "Supporter", name = "冒名单位" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.DeleteAsync($"/api/v1/popularization-activities/{activity}/partners/{Id(named)}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostJsonAsync($"/api/v1/popularization-activities/{activity}/partners", new { role = "Supporter", name = "匿名单位" })).StatusCode);

        var details = await (await app.Anonymous().GetAsync($"/api/v1/popularization-activities/{activity}")).OkJsonAsync();
        var partners = details["partners"]!.AsArray();
        Assert.Equal(["Host", "CoOrganizer"], partners.Select(p => p!["role"]!.GetValue<string>()));
        var publicHtml = await app.Anonymous().GetStringAsync($"/Popularization/Activities/Details/{activity}");
        Assert.Contains($"主办单位：{organization.Name}", publicHtml);
        Assert.Contains($"协办单位：大英县教育局{token}", publicHtml);
        Assert.DoesNotContain("partner-form", publicHtml);
        var staffHtml = await staff.GetStringAsync($"/Popularization/Activities/Details/{activity}");
        Assert.Contains("partner-form", staffHtml);

        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"/api/v1/popularization-activities/{activity}/partners/{Id(named)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.DeleteAsync($"/api/v1/popularization-activities/{activity}/partners/{Id(named)}")).StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.ActivityPartners.CountAsync(p => p.ActivityId == Guid.Parse(activity))));

        // The audit names the record kind and the unit.
        var audit = await app.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == "ActivityPartner" && e.EntityId == Id(named)).Select(e => e.Action).ToListAsync());
        Assert.Equal(["Added", "Deleted"], audit.OrderBy(a => a));
    }

    [Fact]
    public async Task The_partner_statistics_leave_out_only_the_host_association_and_count_another_association_as_a_partner()
    {
        // A year of its own: the county's partner statistics of it are this test's activities alone.
        var year = TestYears.Next(app.Provider);
        var staff = await app.SignInAsync("daying-staff");
        var town = await app.QueryAsync(db => db.Regions.Where(r => r.ParentCode == DaYing).OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).FirstAsync());
        async Task<string> ActivityAsync(string regionCode, int month, params (string Role, string Name)[] partners)
        {
            var on = new DateOnly(year, month, 10);
            var id = Id(await (await staff.PostJsonAsync("/api/v1/popularization-activities", new
            {
                kind = "Campaign", title = $"{year}年合作单位统计测试{month}月", regionCode, venue = "便民服务中心", startsOn = on, endsOn = on,
            })).OkJsonAsync());
            foreach (var (role, name) in partners)
            {
                await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{id}/partners", new { role, name })).OkJsonAsync();
            }

            return id;
        }

        // The county's own 科协 (by any of its names) and the township's host; 遂宁市科协 and 射洪市科协 co-organize like any unit.
        await ActivityAsync(DaYing, 3, ("Host", "大英县科协"), ("CoOrganizer", "遂宁市科协"), ("Organizer", "大英县农业农村局"));
        await ActivityAsync(town.Code, 4, ("Host", $"{town.Name}科协"), ("Supporter", "遂宁市科协"), ("Organizer", "大英县农业农村局"), ("CoOrganizer", "射洪市科协"));
        await ActivityAsync(DaYing, 5, ("Host", "大英县科学技术协会"), ("CoOrganizer", "县科协"));

        var stats = await (await staff.GetAsync($"/api/v1/popularization-activities/statistics?region={DaYing}&year={year}")).OkJsonAsync();
        var partners = stats["partners"]!.AsArray().Select(p => (p!["name"]!.GetValue<string>(), p!["activities"]!.GetValue<int>())).ToList();
        Assert.Equal([("大英县农业农村局", 2), ("遂宁市科协", 2), ("射洪市科协", 1)], partners);
        Assert.Equal($"{year}年，联合县农业农村局、遂宁市科协等3家单位开展科普活动2场次。", stats["partnerSummary"]!.GetValue<string>());

        // The township's own statistics: the county's 科协 is a unit it worked with; its own is the host.
        var townStats = await (await staff.GetAsync($"/api/v1/popularization-activities/statistics?region={town.Code}&year={year}")).OkJsonAsync();
        Assert.Equal(["大英县农业农村局", "射洪市科协", "遂宁市科协"], townStats["partners"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_partner_form_shows_its_errors_next_to_the_field()
    {
        var staff = await app.SignInAsync("daying-staff");
        var activity = Id(await (await staff.PostJsonAsync("/api/v1/popularization-activities", new
        {
            kind = "Lecture", title = $"合作单位表单{Guid.NewGuid():N}"[..16], regionCode = DaYing, venue = "县图书馆", startsOn = ChinaToday, endsOn = ChinaToday,
        })).OkJsonAsync());
        var page = await staff.GetStringAsync($"/Popularization/Activities/Details/{activity}");
        var posted = await staff.PostAsync($"/Popularization/Activities/Details/{activity}?handler=Partner", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Kexie.Web.Tests.Security.LoginTestSupport.TokenOf(page), ["Partner.Role"] = "Host", ["Partner.Name"] = "",
        }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Contains("请从名录中选择单位，或填写单位名称", html);
        Assert.Contains("data-valmsg-for=\"Partner.Name\"", html);
    }
}

public sealed class ActivityPartnerSqliteTests(SqliteApp app) : ActivityPartnerTests(app);

public sealed class ActivityPartnerPostgresTests(PostgresApp app) : ActivityPartnerTests(app);
