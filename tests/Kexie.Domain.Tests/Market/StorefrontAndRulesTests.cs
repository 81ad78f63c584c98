using Kexie.Domain.Common;
using Kexie.Domain.Market;
using static Kexie.Domain.Tests.Market.MarketFixtures;

namespace Kexie.Domain.Tests.Market;

public class StorefrontAndRulesTests
{
    private static StorefrontData Data() => new("张工柠檬工作室", "柠檬产业专家团队", "专注柠檬深加工。", DayingCounty, [OtherWorkerId]);

    [Fact]
    public void A_worker_opens_a_team_storefront()
    {
        var storefront = Storefront.Create(WorkerId, Data() with { MemberWorkerIds = [OtherWorkerId, OtherWorkerId, WorkerId] }, Worker, Monday0900);
        Assert.Equal(WorkerId, storefront.OwnerWorkerId);
        Assert.True(storefront.IsTeam);
        Assert.True(storefront.IsOpen);
        Assert.Equal([OtherWorkerId], storefront.MemberWorkerIds);
        Assert.Equal(Monday0900, storefront.CreatedAt);
    }

    [Theory]
    [InlineData(null, "name")]
    [InlineData("x", "teamName")]
    public void Storefront_fields_are_validated(string? name, string field)
    {
        var data = name is null ? Data() with { Name = null } : Data() with { TeamName = null };
        var ex = Assert.Throws<DomainValidationException>(() => Storefront.Create(WorkerId, data, Worker));
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void Storefront_rejects_empty_owner_and_member_ids_and_strangers()
    {
        Assert.Equal("ownerWorkerId", Assert.Throws<DomainValidationException>(() => Storefront.Create(Guid.Empty, Data(), Worker)).Field);
        Assert.Equal("memberWorkerIds", Assert.Throws<DomainValidationException>(() => Storefront.Create(WorkerId, Data() with { MemberWorkerIds = [Guid.Empty] }, Worker)).Field);
        var tooMany = Enumerable.Range(0, Storefront.MaxMembers + 1).Select(_ => Guid.NewGuid()).ToArray();
        Assert.Equal("memberWorkerIds", Assert.Throws<DomainValidationException>(() => Storefront.Create(WorkerId, Data() with { MemberWorkerIds = tooMany }, Worker)).Field);
        Assert.Throws<NotPermittedException>(() => Storefront.Create(WorkerId, Data(), OtherWorker));

        var storefront = Storefront.Create(WorkerId, Data(), Staff);
        Assert.Throws<NotPermittedException>(() => storefront.Update(Data() with { Name = "新名称" }, OtherWorker));
        storefront.Update(Data() with { Name = "新名称" }, Worker);
        Assert.Equal("新名称", storefront.Name);
        storefront.SetOpen(false, Worker);
        Assert.False(storefront.IsOpen);
    }

    [Theory]
    [InlineData("ZL202010123456.7", "ZL202010123456.7")]
    [InlineData("202010123456.x", "ZL202010123456.X")]
    [InlineData(" zl 9912 3456.1 ", "ZL99123456.1")]
    public void Patent_numbers_are_normalised(string input, string expected)
    {
        Assert.Equal([expected], MarketRules.PatentNumbers([input]));
    }

    [Theory]
    [InlineData("ZL2020101234567")]
    [InlineData("ZL20201012345.7")]
    [InlineData("CN202010123456.7")]
    [InlineData("ZL202010123456.77")]
    public void Malformed_patent_numbers_are_rejected(string input)
    {
        var ex = Assert.Throws<DomainValidationException>(() => MarketRules.PatentNumbers([input]));
        Assert.Equal("patentNumbers", ex.Field);
    }

    [Fact]
    public void Ranges_name_the_offending_bound()
    {
        Assert.Equal((1m, 2m), MarketRules.Range(1m, 2m, "a", "b", "预算"));
        Assert.Equal((null, null), MarketRules.Range(null, null, "a", "b", "预算"));
        Assert.Equal("a", Assert.Throws<DomainValidationException>(() => MarketRules.Range(-1m, 2m, "a", "b", "预算")).Field);
        Assert.Equal("b", Assert.Throws<DomainValidationException>(() => MarketRules.Range(3m, 2m, "a", "b", "预算")).Field);
    }
}
