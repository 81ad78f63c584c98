using Kexie.Data;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Notifications;

/// <summary>
/// Whom a county's work goes to follows the grants, not the roles written in code: in a deployment whose settings give
/// new plans to the association admins (no service centre), a need submitted by a staffer is announced to the holders of
/// its review permission, and the plan its publication opens lands on the admin instead of a staffer.
/// </summary>
public sealed class RecipientsByPermissionTests(ReassignedWorkApp app) : IClassFixture<ReassignedWorkApp>
{
    [Fact]
    public async Task A_deployment_that_moves_review_and_new_plans_to_other_roles_notifies_and_assigns_them()
    {
        var (admin, adminId) = await app.CreateUserAsync(UserRole.AssociationAdmin, "县科协 李敏");
        var (staff, _) = await app.CreateUserAsync(UserRole.ServiceCenterStaff, "服务中心 张华");
        var (_, otherStaffId) = await app.CreateUserAsync(UserRole.ServiceCenterStaff, "服务中心 赵强");
        var (_, workerId) = await app.CreateUserAsync(UserRole.ScienceWorker, "科技工作者 钱诚");

        var organization = await (await admin.PostJsonAsync("/api/v1/organizations", new
        {
            name = $"大英县盐化有限公司{Guid.NewGuid():N}"[..16],
            kind = "Enterprise",
            creditCode = AccessScopeTests.NewCreditCode("510923"),
            industryCode = "2614",
            regionCode = "510923",
        })).OkJsonAsync();
        var need = await (await staff.PostJsonAsync("/api/v1/needs", new
        {
            title = "含盐废水降本工艺",
            problem = "生产中含盐废水处理成本高，希望找到降低处理成本的工艺方案。",
            organizationId = organization["id"]!.GetValue<string>(),
            industryCodes = new[] { "2614" },
            disciplineCodes = new[] { "21030" },
            deadline = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60),
            regionCode = "510923",
            visibility = "Public",
        })).OkJsonAsync();
        var needId = need["id"]!.GetValue<string>();
        await (await staff.PostAsync($"/api/v1/needs/{needId}/submit", null)).OkJsonAsync();

        // The review notice goes to the holders of market.needs.review at the county: the admin; not to the submitter, not to
        // the other staffer or the science worker of the county, who may not review.
        var told = await app.QueryAsync(db => db.Set<Notification>()
            .Where(n => n.Kind == NotificationKind.ReviewSubmitted && n.Link == $"/Market/Needs/Details/{needId}")
            .Select(n => n.RecipientUserId).ToListAsync());
        Assert.Equal([adminId], told);
        Assert.DoesNotContain(otherStaffId, told);

        // Published, the plan goes to the only holder of market.plans.receive at the county: the admin, not a staffer.
        Assert.Equal("Published", (await (await admin.PostAsync($"/api/v1/needs/{needId}/publish", null)).OkJsonAsync())["status"]!.GetValue<string>());
        var plan = await (await admin.GetAsync($"/api/v1/needs/{needId}/plan")).OkJsonAsync();
        Assert.Equal(adminId, plan["handlerUserId"]!.GetValue<string>());
        Assert.Equal("县科协 李敏", plan["handlerName"]!.GetValue<string>());

        // A plan is handed only to someone who may handle plans of its region: the worker is refused, by name of the field.
        var refused = await admin.PostJsonAsync($"/api/v1/plans/{plan["id"]!.GetValue<string>()}/handler", new { handlerUserId = workerId });
        Assert.Contains("一单一策", await refused.AssertValidationProblemAsync("handlerUserId"));
        Assert.Equal(adminId, (await (await admin.GetAsync($"/api/v1/needs/{needId}/plan")).OkJsonAsync())["handlerUserId"]!.GetValue<string>());
    }
}

/// <summary>
/// A host whose settings give <c>market.plans.receive</c> to association admins instead of service-centre staff and let
/// the staff review offers, on a site run by 射洪市 (no demo data; the test makes its users).
/// </summary>
public sealed class ReassignedWorkApp : KexieApp
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"kexie-test-recipients-{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string ConnectionString => $"Data Source={file}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Matching:TrainClassifier", "false");
        builder.UseSetting("Authorization:Revokes:ServiceCenterStaff:0", "market.plans.receive");
        builder.UseSetting("Authorization:Grants:AssociationAdmin:0", "market.plans.receive");
        builder.UseSetting("Authorization:Grants:ServiceCenterStaff:0", "market.offers.review");
        builder.UseSetting("Site:RegionCode", "510922"); // a site run by 射洪市's 科协, not the demo's 大英县 (SiteRegionTests)
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
