using Kexie.Domain.Common;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;
using static Kexie.Domain.Tests.Market.MarketFixtures;

namespace Kexie.Domain.Tests.Talent;

/// <summary>A society's own 年检: submitted by its lead (or the county), returned with a reason, resubmitted, decided; materials while open.</summary>
public class SocietyInspectionTests
{
    private static readonly DateOnly Today = new(2025, 3, 3);
    private static readonly ManagedAssociation Society = new(Guid.NewGuid(), "大英县医学会", DayingCounty);

    private static InspectionData Data(int members = 120) => new(2024, members, 3, "年度工作报告", null);

    [Fact]
    public void A_lead_submits_the_county_returns_with_a_reason_the_lead_resubmits_and_the_county_decides()
    {
        Assert.Throws<NotPermittedException>(() => Inspection.Submit(Society, Data(), Worker, Today));
        Assert.Throws<NotPermittedException>(() => Inspection.Submit(Society, Data(), OtherCountyAdmin, Today, leadsSociety: false));
        var inspection = Inspection.Submit(Society, Data(), Worker, Today, leadsSociety: true);
        Assert.Equal(("张工", InspectionStatus.Submitted), (inspection.SubmittedByName, inspection.Status));

        inspection.AddAttachment(new AttachmentData("年度工作报告.pdf", 1024, "application/pdf", "k1"), Worker, leadsSociety: true, Monday0900);
        Assert.Throws<NotPermittedException>(() => inspection.AddAttachment(new AttachmentData("x.pdf", 1, "application/pdf", "k2"), OtherWorker, leadsSociety: false, Monday0900));
        Assert.Equal("contentType", Assert.Throws<DomainValidationException>(() => inspection.AddAttachment(new AttachmentData("x.exe", 1, "application/x-msdownload", "k3"), Worker, true, Monday0900)).Field);

        Assert.Throws<NotPermittedException>(() => inspection.Return("自行退回", Worker));
        Assert.Equal("reason", Assert.Throws<DomainValidationException>(() => inspection.Return(" ", CountyAdmin)).Field);
        Assert.Throws<InvalidTransitionException>(() => inspection.Resubmit(Data(), Worker, Today, leadsSociety: true));
        inspection.Return("缺少财务审计报告", CountyAdmin);
        Assert.Equal((InspectionStatus.Returned, "缺少财务审计报告"), (inspection.Status, inspection.ReturnReason));
        Assert.Throws<InvalidTransitionException>(() => inspection.Decide(InspectionStatus.Passed, null, null, CountyAdmin, Today));

        Assert.Equal("year", Assert.Throws<DomainValidationException>(() => inspection.Resubmit(Data() with { Year = 2023 }, Worker, Today, true)).Field);
        inspection.Resubmit(Data(130), Worker, Today, leadsSociety: true);
        Assert.Equal((InspectionStatus.Submitted, 130, (string?)null), (inspection.Status, inspection.IndividualMembers, inspection.ReturnReason));

        inspection.Decide(InspectionStatus.Passed, null, null, CountyAdmin, Today);
        Assert.Equal(InspectionStatus.Passed, inspection.Status);
        Assert.Throws<InvalidTransitionException>(() => inspection.AddAttachment(new AttachmentData("迟到.pdf", 1, "application/pdf", "k4"), Worker, true, Monday0900));
        Assert.Single(inspection.Attachments);
    }
}
