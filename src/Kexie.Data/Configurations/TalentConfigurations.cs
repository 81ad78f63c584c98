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
