using Kexie.Domain.Common;
using Kexie.Domain.Indicators;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using static Kexie.Domain.Tests.Market.MarketFixtures;

namespace Kexie.Domain.Tests.Popularization;

public class ScienceContentTests
{
    private static ScienceContentData Rebuttal() => new(ScienceContentKind.RumourRebuttal, "“吃柠檬能抗癌”？不靠谱", "<p>目前没有证据表明……</p>", "大英县科协", DayingCounty);

    [Fact]
    public void Staff_write_the_county_reviews_and_publishing_yields_one_content_fact()
    {
        var content = ScienceContent.Create(Rebuttal(), Staff, Monday0900);
        Assert.Equal(ReviewStatus.Draft, content.Status);
        Assert.Empty(FactDerivation.From(content));
        content.Submit(Staff, Monday0900.AddHours(1));
        Assert.Throws<NotPermittedException>(() => content.Publish(OtherCountyAdmin));
        Assert.Throws<NotPermittedException>(() => content.Publish(OtherCountyStaff));
        content.Publish(CountyAdmin, Cst(2025, 3, 4, 23, 30));
        Assert.True(content.IsPublished);
        var fact = Assert.Single(FactDerivation.From(content));
        Assert.Equal(FactKind.PopularizationContentPublished, fact.Kind);
        Assert.Equal(20250304, fact.Day);
        Assert.Equal(DayingCounty, fact.RegionCode);
        Assert.Equal(FactSource.ScienceContent, fact.Source);
        Assert.True(FactKinds.IsImplemented(FactKind.PopularizationContentPublished));
    }

    [Fact]
    public void Only_managers_of_the_region_write_content()
    {
        Assert.Throws<NotPermittedException>(() => ScienceContent.Create(Rebuttal(), Worker));
        Assert.Throws<NotPermittedException>(() => ScienceContent.Create(Rebuttal(), OtherCountyStaff));
        Assert.NotNull(ScienceContent.Create(Rebuttal(), CityAdmin));
    }

    [Fact]
    public void Published_content_must_be_withdrawn_before_editing()
    {
        var content = ScienceContent.Create(Rebuttal(), Staff, Monday0900);
        content.Submit(Staff);
        content.Publish(CountyAdmin);
        Assert.Throws<InvalidTransitionException>(() => content.Update(Rebuttal() with { Title = "新标题" }, Staff));
        content.Withdraw(Staff);
        content.Update(Rebuttal() with { Title = "新标题" }, Staff);
        Assert.Equal("新标题", content.Title);
    }

    public static TheoryData<ScienceContentData, string> Invalid()
    {
        var ok = Rebuttal();
        return new()
        {
            { ok with { Kind = (ScienceContentKind)7 }, "kind" },
            { ok with { Title = " " }, "title" },
            { ok with { Title = new string('题', 101) }, "title" },
            { ok with { Body = null }, "body" },
            { ok with { AuthorOrganization = "" }, "authorOrganization" },
            { ok with { RegionCode = "51092" }, "regionCode" },
            { ok with { Kind = ScienceContentKind.Video }, "videoUrl" },
            { ok with { VideoUrl = "javascript:alert(1)" }, "videoUrl" },
        };
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Bad_input_names_the_field_in_Chinese(ScienceContentData data, string field)
    {
        var e = Assert.Throws<DomainValidationException>(() => ScienceContent.Create(data, Staff));
        Assert.Equal(field, e.Field);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", e.Message);
    }
}

public class PopularizationActivityTests
{
    private static PopularizationActivityData Week(int? capacity = 2) => new(
        ActivityKind.ScienceWeek, "2025年科技活动周启动仪式", "科普展板、科技咨询", DayingCounty, "大英县人民广场", new DateOnly(2025, 3, 3), new DateOnly(2025, 3, 5), capacity, "大英县科协");

    [Fact]
    public void Registration_respects_capacity_and_check_in_counts_a_participant_on_its_day()
    {
        var activity = PopularizationActivity.Create(Week(), Staff, Cst(2025, 2, 20, 9));
        var a = activity.Register(new ParticipantData("张三", "13800000001"), 0, Actor_Public(), Cst(2025, 3, 1, 9));
        var b = activity.Register(new ParticipantData("李四", "13800000002", "学生"), 1, Staff, Cst(2025, 3, 1, 9));
        Assert.Throws<InvalidTransitionException>(() => activity.Register(new ParticipantData("王五", "13800000003"), 2, Staff, Cst(2025, 3, 1, 9)));
        Assert.Equal(DayingCounty, a.RegionCode);
        Assert.Empty(FactDerivation.From(a));

        Assert.Throws<InvalidTransitionException>(() => a.CheckIn(activity, Staff, Cst(2025, 3, 2, 9))); // not started
        Assert.Throws<NotPermittedException>(() => a.CheckIn(activity, OtherCountyStaff, Cst(2025, 3, 3, 9)));
        a.CheckIn(activity, Staff, Cst(2025, 3, 4, 10));
        Assert.Throws<InvalidTransitionException>(() => a.CheckIn(activity, Staff, Cst(2025, 3, 4, 11)));
        var fact = Assert.Single(FactDerivation.From(a));
        Assert.Equal((FactKind.PopularizationParticipants, 20250304, 1), (fact.Kind, fact.Day, fact.Count));
        Assert.Throws<InvalidTransitionException>(() => b.CheckIn(activity, Staff, Cst(2025, 3, 6, 9))); // over
    }

