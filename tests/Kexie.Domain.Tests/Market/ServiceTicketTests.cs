using Kexie.Domain.Common;
using Kexie.Domain.Market;
using static Kexie.Domain.Tests.Market.MarketFixtures;

namespace Kexie.Domain.Tests.Market;

public class ServiceTicketTests
{
    private static ServiceTicketData Training() => new(
        ServiceTicketKind.Training, null, null, "蓬莱镇柠檬种植户", new DateOnly(2025, 3, 1), DayingTownship, 120, "柠檬修剪技术培训", 45);

    [Fact]
    public void Staff_record_a_training()
    {
        var ticket = ServiceTicket.Create(Training(), Staff, Monday0900);
        Assert.Equal("u-staff", ticket.StaffUserId);
        Assert.Equal("陈专员", ticket.StaffName);
        Assert.Equal(ServiceTicketKind.Training, ticket.Kind);
        Assert.Equal(45, ticket.ParticipantCount);
        Assert.Equal(120, ticket.DurationMinutes);
        Assert.Equal(DayingTownship, ticket.RegionCode);
        Assert.Equal("蓬莱镇柠檬种植户", ticket.TargetText);
        Assert.Equal(Monday0900, ticket.CreatedAt);
    }

    [Fact]
    public void A_visit_to_an_organization_needs_no_participants()
    {
        var ticket = ServiceTicket.Create(new ServiceTicketData(ServiceTicketKind.Visit, null, OrganizationId, null, new DateOnly(2025, 3, 3), DayingCounty), CountyAdmin, Monday0900);
        Assert.Equal(OrganizationId, ticket.TargetOrganizationId);
        Assert.Null(ticket.ParticipantCount);
    }

    public static TheoryData<ServiceTicketData, string> InvalidTickets()
    {
        var ok = Training();
        return new()
        {
            { ok with { Kind = (ServiceTicketKind)5 }, "kind" },
            { ok with { TargetText = null }, "targetText" },
            { ok with { TargetWorkerId = WorkerId, TargetOrganizationId = OrganizationId }, "targetOrganizationId" },
            { ok with { ServedOn = new DateOnly(2025, 3, 4) }, "servedOn" }, // tomorrow in China
            { ok with { ServedOn = new DateOnly(1999, 12, 31) }, "servedOn" },
            { ok with { DurationMinutes = 0 }, "durationMinutes" },
            { ok with { DurationMinutes = 1441 }, "durationMinutes" },
            { ok with { ParticipantCount = null }, "participantCount" },
            { ok with { ParticipantCount = 0 }, "participantCount" },
            { ok with { RegionCode = "" }, "regionCode" },
            { ok with { Notes = new string('记', 1001) }, "notes" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidTickets))]
    public void Invalid_tickets_are_rejected_naming_the_field(ServiceTicketData data, string field)
    {
        Assert.Equal(field, Assert.Throws<DomainValidationException>(() => ServiceTicket.Create(data, Staff, Monday0900)).Field);
    }

    [Fact]
    public void Only_staff_or_admins_of_the_region_record_and_correct_tickets()
    {
        // Which of the region's managers may correct another's ticket (by default its admins) is market.tickets.manage's
        // grant, decided before the domain is asked; the domain refuses anyone who neither recorded it nor manages its region.
        Assert.Throws<NotPermittedException>(() => ServiceTicket.Create(Training(), Worker, Monday0900));
        Assert.Throws<NotPermittedException>(() => ServiceTicket.Create(Training(), Buyer, Monday0900));
        Assert.Throws<NotPermittedException>(() => ServiceTicket.Create(Training(), OtherCountyStaff, Monday0900));

        var ticket = ServiceTicket.Create(Training(), Staff, Monday0900);
        Assert.Throws<NotPermittedException>(() => ticket.Update(Training() with { ParticipantCount = 50 }, OtherCountyStaff, Monday0900));
        Assert.Throws<NotPermittedException>(() => ticket.Update(Training() with { ParticipantCount = 50 }, Worker, Monday0900));
        Assert.True(ticket.IsRecordedBy(Staff));
        Assert.False(ticket.IsRecordedBy(OtherStaff));
        Assert.True(ticket.MayEdit(OtherStaff));
        ticket.Update(Training() with { ParticipantCount = 50 }, Staff, Monday0900);
        ticket.Update(Training() with { ParticipantCount = 52 }, CountyAdmin, Monday0900);
        Assert.Equal(52, ticket.ParticipantCount);
        Assert.Equal("u-staff", ticket.StaffUserId);
        Assert.Equal("培训", ServiceTicketKind.Training.Chinese());
    }
}
