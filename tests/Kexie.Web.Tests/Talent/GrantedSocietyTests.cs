using System.Net;
using System.Text.Json.Nodes;
using Kexie.Data;
using Kexie.Domain.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Talent;

/// <summary>
/// A talent grant in the settings is a real power: with <c>talent.society-activities.record</c> and
/// <c>talent.associations.manage</c> granted to service-centre staff, a staffer records a society's activity and submits and
/// decides its 年检 in their county; a staffer of another county still finds nothing (the record's region), and without the
/// grant (the default) staff are refused (<c>SocietyActivityTests</c>, <c>AssociationManagementTests</c> keep the defaults).
/// </summary>
public sealed class GrantedSocietyTests(GrantedTalentApp app) : IClassFixture<GrantedTalentApp>
{
    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    [Fact]
    public async Task Staff_granted_society_permissions_act_on_societies_of_their_county_only()
    {
        var (admin, _) = await app.CreateUserAsync(UserRole.AssociationAdmin, "县科协 钱敏");
        var (staff, _) = await app.CreateUserAsync(UserRole.ServiceCenterStaff, "服务中心 江涛");
        var (stranger, _) = await app.CreateUserAsync(UserRole.ServiceCenterStaff, "射洪服务中心 何平", "510981");
        var (worker, _) = await app.CreateUserAsync(UserRole.ScienceWorker, "科技工作者 龙霞");
        var society = Id(await (await admin.PostJsonAsync("/api/v1/associations", new { name = "大英县农学会", kind = "Society", regionCode = "510923", establishedOn = "1992-05-01" })).OkJsonAsync());

        var activity = new { kind = "AnnualMeeting", title = "2024年学术年会", heldOn = "2024-11-20", participants = 120 };
        const string Activities = "/api/v1/society-activities/associations/";
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync(Activities + society, activity)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.PostJsonAsync(Activities + society, activity)).StatusCode);
        var recorded = await staff.PostJsonAsync(Activities + society, activity);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal("服务中心 江涛", (await recorded.OkJsonAsync())["recordedByName"]!.GetValue<string>());

        const string Api = "/api/v1/association-management/";
        var inspectionBody = new { year = 2024, individualMembers = 215, groupMembers = 6, documents = "年度工作报告" };
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"{Api}{society}/inspections", inspectionBody)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostJsonAsync($"{Api}{society}/inspections", inspectionBody)).StatusCode);
        var inspection = Id(await (await staff.PostJsonAsync($"{Api}{society}/inspections", inspectionBody)).OkJsonAsync());
        var decision = new { result = "Passed" };
        Assert.NotEqual(HttpStatusCode.OK, (await stranger.PostJsonAsync($"{Api}inspections/{inspection}/decide", decision)).StatusCode);
        var decided = await (await staff.PostJsonAsync($"{Api}inspections/{inspection}/decide", decision)).OkJsonAsync();
        Assert.Equal("合格", decided["statusName"]!.GetValue<string>());
    }
}

/// <summary>A deployment whose service centre keeps the societies: staff hold the society permissions by the settings.</summary>
public sealed class GrantedTalentApp : KexieApp
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"kexie-test-granted-talent-{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string ConnectionString => $"Data Source={file}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Matching:TrainClassifier", "false");
        builder.UseSetting("Authorization:Grants:ServiceCenterStaff:0", "talent.society-activities.record");
        builder.UseSetting("Authorization:Grants:ServiceCenterStaff:1", "talent.associations.manage");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }
    }
}
