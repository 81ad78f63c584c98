using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;

namespace Kexie.Domain.Tests.Talent;

public class HonourTests
{
    private static readonly Actor DaYing = new("u1", "daying", UserRole.AssociationAdmin, "510923", DisplayName: "大英县科协");
    private static readonly Actor DaYingStaff = new("u2", "staff", UserRole.ServiceCenterStaff, "510923");
    private static readonly Actor SuiNing = new("u3", "suining", UserRole.AssociationAdmin, "5109");
    private static readonly Actor SheHong = new("u4", "shehong", UserRole.AssociationAdmin, "510981");
    private static readonly DateOnly Today = new(2026, 6, 1);

    private static HonourCall Call(HonourKind kind = HonourKind.YouthTalentLifting, int? quota = 1) =>
        HonourCall.Create(new HonourCallData("遂宁市2020年青年科技人才托举工程", kind, 2020, "5109", null, quota), SuiNing);

    [Fact]
    public void A_county_admin_nominates_a_worker_of_its_region_and_the_city_decides_within_the_quota()
    {
        var call = Call();
        Assert.Equal(HonourLevel.Prefectural, call.Level);
        Assert.Throws<NotPermittedException>(() => Nomination.Nominate(call, Guid.NewGuid(), null, "蒋虎南", "510923100", "事迹", SheHong));
        // A manager of the nominee's region nominates (talent.honours.nominate says which: admins by default); others may not.
        Assert.NotNull(Nomination.Nominate(call, Guid.NewGuid(), null, "蒋虎南", "510923100", "事迹", DaYingStaff));
        Assert.Throws<NotPermittedException>(() => Nomination.Nominate(call, Guid.NewGuid(), null, "蒋虎南", "510923100", "事迹", new Actor("w", "w", UserRole.ScienceWorker, "510923")));
        Assert.Equal("reason", Assert.Throws<DomainValidationException>(() => Nomination.Nominate(call, Guid.NewGuid(), null, "蒋虎南", "510923100", " ", DaYing)).Field);
        Assert.Equal("workerId", Assert.Throws<DomainValidationException>(() => Nomination.Nominate(call, null, Guid.NewGuid(), "某公司", "510923100", "事迹", DaYing)).Field);

        var first = Nomination.Nominate(call, Guid.NewGuid(), null, "蒋虎南", "510923100", "事迹", DaYing);
        Assert.Equal("510923", first.NominatedByRegionCode);
        var second = Nomination.Nominate(call, Guid.NewGuid(), null, "严会成", "510923", "事迹", DaYing);
        Assert.Throws<NotPermittedException>(() => first.Decide(call, true, null, 0, Today, DaYing));
        first.Decide(call, true, null, 0, Today, SuiNing);
        Assert.Equal(NominationStatus.Selected, first.Status);
        Assert.Contains("名额（1名）已满", Assert.Throws<InvalidTransitionException>(() => second.Decide(call, true, null, 1, Today, SuiNing)).Message);
        second.Decide(call, false, "名额已满", 1, Today, SuiNing);
        call.Close(SuiNing);
        Assert.Throws<InvalidTransitionException>(() => second.Decide(call, true, null, 0, Today, SuiNing));
        Assert.Throws<InvalidTransitionException>(() => Nomination.Nominate(call, Guid.NewGuid(), null, "迟到", "510923", "事迹", DaYing));
    }

    [Fact]
    public void An_organization_honour_takes_an_organization_and_a_call_outside_the_nominees_region_refuses_it()
    {
        var call = Call(HonourKind.OrganizationHonour, null);
        Assert.True(HonourKind.OrganizationHonour.ForOrganizations());
        Assert.Equal("organizationId", Assert.Throws<DomainValidationException>(() => Nomination.Nominate(call, Guid.NewGuid(), null, "x", "510923", "事迹", DaYing)).Field);
        var n = Nomination.Nominate(call, null, Guid.NewGuid(), "大英县科协", "510923", "组织有力", DaYing);
        Assert.NotNull(n.OrganizationId);

        var other = HonourCall.Create(new HonourCallData("德阳市评选", HonourKind.OutstandingTalent, 2020, "5106"), new Actor("u", "d", UserRole.AssociationAdmin, "5106"));
        var platform = new Actor("p", "admin", UserRole.PlatformAdmin, "");
        Assert.Equal("workerId", Assert.Throws<DomainValidationException>(() => Nomination.Nominate(other, Guid.NewGuid(), null, "x", "510923", "事迹", platform)).Field);
    }

    [Fact]
    public void A_workstation_is_kept_by_managers_of_its_hosts_region_and_ends_between_its_founding_and_today()
    {
        var data = new WorkstationData("天润化工院士(专家)工作站", WorkstationKind.AcademicianWorkstation, HonourLevel.Provincial, new DateOnly(2021, 5, 10), "四川省科协");
        Assert.Throws<NotPermittedException>(() => Workstation.Create(data, Guid.NewGuid(), "天润化工", "510923", [], SheHong, Today));
        Assert.Equal("foundedOn", Assert.Throws<DomainValidationException>(() => Workstation.Create(data with { FoundedOn = Today.AddDays(1) }, Guid.NewGuid(), "天润化工", "510923", [], DaYingStaff, Today)).Field);
        Assert.Equal("expertWorkerIds", Assert.Throws<DomainValidationException>(() =>
            Workstation.Create(data with { Kind = WorkstationKind.ExpertServiceTeam }, Guid.NewGuid(), "大英县科协", "510923", [], DaYingStaff, Today)).Field);
        var expert = Guid.NewGuid();
        var station = Workstation.Create(data, Guid.NewGuid(), "天润化工", "510923", [expert, expert], DaYingStaff, Today);
        Assert.Equal([expert], station.ExpertWorkerIds);
        Assert.Equal("endedOn", Assert.Throws<DomainValidationException>(() => station.End(new DateOnly(2020, 1, 1), Today, DaYingStaff)).Field);
        station.End(new DateOnly(2025, 12, 31), Today, DaYingStaff);
        Assert.Equal(WorkstationStatus.Ended, station.Status);
        Assert.Throws<InvalidTransitionException>(() => station.End(Today, Today, DaYingStaff));
    }
}
