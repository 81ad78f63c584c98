using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Security;

/// <summary>The catalogue the host runs with: every permission is documented, and the grants read from settings apply.</summary>
public sealed class PermissionCatalogueTests(SqliteApp app)
{
    [Fact]
    public void Every_permission_is_in_the_security_document_with_its_default_roles()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "security.md"));
        var grants = app.Services.GetRequiredService<AccessPolicy>().Grants;
        foreach (var permission in grants.All)
        {
            var line = doc.Split('\n').SingleOrDefault(l => l.StartsWith("| ", StringComparison.Ordinal) && l.Contains($"`{permission.Name}`", StringComparison.Ordinal));
            Assert.True(line is not null, $"docs/security.md does not list {permission.Name}");
            Assert.Contains(permission.DisplayName, line);
            foreach (var role in permission.DefaultRoles)
            {
                Assert.Contains(role.Chinese(), line);
            }
        }
    }

    [Fact]
    public void Settings_grant_and_revoke_permissions_by_name_and_an_unknown_name_is_refused()
    {
        var review = new Permission("x.review", "审核", "测试", PermissionScope.Region, Permission.Admins);
        var edit = new Permission("x.edit", "编辑", "测试", PermissionScope.SignedIn, Permission.Managers);
        var grants = new PermissionGrants(
            [review, edit],
            new Dictionary<UserRole, IReadOnlyCollection<string>> { [UserRole.ServiceCenterStaff] = ["x.review"] },
            new Dictionary<UserRole, IReadOnlyCollection<string>> { [UserRole.AssociationAdmin] = ["x.edit"] });
        Assert.True(grants.Holds(UserRole.ServiceCenterStaff, review));
        Assert.False(grants.Holds(UserRole.AssociationAdmin, edit));
        Assert.True(grants.Holds(UserRole.PlatformAdmin, edit));
        Assert.Throws<InvalidOperationException>(() => new PermissionGrants([review], new Dictionary<UserRole, IReadOnlyCollection<string>> { [UserRole.ScienceWorker] = ["x.nothing"] }));

        var policy = new AccessPolicy(grants);
        var staff = new Actor("u", "u", UserRole.ServiceCenterStaff, "510923");
        Assert.True(policy.Can(staff, review, "510923105"));
        Assert.False(policy.Can(staff, review, "510981"));
        Assert.Equal(AccessDecision.SignInRequired, policy.Decide(Actor.Public, edit));
    }

    [Fact]
    public async Task The_catalogue_endpoint_tells_a_user_what_they_hold_in_words()
    {
        var list = (await (await (await app.SignInAsync("worker")).GetAsync("/api/v1/permissions")).OkJsonAsync()).AsArray();
        var offers = list.Single(p => p!["name"]!.GetValue<string>() == "market.offers.edit")!;
        Assert.True(offers["held"]!.GetValue<bool>());
        Assert.Equal("发布和修改科技所能", offers["displayName"]!.GetValue<string>());
        Assert.Contains("科技工作者", offers["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.False(list.Single(p => p!["name"]!.GetValue<string>() == "market.needs.review")!["held"]!.GetValue<bool>());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/permissions")).StatusCode);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kexie.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Kexie.slnx not found above the test binaries");
    }
}
