using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kexie.Data.Configurations;

internal sealed class ScienceContentConfiguration : IEntityTypeConfiguration<ScienceContent>
{
    public void Configure(EntityTypeBuilder<ScienceContent> builder)
    {
        ReviewableMapping.Map(builder, "ScienceContent");
        builder.Property(c => c.Title).HasMaxLength(MarketRules.TitleMaxLength);
        builder.Property(c => c.Body).HasMaxLength(ScienceContent.BodyMaxLength);
        builder.Property(c => c.AuthorOrganization).HasMaxLength(100);
        builder.Property(c => c.VideoUrl).HasMaxLength(500);
        builder.Property(c => c.CreatedByUserId).HasMaxLength(64);
        builder.PrimitiveCollection(c => c.Tags);
        builder.HasIndex(c => c.Kind);
    }
}

internal sealed class PopularizationActivityConfiguration : IEntityTypeConfiguration<PopularizationActivity>
{
    public void Configure(EntityTypeBuilder<PopularizationActivity> builder)
    {
        builder.Property(a => a.Title).HasMaxLength(MarketRules.TitleMaxLength);
        builder.Property(a => a.Description).HasMaxLength(MarketRules.DescriptionMaxLength);
        builder.Property(a => a.RegionCode).HasMaxLength(12);
        builder.Property(a => a.Venue).HasMaxLength(200);
        builder.Property(a => a.Organizer).HasMaxLength(100);
        builder.Property(a => a.CancelReason).HasMaxLength(MarketRules.ReasonMaxLength);
        builder.Property(a => a.CreatedByUserId).HasMaxLength(64);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.PrimitiveCollection(a => a.Tags);
        builder.HasIndex(a => new { a.RegionCode, a.StartsOn });
        builder.HasIndex(a => a.SeriesId);
        builder.HasOne<ActivitySeries>().WithMany().HasForeignKey(a => a.SeriesId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ActivityPartnerConfiguration : IEntityTypeConfiguration<ActivityPartner>
{
    public void Configure(EntityTypeBuilder<ActivityPartner> builder)
    {
        builder.Property(p => p.RegionCode).HasMaxLength(12);
        builder.Property(p => p.Name).HasMaxLength(ActivityPartner.NameMaxLength);
        builder.Property(p => p.CreatedByUserId).HasMaxLength(64);
        builder.HasIndex(p => p.ActivityId);
        builder.HasIndex(p => p.OrganizationId);
        builder.HasOne<PopularizationActivity>().WithMany().HasForeignKey(p => p.ActivityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Kexie.Domain.Directory.Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ActivitySeriesConfiguration : IEntityTypeConfiguration<ActivitySeries>
{
    public void Configure(EntityTypeBuilder<ActivitySeries> builder)
    {
        builder.Property(s => s.RegionCode).HasMaxLength(12);
        builder.Property(s => s.Name).HasMaxLength(MarketRules.TitleMaxLength);
        builder.Property(s => s.Description).HasMaxLength(500);
        builder.Property(s => s.CreatedByUserId).HasMaxLength(64);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => new { s.RegionCode, s.Year, s.Name }).IsUnique();
    }
}

internal sealed class ActivityParticipantConfiguration : IEntityTypeConfiguration<ActivityParticipant>
{
    public void Configure(EntityTypeBuilder<ActivityParticipant> builder)
    {
        builder.Property(p => p.RegionCode).HasMaxLength(12);
        builder.Property(p => p.Name).HasMaxLength(50);
        builder.Property(p => p.Phone).HasMaxLength(20);
        builder.Property(p => p.Group).HasMaxLength(50);
        builder.Property(p => p.GroupName).HasMaxLength(100);
        builder.Property(p => p.Headcount).HasDefaultValue(1);
        builder.Property(p => p.Status).HasDefaultValue(ParticipantStatus.Confirmed).HasSentinel((ParticipantStatus)0);
        builder.Property(p => p.DeclineReason).HasMaxLength(MarketRules.DescriptionMaxLength);
        builder.Property(p => p.RegisteredByUserId).HasMaxLength(64);
        builder.Property(p => p.CheckedInByUserId).HasMaxLength(64);
        builder.HasIndex(p => new { p.ActivityId, p.Phone }).IsUnique();
        builder.HasIndex(p => p.RegionCode);
        // 我的报名 (asked by the menu on every page): by the account that registered, or by the person's phone.
        builder.HasIndex(p => p.RegisteredByUserId);
        builder.HasIndex(p => p.Phone);
        builder.HasOne<PopularizationActivity>().WithMany().HasForeignKey(p => p.ActivityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EStationConfiguration : IEntityTypeConfiguration<EStation>
{
    public void Configure(EntityTypeBuilder<EStation> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.RegionCode).HasMaxLength(12);
        builder.Property(s => s.Address).HasMaxLength(200);
        builder.Property(s => s.ContactName).HasMaxLength(50);
        builder.Property(s => s.ContactPhone).HasMaxLength(20);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => s.RegionCode);
    }
}

internal sealed class EStationUsageConfiguration : IEntityTypeConfiguration<EStationUsage>
{
    public void Configure(EntityTypeBuilder<EStationUsage> builder)
    {
        builder.Property(u => u.RegionCode).HasMaxLength(12);
        builder.Ignore(u => u.Total);
        builder.Ignore(u => u.IsSystemCounted);
        builder.HasIndex(u => new { u.StationId, u.Day }).IsUnique();
        builder.HasIndex(u => new { u.RegionCode, u.Day });
        builder.HasOne<EStation>().WithMany().HasForeignKey(u => u.StationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EStationDeviceConfiguration : IEntityTypeConfiguration<EStationDevice>
{
    public void Configure(EntityTypeBuilder<EStationDevice> builder)
    {
        builder.Property(d => d.RegionCode).HasMaxLength(12);
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.Property(d => d.TokenHash).HasMaxLength(64);
        builder.Property(d => d.IssuedByUserId).HasMaxLength(64);
        builder.Ignore(d => d.IsActive);
        builder.HasIndex(d => d.TokenHash).IsUnique();
        builder.HasIndex(d => d.StationId);
        builder.HasOne<EStation>().WithMany().HasForeignKey(d => d.StationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EStationPostConfiguration : IEntityTypeConfiguration<EStationPost>
{
    public void Configure(EntityTypeBuilder<EStationPost> builder)
    {
        builder.Property(p => p.RegionCode).HasMaxLength(12);
        builder.Property(p => p.Title).HasMaxLength(MarketRules.TitleMaxLength);
        builder.Property(p => p.Body).HasMaxLength(EStationPost.BodyMaxLength);
        builder.Property(p => p.CreatedByUserId).HasMaxLength(64);
        builder.PrimitiveCollection(p => p.Tags);
        builder.Ignore(p => p.IsShown);
        builder.HasIndex(p => new { p.StationId, p.PublishedAt });
        builder.HasIndex(p => p.RegionCode);
        builder.HasOne<EStation>().WithMany().HasForeignKey(p => p.StationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QuizQuestionConfiguration : IEntityTypeConfiguration<QuizQuestion>
{
    public void Configure(EntityTypeBuilder<QuizQuestion> builder)
    {
        builder.Property(q => q.RegionCode).HasMaxLength(12);
        builder.Property(q => q.Tag).HasMaxLength(20);
        builder.Property(q => q.Stem).HasMaxLength(300);
        builder.Property(q => q.Explanation).HasMaxLength(500);
        builder.Property(q => q.CreatedByUserId).HasMaxLength(64);
        builder.PrimitiveCollection(q => q.Options);
        builder.Ignore(q => q.IsActive);
        builder.HasIndex(q => new { q.RegionCode, q.Tag });
    }
}

internal sealed class KioskViewMarkConfiguration : IEntityTypeConfiguration<KioskViewMark>
{
    public void Configure(EntityTypeBuilder<KioskViewMark> builder)
    {
        builder.ToTable("KioskViewMarks");
        builder.HasKey(m => new { m.DeviceId, m.Source, m.ItemId });
    }
}

internal sealed class QuizAttemptConfiguration : IEntityTypeConfiguration<QuizAttempt>
{
    public void Configure(EntityTypeBuilder<QuizAttempt> builder)
    {
        builder.Property(a => a.RegionCode).HasMaxLength(12);
        builder.PrimitiveCollection(a => a.Topics);
        builder.Ignore(a => a.Score);
        builder.HasIndex(a => new { a.RegionCode, a.CreatedAt });
        builder.HasIndex(a => a.StationId);
        builder.HasOne<EStation>().WithMany().HasForeignKey(a => a.StationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.UserId).HasMaxLength(64);
        builder.HasIndex(a => a.WebQuizId);
        builder.HasOne<WebQuiz>().WithMany().HasForeignKey(a => a.WebQuizId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WebQuizConfiguration : IEntityTypeConfiguration<WebQuiz>
{
    public void Configure(EntityTypeBuilder<WebQuiz> builder)
    {
        builder.Property(q => q.RegionCode).HasMaxLength(12);
        builder.Property(q => q.Title).HasMaxLength(50);
        builder.Property(q => q.Tag).HasMaxLength(20);
        builder.Property(q => q.PublishedByUserId).HasMaxLength(64);
        builder.HasIndex(q => new { q.RegionCode, q.OpensOn });
    }
}

internal sealed class VenueConfiguration : IEntityTypeConfiguration<Venue>
{
    public void Configure(EntityTypeBuilder<Venue> builder)
    {
        builder.Property(v => v.Name).HasMaxLength(100);
        builder.Property(v => v.RegionCode).HasMaxLength(12);
        builder.Property(v => v.Address).HasMaxLength(200);
        builder.Property(v => v.AccreditedBy).HasMaxLength(100);
        builder.Property(v => v.Note).HasMaxLength(500);
        builder.Property(v => v.Version).IsConcurrencyToken();
        builder.HasIndex(v => new { v.RegionCode, v.Kind });
    }
}

internal sealed class VenueVisitConfiguration : IEntityTypeConfiguration<VenueVisit>
{
    public void Configure(EntityTypeBuilder<VenueVisit> builder)
    {
        builder.Property(v => v.RegionCode).HasMaxLength(12);
        builder.Property(v => v.Place).HasMaxLength(100);
        builder.Property(v => v.Note).HasMaxLength(200);
        builder.Property(v => v.RecordedByUserId).HasMaxLength(64);
        builder.HasIndex(v => new { v.VenueId, v.Day });
        builder.HasIndex(v => new { v.RegionCode, v.Day });
        builder.HasOne<Venue>().WithMany().HasForeignKey(v => v.VenueId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScienceBoardConfiguration : IEntityTypeConfiguration<ScienceBoard>
{
    public void Configure(EntityTypeBuilder<ScienceBoard> builder)
    {
        builder.Property(b => b.Name).HasMaxLength(100);
        builder.Property(b => b.RegionCode).HasMaxLength(12);
        builder.Property(b => b.Location).HasMaxLength(200);
        builder.Property(b => b.Theme).HasMaxLength(50);
        builder.Property(b => b.Maintainer).HasMaxLength(100);
        builder.Property(b => b.Note).HasMaxLength(500);
        builder.Property(b => b.CreatedByUserId).HasMaxLength(64);
        builder.Property(b => b.Version).IsConcurrencyToken();
        builder.HasIndex(b => new { b.RegionCode, b.Name });
        builder.HasIndex(b => new { b.RegionCode, b.Kind });
    }
}

internal sealed class ScienceBoardRefreshConfiguration : IEntityTypeConfiguration<ScienceBoardRefresh>
{
    public void Configure(EntityTypeBuilder<ScienceBoardRefresh> builder)
    {
        builder.Property(r => r.RegionCode).HasMaxLength(12);
        builder.Property(r => r.Topic).HasMaxLength(100);
        builder.Property(r => r.Note).HasMaxLength(200);
        builder.Property(r => r.RecordedByUserId).HasMaxLength(64);
        builder.Property(r => r.PhotoFileName).HasMaxLength(200);
        builder.Property(r => r.PhotoContentType).HasMaxLength(100);
        builder.Property(r => r.PhotoStorageKey).HasMaxLength(200);
        builder.HasIndex(r => new { r.BoardId, r.Day });
        builder.HasIndex(r => new { r.RegionCode, r.Day });
        builder.HasOne<ScienceBoard>().WithMany().HasForeignKey(r => r.BoardId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EventTallyConfiguration : IEntityTypeConfiguration<EventTally>
{
    public void Configure(EntityTypeBuilder<EventTally> builder)
    {
        builder.Property(t => t.RegionCode).HasMaxLength(12);
        builder.Property(t => t.Note).HasMaxLength(200);
        builder.Property(t => t.RecordedByUserId).HasMaxLength(64);
        builder.HasIndex(t => new { t.ActivityId, t.Day });
        builder.HasIndex(t => new { t.RegionCode, t.Day });
        builder.HasOne<PopularizationActivity>().WithMany().HasForeignKey(t => t.ActivityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EventTallyEvidenceConfiguration : IEntityTypeConfiguration<EventTallyEvidence>
{
    public void Configure(EntityTypeBuilder<EventTallyEvidence> builder)
    {
        builder.ToTable("EventTallyEvidence");
        builder.Property(e => e.RegionCode).HasMaxLength(12);
        builder.Property(e => e.FileName).HasMaxLength(200);
        builder.Property(e => e.ContentType).HasMaxLength(100);
        builder.Property(e => e.StorageKey).HasMaxLength(200);
        builder.Property(e => e.UploadedByUserId).HasMaxLength(64);
        builder.Ignore(e => e.IsImage);
        builder.HasIndex(e => e.TallyId);
        builder.HasOne<EventTally>().WithMany().HasForeignKey(e => e.TallyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VolunteerTeamConfiguration : IEntityTypeConfiguration<VolunteerTeam>
{
    public void Configure(EntityTypeBuilder<VolunteerTeam> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.RegionCode).HasMaxLength(12);
        builder.Property(t => t.Organizer).HasMaxLength(100);
        builder.Property(t => t.Note).HasMaxLength(500);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasIndex(t => new { t.RegionCode, t.Kind });
    }
}

internal sealed class VolunteerConfiguration : IEntityTypeConfiguration<Volunteer>
{
    public void Configure(EntityTypeBuilder<Volunteer> builder)
    {
        builder.Property(v => v.Name).HasMaxLength(50);
        builder.Property(v => v.Phone).HasMaxLength(20);
        builder.Property(v => v.RegionCode).HasMaxLength(12);
        builder.Property(v => v.Expertise).HasMaxLength(200);
        builder.Property(v => v.UserId).HasMaxLength(64);
        builder.Property(v => v.Version).IsConcurrencyToken();
        builder.HasIndex(v => v.RegionCode);
        builder.HasIndex(v => v.TeamId);
        builder.HasIndex(v => v.UserId).IsUnique();
        builder.HasIndex(v => v.ScienceWorkerId);
        builder.HasOne<VolunteerTeam>().WithMany().HasForeignKey(v => v.TeamId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ServiceRecordConfiguration : IEntityTypeConfiguration<ServiceRecord>
{
    public void Configure(EntityTypeBuilder<ServiceRecord> builder)
    {
        builder.Property(r => r.RegionCode).HasMaxLength(12);
        builder.Property(r => r.ConfirmedByUserId).HasMaxLength(64);
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.ActivityId, r.VolunteerId });
        builder.HasIndex(r => new { r.VolunteerId, r.SignedInAt });
        builder.HasIndex(r => new { r.RegionCode, r.Status });
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(r => r.VolunteerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PopularizationActivity>().WithMany().HasForeignKey(r => r.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VolunteerCallConfiguration : IEntityTypeConfiguration<VolunteerCall>
{
    public void Configure(EntityTypeBuilder<VolunteerCall> builder)
    {
        builder.Property(c => c.RegionCode).HasMaxLength(12);
        builder.Property(c => c.Duties).HasMaxLength(200);
        builder.Property(c => c.Skills).HasMaxLength(200);
        builder.Property(c => c.CreatedByUserId).HasMaxLength(64);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.ActivityId).IsUnique();
        builder.HasIndex(c => new { c.RegionCode, c.Status, c.Deadline });
        builder.HasOne<PopularizationActivity>().WithMany().HasForeignKey(c => c.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VolunteerApplicationConfiguration : IEntityTypeConfiguration<VolunteerApplication>
{
    public void Configure(EntityTypeBuilder<VolunteerApplication> builder)
    {
        builder.Property(a => a.RegionCode).HasMaxLength(12);
        builder.Property(a => a.Note).HasMaxLength(200);
        builder.Property(a => a.Reason).HasMaxLength(500);
        builder.Property(a => a.DecidedByUserId).HasMaxLength(64);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => new { a.VolunteerCallId, a.VolunteerId }).IsUnique();
        builder.HasIndex(a => new { a.VolunteerId, a.Status });
        builder.HasIndex(a => new { a.ActivityId, a.Status });
        builder.HasIndex(a => new { a.RegionCode, a.Status });
        builder.HasOne<VolunteerCall>().WithMany().HasForeignKey(a => a.VolunteerCallId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(a => a.VolunteerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LiteracySurveyConfiguration : IEntityTypeConfiguration<LiteracySurvey>
{
    public void Configure(EntityTypeBuilder<LiteracySurvey> builder)
    {
        builder.Property(s => s.RegionCode).HasMaxLength(12);
        builder.Property(s => s.Source).HasMaxLength(100);
        builder.Property(s => s.Note).HasMaxLength(200);
        builder.Property(s => s.RecordedByUserId).HasMaxLength(64);
        builder.HasIndex(s => new { s.RegionCode, s.Year }).IsUnique();
    }
}

internal sealed class LiteracyTargetConfiguration : IEntityTypeConfiguration<LiteracyTarget>
{
    public void Configure(EntityTypeBuilder<LiteracyTarget> builder)
    {
        builder.Property(t => t.RegionCode).HasMaxLength(12);
        builder.Property(t => t.Plan).HasMaxLength(100);
        builder.Property(t => t.Note).HasMaxLength(200);
        builder.HasIndex(t => new { t.RegionCode, t.Year }).IsUnique();
    }
}

internal sealed class LiteracyMemberUnitConfiguration : IEntityTypeConfiguration<LiteracyMemberUnit>
{
    public void Configure(EntityTypeBuilder<LiteracyMemberUnit> builder)
    {
        builder.Property(u => u.RegionCode).HasMaxLength(12);
        builder.Property(u => u.Name).HasMaxLength(100);
        builder.Property(u => u.ContactName).HasMaxLength(50);
        builder.Property(u => u.ContactPhone).HasMaxLength(20);
        builder.Property(u => u.Note).HasMaxLength(200);
        builder.Property(u => u.Version).IsConcurrencyToken();
        builder.HasIndex(u => new { u.RegionCode, u.Name });
        builder.HasOne<Kexie.Domain.Directory.Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class LiteracyMemberTaskConfiguration : IEntityTypeConfiguration<LiteracyMemberTask>
{
    public void Configure(EntityTypeBuilder<LiteracyMemberTask> builder)
    {
        builder.Property(t => t.RegionCode).HasMaxLength(12);
        builder.Property(t => t.Text).HasMaxLength(500);
        builder.Property(t => t.Target).HasMaxLength(200);
        builder.Ignore(t => t.IsDone);
        builder.HasIndex(t => new { t.MemberUnitId, t.Year });
        builder.HasIndex(t => new { t.RegionCode, t.Year });
        builder.HasOne<LiteracyMemberUnit>().WithMany().HasForeignKey(t => t.MemberUnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LiteracyMemberAssessmentConfiguration : IEntityTypeConfiguration<LiteracyMemberAssessment>
{
    public void Configure(EntityTypeBuilder<LiteracyMemberAssessment> builder)
    {
        builder.Property(a => a.RegionCode).HasMaxLength(12);
        builder.Property(a => a.Note).HasMaxLength(500);
        builder.Property(a => a.AssessedByUserId).HasMaxLength(64);
        builder.Property(a => a.EvidenceFileName).HasMaxLength(200);
        builder.Property(a => a.EvidenceContentType).HasMaxLength(100);
        builder.Property(a => a.EvidenceStorageKey).HasMaxLength(200);
        builder.HasIndex(a => new { a.MemberUnitId, a.Year }).IsUnique();
        builder.HasIndex(a => new { a.RegionCode, a.Year });
        builder.HasOne<LiteracyMemberUnit>().WithMany().HasForeignKey(a => a.MemberUnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EStationTerminalConfiguration : IEntityTypeConfiguration<EStationTerminal>
{
    public void Configure(EntityTypeBuilder<EStationTerminal> builder)
    {
        builder.Property(t => t.RegionCode).HasMaxLength(12);
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Place).HasMaxLength(200);
        builder.HasIndex(t => t.StationId);
        builder.HasIndex(t => t.RegionCode);
        builder.HasOne<EStation>().WithMany().HasForeignKey(t => t.StationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EStationSubscriptionConfiguration : IEntityTypeConfiguration<EStationSubscription>
{
    public void Configure(EntityTypeBuilder<EStationSubscription> builder)
    {
        builder.Property(s => s.RegionCode).HasMaxLength(12);
        builder.Property(s => s.SubscriberName).HasMaxLength(100);
        builder.Property(s => s.Phone).HasMaxLength(20);
        builder.Property(s => s.UserId).HasMaxLength(64);
        builder.PrimitiveCollection(s => s.Tags);
        builder.Property(s => s.AccessKey).HasMaxLength(32);
        builder.HasIndex(s => s.AccessKey).IsUnique();
        builder.HasIndex(s => s.StationId);
        builder.HasIndex(s => s.RegionCode);
        builder.HasOne<EStation>().WithMany().HasForeignKey(s => s.StationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EStationQuestionConfiguration : IEntityTypeConfiguration<EStationQuestion>
{
    public void Configure(EntityTypeBuilder<EStationQuestion> builder)
    {
        builder.Property(q => q.RegionCode).HasMaxLength(12);
        builder.Property(q => q.AskerName).HasMaxLength(50);
        builder.Property(q => q.AskerPhone).HasMaxLength(20);
        builder.Property(q => q.Title).HasMaxLength(50);
        builder.Property(q => q.Version).IsConcurrencyToken();
        builder.Property(q => q.AccessKey).HasMaxLength(32);
        builder.HasIndex(q => q.AccessKey).IsUnique();
        builder.HasIndex(q => q.StationId);
        builder.HasIndex(q => q.RegionCode);
        builder.HasOne<EStation>().WithMany().HasForeignKey(q => q.StationId).OnDelete(DeleteBehavior.Cascade);
        builder.OwnsMany(q => q.Messages, m =>
        {
            m.ToTable("EStationQuestionMessages");
            m.WithOwner().HasForeignKey("QuestionId");
            m.HasKey(x => x.Id);
            m.Property(x => x.Id).ValueGeneratedNever();
            m.Property(x => x.AuthorName).HasMaxLength(100);
            m.Property(x => x.Text).HasMaxLength(EStationQuestion.TextMaxLength);
            m.HasIndex("QuestionId");
        });
        builder.Navigation(q => q.Messages).UsePropertyAccessMode(PropertyAccessMode.Field).HasField("messages");
    }
}
