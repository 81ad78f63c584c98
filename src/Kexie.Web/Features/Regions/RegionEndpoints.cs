using Microsoft.AspNetCore.Http.HttpResults;
using Kexie.Web.Infrastructure;
using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Regions;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Regions;

public sealed record RegionDto(string Code, string Name, string FullName, RegionLevel Level, string? ParentCode, int ChildCount);

public sealed record TaxonomyDto(string Code, string Name, string Level, string? ParentCode);

/// <summary>Region tree and code tables (public reference data).</summary>
public static class RegionEndpoints
{
    public static RouteGroupBuilder MapRegions(this RouteGroupBuilder api)
    {
        var regions = api.MapGroup("/regions").WithTags("行政区划");
        regions.MapGet("/", ListRegions)
            .WithSummary("下级行政区划（不带 parent 时为各省）");
        regions.MapGet("/{code}", GetRegion);
        regions.MapGet("/{code}/children", ListChildren);
        regions.MapGet("/{code}/ancestry", ListAncestry);

        var taxonomy = api.MapGroup("/taxonomy").WithTags("代码表");
        taxonomy.MapGet("/disciplines", ListDisciplines).WithSummary("学科分类（GB/T 13745-2009）");
        taxonomy.MapGet("/industries", ListIndustries).WithSummary("国民经济行业分类（GB/T 4754-2017）");

        var lookups = api.MapGroup("/lookups").WithTags("代码表");
        lookups.MapGet("/{kind}", Lookup)
            .WithSummary("选择器检索：regions / industries / disciplines，按中文名称、拼音首字母（如 cy 找到茶叶种植）或代码前缀查找（q），或按代码取名称（codes=a,b）；top 默认10，最多50");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<RegionDto>>> ListRegions(RegionQueries q, string? parent, CancellationToken ct) =>
        TypedResults.Ok(await q.ChildrenAsync(parent, ct));

    public static async Task<Ok<RegionDto>> GetRegion(RegionQueries q, string code, CancellationToken ct) =>
        TypedResults.Ok(await q.GetAsync(code, ct));

    public static async Task<Ok<IReadOnlyList<RegionDto>>> ListChildren(RegionQueries q, string code, CancellationToken ct) =>
        TypedResults.Ok(await q.ChildrenAsync(code, ct));

    public static async Task<Ok<IReadOnlyList<RegionDto>>> ListAncestry(RegionQueries q, string code, CancellationToken ct) =>
        TypedResults.Ok(await q.AncestryAsync(code, ct));

    public static async Task<Ok<List<TaxonomyDto>>> ListDisciplines(KexieDbContext db, string? parent, string? q, CancellationToken ct)
    {
        var query = db.Disciplines.AsNoTracking();
        query = !string.IsNullOrWhiteSpace(q)
            ? query.Where(d => d.Name.Contains(q) || d.Code.StartsWith(q)).Take(50)
            : query.Where(d => d.ParentCode == (string.IsNullOrWhiteSpace(parent) ? null : parent));
        return TypedResults.Ok(await query.OrderBy(d => d.Code).Select(d => new TaxonomyDto(d.Code, d.Name, d.Level.ToString(), d.ParentCode)).ToListAsync(ct));
    }

    public static async Task<Ok<List<TaxonomyDto>>> ListIndustries(KexieDbContext db, string? parent, string? q, CancellationToken ct)
    {
        var query = db.Industries.AsNoTracking();
        query = !string.IsNullOrWhiteSpace(q)
            ? query.Where(i => i.Name.Contains(q) || i.Code.StartsWith(q)).Take(50)
            : query.Where(i => i.ParentCode == (string.IsNullOrWhiteSpace(parent) ? null : parent));
        return TypedResults.Ok(await query.OrderBy(i => i.Code).Select(i => new TaxonomyDto(i.Code, i.Name, i.Level, i.ParentCode)).ToListAsync(ct));
    }

    public static async Task<Ok<IReadOnlyList<LookupItemDto>>> Lookup(HttpContext http, LookupIndex index, Microsoft.Extensions.Options.IOptions<Workbench.SiteOptions> site, string kind, string? q, string? codes, int? top, CancellationToken ct) =>
        Enum.TryParse<LookupKind>(kind, ignoreCase: true, out var k) && !int.TryParse(kind, out _)
            ? TypedResults.Ok(await index.SearchAsync(k, q, codes, top, ct, Near(http.User.ToActor().RegionCode, site.Value.RegionCode)))
            : throw new NotFoundException("没有这种代码表（可用：regions 行政区划、industries 行业、disciplines 学科）");

    /// <summary>
    /// Where the person is: their own region when signed in, else the site's; places of the same city (4 digits) come
    /// first among equally good region matches, so "dy" in 大英县 finds 大英县 before 德阳市's counties elsewhere.
    /// </summary>
    private static string? Near(string? userRegion, string? siteRegion)
    {
        var home = RegionCode.IsWellFormed(userRegion) ? userRegion : RegionCode.IsWellFormed(siteRegion) ? siteRegion : null;
        return home?[..Math.Min(4, home.Length)];
    }
}

public sealed class RegionQueries(KexieDbContext db)
{
    public async Task<RegionDto> GetAsync(string code, CancellationToken ct = default)
    {
        var region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == code, ct) ?? throw new NotFoundException($"行政区划“{code}”不存在");
        var children = await db.Regions.CountAsync(r => r.ParentCode == code, ct);
        return new RegionDto(region.Code, region.Name, region.FullName, region.Level, region.ParentCode, children);
    }

    public async Task<IReadOnlyList<RegionDto>> ChildrenAsync(string? parent, CancellationToken ct = default)
    {
        var parentCode = string.IsNullOrWhiteSpace(parent) ? null : parent.Trim();
        if (parentCode is not null && !await db.Regions.AnyAsync(r => r.Code == parentCode, ct))
        {
            throw new NotFoundException($"行政区划“{parentCode}”不存在");
        }

        return await db.Regions.AsNoTracking()
            .Where(r => r.ParentCode == parentCode)
            .OrderBy(r => r.Code)
            .Select(r => new RegionDto(r.Code, r.Name, r.FullName, r.Level, r.ParentCode, db.Regions.Count(c => c.ParentCode == r.Code)))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<RegionDto>> AncestryAsync(string code, CancellationToken ct = default)
    {
        var codes = RegionCode.Ancestry(code).ToList();
        var regions = await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code)).OrderBy(r => r.Code.Length).ToListAsync(ct);
        if (regions.Count == 0 || regions[^1].Code != code)
        {
            throw new NotFoundException($"行政区划“{code}”不存在");
        }

        return regions.Select(r => new RegionDto(r.Code, r.Name, r.FullName, r.Level, r.ParentCode, 0)).ToList();
    }
}
