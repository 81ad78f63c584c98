using System.Collections.Concurrent;
using Kexie.Data;
using Kexie.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Regions;

/// <summary>One entry a picker offers: the code (stored), the name (shown), the full path for regions, the level's name.</summary>
public sealed record LookupItemDto(string Code, string Name, string? Path, string? Level);

/// <summary>The code tables a picker searches.</summary>
public enum LookupKind
{
    Regions,
    Industries,
    Disciplines,
}

/// <summary>
/// The pinyin readings, read once per process and file from Unicode's Unihan database (<c>Lookups:UnihanPath</c>,
/// default Debian's <c>/usr/share/unicode/Unihan_Readings.txt.bz2</c> from the package <c>unicode-data</c>; a plain
/// <c>.txt</c> works too). Without the file pickers still find entries by name and code, and a warning says why
/// pinyin initials do not work.
/// </summary>
public sealed class PinyinSource(IConfiguration configuration, ILogger<PinyinSource> logger)
{
    public const string DefaultPath = "/usr/share/unicode/Unihan_Readings.txt.bz2";

    private static readonly ConcurrentDictionary<string, Lazy<PinyinInitials?>> Loaded = new(StringComparer.Ordinal);

    public string Path => configuration["Lookups:UnihanPath"] is { Length: > 0 } p ? p : DefaultPath;

    /// <summary>The readings, or <see cref="PinyinInitials.Empty"/> when the file is missing or unreadable.</summary>
    public PinyinInitials Initials => Loaded.GetOrAdd(Path, path => new Lazy<PinyinInitials?>(() => Load(path))).Value ?? PinyinInitials.Empty;

    private PinyinInitials? Load(string path)
    {
        var file = File.Exists(path) ? path
            : path.EndsWith(".bz2", StringComparison.Ordinal) && File.Exists(path[..^4]) ? path[..^4]
            : File.Exists(path + ".bz2") ? path + ".bz2"
            : null;
        if (file is null)
        {
            logger.LogWarning("找不到 Unihan 读音文件 {Path}（Debian 软件包 unicode-data）：选择器只能按名称和代码查找，不能按拼音首字母查找。请安装 unicode-data 或设置 Lookups:UnihanPath", path);
            return null;
        }

        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            using var stream = File.OpenRead(file);
            using var content = file.EndsWith(".bz2", StringComparison.Ordinal)
                ? SharpCompress.Compressors.BZip2.BZip2Stream.Create(stream, SharpCompress.Compressors.CompressionMode.Decompress, false, false, false)
                : (Stream)stream;
            using var reader = new StreamReader(content, System.Text.Encoding.UTF8);
            var initials = PinyinInitials.Parse(reader);
            logger.LogInformation("已读取 {Count} 个汉字的拼音（{File}，{Ms} ms）", initials.Count, file, started.ElapsedMilliseconds);
            return initials;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or SharpCompress.Common.SharpCompressException)
        {
            logger.LogWarning(e, "无法读取 Unihan 读音文件 {Path}：选择器只能按名称和代码查找", file);
            return null;
        }
    }
}

/// <summary>
/// Search of the region tree and the GB/T 4754 / GB/T 13745 tables by Chinese name, by pinyin initials ("cy" finds
/// 茶叶种植, "cq" 重庆市) and by code prefix. Each table is read and its initials computed once per node (reference
/// data does not change while it runs), in the background at start-up (<see cref="LookupWarmUp"/>), never per request.
/// </summary>
public sealed class LookupIndex(IServiceScopeFactory scopes, PinyinSource pinyin)
{
    public const int MaxTop = 50;

    private sealed record Entry(string Code, string Name, string? Path, string? Level, string[] Initials, int Depth);

    private readonly ConcurrentDictionary<LookupKind, Lazy<Task<Entry[]>>> tables = new();

    /// <summary>Builds every table (start-up).</summary>
    public Task WarmUpAsync() => Task.WhenAll(Enum.GetValues<LookupKind>().Select(TableAsync));

