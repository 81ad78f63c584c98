using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Tests.Market;

/// <summary>Actors, code lists, instants and ready-made items shared by the market tests.</summary>
internal static class MarketFixtures
{
    public const string DayingCounty = "510923";
    public const string ShehongCounty = "510922";
    public const string SuiningCity = "5109";
    public const string DayingTownship = "510923100";

    public static readonly Guid WorkerId = Guid.Parse("0197a000-0000-7000-8000-000000000001");
    public static readonly Guid OtherWorkerId = Guid.Parse("0197a000-0000-7000-8000-000000000002");
    public static readonly Guid OrganizationId = Guid.Parse("0197a000-0000-7000-8000-000000000011");
    public static readonly Guid OtherOrganizationId = Guid.Parse("0197a000-0000-7000-8000-000000000012");
    public static readonly Guid AssociationId = Guid.Parse("0197a000-0000-7000-8000-000000000021");

    public static readonly Actor Worker = new("u-worker", "u-worker", UserRole.ScienceWorker, DayingCounty, ScienceWorkerId: WorkerId, DisplayName: "张工");
    public static readonly Actor OtherWorker = new("u-worker2", "u-worker2", UserRole.ScienceWorker, DayingCounty, ScienceWorkerId: OtherWorkerId, DisplayName: "赵工");
    public static readonly Actor Buyer = new("u-buyer", "u-buyer", UserRole.OrganizationMember, DayingCounty, OrganizationId: OrganizationId, DisplayName: "李经理");
    public static readonly Actor OtherBuyer = new("u-buyer2", "u-buyer2", UserRole.OrganizationMember, DayingCounty, OrganizationId: OtherOrganizationId, DisplayName: "孙经理");
    public static readonly Actor CountyAdmin = new("u-admin", "u-admin", UserRole.AssociationAdmin, DayingCounty, DisplayName: "王科长");
    public static readonly Actor CityAdmin = new("u-city", "u-city", UserRole.AssociationAdmin, SuiningCity, DisplayName: "周主任");
    public static readonly Actor OtherCountyAdmin = new("u-shehong", "u-shehong", UserRole.AssociationAdmin, ShehongCounty, DisplayName: "吴科长");
    public static readonly Actor Staff = new("u-staff", "u-staff", UserRole.ServiceCenterStaff, DayingCounty, DisplayName: "陈专员");
    public static readonly Actor OtherStaff = new("u-staff2", "u-staff2", UserRole.ServiceCenterStaff, DayingCounty, DisplayName: "刘专员");
    public static readonly Actor OtherCountyStaff = new("u-staff3", "u-staff3", UserRole.ServiceCenterStaff, ShehongCounty, DisplayName: "郑专员");

    public static readonly MarketCodes Codes = new(
        d => d is "520" or "52010" or "416",
        i => i is "C" or "C13" or "A01" or "M73");

    /// <summary>Monday 2025-03-03 09:00 China Standard Time.</summary>
    public static readonly DateTimeOffset Monday0900 = Cst(2025, 3, 3, 9, 0);

    public static DateTimeOffset Cst(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    public static OfferData ServiceOfferData(string? title = "农产品加工工艺改进咨询") => new(
        OfferKind.Service,
        title,
        "提供果蔬保鲜、加工工艺改进方面的技术咨询与现场指导。",
        WorkerId,
        null,
        null,
        ["520"],
        ["C13"],
        DayingCounty,
        PriceMode.Range,
        2000m,
        5000m,
        "每次");

    public static OfferData AchievementOfferData() => ServiceOfferData("一种柠檬保鲜方法") with
    {
        Kind = OfferKind.Achievement,
        MaturityStage = MaturityStage.Pilot,
        PatentNumbers = ["ZL202010123456.7"],
        TransferModes = TransferModes.Licence | TransferModes.Assignment,
    };

    public static NeedData NeedData() => new(
        "柠檬深加工技术难题",
        "企业需要解决柠檬果汁褐变问题，希望得到专家指导。",
        OrganizationId,
        ["C13"],
        ["520"],
        10_000m,
        50_000m,
        new DateOnly(2025, 12, 31),
        DayingCounty,
        NeedVisibility.Public);

    public static Offer DraftOffer(OfferData? data = null) => Offer.Create(data ?? ServiceOfferData(), Worker, Codes, Monday0900);

    public static Offer PublishedOffer(OfferData? data = null)
    {
        var offer = DraftOffer(data);
        offer.Submit(Worker, Monday0900);
        offer.Publish(CountyAdmin, Monday0900.AddHours(1));
        return offer;
    }

    public static Need DraftNeed(NeedData? data = null) => Need.Create(data ?? NeedData(), Buyer, Codes, Monday0900);

    public static (Need Need, ResponsePlan Plan) PublishedNeed(DateTimeOffset? publishedAt = null, IWorkingCalendar? calendar = null)
    {
        var need = DraftNeed();
        need.Submit(Buyer, Monday0900);
        var plan = need.Publish(CountyAdmin, calendar ?? WorkingCalendar.WeekendsOnly, at: publishedAt ?? Monday0900.AddHours(1));
        return (need, plan!);
    }

    public static OrderData OrderData() => new("柠檬保鲜技术服务", OrganizationId, WorkerId, DayingCounty);
}
