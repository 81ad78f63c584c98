using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Popularization;

/// <summary>The kind of a fixed 科普宣传阵地 in a township, village or community, as the annual reports name them.</summary>
public enum ScienceBoardKind
{
    /// <summary>科普宣传栏 ("新开辟科普宣传栏100多个").</summary>
    Board = 1,

    /// <summary>科普宣传橱窗.</summary>
    Window = 2,

    /// <summary>科普画廊 ("充分发挥社区广场科普活动、科普画廊和宣传栏等阵地作用").</summary>
    Gallery = 3,

    /// <summary>科普宣传点 ("设立疫情防控科普宣传点2个").</summary>
    Point = 4,
}

public enum ScienceBoardStatus
{
    /// <summary>在用.</summary>
    InUse = 1,

    /// <summary>停用: keeps its records, takes no new content.</summary>
    Retired = 2,
}

public static class ScienceBoardNames
{
    public static string Chinese(this ScienceBoardKind kind) => kind switch
    {
        ScienceBoardKind.Board => "科普宣传栏",
        ScienceBoardKind.Window => "科普宣传橱窗",
        ScienceBoardKind.Gallery => "科普画廊",
        ScienceBoardKind.Point => "科普宣传点",
        _ => "其他",
    };

    /// <summary>The counting word of the reports: 宣传栏“块”, 宣传点“个”.</summary>
    public static string Unit(this ScienceBoardKind kind) => kind == ScienceBoardKind.Point ? "个" : "块";

    public static string Chinese(this ScienceBoardStatus status) => status switch
    {
        ScienceBoardStatus.InUse => "在用",
        ScienceBoardStatus.Retired => "停用",
        _ => "其他",
    };

