using Kexie.Domain.Auditing;
using Kexie.Domain.Directory;
using Kexie.Domain.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kexie.Data.Configurations;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.HasKey(r => r.Code);
        builder.Property(r => r.Code).HasMaxLength(12);
        builder.Property(r => r.Name).HasMaxLength(50);
        builder.Property(r => r.FullName).HasMaxLength(200);
        builder.Property(r => r.ParentCode).HasMaxLength(12);
        builder.HasIndex(r => r.ParentCode);
    }
}

internal sealed class DisciplineConfiguration : IEntityTypeConfiguration<Discipline>
{
    public void Configure(EntityTypeBuilder<Discipline> builder)
    {
        builder.HasKey(d => d.Code);
        builder.Property(d => d.Code).HasMaxLength(8);
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.HasIndex(d => d.ParentCode);
    }
}

internal sealed class IndustryConfiguration : IEntityTypeConfiguration<Industry>
{
    public void Configure(EntityTypeBuilder<Industry> builder)
    {
        builder.HasKey(i => i.Code);
        builder.Property(i => i.Code).HasMaxLength(4);
        builder.Property(i => i.Name).HasMaxLength(100);
        builder.Property(i => i.Level).HasMaxLength(10);
        builder.Property(i => i.Section).HasMaxLength(1);
        builder.HasIndex(i => i.ParentCode);
    }
}

internal sealed class ScienceWorkerConfiguration : IEntityTypeConfiguration<ScienceWorker>
{
    public void Configure(EntityTypeBuilder<ScienceWorker> builder)
    {
        builder.Property(w => w.Name).HasMaxLength(50);
        builder.Property(w => w.Employer).HasMaxLength(100);
        builder.Property(w => w.Title).HasMaxLength(50);
        builder.Property(w => w.Education).HasMaxLength(20);
        builder.Property(w => w.PoliticalStatus).HasMaxLength(20);
        builder.Property(w => w.Phone).HasMaxLength(20);
        builder.Property(w => w.RegionCode).HasMaxLength(12);
        builder.Property(w => w.UserId).HasMaxLength(64);
        builder.HasIndex(w => w.Phone).IsUnique();
        builder.HasIndex(w => w.RegionCode);
        builder.HasIndex(w => w.Name);
        // The directory list's order (region, name, id): keyset pages read a range of it (RegionPrefixIndexes keeps its default class).
        builder.HasIndex(w => new { w.RegionCode, w.Name, w.Id }, "IX_ScienceWorkers" + RegionPrefixIndexes.ListOrderSuffix);
    }
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(100);
        builder.Property(o => o.CreditCode).HasMaxLength(18);
        builder.Property(o => o.IndustryCode).HasMaxLength(4);
        builder.Property(o => o.RegionCode).HasMaxLength(12);
        builder.Property(o => o.Address).HasMaxLength(200);
        builder.Property(o => o.ContactName).HasMaxLength(50);
        builder.Property(o => o.ContactPhone).HasMaxLength(20);
        builder.HasIndex(o => o.CreditCode).IsUnique();
        builder.HasIndex(o => o.RegionCode);
        builder.HasIndex(o => o.Name);
        // The directory list's order (region, name, id): keyset pages read a range of it (RegionPrefixIndexes keeps its default class).
        builder.HasIndex(o => new { o.RegionCode, o.Name, o.Id }, "IX_Organizations" + RegionPrefixIndexes.ListOrderSuffix);
    }
}

internal sealed class AssociationConfiguration : IEntityTypeConfiguration<Association>
{
    public void Configure(EntityTypeBuilder<Association> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(100);
        builder.Property(a => a.RegionCode).HasMaxLength(12);
        builder.Property(a => a.CreditCode).HasMaxLength(18);
        builder.HasIndex(a => a.RegionCode);
        builder.HasMany(a => a.Members).WithOne().HasForeignKey(m => m.AssociationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Members).HasField("members").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AssociationMemberConfiguration : IEntityTypeConfiguration<AssociationMember>
{
    public void Configure(EntityTypeBuilder<AssociationMember> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        // A member is a worker or an organization, the other column is NULL. A unique index over both columns would
        // treat every NULL as distinct (SQLite and PostgreSQL alike), so two concurrent adds of the same worker both
        // succeeded. One filtered unique index per kind holds under concurrency on both providers.
        builder.HasIndex(m => new { m.AssociationId, m.ScienceWorkerId })
            .IsUnique()
            .HasFilter("\"ScienceWorkerId\" IS NOT NULL")
            .HasDatabaseName("IX_AssociationMember_AssociationId_ScienceWorkerId");
        builder.HasIndex(m => new { m.AssociationId, m.OrganizationId })
            .IsUnique()
            .HasFilter("\"OrganizationId\" IS NOT NULL")
            .HasDatabaseName("IX_AssociationMember_AssociationId_OrganizationId");
        builder.HasOne<ScienceWorker>().WithMany().HasForeignKey(m => m.ScienceWorkerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ServiceAgencyConfiguration : IEntityTypeConfiguration<ServiceAgency>
{
    public void Configure(EntityTypeBuilder<ServiceAgency> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(100);
        builder.Property(a => a.CreditCode).HasMaxLength(18);
        builder.Property(a => a.ServiceScope).HasMaxLength(500);
        builder.Property(a => a.RegionCode).HasMaxLength(12);
        builder.Property(a => a.ContactName).HasMaxLength(50);
        builder.Property(a => a.ContactPhone).HasMaxLength(20);
        builder.HasIndex(a => a.CreditCode).IsUnique();
        builder.HasIndex(a => a.RegionCode);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.UserId).HasMaxLength(64);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(16);
        builder.Property(a => a.EntityType).HasMaxLength(64);
        builder.Property(a => a.EntityId).HasMaxLength(64);
        builder.Property(a => a.RegionCode).HasMaxLength(12);
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
        builder.HasIndex(a => a.At);
        // A region's rows of a period (the audit page's date filter, an overseer's workbench): without it PostgreSQL read the
        // whole table for one county's last week (2M rows: 410 ms); the region column gets the prefix operator class.
        builder.HasIndex(a => new { a.RegionCode, a.At });
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(50);
        builder.Property(u => u.RegionCode).HasMaxLength(12);
        builder.HasIndex(u => u.RegionCode);

        // An organization's accounts (the notifier's recipients of a need's or order's news): an index, not a scan of the
        // province's 1.2M accounts (330 ms a write; migration Db13ReadIndexes).
        builder.HasIndex(u => u.OrganizationId);

        // One account per mobile number (sign-in by phone); NULLs (accounts without a phone) are distinct on both providers.
        builder.HasIndex(u => u.PhoneNumber).IsUnique();
    }
}
