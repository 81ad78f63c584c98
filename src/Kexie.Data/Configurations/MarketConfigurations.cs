using Kexie.Domain.Market;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kexie.Data.Configurations;

/// <summary>
/// Shared mapping of the <see cref="Reviewable"/> base: status, review history and attachments (owned rows in
/// their own tables, keyed by their own Guid), and <see cref="Reviewable.Version"/> as the concurrency token.
/// </summary>
internal static class ReviewableMapping
{
    public static void Map<T>(EntityTypeBuilder<T> builder, string prefix)
        where T : Reviewable
    {
        builder.Property(x => x.RegionCode).HasMaxLength(12);
        builder.Property(x => x.StatusReason).HasMaxLength(MarketRules.ReasonMaxLength);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => new { x.Status, x.RegionCode });
        builder.HasIndex(x => x.RegionCode);
        builder.HasIndex(x => x.PublishedAt);

        builder.OwnsMany(x => x.ReviewHistory, r =>
        {
            r.ToTable(prefix + "ReviewRecords");
            r.WithOwner().HasForeignKey("OwnerId");
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).ValueGeneratedNever();
            r.Property(x => x.ActorUserId).HasMaxLength(64);
            r.Property(x => x.ActorName).HasMaxLength(256);
            r.Property(x => x.Reason).HasMaxLength(MarketRules.ReasonMaxLength);
            r.HasIndex("OwnerId");
        });
        BaseField(builder, nameof(Reviewable.ReviewHistory), "reviewHistory");

        builder.OwnsMany(x => x.Attachments, a =>
        {
            a.ToTable(prefix + "Attachments");
            a.WithOwner().HasForeignKey("OwnerId");
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).ValueGeneratedNever();
            a.Property(x => x.FileName).HasMaxLength(200);
            a.Property(x => x.ContentType).HasMaxLength(100);
            a.Property(x => x.StorageKey).HasMaxLength(200);
            a.Property(x => x.UploadedByUserId).HasMaxLength(64);
            a.HasIndex("OwnerId");
        });
        BaseField(builder, nameof(Reviewable.Attachments), "attachments");
    }

    /// <summary>The collections live in private fields of the base class, which EF cannot find by name on the derived type.</summary>
    private static void BaseField<T>(EntityTypeBuilder<T> builder, string navigation, string field)
        where T : Reviewable
    {
        var info = typeof(Reviewable).GetField(field, System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)
            ?? throw new InvalidOperationException($"Reviewable.{field} not found");
        var nav = builder.Metadata.FindNavigation(navigation) ?? throw new InvalidOperationException($"{typeof(T).Name}.{navigation} not mapped");
        nav.FieldInfo = info;
        nav.SetPropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> builder)
    {
        ReviewableMapping.Map(builder, "Offer");
        builder.Property(o => o.Title).HasMaxLength(MarketRules.TitleMaxLength);
        builder.Property(o => o.Description).HasMaxLength(MarketRules.DescriptionMaxLength);
        builder.Property(o => o.TeamName).HasMaxLength(50);
        builder.Property(o => o.PriceUnit).HasMaxLength(20);
        builder.PrimitiveCollection(o => o.DisciplineCodes);
        builder.PrimitiveCollection(o => o.IndustryCodes);
        builder.PrimitiveCollection(o => o.PatentNumbers);
        builder.HasIndex(o => o.ProviderWorkerId);
        builder.HasIndex(o => o.Kind);
        builder.HasOne<Kexie.Domain.Directory.ScienceWorker>().WithMany().HasForeignKey(o => o.ProviderWorkerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NeedConfiguration : IEntityTypeConfiguration<Need>
{
    public void Configure(EntityTypeBuilder<Need> builder)
    {
        ReviewableMapping.Map(builder, "Need");
        builder.Property(n => n.Title).HasMaxLength(MarketRules.TitleMaxLength);
        builder.Property(n => n.Problem).HasMaxLength(MarketRules.DescriptionMaxLength);
        builder.PrimitiveCollection(n => n.DisciplineCodes);
        builder.PrimitiveCollection(n => n.IndustryCodes);
        builder.HasIndex(n => n.OrganizationId);
        builder.HasOne<Kexie.Domain.Directory.Organization>().WithMany().HasForeignKey(n => n.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StorefrontConfiguration : IEntityTypeConfiguration<Storefront>
{
    public void Configure(EntityTypeBuilder<Storefront> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(50);
        builder.Property(s => s.TeamName).HasMaxLength(50);
        builder.Property(s => s.Introduction).HasMaxLength(2000);
        builder.Property(s => s.RegionCode).HasMaxLength(12);
        builder.PrimitiveCollection(s => s.MemberWorkerIds);
        builder.HasIndex(s => s.OwnerWorkerId);
        builder.HasIndex(s => s.RegionCode);
    }
}

internal sealed class ResponsePlanConfiguration : IEntityTypeConfiguration<ResponsePlan>
{
    public void Configure(EntityTypeBuilder<ResponsePlan> builder)
    {
        builder.Property(p => p.RegionCode).HasMaxLength(12);
        builder.Property(p => p.HandlerUserId).HasMaxLength(64);
        builder.Property(p => p.HandlerName).HasMaxLength(50);
        builder.Property(p => p.CloseReason).HasMaxLength(MarketRules.ReasonMaxLength);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => p.NeedId).IsUnique();
        builder.HasIndex(p => new { p.Status, p.ResponseDueAt });

        // The indicator refresher asks on every dashboard and ranking read whether an unanswered plan's response deadline
        // passed since its last refresh (IndicatorRefresher.SettlingPlans): a range of this partial index, which holds only
        // the unanswered plans, instead of a skip scan of (Status, ResponseDueAt) filtered row by row.
        builder.HasIndex(p => p.ResponseDueAt).HasDatabaseName("IX_ResponsePlans_Unanswered_ResponseDueAt").HasFilter("\"FirstRespondedAt\" IS NULL");
        builder.HasIndex(p => p.RegionCode);
        builder.HasIndex(p => p.HandlerUserId);
        builder.HasOne<Need>().WithOne().HasForeignKey<ResponsePlan>(p => p.NeedId).OnDelete(DeleteBehavior.Cascade);

        builder.OwnsMany(p => p.Candidates, c =>
        {
            c.ToTable("PlanCandidates");
            c.WithOwner().HasForeignKey("PlanId");
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).ValueGeneratedNever();
            c.Property(x => x.Explanation).HasMaxLength(MarketRules.NoteMaxLength);
            c.Property(x => x.ProposedByUserId).HasMaxLength(64);
            c.Property(x => x.ProposedByName).HasMaxLength(256);
            c.Property(x => x.DroppedByUserId).HasMaxLength(64);
            c.Property(x => x.DroppedByName).HasMaxLength(256);
            c.Property(x => x.DropNote).HasMaxLength(MarketRules.ReasonMaxLength);
            c.HasIndex("PlanId");
            c.HasIndex(x => x.TargetId);
        });
        builder.Navigation(p => p.Candidates).HasField("candidates").UsePropertyAccessMode(PropertyAccessMode.Field);

        // Labelled pairs for evaluation (人工添加 / 排除 / 恢复 / 已联系 / 成交), read across plans by the export.
        builder.OwnsMany(p => p.Judgements, j =>
        {
            j.ToTable("PlanCandidateJudgements");
            j.WithOwner().HasForeignKey("PlanId");
            j.HasKey(x => x.Id);
            j.Property(x => x.Id).ValueGeneratedNever();
            j.Property(x => x.Note).HasMaxLength(MarketRules.NoteMaxLength);
            j.Property(x => x.ByUserId).HasMaxLength(64);
            j.Property(x => x.ByName).HasMaxLength(256);
            j.HasIndex("PlanId");
            j.HasIndex(x => x.At);
        });
        builder.Navigation(p => p.Judgements).HasField("judgements").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(p => p.Contacts, c =>
        {
            c.ToTable("PlanContacts");
            c.WithOwner().HasForeignKey("PlanId");
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).ValueGeneratedNever();
            c.Property(x => x.ByUserId).HasMaxLength(64);
            c.Property(x => x.ByName).HasMaxLength(256);
            c.Property(x => x.ContactedName).HasMaxLength(100);
            c.Property(x => x.Note).HasMaxLength(MarketRules.NoteMaxLength);
            c.HasIndex("PlanId");
        });
        builder.Navigation(p => p.Contacts).HasField("contacts").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(p => p.HandlerHistory, h =>
        {
            h.ToTable("PlanHandlerAssignments");
            h.WithOwner().HasForeignKey("PlanId");
            h.HasKey(x => x.Id);
            h.Property(x => x.Id).ValueGeneratedNever();
            h.Property(x => x.FromUserId).HasMaxLength(64);
            h.Property(x => x.ToUserId).HasMaxLength(64);
            h.Property(x => x.ToName).HasMaxLength(50);
            h.Property(x => x.ByUserId).HasMaxLength(64);
            h.Property(x => x.Note).HasMaxLength(MarketRules.NoteMaxLength);
            h.HasIndex("PlanId");
        });
        builder.Navigation(p => p.HandlerHistory).HasField("handlerHistory").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(p => p.StatusHistory, s =>
        {
            s.ToTable("PlanStatusChanges");
            s.WithOwner().HasForeignKey("PlanId");
            s.HasKey(x => x.Id);
            s.Property(x => x.Id).ValueGeneratedNever();
            s.Property(x => x.ByUserId).HasMaxLength(64);
            s.Property(x => x.ByName).HasMaxLength(256);
            s.Property(x => x.Note).HasMaxLength(MarketRules.NoteMaxLength);
            s.HasIndex("PlanId");
        });
        builder.Navigation(p => p.StatusHistory).HasField("statusHistory").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("Orders");
        builder.Property(o => o.Title).HasMaxLength(MarketRules.TitleMaxLength);
        builder.Property(o => o.RegionCode).HasMaxLength(12);
        builder.Property(o => o.ContractFileRef).HasMaxLength(200);
        builder.Property(o => o.Terms).HasMaxLength(OrderProposal.TermsMaxLength);
        builder.Property(o => o.CancelReason).HasMaxLength(MarketRules.ReasonMaxLength);
        builder.Property(o => o.DisputeReason).HasMaxLength(MarketRules.ReasonMaxLength);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasIndex(o => o.RegionCode);
        builder.HasIndex(o => o.Status);
        builder.HasIndex(o => o.BuyerOrganizationId);
        builder.HasIndex(o => o.ProviderWorkerId);
        builder.HasIndex(o => o.OfferId);
        builder.HasIndex(o => o.NeedId);
        builder.HasIndex(o => o.FairId);
        builder.HasIndex(o => o.AgreedAt);

        builder.OwnsOne(o => o.BuyerRating, r =>
        {
            r.Property(x => x.Comment).HasMaxLength(OrderRating.MaxCommentLength);
            r.Property(x => x.ByUserId).HasMaxLength(64);
        });
        builder.OwnsOne(o => o.ProviderRating, r =>
        {
            r.Property(x => x.Comment).HasMaxLength(OrderRating.MaxCommentLength);
            r.Property(x => x.ByUserId).HasMaxLength(64);
        });

        builder.OwnsMany(o => o.Events, e =>
        {
            e.ToTable("OrderEvents");
            e.WithOwner().HasForeignKey("OrderId");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.ActorUserId).HasMaxLength(64);
            e.Property(x => x.ActorName).HasMaxLength(256);
            e.Property(x => x.Note).HasMaxLength(MarketRules.NoteMaxLength);
            e.HasIndex("OrderId");
        });
        builder.Navigation(o => o.Events).HasField("events").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(o => o.Proposals, p =>
        {
            p.ToTable("OrderProposals");
            p.WithOwner().HasForeignKey("OrderId");
            p.HasKey(x => x.Id);
            p.Property(x => x.Id).ValueGeneratedNever();
            p.Property(x => x.ByUserId).HasMaxLength(64);
            p.Property(x => x.DecidedByUserId).HasMaxLength(64);
            p.Property(x => x.Terms).HasMaxLength(OrderProposal.TermsMaxLength);
            p.Property(x => x.ContractFileRef).HasMaxLength(200);
            p.HasIndex("OrderId");
        });
        builder.Navigation(o => o.Proposals).HasField("proposals").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(o => o.PendingProposal);
        builder.Ignore(o => o.AwaitingConfirmationBy);
    }
}

internal sealed class ServiceTicketConfiguration : IEntityTypeConfiguration<ServiceTicket>
{
    public void Configure(EntityTypeBuilder<ServiceTicket> builder)
    {
        builder.Property(t => t.StaffUserId).HasMaxLength(64);
        builder.Property(t => t.StaffName).HasMaxLength(256);
        builder.Property(t => t.TargetText).HasMaxLength(200);
        builder.Property(t => t.RegionCode).HasMaxLength(12);
        builder.Property(t => t.Notes).HasMaxLength(MarketRules.NoteMaxLength);
        builder.HasIndex(t => new { t.RegionCode, t.ServedOn });
        builder.HasIndex(t => t.StaffUserId);
    }
}

internal sealed class FairConfiguration : IEntityTypeConfiguration<Fair>
{
    public void Configure(EntityTypeBuilder<Fair> builder)
    {
        builder.Property(f => f.Name).HasMaxLength(MarketRules.TitleMaxLength);
        builder.Property(f => f.Description).HasMaxLength(MarketRules.DescriptionMaxLength);
        builder.Property(f => f.RegionCode).HasMaxLength(12);
        builder.Property(f => f.OpenedByUserId).HasMaxLength(64);
        builder.HasIndex(f => f.RegionCode);
    }
}

internal sealed class FairProjectConfiguration : IEntityTypeConfiguration<FairProject>
{
    public void Configure(EntityTypeBuilder<FairProject> builder)
    {
        ReviewableMapping.Map(builder, "FairProject");
        builder.Property(p => p.FairRegionCode).HasMaxLength(12);
        builder.Property(p => p.Title).HasMaxLength(MarketRules.TitleMaxLength);
        builder.Property(p => p.Description).HasMaxLength(MarketRules.DescriptionMaxLength);
        builder.PrimitiveCollection(p => p.DisciplineCodes);
        builder.PrimitiveCollection(p => p.IndustryCodes);
        builder.HasIndex(p => new { p.FairId, p.Status, p.Category });
        builder.HasOne<Fair>().WithMany().HasForeignKey(p => p.FairId).OnDelete(DeleteBehavior.Cascade);
    }
}