    [Fact]
    public void A_cancelled_activity_takes_no_registrations_and_capacity_cannot_drop_below_registrations()
    {
        var activity = PopularizationActivity.Create(Week(10), Staff, Cst(2025, 2, 20, 9));
        var e = Assert.Throws<DomainValidationException>(() => activity.Update(Week(3), Staff, 5, Cst(2025, 2, 21, 9)));
        Assert.Equal("capacity", e.Field);
        Assert.Throws<DomainValidationException>(() => activity.Update(Week() with { RegionCode = ShehongCounty }, CityAdmin, 0));
        Assert.Throws<DomainValidationException>(() => activity.Cancel(Staff, " "));
        // Held once, in its region, on its first day (S04) — until it is cancelled.
        var held = Assert.Single(FactDerivation.From(activity));
        Assert.Equal((FactKind.PopularizationActivitiesHeld, 20250303, 1, DayingCounty), (held.Kind, held.Day, held.Count, held.RegionCode));
        activity.Cancel(Staff, "天气原因", Cst(2025, 2, 22, 9));
        Assert.Equal(ActivityStatus.Cancelled, activity.Status);
        Assert.Empty(FactDerivation.From(activity));
        Assert.Throws<InvalidTransitionException>(() => activity.Register(new ParticipantData("张三", "13800000001"), 0, Staff, Cst(2025, 3, 1, 9)));
        Assert.Throws<InvalidTransitionException>(() => activity.Cancel(Staff, "再次"));
    }

