using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.ThinkTank;

namespace Kexie.Domain.Talent;

/// <summary>What a standing declaration (长期回避) names.</summary>
public enum ConflictKind
{
    /// <summary>An organization (a school, the expert's former employer…): every work entered by it or guided from it.</summary>
    Organization = 1,

    /// <summary>A person (a relative, a student): every work they guided or wrote.</summary>
    Person = 2,
}

public static class ConflictKindNames
{
    public static string Chinese(this ConflictKind kind) => kind == ConflictKind.Organization ? "单位（学校）" : "个人";
}

/// <summary>
/// 长期回避声明: an expert of the 专家库 declares once that they stand aside from an organization (named by its directory record) or a
/// person, with a reason. Every panel assignment of every contest then leaves them out of the works of that school or teacher
/// (<see cref="ContestAssignment.ConflictOf"/>), and of every honour call out of that unit's or person's nominations
/// (<see cref="NominationAssignment.ConflictOf"/>), and says why; the expert may withdraw it. Per-work declarations (声明回避 on an
/// assignment) stay as they are.
/// </summary>
public sealed class ExpertConflict : Entity, IRegional
{
    public const int MaxPerExpert = 50;

    private ExpertConflict()
    {
    }

    public Guid ExpertId { get; private set; }

    public Guid ExpertWorkerId { get; private set; }

    public string ExpertName { get; private set; } = string.Empty;

    /// <summary>The expert's region (the 专家库 entry's), the scope of the record.</summary>
    public string RegionCode { get; private set; } = string.Empty;

    public ConflictKind Kind { get; private set; }

    /// <summary>The organization's directory record (null once it is deleted; the name stays).</summary>
    public Guid? OrganizationId { get; private set; }

    public string? OrganizationName { get; private set; }

    public string? PersonName { get; private set; }

    public string Reason { get; private set; } = string.Empty;

    /// <summary>
    /// The expert's own declaration (the actor is the expert's science worker). <paramref name="organization"/> is the record the
    /// expert names (resolved through what they may see) for <see cref="ConflictKind.Organization"/>; <paramref name="person"/> the name otherwise.
    /// </summary>
    public static ExpertConflict Declare(ExpertCandidate expert, string regionCode, ConflictKind? kind, (Guid Id, string Name)? organization, string? person, string? reason, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(expert);
        if (actor.ScienceWorkerId is not { } worker || worker != expert.WorkerId)
        {
            throw new NotPermittedException("只有专家本人可以声明回避");
        }

        if (!expert.Active)
        {
            throw new InvalidTransitionException("您已退出专家库，无需声明回避");
        }

        var conflict = new ExpertConflict
        {
            ExpertId = expert.ExpertId, ExpertWorkerId = expert.WorkerId, ExpertName = expert.Name, RegionCode = regionCode,
            Reason = Guard.Required(reason, "reason", "回避理由", 200),
        };
        switch (kind)
        {
            case ConflictKind.Organization:
                var (id, name) = organization ?? throw new DomainValidationException("organizationId", "请选择要回避的单位（学校）");
                conflict.Kind = ConflictKind.Organization;
                conflict.OrganizationId = id == Guid.Empty ? null : id;
                conflict.OrganizationName = Guard.Required(name, "organizationName", "回避单位（学校）全称", 100);
                break;
            case ConflictKind.Person:
                conflict.Kind = ConflictKind.Person;
                conflict.PersonName = Guard.Required(person, "personName", "回避人员姓名", 50);
                break;
            default:
                throw new DomainValidationException("kind", "请选择回避的对象（单位或个人）");
        }

        return conflict;
    }

    /// <summary>Whether this declaration covers the work: its school or its teacher's organization, or its teacher or a student.</summary>
    public bool Covers(ContestEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Covers(entry.SchoolId, [entry.SchoolName, entry.TeacherOrganization], [entry.Teacher, .. entry.Students]);
    }

    /// <summary>
    /// The one rule every review shares (大赛作品, 荣誉推荐): an organization's declaration covers the record <paramref name="organizationId"/>
    /// or any of the <paramref name="organizations"/> by full name; a person's covers any of the <paramref name="people"/> by name.
    /// </summary>
    public bool Covers(Guid? organizationId, IEnumerable<string?> organizations, IEnumerable<string?> people)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        ArgumentNullException.ThrowIfNull(people);
        return Kind == ConflictKind.Organization
            ? (OrganizationId is { } o && organizationId == o) || organizations.Any(n => ScoreSheet.Same(OrganizationName, n))
            : people.Any(p => ScoreSheet.Same(PersonName, p));
    }

    /// <summary>What the assignment says when it leaves the expert out.</summary>
    public string Why => Kind == ConflictKind.Organization
        ? $"{ExpertName}已声明长期回避“{OrganizationName}”（{Reason}），须回避"
        : $"{ExpertName}已声明长期回避{PersonName}（{Reason}），须回避";

    public bool IsExpert(Actor actor) => actor.ScienceWorkerId is { } worker && worker == ExpertWorkerId;
}
