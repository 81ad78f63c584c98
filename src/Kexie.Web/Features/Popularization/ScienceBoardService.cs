using Kexie.Data;
using Kexie.Data.Exchange;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Popularization;

public sealed record ScienceBoardFilter(string? Q = null, string? Region = null, ScienceBoardKind? Kind = null, ScienceBoardStatus? Status = null, int? Page = null, int? PageSize = null);

public sealed record ScienceBoardRequest(
    string? Name, ScienceBoardKind Kind, string? RegionCode, string? Location = null, int? Panels = null, DateOnly? BuiltOn = null,
    ScienceBoardStatus Status = ScienceBoardStatus.InUse, DateOnly? RetiredOn = null, string? Theme = null, string? Maintainer = null, string? Note = null);

public sealed record ScienceBoardRefreshRequest(DateOnly? Day, string? Topic, string? Note = null);

/// <summary>A board as the list and the details show it; <c>Actions</c> is what the caller may do (edit, refresh).</summary>
public sealed record ScienceBoardDto(
    Guid Id, string Name, ScienceBoardKind Kind, string KindName, string RegionCode, string RegionName, string? Location, int Panels, DateOnly BuiltOn,
    ScienceBoardStatus Status, string StatusName, DateOnly? RetiredOn, string? Theme, string? Maintainer, string? Note, DateOnly? LastRefreshedOn,
    int Refreshes, int Version, IReadOnlyList<string> Actions);

/// <summary>One 更新内容; the photo's name only for the region's managers (the photo is theirs).</summary>
public sealed record ScienceBoardRefreshDto(Guid Id, Guid BoardId, DateOnly Day, string Topic, string? Note, string? PhotoFileName);

public sealed record ScienceBoardDetailsDto(ScienceBoardDto Board, IReadOnlyList<ScienceBoardRefreshDto> Refreshes);

/// <summary>Boards of one kind in use in a period: how many, their boards (块), how many were set up in the period.</summary>
public sealed record ScienceBoardKindCount(ScienceBoardKind Kind, string KindName, int InUse, int Panels, int New);

/// <summary>
/// 科普宣传栏、宣传点 of a region subtree in a period: those in use (built by the end, not retired before the start) by kind, those set
/// up in the period (by theme for 宣传点), and the content refreshes recorded in it, with the report's sentence.
/// </summary>
public sealed record ScienceBoardStatisticsDto(
    string RegionCode, string RegionName, int Year, int InUse, int Panels, IReadOnlyList<ScienceBoardKindCount> ByKind, int New,
    IReadOnlyList<VisitTotals> NewPointsByTheme, int Refreshes, int BoardsRefreshed, string Summary);

/// <summary>
/// 科普宣传栏、宣传橱窗、科普画廊、科普宣传点: a public registry by region and kind, managed by the region's 科协 admins
/// (<see cref="PopularizationPermissions.ManageBoards"/>), who log each content refresh with its topic and photo. Counts for a region
/// and period come from the records (<see cref="StatisticsAsync(string, DayRange, CancellationToken)"/>).
/// </summary>
public sealed class ScienceBoardService(KexieDbContext db, AccessPolicy policy, IFileStore store, TimeProvider clock, ReferenceCodesCache reference)
{
    public const string Edit = "edit";
    public const string Refresh = "refresh";

    public async Task<PagedResult<ScienceBoardDto>> ListAsync(Actor actor, ScienceBoardFilter filter, CancellationToken ct = default)
    {
        var page = PageRequest.Of(filter.Page, filter.PageSize);
        var query = Filtered(filter);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(b => b.RegionCode).ThenBy(b => b.Kind).ThenBy(b => b.Name).ThenBy(b => b.Id).Skip(page.Skip).Take(page.PageSize)
            .Select(b => new { Board = b, Refreshes = db.ScienceBoardRefreshes.Count(r => r.BoardId == b.Id) })
            .ToListAsync(ct);
        var names = await Lookups.RegionNamesAsync(db, rows.Select(r => r.Board.RegionCode), ct);
        return new PagedResult<ScienceBoardDto>(rows.Select(r => ToDto(r.Board, actor, names, r.Refreshes)).ToList(), total, page.Page, page.PageSize);
    }

