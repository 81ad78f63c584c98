using Kexie.Domain.Dictionaries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kexie.Data.Configurations;

internal sealed class DictionaryEntryConfiguration : IEntityTypeConfiguration<DictionaryEntry>
{
    public void Configure(EntityTypeBuilder<DictionaryEntry> builder)
    {
        builder.Property(e => e.Type).HasMaxLength(32);
        builder.Property(e => e.Code).HasMaxLength(20);
        builder.Property(e => e.Name).HasMaxLength(50);
        builder.PrimitiveCollection(e => e.Synonyms);
        builder.HasIndex(e => new { e.Type, e.Code }).IsUnique();
        builder.HasIndex(e => new { e.Type, e.Name }).IsUnique();
    }
}
