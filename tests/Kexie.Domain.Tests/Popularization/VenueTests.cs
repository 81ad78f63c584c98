using Kexie.Domain.Common;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using static Kexie.Domain.Tests.Market.MarketFixtures;

namespace Kexie.Domain.Tests.Popularization;

public class VenueTests
{
    private static readonly DateOnly Opened = new(2024, 5, 1);

    private static VenueData Museum(VenueStatus status = VenueStatus.Open, DateOnly? opened = null) =>
        new("大英县流动科技馆", VenueKind.MobileMuseum, VenueLevel.County, DayingCounty, null, "大英县科协", new DateOnly(2024, 4, 1), status, status == VenueStatus.Building ? null : opened ?? Opened);

    [Fact]
    public void Only_managers_of_the_region_register_and_edit_venues()
    {
        Assert.Throws<NotPermittedException>(() => Venue.Create(Museum(), Worker, Monday0900));
        Assert.Throws<NotPermittedException>(() => Venue.Create(Museum(), OtherCountyStaff, Monday0900));
        var venue = Venue.Create(Museum(), Staff, Monday0900);
        Assert.Equal(VenueLevel.County, venue.Level);
        Assert.Throws<NotPermittedException>(() => venue.Update(Museum() with { Name = "改名" }, OtherCountyAdmin, Monday0900));

        // Moving it to another county is refused even for a manager of this one.
        Assert.Throws<NotPermittedException>(() => venue.Update(Museum() with { RegionCode = ShehongCounty }, Staff, Monday0900));
        venue.Update(Museum() with { Name = "大英县流动科技馆（新）" }, CityAdmin, Monday0900);
        Assert.Equal(1, venue.Version);
    }

    [Fact]
    public void Opening_needs_a_date_and_building_has_none()
    {
        var e = Assert.Throws<DomainValidationException>(() => Venue.Create(Museum() with { OpenedOn = null }, Staff, Monday0900));
        Assert.Equal("openedOn", e.Field);
        e = Assert.Throws<DomainValidationException>(() => Venue.Create(Museum() with { Status = VenueStatus.Building }, Staff, Monday0900));
        Assert.Equal("openedOn", e.Field);
        e = Assert.Throws<DomainValidationException>(() => Venue.Create(Museum() with { AccreditedOn = new DateOnly(2025, 3, 4) }, Staff, Monday0900));
        Assert.Equal("accreditedOn", e.Field);
        e = Assert.Throws<DomainValidationException>(() => Venue.Create(Museum() with { Kind = (VenueKind)77 }, Staff, Monday0900));
        Assert.Equal("kind", e.Field);
    }

    [Fact]
    public void Visitor_records_need_an_open_venue_a_past_day_and_sane_counts()
    {
        var building = Venue.Create(Museum(VenueStatus.Building), Staff, Monday0900);
        Assert.Throws<InvalidTransitionException>(() => building.RecordVisit(new(new DateOnly(2025, 3, 1), 1, 100, "蓬莱镇"), Staff, Monday0900));

        var venue = Venue.Create(Museum(), Staff, Monday0900);
        var visit = venue.RecordVisit(new(new DateOnly(2025, 3, 2), 3, 2600, "蓬莱镇中心小学", ServiceSetting.School, TargetGroup.Youth), Staff, Monday0900);
        Assert.Equal(venue.Id, visit.VenueId);
        Assert.Equal(DayingCounty, visit.RegionCode);
        Assert.Equal(2600, visit.Visitors);
        Assert.Equal("u-staff", visit.RecordedByUserId);

        Assert.Throws<NotPermittedException>(() => venue.RecordVisit(new(new DateOnly(2025, 3, 2), 1, 10, "x"), OtherCountyStaff, Monday0900));
        Assert.Equal("day", Assert.Throws<DomainValidationException>(() => venue.RecordVisit(new(new DateOnly(2025, 3, 4), 1, 10, "x"), Staff, Monday0900)).Field);
        Assert.Equal("day", Assert.Throws<DomainValidationException>(() => venue.RecordVisit(new(new DateOnly(2024, 4, 30), 1, 10, "x"), Staff, Monday0900)).Field);
        Assert.Equal("day", Assert.Throws<DomainValidationException>(() => venue.RecordVisit(new(null, 1, 10, "x"), Staff, Monday0900)).Field);
        Assert.Equal("groups", Assert.Throws<DomainValidationException>(() => venue.RecordVisit(new(new DateOnly(2025, 3, 2), 11, 10, "x"), Staff, Monday0900)).Field);
        Assert.Equal("visitors", Assert.Throws<DomainValidationException>(() => venue.RecordVisit(new(new DateOnly(2025, 3, 2), 0, -1, "x"), Staff, Monday0900)).Field);
        Assert.Equal("visitors", Assert.Throws<DomainValidationException>(() => venue.RecordVisit(new(new DateOnly(2025, 3, 2), 0, VenueVisit.MaxVisitors + 1, "x"), Staff, Monday0900)).Field);

        // A travelling venue names the place of each trip; a fixed one need not.
        Assert.Equal("place", Assert.Throws<DomainValidationException>(() => venue.RecordVisit(new(new DateOnly(2025, 3, 2), 0, 10), Staff, Monday0900)).Field);
        var school = Venue.Create(new("大英中学科技馆", VenueKind.SchoolMuseum, VenueLevel.Unrated, DayingCounty, OpenedOn: Opened), Staff, Monday0900);
        Assert.Null(school.RecordVisit(new(new DateOnly(2025, 3, 2), 2, 200), Staff, Monday0900).Place);
    }
}

