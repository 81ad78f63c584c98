using Kexie.Domain.Common;
using Kexie.Domain.Identity;

namespace Kexie.Domain.Directory;

public enum OrganizationApplicationKind
{
    /// <summary>新单位入驻: the organization was created by the sign-up.</summary>
    NewOrganization = 1,

    /// <summary>认领已有单位: the organization was in the directory without accounts.</summary>
    Claim = 2,
}

public enum OrganizationApplicationStatus
{
    Pending = 1,
    Approved = 2,
    Returned = 3,
}

public static class OrganizationApplicationNames
{
    public static string Chinese(this OrganizationApplicationKind kind) => kind == OrganizationApplicationKind.Claim ? "认领已有单位" : "新单位入驻";

    public static string Chinese(this OrganizationApplicationStatus status) => status switch
    {
        OrganizationApplicationStatus.Pending => "待审核",
        OrganizationApplicationStatus.Approved => "审核通过",
        _ => "已退回",
    };
}

/// <summary>
/// 单位入驻申请: an account that signed up for an organization (new or claimed) and waits for the county 科协's review.
/// Until approved the account is not linked to the organization, so it neither sees its private records nor publishes
/// in its name. Approval links it as the organization's administrator (and verifies a new organization).
/// </summary>
public sealed class OrganizationApplication : Entity, IRegional
{
    private OrganizationApplication()
    {
    }

    public Guid OrganizationId { get; private set; }

    public string UserId { get; private set; } = string.Empty;

    /// <summary>The applicant's name as they gave it (shown to the reviewer).</summary>
    public string ApplicantName { get; private set; } = string.Empty;

    public string ApplicantPhone { get; private set; } = string.Empty;

    public OrganizationApplicationKind Kind { get; private set; }

    public OrganizationApplicationStatus Status { get; private set; } = OrganizationApplicationStatus.Pending;

    /// <summary>The organization's region: the county that reviews.</summary>
    public string RegionCode { get; private set; } = string.Empty;

    public string? ReturnReason { get; private set; }

    /// <summary>The name of who decided (the person's display name, never the login name).</summary>
    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public static OrganizationApplication Submit(Guid organizationId, string organizationRegion, string userId, string applicantName, string applicantPhone, OrganizationApplicationKind kind) => new()
    {
        OrganizationId = organizationId,
        RegionCode = organizationRegion,
        UserId = userId,
        ApplicantName = applicantName,
        ApplicantPhone = applicantPhone,
        Kind = kind,
    };

    /// <summary>
    /// Whether <paramref name="actor"/> may decide it: a manager whose subtree holds the organization's region. Which managers —
    /// by default the association admins — is <c>directory.organizations.review</c>'s grant, decided by the <c>AccessPolicy</c>
    /// before this rule is asked.
    /// </summary>
    public bool MayReview(Actor actor) => actor.Manages(RegionCode);

    public void Approve(Actor actor, DateTimeOffset now)
    {
        Decide(actor, now);
        Status = OrganizationApplicationStatus.Approved;
    }

    public void Return(Actor actor, string? reason, DateTimeOffset now)
    {
        var why = Guard.Required(reason, "reason", "退回原因", 200);
        Decide(actor, now);
        Status = OrganizationApplicationStatus.Returned;
        ReturnReason = why;
    }

    private void Decide(Actor actor, DateTimeOffset now)
    {
        if (!MayReview(actor))
        {
            throw new AccessDeniedException("只有单位所在地区（或上级）的管理人员可以审核单位入驻");
        }

        if (Status != OrganizationApplicationStatus.Pending)
        {
            throw new InvalidTransitionException($"该申请已{Status.Chinese()}，不能重复审核");
        }

        DecidedBy = actor.Name;
        DecidedAt = now;
        UpdatedAt = now;
    }
}

/// <summary>
/// 单位邀请: the organization's administrator invites a colleague by phone. The colleague signs up with the invitation
/// code and a text-message code to that phone, and joins the organization without the county's review.
/// </summary>
public sealed class OrganizationInvitation : Entity, IRegional
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private OrganizationInvitation()
    {
    }

    public Guid OrganizationId { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public string Phone { get; private set; } = string.Empty;

    /// <summary>Eight characters without look-alikes (no 0/O, 1/I).</summary>
    public string Code { get; private set; } = string.Empty;

    public string InvitedByUserId { get; private set; } = string.Empty;

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public string? AcceptedUserId { get; private set; }

    public static OrganizationInvitation Create(Guid organizationId, string organizationRegion, string phone, string invitedBy, DateTimeOffset now)
    {
        var code = new char[8];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = Alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new OrganizationInvitation
        {
            OrganizationId = organizationId,
            RegionCode = organizationRegion,
            Phone = MobileNumber.Validate(phone),
            Code = new string(code),
            InvitedByUserId = invitedBy,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now + Lifetime,
        };
    }

    public static string Normalize(string? code) => (code ?? string.Empty).Trim().ToUpperInvariant();

    /// <summary>Uses the invitation for an account registering with <paramref name="phone"/>.</summary>
    public void Accept(string phone, string userId, DateTimeOffset now)
    {
        if (AcceptedAt is not null || now >= ExpiresAt || !string.Equals(phone, Phone, StringComparison.Ordinal))
        {
            throw new DomainValidationException("invitationCode", "邀请码无效、已使用、已过期或与手机号不符");
        }

        AcceptedAt = now;
        AcceptedUserId = userId;
        UpdatedAt = now;
    }
}
