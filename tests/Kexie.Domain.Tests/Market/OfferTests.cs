using Kexie.Domain.Common;
using Kexie.Domain.Market;
using static Kexie.Domain.Tests.Market.MarketFixtures;

namespace Kexie.Domain.Tests.Market;

public class OfferTests
{
    [Fact]
    public void Creates_a_service_offer_with_normalised_fields()
    {
        var offer = Offer.Create(ServiceOfferData() with { Title = "  农产品加工工艺改进咨询 ", DisciplineCodes = ["520,52010"], TeamName = " " }, Worker, Codes, Monday0900);
        Assert.Equal(OfferKind.Service, offer.Kind);
        Assert.Equal("农产品加工工艺改进咨询", offer.Title);
        Assert.Equal(["520", "52010"], offer.DisciplineCodes);
        Assert.Equal(["C13"], offer.IndustryCodes);
        Assert.Null(offer.TeamName);
        Assert.Equal(WorkerId, offer.ProviderWorkerId);
        Assert.Equal(DayingCounty, offer.RegionCode);
        Assert.Equal(2000m, offer.PriceMin);
        Assert.Equal(5000m, offer.PriceMax);
        Assert.Equal("每次", offer.PriceUnit);
        Assert.Null(offer.MaturityStage);
    }

    [Fact]
    public void Creates_an_achievement_with_maturity_patents_and_transfer_modes()
    {
        var offer = Offer.Create(AchievementOfferData() with { PatentNumbers = ["202010123456.7", "zl 2020 1012 3456.7", "ZL99123456.X"] }, Worker, Codes, Monday0900);
        Assert.Equal(OfferKind.Achievement, offer.Kind);
        Assert.Equal(MaturityStage.Pilot, offer.MaturityStage);
        Assert.Equal(["ZL202010123456.7", "ZL99123456.X"], offer.PatentNumbers);
        Assert.Equal(TransferModes.Licence | TransferModes.Assignment, offer.TransferModes);
        Assert.Equal("许可使用、转让", offer.TransferModes.Chinese());
    }

    [Fact]
    public void Achievement_fields_are_cleared_for_other_kinds()
    {
        var offer = Offer.Create(AchievementOfferData() with { Kind = OfferKind.Project }, Worker, Codes, Monday0900);
        Assert.Null(offer.MaturityStage);
        Assert.Empty(offer.PatentNumbers);
        Assert.Equal(TransferModes.None, offer.TransferModes);
    }

    [Fact]
    public void Negotiable_price_clears_amounts()
    {
        var offer = Offer.Create(ServiceOfferData() with { PriceMode = PriceMode.Negotiable }, Worker, Codes, Monday0900);
        Assert.Null(offer.PriceMin);
        Assert.Null(offer.PriceMax);
        Assert.Null(offer.PriceUnit);
    }

    [Fact]
    public void Fixed_price_sets_both_bounds()
    {
        var offer = Offer.Create(ServiceOfferData() with { PriceMode = PriceMode.Fixed, PriceMin = 3000.5m, PriceMax = null }, Worker, Codes, Monday0900);
        Assert.Equal(3000.5m, offer.PriceMin);
        Assert.Equal(3000.5m, offer.PriceMax);
    }

