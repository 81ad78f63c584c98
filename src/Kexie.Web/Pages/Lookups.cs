using Kexie.Data;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Talent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Kexie.Web.Pages;

/// <summary>A code with its Chinese name, for select lists and data lists.</summary>
public sealed record CodeName(string Code, string Name);

/// <summary>
/// Display names and pick lists from the public reference tables (regions, disciplines, industries).
/// Read-only and not access-controlled: records themselves always come through the Features services.
/// </summary>
public static class Lookups
{
    public static async Task<Dictionary<string, string>> RegionNamesAsync(KexieDbContext db, IEnumerable<string> codes, CancellationToken ct = default)
    {
        var wanted = codes.Where(c => !string.IsNullOrEmpty(c)).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        return await db.Regions.AsNoTracking().Where(r => wanted.Contains(r.Code))
            .ToDictionaryAsync(r => r.Code, r => string.IsNullOrEmpty(r.FullName) ? r.Name : r.FullName, ct);
    }

    /// <summary>The region <paramref name="root"/> and up to two levels below it (all provinces and prefectures for the whole country).</summary>
    public static async Task<List<CodeName>> RegionOptionsAsync(KexieDbContext db, string? root, CancellationToken ct = default)
    {
        var prefix = root ?? string.Empty;
        var maxLength = prefix.Length switch
        {
            0 => 4,
            2 => 6,
            _ => 9,
        };
        Task<List<CodeName>> Read() => db.Regions.AsNoTracking()
            .Where(r => r.Code.StartsWith(prefix) && r.Code.Length <= maxLength)
            .OrderBy(r => r.Code)
            .Take(800)
            .Select(r => new CodeName(r.Code, r.FullName == string.Empty ? r.Name : r.FullName))
            .ToListAsync(ct);

        // Kept per root by the host's cache (resolved through the context's application services; absent outside a host).
        var services = db.GetService<IDbContextOptions>()
            .FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        var cache = services?.GetService(typeof(Kexie.Web.Features.Regions.RegionOptionsCache)) as Kexie.Web.Features.Regions.RegionOptionsCache;
        return cache is null ? await Read() : await cache.GetAsync(prefix, Read);
    }

    /// <summary>The root of an actor's pick lists: the managed subtree, else the actor's own region, else the whole country.</summary>
    public static string RootFor(Actor actor) =>
        actor.ManagedScope ?? (actor.IsAuthenticated && actor.RegionCode != "-" ? actor.RegionCode : string.Empty);

    public static async Task<List<CodeName>> DisciplinesAsync(KexieDbContext db, int maxLevel, CancellationToken ct = default) =>
        await db.Disciplines.AsNoTracking().Where(d => d.Level <= maxLevel).OrderBy(d => d.Code)
            .Select(d => new CodeName(d.Code, d.Name)).ToListAsync(ct);

    public static async Task<Dictionary<string, string>> DisciplineNamesAsync(KexieDbContext db, IEnumerable<string> codes, CancellationToken ct = default)
    {
        var wanted = codes.Distinct().ToList();
        return wanted.Count == 0 ? [] : await db.Disciplines.AsNoTracking().Where(d => wanted.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
    }

    public static async Task<List<CodeName>> IndustriesAsync(KexieDbContext db, CancellationToken ct = default) =>
        await db.Industries.AsNoTracking().OrderBy(i => i.Code)
            .Select(i => new CodeName(i.Code, i.Name)).ToListAsync(ct);

    public static async Task<string?> IndustryNameAsync(KexieDbContext db, string? code, CancellationToken ct = default) =>
        code is null ? null : await db.Industries.AsNoTracking().Where(i => i.Code == code).Select(i => i.Name).FirstOrDefaultAsync(ct);

    public static string GenderName(Gender gender) => gender switch
    {
        Gender.Male => "男",
        Gender.Female => "女",
        _ => "未填",
    };

    public static string MemberRoleName(MemberRole role) => role switch
    {
        MemberRole.Chair => "主席/会长",
        MemberRole.ViceChair => "副主席/副会长",
        MemberRole.Council => "理事",
        _ => "会员",
    };

    public static string AgencyStatusName(AgencyStatus status) => status switch
    {
        AgencyStatus.Admitted => "已入驻",
        AgencyStatus.Suspended => "已暂停",
        _ => "申请中",
    };

    public static string ExpertLevelName(Kexie.Domain.Talent.ExpertLevel level) => level.Chinese();

    public static string ExpertStatusName(Kexie.Domain.Talent.ExpertStatus status) =>
        status == Kexie.Domain.Talent.ExpertStatus.Active ? "在库" : "已退出";

    /// <summary>China Standard Time, as the UI shows every time; the far ends of time (an account disabled for good is locked
    /// out until <see cref="DateTimeOffset.MaxValue"/>) read “长期”.</summary>
    public static string Cst(DateTimeOffset at) => at.UtcDateTime > DateTime.MaxValue.AddYears(-1) || at.UtcDateTime < DateTime.MinValue.AddYears(1)
        ? "长期"
        : at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
