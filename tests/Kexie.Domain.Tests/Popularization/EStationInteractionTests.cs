using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using static Kexie.Domain.Tests.Market.MarketFixtures;

namespace Kexie.Domain.Tests.Popularization;

public class EStationInteractionTests
{
    private static EStation Station() => EStation.Create(new("大英中学科普e站", EStationSiteKind.School, DayingCounty, "图书馆一楼"), Staff, Monday0900);

    [Fact]
    public void Terminals_are_installed_and_removed_by_the_stations_managers()
    {
        var station = Station();
        var data = new TerminalData("1号触摸屏", TerminalKind.TouchScreen, EStationSiteKind.School, "图书馆一楼", new DateOnly(2025, 1, 6));
        Assert.Throws<NotPermittedException>(() => EStationTerminal.Install(station, data, OtherCountyStaff, Monday0900));
        Assert.Throws<NotPermittedException>(() => EStationTerminal.Install(station, data, Worker, Monday0900));
        Assert.Equal("place", Assert.Throws<DomainValidationException>(() => EStationTerminal.Install(station, data with { Place = " " }, Staff, Monday0900)).Field);
        Assert.Equal("installedOn", Assert.Throws<DomainValidationException>(() => EStationTerminal.Install(station, data with { InstalledOn = MarketRules.ChinaDate(Monday0900).AddDays(1) }, Staff, Monday0900)).Field);

        var terminal = EStationTerminal.Install(station, data, Staff, Monday0900);
        Assert.Equal((station.Id, DayingCounty, TerminalStatus.InService), (terminal.StationId, terminal.RegionCode, terminal.Status));
        Assert.Throws<NotPermittedException>(() => terminal.Remove(station, OtherCountyAdmin, Monday0900));
        terminal.Remove(station, Staff, Monday0900);
        Assert.Throws<InvalidTransitionException>(() => terminal.Remove(station, Staff, Monday0900));

        station.Suspend(Staff, Monday0900);
        Assert.Throws<InvalidTransitionException>(() => EStationTerminal.Install(station, data, Staff, Monday0900));
    }

    [Fact]
    public void A_subscription_takes_one_to_five_known_topics_and_a_secret_key_of_its_own()
    {
        var station = Station();
        var data = new SubscriptionData(SubscriberKind.Resident, "王芳", "13800000001", TargetGroup.Elderly, ["健康", " 防疫", "健康"]);
        var a = EStationSubscription.Subscribe(station, data, Actor.Public, Monday0900);
        var b = EStationSubscription.Subscribe(station, data, Actor.Public, Monday0900);
        Assert.Equal(["健康", "防疫"], a.Tags);
        Assert.Equal(DayingCounty, a.RegionCode);
        Assert.Null(a.UserId);
        Assert.Matches("^[0-9a-f]{32}$", a.AccessKey);
        Assert.NotEqual(a.AccessKey, b.AccessKey);

        Assert.Equal("tags", Assert.Throws<DomainValidationException>(() => EStationSubscription.Subscribe(station, data with { Tags = ["占星"] }, Actor.Public, Monday0900)).Field);
        Assert.Equal("tags", Assert.Throws<DomainValidationException>(() => EStationSubscription.Subscribe(station, data with { Tags = [] }, Actor.Public, Monday0900)).Field);
        Assert.Equal("tags", Assert.Throws<DomainValidationException>(() => EStationSubscription.Subscribe(station, data with { Tags = [.. ScienceTopics.All.Take(6)] }, Actor.Public, Monday0900)).Field);
        Assert.Equal("phone", Assert.Throws<DomainValidationException>(() => EStationSubscription.Subscribe(station, data with { Phone = "123" }, Actor.Public, Monday0900)).Field);

        a.Cancel(Monday0900);
        Assert.False(a.Active);
        Assert.Throws<InvalidTransitionException>(() => a.Cancel(Monday0900));
        a.ChangeTags(["农业技术"], Monday0900);
        Assert.True(a.Active);
        Assert.Equal(["农业技术"], a.Tags);
    }

    [Fact]
    public void A_question_thread_goes_back_and_forth_between_the_visitor_and_the_stations_staff()
    {
        var station = Station();
        var question = EStationQuestion.Ask(station, "王同学", null, "为什么天空是蓝色的？", Monday0900);
        Assert.Equal(QuestionStatus.Open, question.Status);
        Assert.Throws<NotPermittedException>(() => question.Answer(station, OtherCountyStaff, "越权", "越权", Monday0900));
        Assert.Throws<NotPermittedException>(() => question.Answer(station, Worker, "越权", "越权", Monday0900));
        Assert.Equal("text", Assert.Throws<DomainValidationException>(() => question.Answer(station, Staff, "工作人员", "  ", Monday0900)).Field);

        question.Answer(station, Staff, "大英中学科普e站工作人员", "蓝光波长短，被大气散射得最多。", Monday0900);
        Assert.Equal(QuestionStatus.Answered, question.Status);
        question.FollowUp("那傍晚呢？", Monday0900);
        Assert.Equal(QuestionStatus.Open, question.Status);
        Assert.Equal(new[] { false, true, false }, question.Messages.Select(m => m.FromStaff).ToArray());
        Assert.Equal(2, question.Version);

        for (var i = question.Messages.Count; i < EStationQuestion.MaxMessages; i++)
        {
            question.FollowUp($"追问{i}", Monday0900);
        }

        Assert.Throws<InvalidTransitionException>(() => question.FollowUp("再问", Monday0900));
        Assert.Equal("text", Assert.Throws<DomainValidationException>(() => EStationQuestion.Ask(station, "王同学", null, new string('问', EStationQuestion.TextMaxLength + 1), Monday0900)).Field);
    }

    [Fact]
    public void A_manager_corrects_a_volunteer_within_their_region_and_the_phone_stays()
    {
        var volunteer = Volunteer.Register(new("李四", "13800000002", DayingTownship), null, null, Staff, Monday0900);
        Assert.Throws<NotPermittedException>(() => volunteer.Correct(new("改名", "13900000000", DayingTownship), null, null, OtherCountyStaff, Monday0900));
        Assert.Throws<NotPermittedException>(() => volunteer.Correct(new("改名", "13900000000", ShehongCounty), null, null, Staff, Monday0900));
        volunteer.Correct(new("李四新", "13900000000", DayingCounty, "应急救护"), null, WorkerId, Staff, Monday0900);
        Assert.Equal(("李四新", "13800000002", DayingCounty, "应急救护", (Guid?)WorkerId), (volunteer.Name, volunteer.Phone, volunteer.RegionCode, volunteer.Expertise, volunteer.ScienceWorkerId));
        Assert.Equal(1, volunteer.Version);
    }
}
