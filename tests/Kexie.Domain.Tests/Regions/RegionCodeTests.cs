using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Regions;

namespace Kexie.Domain.Tests.Regions;

public class RegionCodeTests
{
    [Theory]
    [InlineData("51", RegionLevel.Province)]
    [InlineData("5109", RegionLevel.Prefecture)]
    [InlineData("510923", RegionLevel.County)]
    [InlineData("510923105", RegionLevel.Township)]
    public void The_level_follows_the_code_length(string code, RegionLevel level) => Assert.Equal(level, RegionCode.LevelOf(code));

    [Theory]
    [InlineData("5")]
    [InlineData("51092")]
    [InlineData("5109231050")]
    [InlineData("51a923")]
    public void Malformed_codes_are_rejected_in_Chinese(string code)
    {
        var ex = Assert.Throws<DomainValidationException>(() => RegionCode.Validate(code, "regionCode"));
        Assert.Equal("regionCode", ex.Field);
        Assert.Contains("行政区划代码", ex.Message);
    }

    [Fact]
    public void Ancestry_and_parent_walk_up_the_tree()
    {
        Assert.Equal(["51", "5109", "510923", "510923105"], RegionCode.Ancestry("510923105"));
        Assert.Equal("510923", RegionCode.ParentOf("510923105"));
        Assert.Equal("51", RegionCode.ParentOf("5109"));
        Assert.Null(RegionCode.ParentOf("51"));
    }

    [Fact]
    public void A_subtree_is_a_prefix()
    {
        Assert.True(RegionCode.IsWithin("510923105", "5109"));
        Assert.False(RegionCode.IsWithin("510981", "510923"));
        Assert.True(RegionCode.IsWithin("110101", RegionCode.Country));
    }
}

public class ActorTests
{
    private static Actor Of(UserRole role, string region) => new("u", "u", role, region);

    [Fact]
    public void A_county_admin_manages_its_subtree_only()
    {
        var daying = Of(UserRole.AssociationAdmin, "510923");
        Assert.True(daying.Manages("510923"));
        Assert.True(daying.Manages("510923105"));
        Assert.False(daying.Manages("510981"));
        Assert.False(daying.Manages("5109"));
        Assert.True(daying.Administers("510923105"));
    }

    [Fact]
    public void Staff_manage_but_do_not_administer()
    {
        var staff = Of(UserRole.ServiceCenterStaff, "510923");
        Assert.True(staff.Manages("510923105"));
        Assert.False(staff.Administers("510923105"));
    }

    [Fact]
    public void Workers_organizations_and_the_public_manage_nothing()
    {
        Assert.False(Of(UserRole.ScienceWorker, "510923").Manages("510923"));
        Assert.False(Of(UserRole.OrganizationMember, "510923").Manages("510923"));
        Assert.False(Actor.Public.Manages("510923"));
        Assert.Null(Actor.Public.ManagedScope);
    }

    [Fact]
    public void The_platform_admin_manages_everything()
    {
        var admin = Of(UserRole.PlatformAdmin, string.Empty);
        Assert.True(admin.Administers("110101"));
        Assert.True(admin.Administers("510923105"));
    }
}
