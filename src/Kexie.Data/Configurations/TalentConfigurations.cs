using Kexie.Domain.Directory;
using Kexie.Domain.Talent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kexie.Data.Configurations;

internal sealed class ExpertConfiguration : IEntityTypeConfiguration<Expert>
{
    public void Configure(EntityTypeBuilder<Expert> builder)
    {
        builder.Property(e => e.RegionCode).HasMaxLength(12);
        builder.Property(e => e.Expertise).HasMaxLength(100);
        builder.PrimitiveCollection(e => e.ResearchDirections);
        builder.Property(e => e.Profile).HasMaxLength(2000);
        builder.Property(e => e.WithdrawReason).HasMaxLength(200);
        // One entry per worker; the entry goes with its worker.
        builder.HasIndex(e => e.WorkerId).IsUnique();
        builder.HasOne<ScienceWorker>().WithMany().HasForeignKey(e => e.WorkerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => e.RegionCode);
    }
}

internal sealed class ContestConfiguration : IEntityTypeConfiguration<Contest>
{
    public void Configure(EntityTypeBuilder<Contest> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.RegionCode).HasMaxLength(12);
        builder.PrimitiveCollection(c => c.Categories);
        builder.Property(c => c.Note).HasMaxLength(500);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => new { c.RegionCode, c.Year });
        builder.Ignore(c => c.Rubric);
        builder.Ignore(c => c.Stages);
        builder.Ignore(c => c.EligibilityText);
        builder.PrimitiveCollection(c => c.RoundNames);
        builder.Ignore(c => c.RoundCount);
        builder.Ignore(c => c.HasRounds);
        builder.Ignore(c => c.InFinalRound);
        builder.PrimitiveCollection(c => c.RoundCategories);
        builder.PrimitiveCollection(c => c.CategoryRoundNumbers);
        builder.PrimitiveCollection(c => c.ClosedRoundCategories);
        builder.Ignore(c => c.ReviewStarted);
        builder.Ignore(c => c.AllCategoriesInFinalRound);
        builder.OwnsCriteria(c => c.Criteria, "ContestReviewCriteria", "ContestId");
    }
}

internal sealed class ContestAssignmentConfiguration : IEntityTypeConfiguration<ContestAssignment>
{
    public void Configure(EntityTypeBuilder<ContestAssignment> builder)
    {
        builder.MapSheet("ContestCriterionScores");
        builder.HasOne<Contest>().WithMany().HasForeignKey(a => a.ContestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ContestEntry>().WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Cascade);
        // One sheet per expert, work and round (each round has its own panel).
        builder.HasIndex(a => new { a.EntryId, a.ExpertId, a.Round }).IsUnique();
        builder.HasIndex(a => a.ContestId);
    }
}

internal sealed class ContestRoundDecisionConfiguration : IEntityTypeConfiguration<ContestRoundDecision>
{
    public void Configure(EntityTypeBuilder<ContestRoundDecision> builder)
    {
        builder.Property(d => d.RegionCode).HasMaxLength(12);
        builder.Property(d => d.RoundName).HasMaxLength(10);
        builder.Property(d => d.NextRoundName).HasMaxLength(10);
        builder.Property(d => d.Rule).HasMaxLength(100);
        builder.Property(d => d.Reason).HasMaxLength(500);
        builder.Property(d => d.DecidedByName).HasMaxLength(100);
        builder.Property(d => d.Category).HasMaxLength(30);
        builder.HasOne<Contest>().WithMany().HasForeignKey(d => d.ContestId).OnDelete(DeleteBehavior.Cascade);
        // One decision per round of the edition's round (Category null) and per round of each category decided on its own.
        builder.HasIndex(d => new { d.ContestId, d.Category, d.Round });
    }
}

