using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;

namespace Kexie.Web.Features.Matching;

/// <summary>Matching queries that take a draft in the body (POST without a write).</summary>
public static class MatchingPermissions
{
    public static readonly Permission Query = new("matching.query", "查重和学科推荐", "匹配", PermissionScope.Anyone, Permission.Everyone);

    public static readonly IReadOnlyList<Permission> All = [Query];
}
