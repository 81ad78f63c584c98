using Kexie.Domain.Dictionaries;
using Kexie.Domain.Directory;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Data.Exchange;

/// <summary>A science worker as the export writes it (the web export passes only what the caller may see).</summary>
public sealed record WorkerExportRow(
    string Name, Gender Gender, int? BirthYear, string? Employer, string? Title, IReadOnlyList<string> DisciplineCodes,
    string? Education, string? PoliticalStatus, string? Phone, string RegionCode, bool IsPublicProfile);

/// <summary>An organization as the export writes it.</summary>
public sealed record OrganizationExportRow(
    string Name, OrganizationKind Kind, string CreditCode, string? IndustryCode, string RegionCode, string? Address,
    string? ContactName, string? ContactPhone, bool IsVerified);

/// <summary>
/// The directory's Excel exports, shared by the web and the CLI: the import template's columns (so an export re-imports
/// unchanged), each code followed by its name in a column of its own (所在地区, 学科名称, 行业名称) and each list value
/// followed by its code (学历代码, 政治面貌代码, 职称代码). The importer ignores those added columns.
/// </summary>
public static class DirectoryExport
{
    /// <summary>Columns an export adds beside the template's: read-only, skipped on import.</summary>
    public static readonly IReadOnlySet<string> AddedColumns = new HashSet<string>(StringComparer.Ordinal)
    {
        "所在地区", "学科名称", "行业名称", "学历代码", "政治面貌代码", "职称代码", "审核状态",
        "累计接待团队", "累计观众人次", "累计服务场次", "所属服务队", "确认服务时长（小时）", "待确认服务时长（小时）", "服务次数",
    };

    public static async Task<byte[]> WorkersAsync(KexieDbContext db, DictionaryLookup dictionaries, IReadOnlyList<WorkerExportRow> rows, CancellationToken ct = default)
    {
        var regions = await RegionNamesAsync(db, rows.Select(r => r.RegionCode), ct);
        var wanted = rows.SelectMany(r => r.DisciplineCodes).Distinct().ToList();
        var disciplines = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in wanted.Chunk(500))
        {
            foreach (var d in await db.Disciplines.AsNoTracking().Where(d => chunk.Contains(d.Code)).Select(d => new { d.Code, d.Name }).ToListAsync(ct))
            {
                disciplines[d.Code] = d.Name;
            }
        }

        return ExcelExport.ToXlsx(rows,
        [
            ("姓名", w => w.Name),
            ("性别", w => w.Gender switch { Gender.Male => "男", Gender.Female => "女", _ => null }),
            ("出生年份", w => w.BirthYear),
            ("工作单位", w => w.Employer),
            ("职称", w => w.Title),
            ("职称代码", w => dictionaries.CodeOf(DictionaryTypes.Title, w.Title)),
            ("学科代码", w => string.Join(",", w.DisciplineCodes)),
            ("学科名称", w => string.Join("、", w.DisciplineCodes.Select(c => disciplines.GetValueOrDefault(c, c)))),
            ("学历", w => w.Education),
            ("学历代码", w => dictionaries.CodeOf(DictionaryTypes.Education, w.Education)),
            ("政治面貌", w => w.PoliticalStatus),
            ("政治面貌代码", w => dictionaries.CodeOf(DictionaryTypes.PoliticalStatus, w.PoliticalStatus)),
            ("手机号", w => w.Phone),
            ("行政区划代码", w => w.RegionCode),
            ("所在地区", w => regions.GetValueOrDefault(w.RegionCode)),
            ("公开资料", w => w.IsPublicProfile ? "是" : "否"),
        ], "科技工作者");
    }

    public static async Task<byte[]> OrganizationsAsync(KexieDbContext db, IReadOnlyList<OrganizationExportRow> rows, CancellationToken ct = default)
    {
        var regions = await RegionNamesAsync(db, rows.Select(r => r.RegionCode), ct);
        var wanted = rows.Select(r => r.IndustryCode).OfType<string>().Distinct().ToList();
        var industries = await db.Industries.AsNoTracking().Where(i => wanted.Contains(i.Code)).ToDictionaryAsync(i => i.Code, i => i.Name, ct);
        return ExcelExport.ToXlsx(rows,
        [
            ("单位名称", o => o.Name),
            ("单位类型", o => o.Kind.Chinese()),
            ("统一社会信用代码", o => o.CreditCode),
            ("行业代码", o => o.IndustryCode),
            ("行业名称", o => o.IndustryCode is { } code ? industries.GetValueOrDefault(code) : null),
            ("行政区划代码", o => o.RegionCode),
            ("所在地区", o => regions.GetValueOrDefault(o.RegionCode)),
            ("地址", o => o.Address),
            ("联系人", o => o.ContactName),
            ("联系电话", o => o.ContactPhone),
            ("审核状态", o => o.IsVerified ? "已审核" : "待审核"),
        ], "企事业单位");
    }

    private static async Task<Dictionary<string, string>> RegionNamesAsync(KexieDbContext db, IEnumerable<string> codes, CancellationToken ct)
    {
        var wanted = codes.Distinct().ToList();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in wanted.Chunk(500))
        {
            foreach (var r in await db.Regions.AsNoTracking().Where(r => chunk.Contains(r.Code)).Select(r => new { r.Code, r.Name, r.FullName }).ToListAsync(ct))
            {
                names[r.Code] = string.IsNullOrEmpty(r.FullName) ? r.Name : r.FullName;
            }
        }

        return names;
    }
}
