using Kexie.Domain.Market;
using Kexie.Domain.ThinkTank;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kexie.Data.Configurations;

internal sealed class ThinkTankCallConfiguration : IEntityTypeConfiguration<ThinkTankCall>
{
    public void Configure(EntityTypeBuilder<ThinkTankCall> builder)
    {
        builder.Property(c => c.Title).HasMaxLength(MarketRules.TitleMaxLength);
        builder.Property(c => c.Description).HasMaxLength(MarketRules.DescriptionMaxLength);
        builder.Property(c => c.RegionCode).HasMaxLength(12);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.RegionCode);
        builder.Ignore(c => c.Rubric);
        builder.OwnsCriteria(c => c.Criteria, "ThinkTankReviewCriteria", "CallId");
    }
}

internal sealed class ExpertAssignmentConfiguration : IEntityTypeConfiguration<ExpertAssignment>
{
    public void Configure(EntityTypeBuilder<ExpertAssignment> builder)
    {
        builder.ToTable("ThinkTankExpertAssignments");
        builder.MapSheet("ThinkTankCriterionScores");
        builder.HasOne<ThinkTankTopic>().WithMany().HasForeignKey(a => a.TopicId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.TopicId, a.ExpertId }).IsUnique();
    }
}

internal sealed class ThinkTankTopicConfiguration : IEntityTypeConfiguration<ThinkTankTopic>
{
    public void Configure(EntityTypeBuilder<ThinkTankTopic> builder)
    {
        builder.Property(t => t.CallRegionCode).HasMaxLength(12);
        builder.Property(t => t.RegionCode).HasMaxLength(12);
        builder.Property(t => t.Title).HasMaxLength(MarketRules.TitleMaxLength);
        builder.Property(t => t.Summary).HasMaxLength(MarketRules.DescriptionMaxLength);
        builder.Property(t => t.LeaderName).HasMaxLength(50);
        builder.Property(t => t.LeaderOrganization).HasMaxLength(100);
        builder.Property(t => t.ApplicantUserId).HasMaxLength(64);
        builder.Property(t => t.StatusReason).HasMaxLength(MarketRules.ReasonMaxLength);
        builder.Property(t => t.Result).HasMaxLength(MarketRules.DescriptionMaxLength);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Ignore(t => t.AverageScore);
        builder.HasIndex(t => t.CallId);
        builder.HasIndex(t => t.RegionCode);
        builder.HasIndex(t => t.CallRegionCode);
        builder.HasIndex(t => t.SourceTopicId);
        builder.HasOne<ThinkTankCall>().WithMany().HasForeignKey(t => t.CallId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(t => t.Reviews, r =>
        {
            r.ToTable("ThinkTankExpertReviews");
            r.WithOwner().HasForeignKey("TopicId");
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).ValueGeneratedNever();
            r.Property(x => x.ExpertName).HasMaxLength(50);
            r.Property(x => x.Opinion).HasMaxLength(MarketRules.NoteMaxLength);
            r.Property(x => x.RecordedByUserId).HasMaxLength(64);
            r.HasIndex("TopicId");
        });
        builder.Navigation(t => t.Reviews).HasField("reviews").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> builder)
    {
        builder.Property(p => p.Title).HasMaxLength(MarketRules.TitleMaxLength);
        builder.Property(p => p.Content).HasMaxLength(MarketRules.DescriptionMaxLength);
        builder.Property(p => p.ProposerName).HasMaxLength(50);
        builder.Property(p => p.ProposerOrganization).HasMaxLength(100);
        builder.Property(p => p.RegionCode).HasMaxLength(12);
        builder.Property(p => p.SubmittedByUserId).HasMaxLength(64);
        builder.Property(p => p.AdoptedBy).HasMaxLength(100);
        builder.Property(p => p.DecisionNote).HasMaxLength(MarketRules.NoteMaxLength);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => new { p.RegionCode, p.Status });
        builder.HasIndex(p => p.SubmittedByUserId);
    }
}