    public static TheoryData<PopularizationActivityData, string> Invalid()
    {
        var ok = Week();
        return new()
        {
            { ok with { Kind = (ActivityKind)8 }, "kind" },
            { ok with { Title = null }, "title" },
            { ok with { Venue = "" }, "venue" },
            { ok with { StartsOn = null }, "startsOn" },
            { ok with { EndsOn = new DateOnly(2025, 3, 1) }, "endsOn" },
            { ok with { Capacity = 0 }, "capacity" },
            { ok with { RegionCode = "abc" }, "regionCode" },
        };
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Bad_activity_input_names_the_field(PopularizationActivityData data, string field)
    {
        var e = Assert.Throws<DomainValidationException>(() => PopularizationActivity.Create(data, Staff));
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void A_registration_needs_a_name_and_a_valid_phone()
    {
        var activity = PopularizationActivity.Create(Week(), Staff, Cst(2025, 2, 20, 9));
        Assert.Equal("name", Assert.Throws<DomainValidationException>(() => activity.Register(new ParticipantData("", "13800000001"), 0, Staff, Cst(2025, 3, 1, 9))).Field);
        Assert.Equal("phone", Assert.Throws<DomainValidationException>(() => activity.Register(new ParticipantData("张三", "12345"), 0, Staff, Cst(2025, 3, 1, 9))).Field);
        Assert.Throws<NotPermittedException>(() => PopularizationActivity.Create(Week(), Worker));
    }

    [Fact]
    public void A_class_holds_seats_by_headcount_waits_for_the_organiser_and_counts_its_people_once_checked_in()
    {
        var activity = PopularizationActivity.Create(Week(50), Staff, Cst(2025, 2, 20, 9));
        var group = activity.Register(new ParticipantData("张老师", "13800000011", null, "大英县实验小学五年级二班", 40), 0, Actor_Public(), Cst(2025, 3, 1, 9));
        Assert.Equal((ParticipantStatus.Pending, 40, true), (group.Status, group.Headcount, group.IsGroup));

        var over = Assert.Throws<DomainValidationException>(() => activity.Register(new ParticipantData("李老师", "13800000012", null, "五年级三班", 11), 40, Actor_Public(), Cst(2025, 3, 1, 9)));
        Assert.Equal("headcount", over.Field);
        Assert.Contains("还剩10个名额", over.Message);

        Assert.Throws<InvalidTransitionException>(() => group.CheckIn(activity, Staff, Cst(2025, 3, 3, 9))); // not yet confirmed
        Assert.Throws<NotPermittedException>(() => group.Confirm(activity, OtherCountyStaff));
        group.Confirm(activity, Staff);
        Assert.Throws<InvalidTransitionException>(() => group.Decline(activity, Staff, "重复"));
        group.CheckIn(activity, Staff, Cst(2025, 3, 3, 10));
        Assert.Equal(40, Assert.Single(FactDerivation.From(group)).Count);
    }

    [Fact]
    public void Every_bad_field_of_a_form_is_reported_at_once()
    {
        var activity = PopularizationActivity.Create(Week(50), Staff, Cst(2025, 2, 20, 9));
        var many = Assert.Throws<DomainValidationErrors>(() => activity.Register(new ParticipantData("", "123", null, "", 0), 0, Actor_Public(), Cst(2025, 3, 1, 9)));
        Assert.Equal(new[] { "name", "phone", "groupName", "headcount" }, many.Errors.Select(e => e.Field));

        var bad = Week() with { Title = "", Venue = " ", Capacity = 0 };
        var all = Assert.Throws<DomainValidationErrors>(() => PopularizationActivity.Create(bad, Staff));
        Assert.Equal(new[] { "title", "venue", "capacity" }, all.Errors.Select(e => e.Field));
    }

    private static Kexie.Domain.Identity.Actor Actor_Public() => Kexie.Domain.Identity.Actor.Public;
}

public class EStationTests
{
    private static EStationData School() => new("大英中学科普e站", EStationSiteKind.School, DayingTownship, "蓬莱镇", "赵老师", "13800000009");

    [Fact]
    public void Daily_usage_is_one_row_per_day_corrected_in_place_and_counts_visits_plus_interactions()
    {
        var station = EStation.Create(School(), Staff, Cst(2025, 1, 1, 9));
        var usage = station.LogUsage(new DateOnly(2025, 3, 3), 120, 30, Staff, null, Monday0900);
        var fact = Assert.Single(FactDerivation.From(usage));
        Assert.Equal((FactKind.EStationVisits, 20250303, 150, DayingTownship), (fact.Kind, fact.Day, fact.Count, fact.RegionCode));
        var same = station.LogUsage(new DateOnly(2025, 3, 3), 100, 0, Staff, usage, Monday0900);
        Assert.Same(usage, same);
        Assert.Equal(100, Assert.Single(FactDerivation.From(usage)).Count);
        station.LogUsage(new DateOnly(2025, 3, 3), 0, 0, Staff, usage, Monday0900);
        Assert.Empty(FactDerivation.From(usage));
    }

    [Fact]
    public void Usage_rules_future_days_negative_counts_suspended_stations_other_counties()
    {
        var station = EStation.Create(School(), Staff, Cst(2025, 1, 1, 9));
        Assert.Equal("day", Assert.Throws<DomainValidationException>(() => station.LogUsage(new DateOnly(2025, 3, 4), 1, 0, Staff, null, Monday0900)).Field);
        Assert.Equal("day", Assert.Throws<DomainValidationException>(() => station.LogUsage(new DateOnly(2024, 12, 31), 1, 0, Staff, null, Monday0900)).Field);
        Assert.Equal("visits", Assert.Throws<DomainValidationException>(() => station.LogUsage(new DateOnly(2025, 3, 1), -1, 0, Staff, null, Monday0900)).Field);
        Assert.Equal("interactions", Assert.Throws<DomainValidationException>(() => station.LogUsage(new DateOnly(2025, 3, 1), 1, EStation.MaxDailyCount + 1, Staff, null, Monday0900)).Field);
        Assert.Throws<NotPermittedException>(() => station.LogUsage(new DateOnly(2025, 3, 1), 1, 0, OtherCountyStaff, null, Monday0900));
        station.Suspend(Staff);
        Assert.Throws<InvalidTransitionException>(() => station.Suspend(Staff));
        Assert.Throws<InvalidTransitionException>(() => station.LogUsage(new DateOnly(2025, 3, 1), 1, 0, Staff, null, Monday0900));
        station.Resume(CountyAdmin);
        Assert.Equal(EStationStatus.Active, station.Status);
    }

    [Fact]
    public void A_station_stays_within_its_editors_scope()
    {
        var station = EStation.Create(School(), Staff);
        Assert.Throws<NotPermittedException>(() => station.Update(School() with { RegionCode = ShehongCounty }, Staff));
        Assert.Equal("contactPhone", Assert.Throws<DomainValidationException>(() => EStation.Create(School() with { ContactPhone = "abc" }, Staff)).Field);
        Assert.Equal("siteKind", Assert.Throws<DomainValidationException>(() => EStation.Create(School() with { SiteKind = (EStationSiteKind)42 }, Staff)).Field);
    }
}
