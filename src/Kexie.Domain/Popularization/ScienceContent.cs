using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Popularization;

/// <summary>The kind of a science-popularization item in the resource library.</summary>
public enum ScienceContentKind
{
    /// <summary>科普文章.</summary>
    Article = 1,

    /// <summary>科普视频.</summary>
    Video = 2,

    /// <summary>科学辟谣.</summary>
    RumourRebuttal = 3,
}

public static class PopularizationNames
{
    public static string Chinese(this ScienceContentKind kind) => kind switch
    {
        ScienceContentKind.Article => "科普文章",
        ScienceContentKind.Video => "科普视频",
        ScienceContentKind.RumourRebuttal => "科学辟谣",
        _ => kind.ToString(),
    };

    public static string Chinese(this ActivityKind kind) => kind switch
    {
        ActivityKind.ScienceWeek => "科技活动周",
        ActivityKind.NationalScienceDay => "全国科普日",
        ActivityKind.ScienceToCountryside => "科技下乡",
        ActivityKind.Training => "科普培训",
        ActivityKind.ScienceCaravan => "科普大篷车",
        ActivityKind.Lecture => "科普讲座",
        ActivityKind.Campaign => "集中科普宣传",
        _ => "其他科普活动",
    };

    public static string Chinese(this ActivityStatus status) => status switch
    {
        ActivityStatus.Open => "报名中",
        ActivityStatus.Cancelled => "已取消",
        _ => status.ToString(),
    };

    public static string Chinese(this ParticipantStatus status) => status switch
    {
        ParticipantStatus.Confirmed => "已确认",
        ParticipantStatus.Pending => "待确认",
        ParticipantStatus.Declined => "未通过",
        _ => "其他",
    };

    public static string Chinese(this EStationSiteKind kind) => kind switch
    {
        EStationSiteKind.School => "学校",
        EStationSiteKind.Community => "社区",
        EStationSiteKind.Library => "图书馆",
        EStationSiteKind.Village => "村（农家书屋）",
        EStationSiteKind.ScienceVenue => "科技馆 / 科普基地",
        EStationSiteKind.Enterprise => "企业 / 园区",
        _ => "其他",
    };

    public static string Chinese(this EStationStatus status) => status switch
    {
        EStationStatus.Active => "运行中",
        EStationStatus.Suspended => "已停用",
        _ => status.ToString(),
    };
}

/// <summary>What a science-popularization item says: kind, title, body (sanitized rich text), author organization, region.</summary>
public sealed record ScienceContentData(ScienceContentKind Kind, string? Title, string? Body, string? AuthorOrganization, string? RegionCode, string? VideoUrl = null, IReadOnlyList<string>? Tags = null);

/// <summary>
/// 科普资源: an article, video or rumour rebuttal (科学辟谣) written by the staff of a region and published after
/// review by the region's association (the shared <see cref="Reviewable"/> workflow: draft → submitted → published,
/// returned, rejected, withdrawn, closed). Published items are public; <see cref="Views"/> counts public reads.
/// </summary>
public sealed class ScienceContent : Reviewable
{
    public const int BodyMaxLength = 20_000;

    private ScienceContent()
    {
    }

    public ScienceContentKind Kind { get; private set; }

    public string Title { get; private set; } = string.Empty;

    /// <summary>Sanitized rich text (the web layer cleans it before it reaches the domain).</summary>
    public string Body { get; private set; } = string.Empty;

    /// <summary>发布单位, e.g. “大英县科协”.</summary>
    public string AuthorOrganization { get; private set; } = string.Empty;

    /// <summary>For videos: where the video is played (http/https).</summary>
    public string? VideoUrl { get; private set; }

    public string? CreatedByUserId { get; private set; }

    /// <summary>Topic tags (<see cref="ScienceTopics"/>): what 科普e站 subscribers and interest profiles match on.</summary>
    public List<string> Tags { get; private set; } = [];

    /// <summary>Public reads of the published item (阅读量).</summary>
    public long Views { get; private set; }

    /// <summary>Likes from 科普e站 kiosks (点赞), counted in SQL like <see cref="Views"/>.</summary>
    public long Likes { get; private set; }

    protected override string Noun => "科普内容";

    /// <summary>A draft written by service-centre staff or an association admin of the region.</summary>
    public static ScienceContent Create(ScienceContentData data, Actor actor, DateTimeOffset? at = null)
    {
        var content = new ScienceContent();
        content.Apply(data);
        if (actor.UserId is null || !actor.Manages(content.RegionCode))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以发布科普内容");
        }

        content.CreatedByUserId = actor.UserId;
        content.Created(actor, at ?? DateTimeOffset.UtcNow);
        return content;
    }

    public override bool IsOwnedBy(Actor actor) => actor.UserId is not null && actor.UserId == CreatedByUserId;

    public void Update(ScienceContentData data, Actor actor, DateTimeOffset? at = null)
    {
        RequireEditable(actor);
        var region = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        if (!actor.Manages(region) && !IsOwnedBy(actor))
        {
            throw new NotPermittedException("不能把科普内容移到本地区以外");
        }

        Apply(data);
        Touch(at ?? DateTimeOffset.UtcNow);
    }

    /// <summary>Submitted → Published (association admin of the region).</summary>
    public void Publish(Actor actor, DateTimeOffset? at = null) => PublishCore(actor, at ?? DateTimeOffset.UtcNow, "审核发布");

    private void Apply(ScienceContentData data)
    {
        Kind = ContactRules.Enum(data.Kind, "kind", "内容类型");
        Title = Guard.Required(data.Title, "title", "标题", MarketRules.TitleMaxLength);
        Body = Guard.Required(data.Body, "body", "正文", BodyMaxLength);
        AuthorOrganization = Guard.Required(data.AuthorOrganization, "authorOrganization", "发布单位", 100);
        RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        var url = Guard.Optional(data.VideoUrl, "videoUrl", "视频地址", 500);
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            throw new DomainValidationException("videoUrl", "视频地址应为 http 或 https 开头的网址");
        }

        if (Kind == ScienceContentKind.Video && url is null)
        {
            throw new DomainValidationException("videoUrl", "科普视频须填写视频地址");
        }

        VideoUrl = url;
        Tags = ScienceTopics.Normalize(data.Tags);
    }
}
