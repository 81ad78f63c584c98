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