    public async Task<ScienceBoardDetailsDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var board = await db.ScienceBoards.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw new NotFoundException("科普宣传栏不存在");
        var refreshes = await db.ScienceBoardRefreshes.AsNoTracking().Where(r => r.BoardId == id).OrderByDescending(r => r.Day).ThenByDescending(r => r.CreatedAt).Take(500).ToListAsync(ct);
        var dto = ToDto(board, actor, await Lookups.RegionNamesAsync(db, [board.RegionCode], ct), refreshes.Count);
        var manager = dto.Actions.Count > 0;
        return new ScienceBoardDetailsDto(dto, refreshes.Select(r => ToDto(r, manager)).ToList());
    }

    public async Task<ScienceBoardDto> CreateAsync(Actor actor, ScienceBoardRequest r, CancellationToken ct = default)
    {
        var board = ScienceBoard.Create(ToData(r), actor, clock.GetUtcNow());
        (await reference.GetAsync(db, ct)).RequireRegion(board.RegionCode);
        if (await db.ScienceBoards.AnyAsync(b => b.RegionCode == board.RegionCode && b.Name == board.Name, ct))
        {
            throw new DomainValidationException("name", $"本地区已有名为“{board.Name}”的宣传栏（宣传点）");
        }

        db.ScienceBoards.Add(board);
        await db.SaveChangesAsync(ct);
        return ToDto(board, actor, await Lookups.RegionNamesAsync(db, [board.RegionCode], ct), 0);
    }

    public async Task<ScienceBoardDto> UpdateAsync(Actor actor, Guid id, ScienceBoardRequest r, int? expectedVersion = null, CancellationToken ct = default)
    {
        var board = await FindAsync(id, ct);
        MarketSupport.CheckVersion(board.Version, expectedVersion);
        board.Update(ToData(r), actor, clock.GetUtcNow());
        (await reference.GetAsync(db, ct)).RequireRegion(board.RegionCode);
        if (await db.ScienceBoards.AnyAsync(b => b.Id != id && b.RegionCode == board.RegionCode && b.Name == board.Name, ct))
        {
            throw new DomainValidationException("name", $"本地区已有名为“{board.Name}”的宣传栏（宣传点）");
        }

        await db.SaveChangesAsync(ct);
        return ToDto(board, actor, await Lookups.RegionNamesAsync(db, [board.RegionCode], ct), await db.ScienceBoardRefreshes.CountAsync(x => x.BoardId == id, ct));
    }

    public async Task<ScienceBoardRefreshDto> RecordRefreshAsync(Actor actor, Guid id, ScienceBoardRefreshRequest r, CancellationToken ct = default)
    {
        var board = await FindAsync(id, ct);
        var refresh = board.RecordRefresh(new ScienceBoardRefreshData(r.Day, r.Topic, r.Note), actor, clock.GetUtcNow());
        db.ScienceBoardRefreshes.Add(refresh);
        await db.SaveChangesAsync(ct);
        return ToDto(refresh, true);
    }

    /// <summary>Removes a mistaken refresh record (the audit trail keeps it) and its photo.</summary>
    public async Task DeleteRefreshAsync(Actor actor, Guid id, Guid refreshId, CancellationToken ct = default)
    {
        var board = await FindAsync(id, ct);
        board.RequireManager(actor);
        var refresh = await db.ScienceBoardRefreshes.FirstOrDefaultAsync(x => x.Id == refreshId && x.BoardId == id, ct) ?? throw new NotFoundException("更新记录不存在");
        db.ScienceBoardRefreshes.Remove(refresh);
        var latest = await db.ScienceBoardRefreshes.Where(x => x.BoardId == id && x.Id != refreshId).OrderByDescending(x => x.Day).Select(x => (DateOnly?)x.Day).FirstOrDefaultAsync(ct);
        board.RefreshesChanged(latest, actor, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        if (refresh.PhotoStorageKey is { } key)
        {
            await store.DeleteAsync(key, CancellationToken.None);
        }
    }

    /// <summary>Attaches the photo of a refresh's new content (an image; replacing one attached).</summary>
    public async Task<ScienceBoardRefreshDto> AttachPhotoAsync(Actor actor, Guid id, Guid refreshId, IFormFile? file, CancellationToken ct = default)
    {
        var board = await FindAsync(id, ct);
        var refresh = await db.ScienceBoardRefreshes.FirstOrDefaultAsync(x => x.Id == refreshId && x.BoardId == id, ct) ?? throw new NotFoundException("更新记录不存在");
        board.RequireManager(actor);
        var upload = await UploadInspector.InspectAsync(file, ct);
        var old = await store.SaveThenRecordAsync(upload, async data =>
        {
            var replaced = refresh.AttachPhoto(board, data, actor, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return replaced;
        }, ct);
        if (old is not null)
        {
            await store.DeleteAsync(old, CancellationToken.None);
        }

        return ToDto(refresh, true);
    }

    /// <summary>The photo, for the region's managers only (anyone else: not found, naming nothing).</summary>
    public async Task<FileDownload> PhotoAsync(Actor actor, Guid id, Guid refreshId, CancellationToken ct = default)
    {
        var refresh = await db.ScienceBoardRefreshes.AsNoTracking().FirstOrDefaultAsync(x => x.Id == refreshId && x.BoardId == id, ct);
        if (refresh?.PhotoStorageKey is not { } key || !Manages(actor, refresh.RegionCode))
        {
            throw new NotFoundException("照片不存在");
        }

        return await store.DownloadAsync(key, refresh.PhotoContentType ?? "application/octet-stream", refresh.PhotoFileName ?? "照片", ct, missing: "照片不存在");
    }

    /// <summary>The list as Excel, with the import template's columns (so an exported list can be edited and imported back).</summary>
    public async Task<byte[]> ExportAsync(Actor actor, ScienceBoardFilter filter, CancellationToken ct = default)
    {
        var boards = await Filtered(filter).OrderBy(b => b.RegionCode).ThenBy(b => b.Kind).ThenBy(b => b.Name).Take(10_000).ToListAsync(ct);
        var names = await Lookups.RegionNamesAsync(db, boards.Select(b => b.RegionCode), ct);
        var headers = DirectoryImporter.ColumnsOf(ImportKind.ScienceBoards).ToDictionary(c => c.Field, c => c.Header);
        return ExcelExport.ToXlsx(boards, [
            (headers["name"], b => b.Name),
            (headers["kind"], b => b.Kind.Chinese()),
            (headers["regionCode"], b => b.RegionCode),
            ("所在地区", b => names.GetValueOrDefault(b.RegionCode, "未知地区")),
            (headers["location"], b => b.Location),
            (headers["panels"], b => b.Panels),
            (headers["builtOn"], b => b.BuiltOn.ToString("yyyy-MM-dd")),
            (headers["status"], b => b.Status.Chinese()),
            (headers["retiredOn"], b => b.RetiredOn?.ToString("yyyy-MM-dd")),
            (headers["theme"], b => b.Theme),
            (headers["maintainer"], b => b.Maintainer),
            (headers["note"], b => b.Note),
            ("最近更新日期", b => b.LastRefreshedOn?.ToString("yyyy-MM-dd")),
        ], "科普宣传栏");
    }

    public async Task<ScienceBoardStatisticsDto> StatisticsAsync(string? region, int? year, CancellationToken ct = default)
    {
        var code = MarketSupport.RegionFilter(region) ?? throw new DomainValidationException("region", "请选择地区");
        var y = year ?? MarketRules.ChinaDate(clock.GetUtcNow()).Year;
        if (y is < 1950 or > 2100)
        {
            throw new DomainValidationException("year", "年份不正确");
        }

        return await StatisticsAsync(code, new DayRange(new DateOnly(y, 1, 1), new DateOnly(y, 12, 31)), ct);
    }

    /// <summary>The boards of a region subtree in use during <paramref name="range"/>, those set up in it, and its refreshes.</summary>
    public async Task<ScienceBoardStatisticsDto> StatisticsAsync(string code, DayRange range, CancellationToken ct = default)
    {
        var (from, to) = (range.First, range.Last);
        var boards = await db.ScienceBoards.AsNoTracking()
            .Where(b => RegionScope.Within(b.RegionCode, code) && b.BuiltOn <= to && (b.RetiredOn == null || b.RetiredOn >= from))
            .Select(b => new { b.Kind, b.Panels, b.BuiltOn, b.Theme })
            .ToListAsync(ct);
        var refreshes = await db.ScienceBoardRefreshes.AsNoTracking()
            .Where(r => RegionScope.Within(r.RegionCode, code) && r.Day >= from && r.Day <= to)
            .GroupBy(r => r.BoardId).Select(g => g.Count()).ToListAsync(ct);
        var byKind = boards.GroupBy(b => b.Kind).OrderBy(g => g.Key)
            .Select(g => new ScienceBoardKindCount(g.Key, g.Key.Chinese(), g.Count(), g.Sum(b => b.Panels), g.Count(b => b.BuiltOn >= from))).ToList();
        var points = boards.Where(b => b.Kind == ScienceBoardKind.Point && b.BuiltOn >= from && b.Theme != null).GroupBy(b => b.Theme!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new VisitTotals(g.Key, g.Key, g.Count(), 0, 0)).ToList();
        var regionName = (await Lookups.RegionNamesAsync(db, [code], ct)).GetValueOrDefault(code, "所选地区");
        return new ScienceBoardStatisticsDto(
            code, regionName, to.Year, boards.Count, boards.Sum(b => b.Panels), byKind, boards.Count(b => b.BuiltOn >= from), points,
            refreshes.Sum(), refreshes.Count, Summary(range, byKind, points, refreshes.Sum()));
    }

    /// <summary>
    /// The report's sentence: "2025年，在用科普宣传栏12个（36块）、科普宣传点2个；新开辟科普宣传栏3个，设立疫情防控科普宣传点2个；全年更新宣传内容30期。"
    /// </summary>
    public static string Summary(DayRange range, IReadOnlyList<ScienceBoardKindCount> byKind, IReadOnlyList<VisitTotals> newPointsByTheme, int refreshes)
    {
        var text = PopularizationPeriod.Text(range) + "，";
        if (byKind.Count == 0)
        {
            return text + "未登记在用的科普宣传栏、宣传点。";
        }

        text += "在用" + string.Join("、", byKind.Select(k => k.Kind == ScienceBoardKind.Point ? $"{k.KindName}{k.InUse}个" : $"{k.KindName}{k.InUse}个（{k.Panels}块）"));
        var added = new List<string>();
        foreach (var k in byKind.Where(k => k.New > 0 && k.Kind != ScienceBoardKind.Point))
        {
            added.Add($"新开辟{k.KindName}{k.New}个");
        }

        if (byKind.FirstOrDefault(k => k.Kind == ScienceBoardKind.Point) is { New: > 0 } point)
        {
            var themed = newPointsByTheme.Sum(t => t.Sessions);
            var parts = newPointsByTheme.Select(t => $"{t.Name}科普宣传点{t.Sessions}个").ToList();
            if (point.New > themed)
            {
                parts.Add($"{(themed > 0 ? "其他" : string.Empty)}科普宣传点{point.New - themed}个");
            }

            added.Add("设立" + string.Join("、", parts));
        }

        if (added.Count > 0)
        {
            text += "；" + string.Join("，", added);
        }

        return text + $"；{(PopularizationPeriod.IsYear(range) ? "全年" : "期间")}更新宣传内容{refreshes}期。";
    }

    private IQueryable<ScienceBoard> Filtered(ScienceBoardFilter filter)
    {
        var query = db.ScienceBoards.AsNoTracking();
        if (MarketSupport.RegionFilter(filter.Region) is { } region)
        {
            query = query.Where(b => RegionScope.Within(b.RegionCode, region));
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(b => b.Name.Contains(q) || (b.Location != null && b.Location.Contains(q)) || (b.Maintainer != null && b.Maintainer.Contains(q)));
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(b => b.Kind == kind);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(b => b.Status == status);
        }

        return query;
    }

    private bool Manages(Actor actor, string regionCode) => actor.Manages(regionCode) && policy.Can(actor, PopularizationPermissions.ManageBoards, regionCode);

    private async Task<ScienceBoard> FindAsync(Guid id, CancellationToken ct) =>
        await db.ScienceBoards.FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw new NotFoundException("科普宣传栏不存在");

    private ScienceBoardDto ToDto(ScienceBoard b, Actor actor, Dictionary<string, string> names, int refreshes)
    {
        IReadOnlyList<string> actions = !Manages(actor, b.RegionCode) ? [] : b.Status == ScienceBoardStatus.InUse ? [Edit, Refresh] : [Edit];
        return new ScienceBoardDto(
            b.Id, b.Name, b.Kind, b.Kind.Chinese(), b.RegionCode, names.GetValueOrDefault(b.RegionCode, "未知地区"), b.Location, b.Panels, b.BuiltOn,
            b.Status, b.Status.Chinese(), b.RetiredOn, b.Theme, b.Maintainer, b.Note, b.LastRefreshedOn, refreshes, b.Version, actions);
    }

    private static ScienceBoardRefreshDto ToDto(ScienceBoardRefresh r, bool manager) => new(r.Id, r.BoardId, r.Day, r.Topic, r.Note, manager ? r.PhotoFileName : null);

    private static ScienceBoardData ToData(ScienceBoardRequest r) =>
        new(r.Name, r.Kind, r.RegionCode, r.Location, r.Panels, r.BuiltOn, r.Status, r.RetiredOn, r.Theme, r.Maintainer, r.Note);
}
