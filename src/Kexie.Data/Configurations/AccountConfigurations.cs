using Kexie.Data.Accounts;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kexie.Data.Configurations;

internal sealed class OneTimeCodeConfiguration : IEntityTypeConfiguration<OneTimeCode>
{
    public void Configure(EntityTypeBuilder<OneTimeCode> builder)
    {
        builder.ToTable("OneTimeCodes");
        builder.Property(c => c.Phone).HasMaxLength(20);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.HasIndex(c => new { c.Phone, c.CreatedAt });
    }
}

internal sealed class TextMessageRecordConfiguration : IEntityTypeConfiguration<TextMessageRecord>
{
    public void Configure(EntityTypeBuilder<TextMessageRecord> builder)
    {
        builder.ToTable("TextMessageOutbox");
        builder.Property(m => m.Phone).HasMaxLength(20);
        builder.Property(m => m.Text).HasMaxLength(500);
        builder.Property(m => m.RegionCode).HasMaxLength(12);
        builder.Property(m => m.Channel).HasMaxLength(20);
        builder.Property(m => m.Error).HasMaxLength(300);
        builder.HasIndex(m => m.At);
        builder.HasIndex(m => m.RegionCode);
    }
}

internal sealed class OrganizationApplicationConfiguration : IEntityTypeConfiguration<OrganizationApplication>
{
    public void Configure(EntityTypeBuilder<OrganizationApplication> builder)
    {
        builder.Property(a => a.UserId).HasMaxLength(64);
        builder.Property(a => a.ApplicantName).HasMaxLength(50);
        builder.Property(a => a.ApplicantPhone).HasMaxLength(20);
        builder.Property(a => a.RegionCode).HasMaxLength(12);
        builder.Property(a => a.ReturnReason).HasMaxLength(200);
        builder.Property(a => a.DecidedBy).HasMaxLength(256);
        builder.HasIndex(a => new { a.RegionCode, a.Status });
        builder.HasIndex(a => a.OrganizationId);
        builder.HasIndex(a => a.UserId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrganizationInvitationConfiguration : IEntityTypeConfiguration<OrganizationInvitation>
{
    public void Configure(EntityTypeBuilder<OrganizationInvitation> builder)
    {
        builder.Property(i => i.RegionCode).HasMaxLength(12);
        builder.Property(i => i.Phone).HasMaxLength(20);
        builder.Property(i => i.Code).HasMaxLength(16);
        builder.Property(i => i.InvitedByUserId).HasMaxLength(64);
        builder.Property(i => i.AcceptedUserId).HasMaxLength(64);
        builder.HasIndex(i => i.Code).IsUnique();
        builder.HasIndex(i => i.OrganizationId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
