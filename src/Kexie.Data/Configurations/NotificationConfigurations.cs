using Kexie.Domain.Market;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kexie.Data.Configurations;

/// <summary>In-app notifications: listed per recipient newest first; the dedup key is unique per recipient.</summary>
internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.RecipientUserId).HasMaxLength(64);
        builder.Property(n => n.Title).HasMaxLength(Notification.TitleMaxLength);
        builder.Property(n => n.Body).HasMaxLength(Notification.BodyMaxLength);
        builder.Property(n => n.Link).HasMaxLength(Notification.LinkMaxLength);
        builder.Property(n => n.DedupKey).HasMaxLength(200);
        builder.Ignore(n => n.IsRead);
        builder.HasIndex(n => new { n.RecipientUserId, n.CreatedAt });
        builder.HasIndex(n => new { n.RecipientUserId, n.ReadAt });
        builder.HasIndex(n => new { n.RecipientUserId, n.DedupKey }).IsUnique();
        builder.HasIndex(n => n.DedupKey);
        // The e-mail dispatcher's scan: pending copies by age.
        builder.HasIndex(n => new { n.EmailState, n.CreatedAt });
        // The text dispatcher's scan, likewise.
        builder.HasIndex(n => new { n.TextState, n.CreatedAt });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(n => n.RecipientUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Channel choices per user (one row, absent = defaults), deleted with the account.</summary>
internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.UserId).HasMaxLength(64);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Daily digests sent: the primary key (user, day) makes the claim unique across nodes.</summary>
internal sealed class NotificationDigestConfiguration : IEntityTypeConfiguration<NotificationDigest>
{
    public void Configure(EntityTypeBuilder<NotificationDigest> builder)
    {
        builder.HasKey(d => new { d.UserId, d.Day });
        builder.Property(d => d.UserId).HasMaxLength(64);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Files of an order (contracts): metadata here, bytes in the file store under a random key.</summary>
internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.StorageKey).HasMaxLength(200);
        builder.Property(f => f.FileName).HasMaxLength(200);
        builder.Property(f => f.ContentType).HasMaxLength(100);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.Property(f => f.UploadedByUserId).HasMaxLength(64);
        builder.HasIndex(f => f.OrderId);
        builder.HasIndex(f => f.StorageKey).IsUnique();
        builder.HasOne<Order>().WithMany().HasForeignKey(f => f.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}
