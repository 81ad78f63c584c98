using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Popularization;

/// <summary>What the staff counted at a mass event in one place on one day.</summary>
public sealed record EventTallyData(
    string? RegionCode,
    DateOnly? Day,
    int Sessions,
    int Participants,
    int Consultations = 0,
    int Boards = 0,
    int Materials = 0,
    int Books = 0,
    int Items = 0,
    ServiceSetting? Setting = null,
    TargetGroup? TargetGroup = null,
    string? Note = null);

/// <summary>
/// 活动统计: the bulk figures of a mass event (科技活动周, 全国科普日, 科技下乡…) in one township (or the county itself) on one
/// day — 场次, participants (人次) who never register one by one, consultations, exhibit boards (展板), materials handed
/// out (宣传资料), books (科普丛书) and items (科普实物) — recorded by the staff alongside the individual registrations.
/// A county's event is the series; each township's tally lies in that township, so sums go up the region tree.
/// </summary>
public sealed class EventTally : Entity, IRegional
{
    /// <summary>One tally's figures above this are a typing error (a whole 科技活动周 of a city is ~10⁵).</summary>
    public const int MaxCount = 10_000_000;

    private EventTally()
    {
    }

    public Guid ActivityId { get; private set; }

    /// <summary>Where the figures were counted: the activity's region or a place below it.</summary>
    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>China date, within the activity's dates.</summary>
    public DateOnly Day { get; private set; }

    /// <summary>场次.</summary>
    public int Sessions { get; private set; }

    /// <summary>参与人次.</summary>
    public int Participants { get; private set; }

    /// <summary>接受咨询人次.</summary>
    public int Consultations { get; private set; }

    /// <summary>展出宣传展板（块）.</summary>
    public int Boards { get; private set; }

    /// <summary>发放宣传资料（份）.</summary>
    public int Materials { get; private set; }

    /// <summary>赠送科普丛书（册）.</summary>
    public int Books { get; private set; }

    /// <summary>赠送科普实物（件）.</summary>
    public int Items { get; private set; }

    public ServiceSetting? Setting { get; private set; }

    public TargetGroup? TargetGroup { get; private set; }

    public string? Note { get; private set; }

    public string? RecordedByUserId { get; private set; }

    /// <summary>
    /// A tally of <paramref name="activity"/>: by a manager of the tally's place, which lies in the activity's region; on a
    /// day of the activity that has come; the activity not cancelled.
    /// </summary>
    public static EventTally Record(PopularizationActivity activity, EventTallyData data, Actor actor, DateTimeOffset? at = null)
    {
        var when = at ?? DateTimeOffset.UtcNow;
        var region = string.IsNullOrWhiteSpace(data.RegionCode) ? activity.RegionCode : Regions.RegionCode.Validate(data.RegionCode.Trim(), "regionCode");
        if (!Regions.RegionCode.IsWithin(region, activity.RegionCode))
        {
            throw new DomainValidationException("regionCode", "统计地点应在活动所在地区之内");
        }

        if (!(actor.Manages(region)))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以登记活动统计");
        }

        if (activity.Status == ActivityStatus.Cancelled)
        {
            throw new InvalidTransitionException("活动已取消，不能登记统计");
        }

        var day = data.Day ?? throw new DomainValidationException("day", "日期不能为空");
        if (day < activity.StartsOn || day > activity.EndsOn)
        {
            throw new DomainValidationException("day", $"日期应在活动日期（{activity.StartsOn:yyyy-MM-dd}至{activity.EndsOn:yyyy-MM-dd}）之内");
        }

        if (day > MarketRules.ChinaDate(when))
        {
            throw new DomainValidationException("day", "日期不能晚于今天");
        }