internal sealed class ExpertConflictConfiguration : IEntityTypeConfiguration<ExpertConflict>
{
    public void Configure(EntityTypeBuilder<ExpertConflict> builder)
    {
        builder.Property(c => c.ExpertName).HasMaxLength(50);
        builder.Property(c => c.RegionCode).HasMaxLength(12);
        builder.Property(c => c.OrganizationName).HasMaxLength(100);
        builder.Property(c => c.PersonName).HasMaxLength(50);
        builder.Property(c => c.Reason).HasMaxLength(200);
        builder.Ignore(c => c.Why);
        builder.HasOne<Expert>().WithMany().HasForeignKey(c => c.ExpertId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(c => c.ExpertId);
        builder.HasIndex(c => c.ExpertWorkerId);
    }
}

internal sealed class ContestEntryConfiguration : IEntityTypeConfiguration<ContestEntry>
{
    public void Configure(EntityTypeBuilder<ContestEntry> builder)
    {
        builder.Property(e => e.RegionCode).HasMaxLength(12);
        builder.Property(e => e.Title).HasMaxLength(100);
        builder.Property(e => e.Category).HasMaxLength(30);
        builder.PrimitiveCollection(e => e.Students);
        builder.Property(e => e.Teacher).HasMaxLength(50);
        builder.Property(e => e.TeacherOrganization).HasMaxLength(100);
        builder.Property(e => e.ExpertScore).HasPrecision(5, 1);
        builder.Property(e => e.Summary).HasMaxLength(1000);
        builder.Property(e => e.SchoolName).HasMaxLength(100);
        builder.Property(e => e.Score).HasPrecision(5, 1);
        builder.Property(e => e.Opinion).HasMaxLength(500);
        builder.Property(e => e.SubmittedByName).HasMaxLength(100);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasOne<Contest>().WithMany().HasForeignKey(e => e.ContestId).OnDelete(DeleteBehavior.Cascade);
        // The school's record may go; the work keeps the school's name.
        builder.HasOne<Organization>().WithMany().HasForeignKey(e => e.SchoolId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(e => new { e.ContestId, e.Status });
        builder.HasIndex(e => e.RegionCode);
        builder.HasIndex(e => e.SourceEntryId);
        builder.OwnsMany(e => e.Attachments, a =>
        {
            a.ToTable("ContestEntryAttachments");
            a.WithOwner().HasForeignKey("ContestEntryId");
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).ValueGeneratedNever();
            a.Property(x => x.FileName).HasMaxLength(200);
            a.Property(x => x.ContentType).HasMaxLength(100);
            a.Property(x => x.StorageKey).HasMaxLength(200);
            a.Property(x => x.UploadedByUserId).HasMaxLength(64);
            a.HasIndex("ContestEntryId");
            a.HasIndex(x => x.StorageKey);
        });
        builder.Navigation(e => e.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class HonourCallConfiguration : IEntityTypeConfiguration<HonourCall>
{
    public void Configure(EntityTypeBuilder<HonourCall> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.RegionCode).HasMaxLength(12);
        builder.Property(c => c.ConferredBy).HasMaxLength(100);
        builder.Property(c => c.Note).HasMaxLength(500);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => new { c.RegionCode, c.Year });
        builder.Ignore(c => c.Rubric);
        builder.Ignore(c => c.ReviewOpen);
        builder.OwnsCriteria(c => c.Criteria, "HonourReviewCriteria", "HonourCallId");
    }
}

internal sealed class NominationAssignmentConfiguration : IEntityTypeConfiguration<NominationAssignment>
{
    public void Configure(EntityTypeBuilder<NominationAssignment> builder)
    {
        builder.MapSheet("NominationCriterionScores");
        builder.HasOne<HonourCall>().WithMany().HasForeignKey(a => a.CallId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Nomination>().WithMany().HasForeignKey(a => a.NominationId).OnDelete(DeleteBehavior.Cascade);
        // One sheet per expert and nomination.
        builder.HasIndex(a => new { a.NominationId, a.ExpertId }).IsUnique();
        builder.HasIndex(a => a.CallId);
    }
}

internal sealed class NominationDecisionConfiguration : IEntityTypeConfiguration<NominationDecision>
{
    public void Configure(EntityTypeBuilder<NominationDecision> builder)
    {
        builder.Property(d => d.RegionCode).HasMaxLength(12);
        builder.Property(d => d.NomineeName).HasMaxLength(100);
        builder.Property(d => d.MeanScore).HasPrecision(5, 1);
        builder.Property(d => d.AgainstRanking).HasMaxLength(300);
        builder.Property(d => d.Reason).HasMaxLength(500);
        builder.Property(d => d.DecidedByName).HasMaxLength(256);
        builder.HasOne<HonourCall>().WithMany().HasForeignKey(d => d.CallId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Nomination>().WithMany().HasForeignKey(d => d.NominationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.CallId, d.CreatedAt });
        builder.HasIndex(d => d.NominationId);
    }
}

internal sealed class NominationConfiguration : IEntityTypeConfiguration<Nomination>
{
    public void Configure(EntityTypeBuilder<Nomination> builder)
    {
        builder.Property(n => n.NomineeName).HasMaxLength(100);
        builder.Property(n => n.RegionCode).HasMaxLength(12);
        builder.Property(n => n.NominatedByRegionCode).HasMaxLength(12);
        builder.Property(n => n.NominatedByName).HasMaxLength(100);
        builder.Property(n => n.NominatedByUnitName).HasMaxLength(100);
        builder.HasOne<Association>().WithMany().HasForeignKey(n => n.NominatedByAssociationId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(n => n.Reason).HasMaxLength(1000);
        builder.Property(n => n.DecisionNote).HasMaxLength(500);
        builder.Property(n => n.Version).IsConcurrencyToken();
        builder.HasOne<HonourCall>().WithMany().HasForeignKey(n => n.CallId).OnDelete(DeleteBehavior.Cascade);
        // The nominee's record may go; the nomination keeps the name.
        builder.HasOne<ScienceWorker>().WithMany().HasForeignKey(n => n.WorkerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Organization>().WithMany().HasForeignKey(n => n.OrganizationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(n => new { n.CallId, n.Status });
        builder.HasIndex(n => n.RegionCode);
    }
}

internal sealed class WorkstationConfiguration : IEntityTypeConfiguration<Workstation>
{
    public void Configure(EntityTypeBuilder<Workstation> builder)
    {
        builder.Property(w => w.Name).HasMaxLength(100);
        builder.Property(w => w.RegionCode).HasMaxLength(12);
        builder.Property(w => w.HostName).HasMaxLength(100);
        builder.PrimitiveCollection(w => w.ExpertWorkerIds);
        builder.Property(w => w.AccreditedBy).HasMaxLength(100);
        builder.Property(w => w.Field).HasMaxLength(100);
        builder.Property(w => w.Note).HasMaxLength(500);
        builder.Property(w => w.Version).IsConcurrencyToken();
        builder.HasOne<Organization>().WithMany().HasForeignKey(w => w.HostOrganizationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(w => new { w.RegionCode, w.Kind });
    }
}

internal sealed class WorkstationOutputConfiguration : IEntityTypeConfiguration<WorkstationOutput>
{
    public void Configure(EntityTypeBuilder<WorkstationOutput> builder)
    {
        builder.Property(o => o.RegionCode).HasMaxLength(12);
        builder.Property(o => o.Note).HasMaxLength(500);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasOne<Workstation>().WithMany().HasForeignKey(o => o.WorkstationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => new { o.WorkstationId, o.Year }).IsUnique();
        builder.HasIndex(o => new { o.RegionCode, o.Year });
    }
}

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.RegionCode).HasMaxLength(12);
        builder.Property(s => s.Description).HasMaxLength(1000);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.PrimitiveCollection(s => s.ExtraTopics);
        builder.Ignore(s => s.Topics);
        builder.HasMany(s => s.Questions).WithOne().HasForeignKey(q => q.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Questions).AutoInclude();
        builder.HasIndex(s => new { s.RegionCode, s.Year });
    }
}

internal sealed class SurveyQuestionConfiguration : IEntityTypeConfiguration<SurveyQuestion>
{
    public void Configure(EntityTypeBuilder<SurveyQuestion> builder)
    {
        // Questions are replaced as a whole (new ids on the tracked survey): they are inserted, never taken for existing rows.
        builder.Property(q => q.Id).ValueGeneratedNever();
        builder.Property(q => q.Text).HasMaxLength(200);
        builder.PrimitiveCollection(q => q.Options);
        builder.Property(q => q.ShowIfOption).HasMaxLength(100);
        builder.Property(q => q.RuleMin).HasPrecision(19, 6);
        builder.Property(q => q.RuleMax).HasPrecision(19, 6);
        builder.Ignore(q => q.Rule);
        builder.HasIndex(q => new { q.SurveyId, q.Number });
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.Property(r => r.RegionCode).HasMaxLength(12);
        builder.PrimitiveCollection(r => r.Answers);
        builder.Property(r => r.InvalidReason).HasMaxLength(50);
        builder.Property(r => r.RespondentKey).HasMaxLength(64);
        builder.Property(r => r.Field).HasMaxLength(100);
        builder.Property(r => r.AgeBand).HasMaxLength(100);
        builder.Property(r => r.Title).HasMaxLength(100);
        builder.Property(r => r.Education).HasMaxLength(100);
        builder.Property(r => r.Political).HasMaxLength(100);
        builder.Property(r => r.Suggestion).HasMaxLength(2000);
        builder.Property(r => r.SuggestionTopic).HasMaxLength(20);
        builder.Ignore(r => r.Topics);
        builder.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SurveyInvitation>().WithMany().HasForeignKey(r => r.InvitationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(r => new { r.SurveyId, r.Valid });
        builder.HasIndex(r => new { r.SurveyId, r.RespondentKey });
    }
}

internal sealed class SurveyInvitationConfiguration : IEntityTypeConfiguration<SurveyInvitation>
{
    public void Configure(EntityTypeBuilder<SurveyInvitation> builder)
    {
        builder.Property(i => i.Token).HasMaxLength(32);
        builder.Property(i => i.Label).HasMaxLength(100);
        builder.HasOne<Survey>().WithMany().HasForeignKey(i => i.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => i.Token).IsUnique();
        builder.HasIndex(i => i.SurveyId);
    }
}

internal sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> builder)
    {
        builder.Property(i => i.AssociationName).HasMaxLength(100);
        builder.Property(i => i.RegionCode).HasMaxLength(12);
        builder.Property(i => i.Documents).HasMaxLength(500);
        builder.Property(i => i.Opinion).HasMaxLength(500);
        builder.Property(i => i.SubmittedByUserId).HasMaxLength(64);
        builder.Property(i => i.SubmittedByName).HasMaxLength(256);
        builder.Property(i => i.ReturnReason).HasMaxLength(Kexie.Domain.Market.MarketRules.ReasonMaxLength);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.OwnsMany(i => i.Attachments, a =>
        {
            a.ToTable("InspectionAttachments");
            a.WithOwner().HasForeignKey("InspectionId");
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).ValueGeneratedNever();
            a.Property(x => x.FileName).HasMaxLength(200);
            a.Property(x => x.ContentType).HasMaxLength(100);
            a.Property(x => x.StorageKey).HasMaxLength(200);
            a.Property(x => x.UploadedByUserId).HasMaxLength(64);
            a.HasIndex("InspectionId");
        });
        builder.Navigation(i => i.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<Association>().WithMany().HasForeignKey(i => i.AssociationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.AssociationId, i.Year }).IsUnique();
        builder.HasIndex(i => new { i.RegionCode, i.Year });
    }
}

internal sealed class RectificationConfiguration : IEntityTypeConfiguration<Rectification>
{
    public void Configure(EntityTypeBuilder<Rectification> builder)
    {
        builder.Property(r => r.AssociationName).HasMaxLength(100);
        builder.Property(r => r.RegionCode).HasMaxLength(12);
        builder.Property(r => r.Reasons).HasMaxLength(500);
        builder.Property(r => r.Outcome).HasMaxLength(500);
        builder.Property(r => r.OpenedByName).HasMaxLength(256);
        builder.Property(r => r.ConcludedByName).HasMaxLength(256);
        builder.Property(r => r.Report).HasMaxLength(Rectification.MaxReportLength);
        builder.Property(r => r.ReportedByUserId).HasMaxLength(64);
        builder.Property(r => r.ReportedByName).HasMaxLength(256);
        builder.Property(r => r.ReportReturnReason).HasMaxLength(Kexie.Domain.Market.MarketRules.ReasonMaxLength);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.OwnsMany(r => r.Attachments, a =>
        {
            a.ToTable("RectificationAttachments");
            a.WithOwner().HasForeignKey("RectificationId");
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).ValueGeneratedNever();
            a.Property(x => x.FileName).HasMaxLength(200);
            a.Property(x => x.ContentType).HasMaxLength(100);
            a.Property(x => x.StorageKey).HasMaxLength(200);
            a.Property(x => x.UploadedByUserId).HasMaxLength(64);
            a.HasIndex("RectificationId");
        });
        builder.Navigation(r => r.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<Association>().WithMany().HasForeignKey(r => r.AssociationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.AssociationId, r.StartedOn });
        builder.HasIndex(r => new { r.RegionCode, r.StartedOn });
    }
}

internal sealed class LeadershipPostConfiguration : IEntityTypeConfiguration<LeadershipPost>
{
    public void Configure(EntityTypeBuilder<LeadershipPost> builder)
    {
        builder.Property(p => p.RegionCode).HasMaxLength(12);
        builder.Property(p => p.PersonName).HasMaxLength(50);
        builder.Property(p => p.Position).HasMaxLength(100);
        builder.HasOne<Association>().WithMany().HasForeignKey(p => p.AssociationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.AssociationId);
        builder.HasIndex(p => p.RegionCode);
    }
}

internal sealed class PartyBuildingConfiguration : IEntityTypeConfiguration<PartyBuilding>
{
    public void Configure(EntityTypeBuilder<PartyBuilding> builder)
    {
        builder.Property(p => p.RegionCode).HasMaxLength(12);
        builder.Property(p => p.InstructorName).HasMaxLength(50);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.MustEstablish);
        builder.HasOne<Association>().WithMany().HasForeignKey(p => p.AssociationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.AssociationId).IsUnique();
        builder.HasIndex(p => p.RegionCode);
    }
}

