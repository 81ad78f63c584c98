using Kexie.Domain.Common;

namespace Kexie.Domain.Directory;

/// <summary>科协 of a region and its member societies.</summary>
public enum AssociationKind
{
    /// <summary>科协 (省/市/县/乡镇).</summary>
    Kexie = 1,

    /// <summary>学会.</summary>
    Society = 2,

    /// <summary>协会 / 研究会.</summary>
    Association = 3,

    /// <summary>农技协 (农村专业技术协会).</summary>
    RuralTechAssociation = 4,

    /// <summary>企业科协.</summary>
    EnterpriseKexie = 5,

    /// <summary>园区科协.</summary>
    ParkKexie = 6,

    /// <summary>高校科协.</summary>
    UniversityKexie = 7,

    /// <summary>科研院所科协.</summary>
    InstituteKexie = 8,
}

public static class AssociationKindNames
{
    public static string Chinese(this AssociationKind kind) => kind switch
    {
        AssociationKind.Kexie => "科协",
        AssociationKind.Society => "学会",
        AssociationKind.Association => "协会",
        AssociationKind.RuralTechAssociation => "农技协",
        AssociationKind.EnterpriseKexie => "企业科协",
        AssociationKind.ParkKexie => "园区科协",
        AssociationKind.UniversityKexie => "高校科协",
        AssociationKind.InstituteKexie => "科研院所科协",
        _ => kind.ToString(),
    };
}

/// <summary>Role of a member within an association.</summary>
public enum MemberRole
{
    Member = 1,
    Council = 2,
    ViceChair = 3,
    Chair = 4,
}

public sealed record AssociationData(string? Name, AssociationKind Kind, string? RegionCode, Guid? ParentId, string? CreditCode, DateOnly? EstablishedOn);

/// <summary>An association: a 科协 of a region, or a society / 农技协 / enterprise, park or university 科协 under one.</summary>
public sealed class Association : Entity, IRegional
{
    private readonly List<AssociationMember> members = [];

    private Association()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public AssociationKind Kind { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>The supervising association (a society's 科协, a township 科协's county 科协).</summary>
    public Guid? ParentId { get; private set; }

    public string? CreditCode { get; private set; }

    public DateOnly? EstablishedOn { get; private set; }

    public IReadOnlyList<AssociationMember> Members => members;

    public static Association Create(AssociationData data)
    {
        var association = new Association();
        association.Update(data);
        return association;
    }

    public void Update(AssociationData data)
    {
        Name = Guard.Required(data.Name, "name", "组织名称", 100);
        Kind = ContactRules.Enum(data.Kind, "kind", "组织类型");
        RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        if (data.ParentId == Id)
        {
            throw new DomainValidationException("parentId", "上级组织不能是自身");
        }

        ParentId = data.ParentId;
        CreditCode = string.IsNullOrWhiteSpace(data.CreditCode) ? null : UnifiedSocialCreditCode.Validate(data.CreditCode, "creditCode");
        if (data.EstablishedOn is { } date && date > DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)))
        {
            throw new DomainValidationException("establishedOn", "成立日期不能晚于今天");
        }

        EstablishedOn = data.EstablishedOn;
        UpdatedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>Adds a science worker or an organization as a member; each joins once (a second add is a conflict, 409).</summary>
    public AssociationMember AddMember(Guid? scienceWorkerId, Guid? organizationId, MemberRole role, DateOnly joinedOn)
    {
        if (scienceWorkerId is null == organizationId is null)
        {
            throw new DomainValidationException("member", "会员必须是一名科技工作者或一个单位（二者选一）");
        }

        ContactRules.Enum(role, "role", "会内职务");
        if (members.Any(m => m.ScienceWorkerId == scienceWorkerId && m.OrganizationId == organizationId))
        {
            throw new InvalidTransitionException("该会员已在本组织中");
        }

        var member = new AssociationMember(Id, scienceWorkerId, organizationId, role, joinedOn);
        members.Add(member);
        UpdatedAt = DateTimeOffset.UtcNow;
        return member;
    }

    public void RemoveMember(Guid memberId)
    {
        var member = members.FirstOrDefault(m => m.Id == memberId)
            ?? throw new DomainValidationException("memberId", "会员不存在");
        members.Remove(member);
        UpdatedAt = DateTimeOffset.UtcNow;
    }
}

/// <summary>Membership of a worker or an organization in an association.</summary>
public sealed class AssociationMember
{
    internal AssociationMember(Guid associationId, Guid? scienceWorkerId, Guid? organizationId, MemberRole role, DateOnly joinedOn)
    {
        AssociationId = associationId;
        ScienceWorkerId = scienceWorkerId;
        OrganizationId = organizationId;
        Role = role;
        JoinedOn = joinedOn;
    }

    private AssociationMember()
    {
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid AssociationId { get; private set; }

    public Guid? ScienceWorkerId { get; private set; }

    public Guid? OrganizationId { get; private set; }

    public MemberRole Role { get; private set; }

    public DateOnly JoinedOn { get; private set; }
}
