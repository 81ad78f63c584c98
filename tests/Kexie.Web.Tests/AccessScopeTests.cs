using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests;

/// <summary>Role × region: a county admin manages only its subtree and cannot see another county's private records.</summary>
public abstract class AccessScopeTests(KexieApp app)
{
    private static object Worker(string phone, string region, bool isPublic = false, string name = "赵一鸣") => new
    {
        name,
        gender = "Male",
        birthYear = 1980,
        employer = "大英县农业技术推广中心",
        title = "高级农艺师",
        disciplineCodes = new[] { "21030" },
        education = "大学本科",
        phone,
        regionCode = region,
        isPublicProfile = isPublic,
    };

    [Fact]
    public async Task A_county_admin_cannot_read_or_change_another_countys_private_worker()
    {
        var daying = await app.SignInAsync("daying");
        var shehong = await app.SignInAsync("shehong");
        var phone = KexieApp.NewPhone();
        var created = await (await daying.PostJsonAsync("/api/v1/workers", Worker(phone, "510923105"))).OkJsonAsync();
        var id = created["id"]!.GetValue<string>();
        Assert.Equal(phone, created["phone"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NotFound, (await shehong.GetAsync($"/api/v1/workers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.PutJsonAsync($"/api/v1/workers/{id}", Worker(phone, "510923105", name: "篡改"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.DeleteAsync($"/api/v1/workers/{id}")).StatusCode);
        var list = await (await shehong.GetAsync($"/api/v1/workers?q=赵一鸣&region=510923&pageSize=200")).OkJsonAsync();
        Assert.DoesNotContain(list["items"]!.AsArray(), w => w!["id"]!.GetValue<string>() == id);
        var stored = await app.QueryAsync(db => db.ScienceWorkers.SingleAsync(w => w.Phone == phone));
        Assert.Equal("赵一鸣", stored.Name);

        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/api/v1/workers/{id}")).StatusCode);
    }

    [Fact]
    public async Task Higher_levels_see_the_subtree_and_the_owner_county_keeps_control()
    {
        var daying = await app.SignInAsync("daying");
        var phone = KexieApp.NewPhone();
        var id = (await (await daying.PostJsonAsync("/api/v1/workers", Worker(phone, "510923"))).OkJsonAsync())["id"]!.GetValue<string>();

        foreach (var user in new[] { "suining", "sichuan", "admin" })
        {
            var client = await app.SignInAsync(user);
            var seen = await (await client.GetAsync($"/api/v1/workers/{id}")).OkJsonAsync();
            Assert.Equal(phone, seen["phone"]!.GetValue<string>());
        }

        var staff = await app.SignInAsync("daying-staff");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/workers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.DeleteAsync($"/api/v1/workers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await daying.DeleteAsync($"/api/v1/workers/{id}")).StatusCode);
        Assert.False(await app.QueryAsync(db => db.ScienceWorkers.AnyAsync(w => w.Phone == phone)));
    }

    [Fact]
    public async Task A_county_admin_cannot_register_into_another_county()
    {
        var shehong = await app.SignInAsync("shehong");
        var phone = KexieApp.NewPhone();
        var response = await shehong.PostJsonAsync("/api/v1/workers", Worker(phone, "510923"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await app.QueryAsync(db => db.ScienceWorkers.AnyAsync(w => w.Phone == phone)));
    }

    [Fact]
    public async Task The_public_sees_public_profiles_without_contact_details()
    {
        var daying = await app.SignInAsync("daying");
        var phone = KexieApp.NewPhone();
        var id = (await (await daying.PostJsonAsync("/api/v1/workers", Worker(phone, "510923", isPublic: true))).OkJsonAsync())["id"]!.GetValue<string>();
        var seen = await (await app.Anonymous().GetAsync($"/api/v1/workers/{id}")).OkJsonAsync();
        Assert.Equal("赵一鸣", seen["name"]!.GetValue<string>());
        Assert.Null(seen["phone"]);
        Assert.Null(seen["birthYear"]);
        var shehongView = await (await (await app.SignInAsync("shehong")).GetAsync($"/api/v1/workers/{id}")).OkJsonAsync();
        Assert.Null(shehongView["phone"]);
    }

    [Fact]
    public async Task Anonymous_users_cannot_write()
    {
        var response = await app.Anonymous().PostJsonAsync("/api/v1/workers", Worker(KexieApp.NewPhone(), "510923"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Organizations_are_public_only_once_verified_and_only_the_county_admin_verifies()
    {
        var daying = await app.SignInAsync("daying");
        var code = NewCreditCode("510923");
        var org = await (await daying.PostJsonAsync("/api/v1/organizations", new
        {
            name = "大英县测试新材料有限公司",
            kind = "Enterprise",
            creditCode = code,
            industryCode = "3091",
            regionCode = "510923",
            contactName = "周经理",
            contactPhone = "08254812345",
        })).OkJsonAsync();
        var id = org["id"]!.GetValue<string>();
        Assert.False(org["isVerified"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/api/v1/organizations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).PostAsync($"/api/v1/organizations/{id}/verify", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("daying-staff")).PostAsync($"/api/v1/organizations/{id}/verify", null)).StatusCode);
        await (await daying.PostAsync($"/api/v1/organizations/{id}/verify", null)).OkJsonAsync();
        var publicView = await (await app.Anonymous().GetAsync($"/api/v1/organizations/{id}")).OkJsonAsync();
        Assert.True(publicView["isVerified"]!.GetValue<bool>());
        Assert.Null(publicView["contactPhone"]);
    }

    [Fact]
    public async Task Association_members_are_visible_to_managers_of_the_region_only()
    {
        var list = await (await app.Anonymous().GetAsync("/api/v1/associations?region=510923&kind=RuralTechAssociation")).OkJsonAsync();
        var id = list["items"]!.AsArray()[0]!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("shehong")).GetAsync($"/api/v1/associations/{id}/members")).StatusCode);
        var members = (await (await (await app.SignInAsync("daying")).GetAsync($"/api/v1/associations/{id}/members")).OkJsonAsync()).AsArray();
        Assert.NotEmpty(members);
    }

    [Fact]
    public async Task A_county_admin_creates_accounts_only_in_its_subtree()
    {
        var daying = await app.SignInAsync("daying");
        var ok = await daying.PostJsonAsync("/api/v1/users", new { userName = $"zhuotong{Guid.NewGuid():N}"[..20], displayName = "卓筒井镇科协", password = "Township2026", role = "AssociationAdmin", regionCode = "510923105" });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var denied = await daying.PostJsonAsync("/api/v1/users", new { userName = $"sh{Guid.NewGuid():N}"[..20], displayName = "越权", password = "Township2026", role = "AssociationAdmin", regionCode = "510981" });
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var platform = await daying.PostJsonAsync("/api/v1/users", new { userName = $"pa{Guid.NewGuid():N}"[..20], displayName = "越权", password = "Township2026", role = "PlatformAdmin" });
        Assert.Equal(HttpStatusCode.Forbidden, platform.StatusCode);
        var users = await (await daying.GetAsync("/api/v1/users?pageSize=200")).OkJsonAsync();
        Assert.All(users["items"]!.AsArray(), u => Assert.StartsWith("510923", u!["regionCode"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Every_write_is_audited_with_who_and_before_after()
    {
        var daying = await app.SignInAsync("daying");
        var phone = KexieApp.NewPhone();
        var id = (await (await daying.PostJsonAsync("/api/v1/workers", Worker(phone, "510923"))).OkJsonAsync())["id"]!.GetValue<string>();
        await (await daying.PutJsonAsync($"/api/v1/workers/{id}", Worker(phone, "510923", name: "赵一帆"))).OkJsonAsync();
        var audit = await (await daying.GetAsync($"/api/v1/audit?entityType=ScienceWorker&entityId={id}")).OkJsonAsync();
        var entries = audit["items"]!.AsArray();
        Assert.Equal(2, entries.Count);
        var update = entries[0]!;
        Assert.Equal("Modified", update["action"]!.GetValue<string>());
        Assert.Equal("daying", update["userName"]!.GetValue<string>());
        Assert.Contains("赵一鸣", update["before"]!.GetValue<string>());
        Assert.Contains("赵一帆", update["after"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).GetAsync("/api/v1/audit")).StatusCode);
    }

    internal static string NewCreditCode(string division) =>
        Kexie.Data.Seeding.DemoSeeder.CreditCodeFor(division, new Random(Guid.NewGuid().GetHashCode()), Kexie.Domain.Directory.OrganizationKind.Enterprise);
}

public sealed class AccessScopeSqliteTests(SqliteApp app) : AccessScopeTests(app);

public sealed class AccessScopePostgresTests(PostgresApp app) : AccessScopeTests(app);