    /// <summary>
    /// Entries whose name contains <paramref name="q"/>, whose initials contain it (Latin letters), or whose code starts
    /// with it; best first: exact name, then name or initials starting with it, then containing it; shallower levels
    /// first. <paramref name="codes"/> instead returns the named entries (a picker showing what a field already holds).
    /// </summary>
    /// <param name="near">A region code prefix (regions only): among equally good matches, entries under it come first.</param>
    public async Task<IReadOnlyList<LookupItemDto>> SearchAsync(LookupKind kind, string? q, string? codes, int? top, CancellationToken ct = default, string? near = null)
    {
        var table = await TableAsync(kind).WaitAsync(ct);
        var limit = Math.Clamp(top ?? 10, 1, MaxTop);
        if (!string.IsNullOrWhiteSpace(codes))
        {
            var wanted = codes.Split([',', '，', ' ', ';', '；', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(MaxTop).ToList();
            var byCode = table.ToDictionary(e => e.Code, StringComparer.Ordinal);
            return wanted.Select(c => byCode.GetValueOrDefault(c)).OfType<Entry>().Select(Dto).ToList();
        }

        var text = q?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return [];
        }

        var initials = PinyinInitials.IsInitialsQuery(text) ? text.ToLowerInvariant() : null;
        var ranked = new List<(Entry Entry, int Rank)>();
        foreach (var e in table)
        {
            int? rank = e.Name == text ? 0
                : e.Code.StartsWith(text, StringComparison.OrdinalIgnoreCase) ? 1
                : e.Name.StartsWith(text, StringComparison.Ordinal) ? 2
                : initials is not null && e.Initials.Any(i => i.StartsWith(initials, StringComparison.Ordinal)) ? 2
                : e.Name.Contains(text, StringComparison.Ordinal) ? 3
                : initials is not null && e.Initials.Any(i => i.Contains(initials, StringComparison.Ordinal)) ? 3
                : null;
            if (rank is { } r)
            {
                ranked.Add((e, r));
            }
        }

        var local = kind == LookupKind.Regions && !string.IsNullOrEmpty(near) ? near : null;
        return ranked.OrderBy(x => x.Rank)
            .ThenBy(x => local is not null && x.Entry.Code.StartsWith(local, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(x => x.Entry.Depth).ThenBy(x => x.Entry.Code, StringComparer.Ordinal)
            .Take(limit).Select(x => Dto(x.Entry)).ToList();
    }

    private static LookupItemDto Dto(Entry e) => new(e.Code, e.Name, e.Path, e.Level);

    private Task<Entry[]> TableAsync(LookupKind kind)
    {
        var lazy = tables.GetOrAdd(kind, k => new Lazy<Task<Entry[]>>(() => Task.Run(() => LoadAsync(k))));
        if (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
        {
            tables.TryRemove(new KeyValuePair<LookupKind, Lazy<Task<Entry[]>>>(kind, lazy)); // a failed read is retried by the next query
        }

        return lazy.Value;
    }

    private async Task<Entry[]> LoadAsync(LookupKind kind)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
        var readings = pinyin.Initials;
        string[] Of(string name) => [.. readings.Of(name)];
        switch (kind)
        {
            case LookupKind.Regions:
                var regions = await db.Regions.AsNoTracking().Select(r => new { r.Code, r.Name, r.FullName, r.Level }).ToListAsync();
                return regions.Select(r => new Entry(r.Code, r.Name, r.FullName, RegionLevelName(r.Level), Of(r.Name), r.Code.Length)).ToArray();
            case LookupKind.Industries:
                var industries = await db.Industries.AsNoTracking().Select(i => new { i.Code, i.Name, i.Level }).ToListAsync();
                return industries.Select(i => new Entry(i.Code, i.Name, null, IndustryLevel(i.Level), Of(i.Name), i.Code.Length)).ToArray();
            default:
                var disciplines = await db.Disciplines.AsNoTracking().Select(d => new { d.Code, d.Name, d.Level }).ToListAsync();
                return disciplines.Select(d => new Entry(d.Code, d.Name, null, d.Level switch { 1 => "一级学科", 2 => "二级学科", _ => "三级学科" }, Of(d.Name), d.Level)).ToArray();
        }
    }

    private static string RegionLevelName(Kexie.Domain.Regions.RegionLevel level) => level switch
    {
        Kexie.Domain.Regions.RegionLevel.Province => "省级",
        Kexie.Domain.Regions.RegionLevel.Prefecture => "地市级",
        Kexie.Domain.Regions.RegionLevel.County => "县级",
        Kexie.Domain.Regions.RegionLevel.Township => "乡镇级",
        _ => "全国",
    };

    private static string IndustryLevel(string level) => level switch
    {
        "section" => "门类",
        "division" => "大类",
        "group" => "中类",
        _ => "小类",
    };
}

/// <summary>Builds the picker tables in the background when the node starts (<c>Lookups:WarmUp</c>, default true).</summary>
public sealed class LookupWarmUp(LookupIndex index, IConfiguration configuration, ILogger<LookupWarmUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration.GetValue("Lookups:WarmUp", true))
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await index.WarmUpAsync();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    logger.LogWarning(e, "选择器代码表预加载失败，将在首次查询时重试");
                }
            }, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