    /// <summary>"科普宣传栏", "宣传栏", "Board"… → the kind; a field error otherwise (the import's cells).</summary>
    public static ScienceBoardKind ParseKind(string? text, string field)
    {
        var t = text?.Trim() ?? string.Empty;
        foreach (var k in Enum.GetValues<ScienceBoardKind>())
        {
            if (t == k.Chinese() || t == k.Chinese()[2..] || string.Equals(t, k.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return k;
            }
        }

        throw new DomainValidationException(field, t.Length == 0 ? "请选择类型" : $"类型“{t}”不正确（可选：科普宣传栏、科普宣传橱窗、科普画廊、科普宣传点）");
    }

    /// <summary>"在用", "停用" (or the English name) → the status; blank is 在用.</summary>
    public static ScienceBoardStatus ParseStatus(string? text, string field)
    {
        var t = text?.Trim() ?? string.Empty;
        if (t.Length == 0)
        {
            return ScienceBoardStatus.InUse;
        }

        foreach (var s in Enum.GetValues<ScienceBoardStatus>())
        {
            if (t == s.Chinese() || string.Equals(t, s.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return s;
            }
        }

        throw new DomainValidationException(field, $"状态“{t}”不正确（可选：在用、停用）");
    }
}

public sealed record ScienceBoardData(
    string? Name,
    ScienceBoardKind Kind,
    string? RegionCode,
    string? Location = null,
    int? Panels = null,
    DateOnly? BuiltOn = null,
    ScienceBoardStatus Status = ScienceBoardStatus.InUse,
    DateOnly? RetiredOn = null,
    string? Theme = null,
    string? Maintainer = null,
    string? Note = null);

public sealed record ScienceBoardRefreshData(DateOnly? Day, string? Topic, string? Note = null);

/// <summary>
/// 科普宣传栏、宣传橱窗、科普画廊、科普宣传点: a fixed place in a township, village or community (its region) where science is shown,
/// with its boards (块数), when it was built, who maintains it and whether it is in use. Each change of its content is a
/// <see cref="ScienceBoardRefresh"/> (更新内容: day, topic, photo), so "新开辟科普宣传栏100多个" and "更新内容N期" are counts of records.
/// Managed by the region's 科协 admins.
/// </summary>
public sealed class ScienceBoard : Entity, IRegional
{
    public const int MaxPanels = 1000;

    private ScienceBoard()
    {
    }

    /// <summary>名称 (蓬莱镇中心广场科普宣传栏).</summary>
    public string Name { get; private set; } = string.Empty;

    public ScienceBoardKind Kind { get; private set; }

    /// <summary>The township, village or community it stands in.</summary>
    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>具体位置 (中心广场东侧).</summary>
    public string? Location { get; private set; }

    /// <summary>块数 / 面数: how many boards it has (1 for a 宣传点).</summary>
    public int Panels { get; private set; }

    /// <summary>建成（设立）日期.</summary>
    public DateOnly BuiltOn { get; private set; }

    public ScienceBoardStatus Status { get; private set; }

    /// <summary>停用日期; set while retired.</summary>
    public DateOnly? RetiredOn { get; private set; }

    /// <summary>主题 (疫情防控、乡村振兴…), for a 宣传点 set up for one.</summary>
    public string? Theme { get; private set; }

    /// <summary>维护单位或责任人 (蓬莱镇科协、村委会).</summary>
    public string? Maintainer { get; private set; }

    public string? Note { get; private set; }

    /// <summary>The day of the latest content refresh recorded; null when none.</summary>
    public DateOnly? LastRefreshedOn { get; private set; }

    public string? CreatedByUserId { get; private set; }

    public int Version { get; private set; }

    public static ScienceBoard Create(ScienceBoardData data, Actor actor, DateTimeOffset? at = null)
    {
        var board = new ScienceBoard();
        var when = at ?? DateTimeOffset.UtcNow;
        board.Apply(data, when);
        board.RequireManager(actor);
        board.CreatedByUserId = actor.UserId;
        board.CreatedAt = when;
        board.UpdatedAt = when;
        return board;
    }

    public bool MayManage(Actor actor) => actor.Manages(RegionCode);

    /// <summary>Whether it was in use at some time of [<paramref name="from"/>, <paramref name="to"/>]: built by the end, not retired before the start.</summary>
    public bool InUseDuring(DateOnly from, DateOnly to) => BuiltOn <= to && (RetiredOn is null || RetiredOn >= from);

    /// <summary>Edits the board (its status too: 在用 ↔ 停用); the region may move only within the editor's scope.</summary>
    public void Update(ScienceBoardData data, Actor actor, DateTimeOffset? at = null)
    {
        RequireManager(actor);
        var when = at ?? DateTimeOffset.UtcNow;
        Apply(data, when);
        RequireManager(actor);
        if (LastRefreshedOn is { } last && last < BuiltOn)
        {
            throw new DomainValidationException("builtOn", $"建成日期不能晚于已登记的内容更新（{last:yyyy-MM-dd}）");
        }

        UpdatedAt = when;
        Version++;
    }

    /// <summary>
    /// 更新内容: a new content put up on a day (neither in the future nor before it was built), with its topic. A retired board
    /// takes none after the day it was retired.
    /// </summary>
    public ScienceBoardRefresh RecordRefresh(ScienceBoardRefreshData data, Actor actor, DateTimeOffset? at = null)
    {
        RequireManager(actor);
        var when = at ?? DateTimeOffset.UtcNow;
        var day = data.Day ?? throw new DomainValidationException("day", "更新日期不能为空");
        if (day > MarketRules.ChinaDate(when))
        {
            throw new DomainValidationException("day", "更新日期不能晚于今天");
        }

        if (day < BuiltOn)
        {
            throw new DomainValidationException("day", $"更新日期不能早于建成日期（{BuiltOn:yyyy-MM-dd}）");
        }

        if (RetiredOn is { } retired && day > retired)
        {
            throw new InvalidTransitionException($"该{Kind.Chinese()}已于{retired:yyyy-MM-dd}停用，不能登记之后的内容更新");
        }

        var refresh = new ScienceBoardRefresh
        {
            BoardId = Id,
            RegionCode = RegionCode,
            Day = day,
            Topic = Guard.Required(data.Topic, "topic", "更新主题", 100),
            Note = Guard.Optional(data.Note, "note", "备注", 200),
            RecordedByUserId = actor.UserId,
            CreatedAt = when,
            UpdatedAt = when,
        };
        if (LastRefreshedOn is null || day > LastRefreshedOn)
        {
            LastRefreshedOn = day;
        }

        UpdatedAt = when;
        return refresh;
    }

    /// <summary>After a refresh record was removed: the latest of those left (<paramref name="latest"/>).</summary>
    public void RefreshesChanged(DateOnly? latest, Actor actor, DateTimeOffset? at = null)
    {
        RequireManager(actor);
        LastRefreshedOn = latest;
        UpdatedAt = at ?? DateTimeOffset.UtcNow;
    }

    public void RequireManager(Actor actor)
    {
        if (!MayManage(actor))
        {
            throw new NotPermittedException("只有本地区科协管理员可以管理科普宣传栏、宣传点");
        }
    }

    private void Apply(ScienceBoardData data, DateTimeOffset when)
    {
        Name = Guard.Required(data.Name, "name", "名称", 100);
        Kind = ContactRules.Enum(data.Kind, "kind", "类型");
        RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        Location = Guard.Optional(data.Location, "location", "具体位置", 200);
        var panels = data.Panels ?? 1;
        if (panels is < 1 or > MaxPanels)
        {
            throw new DomainValidationException("panels", $"块数应在1至{MaxPanels}之间");
        }

        Panels = panels;
        var today = MarketRules.ChinaDate(when);
        var built = data.BuiltOn ?? throw new DomainValidationException("builtOn", "建成日期不能为空");
        if (built > today)
        {
            throw new DomainValidationException("builtOn", "建成日期不能晚于今天");
        }

        if (built.Year < 1950)
        {
            throw new DomainValidationException("builtOn", "建成日期应在1950年以后");
        }

        BuiltOn = built;
        Status = ContactRules.Enum(data.Status, "status", "状态");
        if (Status == ScienceBoardStatus.Retired)
        {
            var retired = data.RetiredOn ?? throw new DomainValidationException("retiredOn", "停用的须填写停用日期");
            if (retired < built)
            {
                throw new DomainValidationException("retiredOn", "停用日期不能早于建成日期");
            }

            if (retired > today)
            {
                throw new DomainValidationException("retiredOn", "停用日期不能晚于今天");
            }

            RetiredOn = retired;
        }
        else
        {
            RetiredOn = null;
        }

        Theme = Guard.Optional(data.Theme, "theme", "主题", 50);
        Maintainer = Guard.Optional(data.Maintainer, "maintainer", "维护单位", 100);
        Note = Guard.Optional(data.Note, "note", "备注", 500);
    }
}

/// <summary>
/// 更新内容: one change of a board's content on a day, with its topic (防疫知识、safe use of pesticides…) and, optionally, the photo
/// of the new content as evidence (kept in the file store, shown to the region's managers).
/// </summary>
public sealed class ScienceBoardRefresh : Entity, IRegional
{
    internal ScienceBoardRefresh()
    {
    }

    public Guid BoardId { get; internal set; }

    /// <summary>The board's region when the refresh was recorded.</summary>
    public string RegionCode { get; internal set; } = string.Empty;

    /// <summary>China date.</summary>
    public DateOnly Day { get; internal set; }

    /// <summary>更新主题.</summary>
    public string Topic { get; internal set; } = string.Empty;

    public string? Note { get; internal set; }

    public string? RecordedByUserId { get; internal set; }

    /// <summary>照片: the file's name as uploaded; null when none.</summary>
    public string? PhotoFileName { get; private set; }

    public string? PhotoContentType { get; private set; }

    public long? PhotoSizeBytes { get; private set; }

    /// <summary>Where the bytes lie in the file store.</summary>
    public string? PhotoStorageKey { get; private set; }

    /// <summary>Attaches the photo (replacing one attached); returns the key of the replaced file, to delete it.</summary>
    public string? AttachPhoto(ScienceBoard board, AttachmentData file, Actor actor, DateTimeOffset? at = null)
    {
        board.RequireManager(actor);
        var name = Guard.Required(file.FileName, "file", "文件名", 200);
        if (name.IndexOfAny(['/', '\\']) >= 0)
        {
            throw new DomainValidationException("file", "文件名不能包含路径");
        }

        var contentType = Guard.Required(file.ContentType, "file", "文件类型", 100);
        if (!contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainValidationException("file", "请上传照片（JPG、PNG等图片）");
        }

        var old = PhotoStorageKey;
        PhotoFileName = name;
        PhotoContentType = contentType;
        PhotoSizeBytes = file.SizeBytes;
        PhotoStorageKey = Guard.Required(file.StorageKey, "file", "文件存储键", 200);
        UpdatedAt = at ?? DateTimeOffset.UtcNow;
        return old;
    }
}
