using System.Security.Cryptography;
using System.Text;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Popularization;

/// <summary>
/// A kiosk device of a 科普e站 (a touch screen, a big screen…): it opens the station's kiosk page with its device token,
/// no account. The token is shown once when the station's staff issue it; only its SHA-256 is stored. Revoking it
/// stops the device at its next request. The device's heartbeats say whether it is on.
/// </summary>
public sealed class EStationDevice : Entity, IRegional
{
    /// <summary>Devices a station may hold at once (not revoked).</summary>
    public const int MaxActivePerStation = 20;

    private EStationDevice()
    {
    }

    public Guid StationId { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>设备名称, e.g. “一楼大厅触摸屏”.</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>SHA-256 of the device token (lowercase hex).</summary>
    public string TokenHash { get; private set; } = string.Empty;

    public string? IssuedByUserId { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public DateTimeOffset? LastHeartbeatAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    /// <summary>A new device and its token (returned once, never stored).</summary>
    public static (EStationDevice Device, string Token) Issue(EStation station, string? name, Actor actor, DateTimeOffset? at = null)
    {
        EStationNames.RequireManager(station, actor);
        if (station.Status != EStationStatus.Active)
        {
            throw new InvalidTransitionException("科普e站已停用，不能发放终端凭证");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var device = new EStationDevice
        {
            StationId = station.Id,
            RegionCode = station.RegionCode,
            Name = Guard.Required(name, "name", "设备名称", 100),
            TokenHash = Hash(token),
            IssuedByUserId = actor.UserId,
            CreatedAt = when,
            UpdatedAt = when,
        };
        return (device, token);
    }

    public void Revoke(EStation station, Actor actor, DateTimeOffset? at = null)
    {
        EStationNames.RequireManager(station, actor);
        if (station.Id != StationId)
        {
            throw new NotFoundException("终端凭证不存在");
        }

        if (RevokedAt is not null)
        {
            throw new InvalidTransitionException("该终端凭证已撤销");
        }

        RevokedAt = at ?? DateTimeOffset.UtcNow;
        UpdatedAt = RevokedAt.Value;
    }

    /// <summary>Whether a token has the shape of one (64 lowercase hex digits): anything else is refused before a look-up.</summary>
    public static bool IsToken(string? token) => token is { Length: 64 } && token.All(char.IsAsciiHexDigitLower);

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();

    /// <summary>Offline (离线): an active device whose last heartbeat (or issue, if it never reported) is older than <paramref name="after"/>.</summary>
    public bool IsOffline(DateTimeOffset now, TimeSpan after) => IsActive && now - (LastHeartbeatAt ?? CreatedAt) > after;
}

public sealed record StationPostData(string? Title, string? Body, IReadOnlyList<string>? Tags);

/// <summary>
/// 自助发布: an item the station's own staff publish to their station only. It shows on that station's kiosk and
/// nowhere else (not in the platform's resource library); withdrawing it takes it off the kiosk.
/// </summary>
public sealed class EStationPost : Entity, IRegional
{
    public const int BodyMaxLength = 5000;

    private EStationPost()
    {
    }

    public Guid StationId { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;

    /// <summary>Plain text (shown with line breaks, never as markup).</summary>
    public string Body { get; private set; } = string.Empty;

    public List<string> Tags { get; private set; } = [];

    public string? CreatedByUserId { get; private set; }

    public DateTimeOffset PublishedAt { get; private set; }

    public DateTimeOffset? WithdrawnAt { get; private set; }

    public long Views { get; private set; }

    public long Likes { get; private set; }

    public bool IsShown => WithdrawnAt is null;

    public static EStationPost Publish(EStation station, StationPostData data, Actor actor, DateTimeOffset? at = null)
    {
        EStationNames.RequireManager(station, actor);
        if (station.Status != EStationStatus.Active)
        {
            throw new InvalidTransitionException("科普e站已停用，不能发布内容");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        return new EStationPost
        {
            StationId = station.Id,
            RegionCode = station.RegionCode,
            Title = Guard.Required(data.Title, "title", "标题", MarketRules.TitleMaxLength),
            Body = Guard.Required(data.Body, "body", "正文", BodyMaxLength),
            Tags = ScienceTopics.Normalize(data.Tags),
            CreatedByUserId = actor.UserId,
            PublishedAt = when,
            CreatedAt = when,
            UpdatedAt = when,
        };
    }

    public void Withdraw(EStation station, Actor actor, DateTimeOffset? at = null)
    {
        EStationNames.RequireManager(station, actor);
        if (station.Id != StationId)
        {
            throw new NotFoundException("e站内容不存在");
        }

        if (WithdrawnAt is not null)
        {
            throw new InvalidTransitionException("该内容已撤下");
        }

        WithdrawnAt = at ?? DateTimeOffset.UtcNow;
        UpdatedAt = WithdrawnAt.Value;
    }
}

/// <summary>
/// When a device's opening of an item last counted as a view, for the reload window (<c>Popularization:KioskViewWindowMinutes</c>).
/// One row per device and item in the database every node shares, claimed by one atomic statement (insert, or move the
/// time forward only when the window has passed): a reload that reaches another node inside the window counts nothing,
/// and two nodes racing for the same open count it once. Not an audited record (it is a counter's bookkeeping).
/// </summary>
public sealed class KioskViewMark
{
    private KioskViewMark()
    {
    }

    public Guid DeviceId { get; private set; }

    /// <summary>Where the item comes from: 1 platform content, 2 the station's own post.</summary>
    public int Source { get; private set; }

    public Guid ItemId { get; private set; }

    /// <summary>When the view last counted, in Unix milliseconds (a number, compared alike on every provider).</summary>
    public long CountedAtMs { get; private set; }
}