internal sealed class CongressConfiguration : IEntityTypeConfiguration<Congress>
{
    public void Configure(EntityTypeBuilder<Congress> builder)
    {
        builder.Property(c => c.RegionCode).HasMaxLength(12);
        builder.Property(c => c.Note).HasMaxLength(500);
        builder.Ignore(c => c.NextDueOn);
        builder.HasOne<Association>().WithMany().HasForeignKey(c => c.AssociationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.AssociationId, c.Term }).IsUnique();
        builder.HasIndex(c => c.RegionCode);
    }
}

internal sealed class SocietyActivityConfiguration : IEntityTypeConfiguration<SocietyActivity>
{
    public void Configure(EntityTypeBuilder<SocietyActivity> builder)
    {
        builder.Property(a => a.RegionCode).HasMaxLength(12);
        builder.Property(a => a.AssociationName).HasMaxLength(100);
        builder.Property(a => a.Title).HasMaxLength(100);
        builder.Property(a => a.PartnerUnits).HasMaxLength(200);
        builder.Property(a => a.Note).HasMaxLength(500);
        builder.Property(a => a.RecordedByName).HasMaxLength(100);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasOne<Association>().WithMany().HasForeignKey(a => a.AssociationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.AssociationId);
        builder.HasIndex(a => new { a.RegionCode, a.HeldOn });
    }
}

internal sealed class CooperationAgreementConfiguration : IEntityTypeConfiguration<CooperationAgreement>
{
    public void Configure(EntityTypeBuilder<CooperationAgreement> builder)
    {
        builder.Property(a => a.RegionCode).HasMaxLength(12);
        builder.Property(a => a.Subject).HasMaxLength(200);
        builder.Property(a => a.OrganizationNames).HasMaxLength(2000);
        builder.PrimitiveCollection(a => a.OrganizationIds);
        builder.PrimitiveCollection(a => a.ExpertWorkerIds);
        builder.Property(a => a.Institution).HasMaxLength(100);
        builder.Property(a => a.AmountWan).HasPrecision(12, 2);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasOne<Workstation>().WithMany().HasForeignKey(a => a.WorkstationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.WorkstationId);
        builder.HasIndex(a => new { a.RegionCode, a.SignedOn });
    }
}
