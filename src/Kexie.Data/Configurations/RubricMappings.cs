using System.Linq.Expressions;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;
using Kexie.Domain.ThinkTank;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kexie.Data.Configurations;

/// <summary>The mapping of expert reviews on a rubric, shared by the think tank (calls, assignments) and contests (editions, assignments).</summary>
internal static class RubricMappings
{
    /// <summary>A rubric (the owner's <c>criteria</c> field) in its own table, keyed by <paramref name="ownerKey"/>.</summary>
    public static void OwnsCriteria<T>(this EntityTypeBuilder<T> builder, Expression<Func<T, IEnumerable<ReviewCriterion>?>> criteria, string table, string ownerKey)
        where T : class
    {
        builder.OwnsMany(criteria, r =>
        {
            r.ToTable(table);
            r.WithOwner().HasForeignKey(ownerKey);
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).ValueGeneratedNever();
            r.Property(x => x.Name).HasMaxLength(30);
            r.HasIndex(ownerKey);
        });
        builder.Navigation(criteria).HasField("criteria").UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    /// <summary>An expert's score sheet: its columns, the expert (kept while a sheet names them), the criterion scores in <paramref name="scoresTable"/>.</summary>
    public static void MapSheet<T>(this EntityTypeBuilder<T> builder, string scoresTable)
        where T : RubricSheet
    {
        builder.Property(a => a.RegionCode).HasMaxLength(12);
        builder.Property(a => a.ExpertName).HasMaxLength(50);
        builder.Property(a => a.AssignedByName).HasMaxLength(256);
        builder.Property(a => a.Opinion).HasMaxLength(MarketRules.NoteMaxLength);
        builder.Property(a => a.Total).HasPrecision(5, 1);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasOne<Expert>().WithMany().HasForeignKey(a => a.ExpertId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.ExpertWorkerId);
        builder.HasIndex(a => a.RegionCode);
        builder.OwnsMany(a => a.Scores, r =>
        {
            r.ToTable(scoresTable);
            r.WithOwner().HasForeignKey("AssignmentId");
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).ValueGeneratedNever();
            r.Property(x => x.Name).HasMaxLength(30);
            r.Property(x => x.Score).HasPrecision(5, 1);
            r.HasIndex("AssignmentId");
        });
        builder.Navigation(a => a.Scores).HasField("scores").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
