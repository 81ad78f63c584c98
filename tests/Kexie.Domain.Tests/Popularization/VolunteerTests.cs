using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using static Kexie.Domain.Tests.Market.MarketFixtures;

namespace Kexie.Domain.Tests.Popularization;

public class VolunteerTests
{
    private static VolunteerTeam Team() => VolunteerTeam.Create(new("大英县科技志愿服务队", VolunteerTeamKind.ScienceService, DayingCounty, "大英县科协", new DateOnly(2024, 3, 5)), CountyAdmin, Monday0900);

    private static PopularizationActivity Activity() => PopularizationActivity.Create(
        new(ActivityKind.NationalScienceDay, "全国科普日主场活动", null, DayingCounty, "人民广场", new DateOnly(2025, 3, 3), new DateOnly(2025, 3, 4), null, "大英县科协"), CountyAdmin, Cst(2025, 2, 1, 9));

    [Fact]
    public void Teams_belong_to_their_region_managers()
    {
        Assert.Throws<NotPermittedException>(() => VolunteerTeam.Create(new("队", VolunteerTeamKind.Informants, DayingCounty), OtherCountyAdmin, Monday0900));
        Assert.Throws<NotPermittedException>(() => VolunteerTeam.Create(new("队", VolunteerTeamKind.Informants, DayingCounty), Worker, Monday0900));
        Assert.Equal("establishedOn", Assert.Throws<DomainValidationException>(() => VolunteerTeam.Create(new("队", VolunteerTeamKind.Informants, DayingCounty, EstablishedOn: new DateOnly(2025, 3, 4)), Staff, Monday0900)).Field);
        var team = Team();
        Assert.Throws<NotPermittedException>(() => team.Update(new("改名", VolunteerTeamKind.ScienceService, ShehongCounty), Staff, Monday0900));
        team = Team();
        team.Update(new("大英县科普志愿者队伍", VolunteerTeamKind.Popularization, DayingCounty), Staff, Monday0900);
        Assert.Equal(1, team.Version);
    }

    [Fact]
    public void A_worker_signs_up_as_themself_and_managers_register_others_of_their_region()
    {
        var team = Team();
        var self = Volunteer.Register(new("张工", "13800000001", ShehongCounty), team, (WorkerId, DayingTownship), Worker, Monday0900);
        Assert.Equal(DayingTownship, self.RegionCode);
        Assert.Equal(WorkerId, self.ScienceWorkerId);
        Assert.Equal("u-worker", self.UserId);
        Assert.Equal(team.Id, self.TeamId);

        // A worker cannot register someone else; another county's staff cannot register here.
        Assert.Throws<NotPermittedException>(() => Volunteer.Register(new("李四", "13800000002", DayingCounty), null, null, Worker, Monday0900));
        Assert.Throws<NotPermittedException>(() => Volunteer.Register(new("李四", "13800000002", DayingCounty), null, null, OtherCountyStaff, Monday0900));
        Assert.Throws<NotPermittedException>(() => Volunteer.Register(new("李四", "13800000002", DayingCounty), null, (OtherWorkerId, ShehongCounty), Staff, Monday0900));
        var byStaff = Volunteer.Register(new("李四", "13800000002", DayingTownship, "果树栽培"), team, (OtherWorkerId, DayingCounty), Staff, Monday0900);
        Assert.Equal(OtherWorkerId, byStaff.ScienceWorkerId);
        Assert.Null(byStaff.UserId);
        Assert.Equal("phone", Assert.Throws<DomainValidationException>(() => Volunteer.Register(new("王五", "123", DayingCounty), null, null, Staff, Monday0900)).Field);

        // A team of a township does not take a volunteer of the county.
        var townshipTeam = VolunteerTeam.Create(new("蓬莱镇科普信息员", VolunteerTeamKind.Informants, DayingTownship), Staff, Monday0900);
        Assert.Equal("teamId", Assert.Throws<DomainValidationException>(() => Volunteer.Register(new("赵六", "13800000003", DayingCounty), townshipTeam, null, Staff, Monday0900)).Field);
    }

    [Fact]
    public void Signing_in_and_out_gives_minutes_the_organiser_confirms()
    {
        var activity = Activity();
        var volunteer = Volunteer.Register(new("张工", "13800000001", null), null, (WorkerId, DayingCounty), Worker, Monday0900);
        Assert.Throws<NotPermittedException>(() => ServiceRecord.SignIn(volunteer, activity, false, OtherWorker, Monday0900));
        Assert.Throws<InvalidTransitionException>(() => ServiceRecord.SignIn(volunteer, activity, false, Worker, Cst(2025, 3, 5, 9)));
        Assert.Throws<InvalidTransitionException>(() => ServiceRecord.SignIn(volunteer, activity, true, Worker, Monday0900));
        var record = ServiceRecord.SignIn(volunteer, activity, false, Worker, Monday0900);
        Assert.Equal(ServiceRecordStatus.SignedIn, record.Status);
        Assert.Equal(DayingCounty, record.RegionCode);

        Assert.Throws<InvalidTransitionException>(() => record.Confirm(activity, Staff, null, Monday0900.AddHours(1)));
        record.SignOut(volunteer, activity, Worker, Monday0900.AddHours(3).AddMinutes(30));
        Assert.Equal(210, record.Minutes);
        Assert.Equal(ServiceRecordStatus.Pending, record.Status);
        Assert.Throws<InvalidTransitionException>(() => record.SignOut(volunteer, activity, Worker, Monday0900.AddHours(4)));

        // Only the organiser confirms; the volunteer cannot confirm their own hours.
        Assert.Throws<NotPermittedException>(() => record.Confirm(activity, Worker));
        Assert.Throws<NotPermittedException>(() => record.Confirm(activity, OtherCountyAdmin));
        Assert.Equal("minutes", Assert.Throws<DomainValidationException>(() => record.Confirm(activity, Staff, 13 * 60)).Field);
        record.Confirm(activity, Staff, 180, Monday0900.AddHours(5));
        Assert.Equal(ServiceRecordStatus.Confirmed, record.Status);
        Assert.Equal(180, record.Minutes);
        Assert.Throws<InvalidTransitionException>(() => record.Reject(activity, Staff, "重复"));
    }

    [Fact]
    public void A_forgotten_sign_out_counts_at_most_twelve_hours_and_may_be_refused()
    {
        var activity = Activity();
        var volunteer = Volunteer.Register(new("李四", "13800000002", DayingCounty), null, null, Staff, Monday0900);
        var record = ServiceRecord.SignIn(volunteer, activity, false, Staff, Monday0900);
        record.SignOut(volunteer, activity, Staff, Monday0900.AddDays(1));
        Assert.Equal(12 * 60, record.Minutes);
        Assert.Throws<DomainValidationException>(() => record.Reject(activity, Staff, " "));
        record.Reject(activity, Staff, "忘记签退，时长不实");
        Assert.Equal(ServiceRecordStatus.Rejected, record.Status);
    }
}
