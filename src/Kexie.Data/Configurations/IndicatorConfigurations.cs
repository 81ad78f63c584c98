using Kexie.Data.Indicators;
using Kexie.Domain.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kexie.Data.Configurations;

internal sealed class IndicatorFactConfiguration : IEntityTypeConfiguration<IndicatorFactRow>
{
    public void Configure(EntityTypeBuilder<IndicatorFactRow> builder)
    {
        builder.ToTable("IndicatorFacts");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.RegionCode).HasMaxLength(12);
        builder.HasIndex(x => x.Day);
        builder.HasIndex(x => x.SourceId);
        builder.HasIndex(x => new { x.RegionCode, x.Kind, x.Day });
    }
}

internal sealed class IndicatorRollupConfiguration : IEntityTypeConfiguration<IndicatorRollupRow>
{
    public void Configure(EntityTypeBuilder<IndicatorRollupRow> builder)
    {
        builder.ToTable("IndicatorRollups");
        builder.HasKey(x => new { x.Grain, x.Level, x.RegionCode, x.Day, x.Kind });
        builder.Property(x => x.RegionCode).HasMaxLength(12);

        // Covering index over the month and year grains (the ranking reads): peers' sums come from the index alone,
        // without a table lookup per row. Partial, so the day grain (most rows) is not duplicated; readers add the
        // exact term "Grain" >= 2, which SQLite needs to use a partial index.
        builder.HasIndex(x => new { x.Grain, x.Level, x.RegionCode, x.Day, x.Kind, x.Count, x.AmountFen })
            .HasDatabaseName("IX_IndicatorRollups_Covering")
            .HasFilter("\"Grain\" >= 2");
    }
}

internal sealed class IndicatorOutboxConfiguration : IEntityTypeConfiguration<IndicatorOutboxEntry>
{
    public void Configure(EntityTypeBuilder<IndicatorOutboxEntry> builder)
    {
        builder.ToTable("IndicatorOutbox");
        builder.HasKey(x => x.Id);
    }
}

internal sealed class IndicatorRefreshStateConfiguration : IEntityTypeConfiguration<IndicatorRefreshState>
{
    public void Configure(EntityTypeBuilder<IndicatorRefreshState> builder)
    {
        builder.ToTable("IndicatorRefreshState");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
    }
}

internal sealed class FrontPageVersionConfiguration : IEntityTypeConfiguration<FrontPageVersion>
{
    public void Configure(EntityTypeBuilder<FrontPageVersion> builder)
    {
        builder.ToTable(FrontPageStamp.Table);
        builder.HasKey(x => x.RegionCode);
        builder.Property(x => x.RegionCode).HasMaxLength(12);
    }
}

internal sealed class WeightSetConfiguration : IEntityTypeConfiguration<WeightSet>
{
    public void Configure(EntityTypeBuilder<WeightSet> builder)
    {
        builder.ToTable("WeightSets");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => x.Version).IsUnique();
        builder.Property(x => x.Name).HasMaxLength(50);
        builder.Property(x => x.Note).HasMaxLength(500);
        builder.Property(x => x.CreatedByUserId).HasMaxLength(64);
        builder.Property(x => x.CreatedByName).HasMaxLength(256);
        builder.Ignore(x => x.GroupWeights);
        builder.Ignore(x => x.IndicatorWeights);
        builder.OwnsMany(x => x.Entries, e =>
        {
            e.ToTable("WeightSetEntries");
            e.WithOwner().HasForeignKey("WeightSetId");
            e.Property<int>("Id");
            e.HasKey("Id");
            e.Property(x => x.Key).HasMaxLength(64);
        });
        builder.Navigation(x => x.Entries).UsePropertyAccessMode(PropertyAccessMode.Field).HasField("entries");
    }
}

internal sealed class ReportTemplateVersionConfiguration : IEntityTypeConfiguration<ReportTemplateVersion>
{
    public void Configure(EntityTypeBuilder<ReportTemplateVersion> builder)
    {
        builder.ToTable("ReportTemplateVersions");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.RegionCode).HasMaxLength(12);
        builder.HasIndex(x => new { x.RegionCode, x.Version }).IsUnique();
        builder.Property(x => x.Text).HasMaxLength(ReportTemplateVersion.MaxTextLength);
        builder.Property(x => x.Note).HasMaxLength(200);
        builder.Property(x => x.CreatedByUserId).HasMaxLength(64);
        builder.Property(x => x.CreatedByName).HasMaxLength(256);
    }
}

internal sealed class LinkageTaskConfiguration : IEntityTypeConfiguration<LinkageTask>
{
    public void Configure(EntityTypeBuilder<LinkageTask> builder)
    {
        builder.ToTable("LinkageTasks");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Title).HasMaxLength(100);
        builder.Property(x => x.IndicatorCode).HasMaxLength(16);
        builder.Property(x => x.RegionCode).HasMaxLength(12);
        builder.Property(x => x.AssignedByRegionCode).HasMaxLength(12);
        builder.Property(x => x.AssignedByUserId).HasMaxLength(64);
        builder.Property(x => x.AssignedByName).HasMaxLength(256);
        builder.Property(x => x.Note).HasMaxLength(500);
        builder.Ignore(x => x.Indicator);
        builder.HasIndex(x => x.RegionCode);
        builder.HasIndex(x => x.AssignedByRegionCode);
        builder.OwnsMany(x => x.Comments, c =>
        {
            c.ToTable("LinkageComments");
            c.WithOwner().HasForeignKey("TaskId");
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).ValueGeneratedNever();
            c.Property(x => x.ByUserId).HasMaxLength(64);
            c.Property(x => x.ByName).HasMaxLength(256);
            c.Property(x => x.ByRegionCode).HasMaxLength(12);
            c.Property(x => x.Text).HasMaxLength(LinkageComment.MaxLength);
            c.HasIndex("TaskId");
        });
        builder.Navigation(x => x.Comments).UsePropertyAccessMode(PropertyAccessMode.Field).HasField("comments");
    }
}
