using Kexie.Domain.Market;

namespace Kexie.Data.Migrations;

/// <summary>
/// What the settings page showed a person who saved notification settings before <c>NotificationPreference.ShownKinds</c>
/// existed, read from when they saved (<c>UpdatedAt</c>): the kinds the page came with, and each later kind only for rows saved
/// after the commit that added it. A row saved before could not have chosen on it, so it follows the default; a row saved after
/// is read as a choice (even if that node ran older code), so nobody's explicit choice changes. Shared by both providers'
/// migration Ux17NotificationShownKinds.
/// </summary>
internal static class ShownKindsBackfill
{
    /// <summary>The kinds of the first settings page (commit 1145add): 新的候选 … 即将到期.</summary>
    public static int FirstPage => Enumerable.Range(1, 10).Aggregate(0, (mask, kind) => mask | (1 << kind));

    /// <summary>Each later kind with the commit time (UTC) that added it.</summary>
    public static IReadOnlyList<(NotificationKind Kind, DateTimeOffset AddedAt)> Later { get; } =
    [
        (NotificationKind.SubscribedContent, new DateTimeOffset(2026, 12, 5, 16, 42, 33, TimeSpan.Zero)),
        (NotificationKind.VolunteerRecruitment, new DateTimeOffset(2026, 12, 6, 0, 41, 26, TimeSpan.Zero)),
        (NotificationKind.ActivityRegistration, new DateTimeOffset(2026, 12, 6, 16, 36, 42, TimeSpan.Zero)),
    ];

    /// <summary>The UPDATE, with <paramref name="literal"/> writing an instant as the provider stores <c>UpdatedAt</c>.</summary>
    public static string Sql(Func<DateTimeOffset, string> literal) =>
        $"""UPDATE "NotificationPreference" SET "ShownKinds" = {FirstPage}"""
        + string.Concat(Later.Select(k => $""" + CASE WHEN "UpdatedAt" >= {literal(k.AddedAt)} THEN {1 << (int)k.Kind} ELSE 0 END"""))
        + ";";
}
