using Kexie.Data.Matching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kexie.Data.Configurations;

internal sealed class MatchOutboxConfiguration : IEntityTypeConfiguration<MatchOutboxEntry>
{
    public void Configure(EntityTypeBuilder<MatchOutboxEntry> builder)
    {
        builder.ToTable("MatchOutbox");
        builder.HasKey(x => x.Sequence);
        builder.Property(x => x.Sequence).ValueGeneratedOnAdd();
        builder.HasIndex(x => x.At);
    }
}
