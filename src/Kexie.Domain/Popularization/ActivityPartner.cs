using Kexie.Domain.Common;
using Kexie.Domain.Identity;

namespace Kexie.Domain.Popularization;

/// <summary>How a unit takes part in an activity, as the notices print it (主办单位、承办单位、协办单位、支持单位).</summary>
public enum PartnerRole
{
    /// <summary>主办.</summary>
    Host = 1,

    /// <summary>承办.</summary>
    Organizer = 2,

    /// <summary>协办.</summary>
    CoOrganizer = 3,

    /// <summary>支持.</summary>
    Supporter = 4,
}

public static class PartnerRoleNames
{
    public static string Chinese(this PartnerRole role) => role switch
    {
        PartnerRole.Host => "主办",
        PartnerRole.Organizer => "承办",
        PartnerRole.CoOrganizer => "协办",
        PartnerRole.Supporter => "支持",
        _ => "合作",
    };
}

/// <summary>
/// A unit an activity is held with (主办/承办/协办/支持): an organization of the directory (<see cref="OrganizationId"/>, its name
/// copied when added) or only a name (many partners — 县教育局, 县气象局, a school — are not on the platform). Added and removed by
/// whoever may manage the activity, while it is not cancelled; carries the activity's region.
/// </summary>
public sealed class ActivityPartner : Entity, IRegional
{
    /// <summary>Most units one activity lists.</summary>
    public const int MaxPerActivity = 50;

    public const int NameMaxLength = 100;

    private ActivityPartner()
    {
    }

    public Guid ActivityId { get; private set; }

    /// <summary>The activity's region.</summary>
    public string RegionCode { get; private set; } = string.Empty;

    public PartnerRole Role { get; private set; }

    /// <summary>The directory's organization, when the unit is on the platform.</summary>
    public Guid? OrganizationId { get; private set; }

    /// <summary>The unit's name as printed (the organization's name when one was chosen and no name typed).</summary>
    public string Name { get; private set; } = string.Empty;

    public string? CreatedByUserId { get; private set; }

    /// <summary>
    /// A partner of <paramref name="activity"/>: <paramref name="organizationId"/> is an organization the caller could see
    /// (resolved by the caller), <paramref name="name"/> its printed name (required without an organization).
    /// <paramref name="existing"/> is how many the activity lists already.
    /// </summary>
    public static ActivityPartner Add(PopularizationActivity activity, PartnerRole role, Guid? organizationId, string? name, int existing, Actor actor, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.RequireManager(actor);
        if (activity.Status == ActivityStatus.Cancelled)
        {
            throw new InvalidTransitionException("活动已取消，不能修改合作单位");
        }

        if (existing >= MaxPerActivity)
        {
            throw new DomainValidationException("name", $"一个活动最多列{MaxPerActivity}家合作单位");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        return new ActivityPartner
        {
            ActivityId = activity.Id,
            RegionCode = activity.RegionCode,
            Role = Enum.IsDefined(role) ? role : throw new DomainValidationException("role", "请选择合作方式（主办、承办、协办或支持）"),
            OrganizationId = organizationId,
            Name = organizationId is null && string.IsNullOrWhiteSpace(name)
                ? throw new DomainValidationException("name", "请从名录中选择单位，或填写单位名称")
                : Guard.Required(name, "name", "单位名称", NameMaxLength),
            CreatedByUserId = actor.UserId,
            CreatedAt = when,
            UpdatedAt = when,
        };
    }

    /// <summary>Partners are added and removed by whoever may manage the activity.</summary>
    public static void RequireEditor(PopularizationActivity activity, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.RequireManager(actor);
    }
}