        var tally = new EventTally
        {
            ActivityId = activity.Id,
            RegionCode = region,
            Day = day,
            Sessions = Count(data.Sessions, "sessions", "场次"),
            Participants = Count(data.Participants, "participants", "参与人次"),
            Consultations = Count(data.Consultations, "consultations", "咨询人次"),
            Boards = Count(data.Boards, "boards", "展板数"),
            Materials = Count(data.Materials, "materials", "宣传资料份数"),
            Books = Count(data.Books, "books", "科普丛书册数"),
            Items = Count(data.Items, "items", "科普实物件数"),
            Setting = data.Setting is { } s ? ContactRules.Enum(s, "setting", "服务场所") : null,
            TargetGroup = data.TargetGroup is { } g ? ContactRules.Enum(g, "targetGroup", "重点人群") : null,
            Note = Guard.Optional(data.Note, "note", "备注", 200),
            RecordedByUserId = actor.UserId,
            CreatedAt = when,
            UpdatedAt = when,
        };
        if (tally.Sessions == 0)
        {
            throw new DomainValidationException("sessions", "场次至少为1");
        }

        return tally;
    }

    /// <summary>Whether the actor may remove this tally (a manager of its place).</summary>
    public bool MayRemove(Actor actor) => actor.Manages(RegionCode);

    private static int Count(int value, string field, string label) =>
        value is < 0 or > MaxCount ? throw new DomainValidationException(field, $"{label}应在0至{MaxCount}之间") : value;
}

/// <summary>
/// 佐证材料 of a tally: a photo of the event or a scanned sign-in sheet (JPG, PNG or PDF), uploaded by the staff who may record
/// the tally (a manager of its place) and seen by them and the managers above. Tallies do not lock (they are removed when
/// mistaken), so evidence may be removed by the same staff at any time; removing a tally removes its evidence.
/// </summary>
public sealed class EventTallyEvidence : Entity, IRegional
{
    /// <summary>Most files one tally carries.</summary>
    public const int MaxPerTally = 20;

    public static readonly IReadOnlyList<string> AllowedContentTypes = ["image/jpeg", "image/png", "application/pdf"];

    private EventTallyEvidence()
    {
    }

    public Guid TallyId { get; private set; }

    public Guid ActivityId { get; private set; }

    /// <summary>The tally's place.</summary>
    public string RegionCode { get; private set; } = string.Empty;

    public string FileName { get; private set; } = string.Empty;

    public string ContentType { get; private set; } = string.Empty;

    public long SizeBytes { get; private set; }

    public string StorageKey { get; private set; } = string.Empty;

    public string? UploadedByUserId { get; private set; }

    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);

    /// <summary>Attaches a stored file to <paramref name="tally"/>; <paramref name="existing"/> is how many it carries already.</summary>
    public static EventTallyEvidence Attach(EventTally tally, AttachmentData file, int existing, Actor actor, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(file);
        if (!tally.MayRemove(actor))
        {
            throw new NotPermittedException("只有登记该统计地点的服务中心工作人员或科协管理员可以上传佐证材料");
        }

        var contentType = Guard.Required(file.ContentType, "file", "文件类型", 100);
        if (!AllowedContentTypes.Contains(contentType, StringComparer.Ordinal))
        {
            throw new DomainValidationException("file", "佐证材料只能是JPG、PNG照片或PDF文件");
        }

        if (existing >= MaxPerTally)
        {
            throw new DomainValidationException("file", $"每条活动统计最多上传{MaxPerTally}份佐证材料");
        }

        var name = Guard.Required(file.FileName, "file", "文件名", 200);
        if (name.IndexOfAny(['/', '\\']) >= 0)
        {
            throw new DomainValidationException("file", "文件名不能包含路径");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        return new EventTallyEvidence
        {
            TallyId = tally.Id,
            ActivityId = tally.ActivityId,
            RegionCode = tally.RegionCode,
            FileName = name,
            ContentType = contentType,
            SizeBytes = file.SizeBytes,
            StorageKey = Guard.Required(file.StorageKey, "file", "文件存储键", 200),
            UploadedByUserId = actor.UserId,
            CreatedAt = when,
            UpdatedAt = when,
        };
    }

    /// <summary>Who may list, download and remove it: the managers of the tally's place (and above).</summary>
    public static bool MaySee(Actor actor, string tallyRegionCode) => actor.Manages(tallyRegionCode);
}
