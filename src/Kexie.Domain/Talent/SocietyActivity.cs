using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Talent;

/// <summary>Kinds of a society's activities the seeds count ("学会特色学术交流活动22个").</summary>
public enum SocietyActivityKind
{
    /// <summary>年会.</summary>
    AnnualMeeting = 1,

    /// <summary>学术交流.</summary>
    AcademicExchange = 2,

    /// <summary>特色学术交流.</summary>
    FeaturedExchange = 3,

    /// <summary>科普.</summary>
    Popularization = 4,

    /// <summary>培训.</summary>
    Training = 5,

    /// <summary>其他.</summary>
    Other = 9,
}

public static class SocietyActivityNames
{
    public static string Chinese(this SocietyActivityKind kind) => kind switch
    {
        SocietyActivityKind.AnnualMeeting => "年会",
        SocietyActivityKind.AcademicExchange => "学术交流活动",
        SocietyActivityKind.FeaturedExchange => "特色学术交流活动",
        SocietyActivityKind.Popularization => "科普活动",
        SocietyActivityKind.Training => "培训",
        _ => "其他活动",
    };

    /// <summary>The measure word in a count ("年会2次", "特色学术交流活动22个").</summary>
    public static string Unit(this SocietyActivityKind kind) => kind switch
    {
        SocietyActivityKind.AnnualMeeting => "次",
        SocietyActivityKind.Training => "期",
        _ => "个",
    };
}

/// <param name="Participants">参加人数 (optional).</param>
/// <param name="PartnerUnits">合作（协办）单位, as a person writes them.</param>
public sealed record SocietyActivityData(SocietyActivityKind? Kind, string? Title, DateOnly? HeldOn, int? Participants = null, string? PartnerUnits = null, string? Note = null);

/// <summary>
/// 学会学术活动: an activity a society (学会、协会、农技协 …) held — 年会, 学术交流, 特色学术交流, 科普, 培训 — recorded by the society itself
/// (its 会长/副会长's account: <c>leadsSociety</c>) or by the admins of its region, carrying the association's region for scope; counted by
/// kind and year in the region's 组织建设 statistics.
/// </summary>
public sealed class SocietyActivity : Entity, IRegional
{
    public const int MaxParticipants = 1_000_000;

    private SocietyActivity()
    {
    }

    public Guid AssociationId { get; private set; }

    public string AssociationName { get; private set; } = string.Empty;

    public string RegionCode { get; private set; } = string.Empty;

    public SocietyActivityKind Kind { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public DateOnly HeldOn { get; private set; }

    public int? Participants { get; private set; }

    public string? PartnerUnits { get; private set; }

    public string? Note { get; private set; }

    public string? RecordedByName { get; private set; }

    /// <summary>Raised by each correction: the concurrency token (<c>If-Match</c>), so two editors cannot overwrite each other.</summary>
    public int Version { get; private set; }

    /// <summary>
    /// The society itself (its 会长 or 副会长's account) or a manager of its region; which managers (by default the admins) is
    /// the grant of <c>talent.society-activities.record</c>, decided by the <c>AccessPolicy</c> before this rule is asked.
    /// </summary>
    public static bool MayRecord(Actor actor, string regionCode, bool leadsSociety) => (leadsSociety && actor.IsAuthenticated) || actor.Manages(regionCode);

    public static SocietyActivity Record(ManagedAssociation association, SocietyActivityData data, Actor actor, DateOnly today, bool leadsSociety = false)
    {
        ArgumentNullException.ThrowIfNull(association);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayRecord(actor, association.RegionCode, leadsSociety))
        {
            throw new NotPermittedException("只有学会（协会）负责人或其所在地区的管理人员可以登记学会活动");
        }

        var activity = new SocietyActivity
        {
            AssociationId = association.Id,
            AssociationName = association.Name,
            RegionCode = association.RegionCode,
            RecordedByName = actor.Name,
        };
        activity.Apply(data, today);
        return activity;
    }

    /// <summary>Corrects the record: who may is who may record it (the society's 会长/副会长 or a manager of its region).</summary>
    public void Amend(SocietyActivityData data, Actor actor, DateOnly today, bool leadsSociety = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireRecorder(actor, leadsSociety, "修改");
        Apply(data, today);
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>Checks that <paramref name="actor"/> may delete the record (the same people who may record it); the caller removes it.</summary>
    public void RequireRemovable(Actor actor, bool leadsSociety = false) => RequireRecorder(actor, leadsSociety, "删除");

    private void RequireRecorder(Actor actor, bool leadsSociety, string verb)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayRecord(actor, RegionCode, leadsSociety))
        {
            throw new NotPermittedException($"只有学会（协会）负责人或其所在地区的管理人员可以{verb}学会活动");
        }
    }

    private void Apply(SocietyActivityData data, DateOnly today)
    {
        Kind = data.Kind is { } kind && Enum.IsDefined(kind) ? kind : throw new DomainValidationException("kind", "请选择活动类型（年会、学术交流、特色学术交流、科普、培训等）");
        Title = Guard.Required(data.Title, "title", "活动名称", 100);
        HeldOn = ManagementRules.Date(data.HeldOn, today, "heldOn", "活动日期");
        Participants = data.Participants is null ? null
            : data.Participants is >= 0 and <= MaxParticipants ? data.Participants : throw new DomainValidationException("participants", "参加人数应为0到1000000之间的整数");
        PartnerUnits = Guard.Optional(data.PartnerUnits, "partnerUnits", "合作单位", 200);
        Note = Guard.Optional(data.Note, "note", "备注", 500);
    }
}