    public static TheoryData<OfferData, string, string> InvalidOffers()
    {
        var ok = ServiceOfferData();
        var achievement = AchievementOfferData();
        return new()
        {
            { ok with { Title = " " }, "title", "名称不能为空" },
            { ok with { Title = new string('题', 101) }, "title", "不能超过100个字符" },
            { ok with { Description = null }, "description", "详细介绍不能为空" },
            { ok with { Kind = (OfferKind)42 }, "kind", "所能类型取值不正确" },
            { ok with { ProviderWorkerId = Guid.Empty }, "providerWorkerId", "提供者" },
            { ok with { DisciplineCodes = ["999"] }, "disciplineCodes", "学科代码“999”" },
            { ok with { IndustryCodes = ["ZZ"] }, "industryCodes", "行业代码“ZZ”" },
            { ok with { DisciplineCodes = [], IndustryCodes = [] }, "disciplineCodes", "至少填写一项" },
            { ok with { DisciplineCodes = ["520", "52010", "416", "a", "b", "c"] }, "disciplineCodes", "最多5个" },
            { ok with { RegionCode = "51092" }, "regionCode", "格式不正确" },
            { ok with { RegionCode = null }, "regionCode", "不能为空" },
            { ok with { PriceMode = (PriceMode)0 }, "priceMode", "报价方式取值不正确" },
            { ok with { PriceMode = PriceMode.Fixed, PriceMin = null, PriceMax = null }, "priceMin", "一口价须填写价格" },
            { ok with { PriceMode = PriceMode.Fixed, PriceMin = -1m }, "priceMin", "价格不能为负数" },
            { ok with { PriceMin = null }, "priceMin", "最低价" },
            { ok with { PriceMax = null }, "priceMax", "最高价" },
            { ok with { PriceMin = 5000m, PriceMax = 2000m }, "priceMax", "价格上限不能低于价格下限" },
            { ok with { PriceMin = 0.001m }, "priceMin", "两位小数" },
            { ok with { PriceMax = 10_000_000_000.01m }, "priceMax", "100亿元" },
            { ok with { PriceUnit = new string('次', 21) }, "priceUnit", "计价单位" },
            { achievement with { MaturityStage = null }, "maturityStage", "须填写成熟度" },
            { achievement with { MaturityStage = (MaturityStage)9 }, "maturityStage", "成熟度取值不正确" },
            { achievement with { TransferModes = TransferModes.None }, "transferModes", "至少选择一种" },
            { achievement with { TransferModes = (TransferModes)16 }, "transferModes", "取值不正确" },
            { achievement with { PatentNumbers = ["CN123"] }, "patentNumbers", "专利号“CN123”格式不正确" },
            { achievement with { PatentNumbers = ["ZL202010123456.A"] }, "patentNumbers", "格式不正确" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidOffers))]
    public void Invalid_offers_are_rejected_naming_the_field(OfferData data, string field, string message)
    {
        var ex = Assert.Throws<DomainValidationException>(() => Offer.Create(data, Worker, Codes, Monday0900));
        Assert.Equal(field, ex.Field);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void At_most_twenty_patent_numbers()
    {
        var many = Enumerable.Range(10_000_000, 21).Select(n => $"ZL{n}.1").ToArray();
        var ex = Assert.Throws<DomainValidationException>(() => Offer.Create(AchievementOfferData() with { PatentNumbers = many }, Worker, Codes, Monday0900));
        Assert.Equal("patentNumbers", ex.Field);
    }

    [Fact]
    public void Only_the_worker_or_region_staff_may_create_it()
    {
        Assert.Throws<NotPermittedException>(() => Offer.Create(ServiceOfferData(), OtherWorker, Codes, Monday0900));
        Assert.Throws<NotPermittedException>(() => Offer.Create(ServiceOfferData(), Buyer, Codes, Monday0900));
        Assert.Throws<NotPermittedException>(() => Offer.Create(ServiceOfferData(), OtherCountyStaff, Codes, Monday0900));
        var byStaff = Offer.Create(ServiceOfferData(), Staff, Codes, Monday0900);
        Assert.Equal(WorkerId, byStaff.ProviderWorkerId);
        Assert.False(byStaff.IsOwnedBy(Staff));
        Assert.True(byStaff.IsOwnedBy(Worker));
    }

    [Fact]
    public void The_provider_cannot_be_changed_by_an_update()
    {
        var offer = DraftOffer();
        var ex = Assert.Throws<DomainValidationException>(() => offer.Update(ServiceOfferData() with { ProviderWorkerId = OtherWorkerId }, Worker, Codes, Monday0900));
        Assert.Equal("providerWorkerId", ex.Field);
        Assert.Equal(WorkerId, offer.ProviderWorkerId);
    }

    [Fact]
    public void Update_by_a_stranger_is_not_permitted()
    {
        var offer = DraftOffer();
        Assert.Throws<NotPermittedException>(() => offer.Update(ServiceOfferData("别人的修改"), OtherWorker, Codes, Monday0900));
    }

    [Fact]
    public void A_team_offer_carries_the_team_and_storefront()
    {
        var storefrontId = Guid.NewGuid();
        var offer = Offer.Create(ServiceOfferData() with { TeamName = "柠檬产业专家团队", StorefrontId = storefrontId }, Worker, Codes, Monday0900);
        Assert.Equal("柠檬产业专家团队", offer.TeamName);
        Assert.Equal(storefrontId, offer.StorefrontId);
        Assert.Null(Offer.Create(ServiceOfferData() with { StorefrontId = Guid.Empty }, Worker, Codes, Monday0900).StorefrontId);
    }

    [Fact]
    public void Chinese_names()
    {
        Assert.Equal("科技成果", OfferKind.Achievement.Chinese());
        Assert.Equal("中试阶段", MaturityStage.Pilot.Chinese());
        Assert.Equal("许可使用、转让、合作开发、作价投资", TransferModes.All.Chinese());
    }
}