public class EventTallyTests
{
    private static PopularizationActivity Week() => PopularizationActivity.Create(
        new(ActivityKind.ScienceWeek, "2025年科技活动周", null, DayingCounty, "人民广场", new DateOnly(2025, 2, 24), new DateOnly(2025, 3, 2), null, "大英县科协"), CountyAdmin, Cst(2025, 2, 1, 9));

    [Fact]
    public void A_township_tally_of_a_county_event_lies_in_the_township()
    {
        var week = Week();
        var tally = EventTally.Record(week, new(DayingTownship, new DateOnly(2025, 2, 25), 12, 4000, 30, 50, 200, 300, 100, ServiceSetting.Countryside, TargetGroup.Farmers), Staff, Monday0900);
        Assert.Equal(DayingTownship, tally.RegionCode);
        Assert.Equal(week.Id, tally.ActivityId);
        Assert.Equal(4000, tally.Participants);
        Assert.True(tally.MayRemove(CountyAdmin));
        Assert.False(tally.MayRemove(OtherCountyAdmin));

        // No place given: the activity's own region.
        Assert.Equal(DayingCounty, EventTally.Record(week, new(null, new DateOnly(2025, 2, 25), 1, 10), Staff, Monday0900).RegionCode);
    }

    [Fact]
    public void Tallies_stay_in_the_event_its_dates_and_the_recorder_region()
    {
        var week = Week();
        Assert.Equal("regionCode", Assert.Throws<DomainValidationException>(() => EventTally.Record(week, new(ShehongCounty, new DateOnly(2025, 2, 25), 1, 10), OtherCountyStaff, Monday0900)).Field);
        Assert.Throws<NotPermittedException>(() => EventTally.Record(week, new(DayingTownship, new DateOnly(2025, 2, 25), 1, 10), OtherCountyStaff, Monday0900));
        Assert.Throws<NotPermittedException>(() => EventTally.Record(week, new(DayingTownship, new DateOnly(2025, 2, 25), 1, 10), Worker, Monday0900));
        Assert.Equal("day", Assert.Throws<DomainValidationException>(() => EventTally.Record(week, new(null, new DateOnly(2025, 3, 3), 1, 10), Staff, Cst(2025, 3, 9, 9))).Field);
        Assert.Equal("day", Assert.Throws<DomainValidationException>(() => EventTally.Record(week, new(null, new DateOnly(2025, 3, 4), 1, 10), Staff, Monday0900)).Field);
        Assert.Equal("day", Assert.Throws<DomainValidationException>(() => EventTally.Record(week, new(null, new DateOnly(2025, 3, 1), 1, 10), Staff, Cst(2025, 2, 28, 9))).Field);
        Assert.Equal("sessions", Assert.Throws<DomainValidationException>(() => EventTally.Record(week, new(null, new DateOnly(2025, 2, 25), 0, 10), Staff, Monday0900)).Field);
        Assert.Equal("participants", Assert.Throws<DomainValidationException>(() => EventTally.Record(week, new(null, new DateOnly(2025, 2, 25), 1, -5), Staff, Monday0900)).Field);
        Assert.Equal("books", Assert.Throws<DomainValidationException>(() => EventTally.Record(week, new(null, new DateOnly(2025, 2, 25), 1, 5, Books: EventTally.MaxCount + 1), Staff, Monday0900)).Field);

        week.Cancel(CountyAdmin, "天气原因", Monday0900);
        Assert.Throws<InvalidTransitionException>(() => EventTally.Record(week, new(null, new DateOnly(2025, 2, 25), 1, 10), Staff, Monday0900));
    }
}
