using Kexie.Domain.Common;

namespace Kexie.Domain.Identity;

/// <summary>What a worker's sign-up does with the directory.</summary>
public enum WorkerSignUp
{
    /// <summary>No profile has the phone: a new (private) profile is created in the chosen county.</summary>
    CreateProfile,

    /// <summary>A profile with the phone has no account: the new account claims it (imported records come alive).</summary>
    ClaimProfile,
}

/// <summary>What an organization's sign-up does with the directory.</summary>
public enum OrganizationSignUp
{
    /// <summary>A new 统一社会信用代码: the organization is created 待审核, the account its first user and administrator.</summary>
    CreateOrganization,

    /// <summary>A known organization without accounts: the claim waits for the county's review.</summary>
    ClaimOrganization,
}

/// <summary>The claim rules of sign-up (注册认领).</summary>
public static class SignUpRules
{
    public const string ProfileTaken = "该手机号对应的科技工作者档案已关联其他账号，无法重复认领。如有疑问，请联系所在县（市、区）科协";

    public const string OrganizationTaken = "该单位已有账号，请联系本单位管理员获取邀请码后注册";

    /// <summary>
    /// A worker signing up with a verified phone: claim the profile with that phone unless another account holds it (then
    /// nothing is created), else create one.
    /// </summary>
    public static WorkerSignUp ForWorker(bool profileExists, bool profileLinked)
    {
        if (profileExists && profileLinked)
        {
            throw new DomainValidationException("phone", ProfileTaken);
        }

        return profileExists ? WorkerSignUp.ClaimProfile : WorkerSignUp.CreateProfile;
    }

    /// <summary>
    /// An organization signing up by its 统一社会信用代码: new → create (待审核); known without accounts or pending claims →
    /// claim (待审核); known with accounts → refused without saying more (ask the organization's administrator).
    /// </summary>
    public static OrganizationSignUp ForOrganization(bool organizationExists, int accountsAndPendingClaims)
    {
        if (!organizationExists)
        {
            return OrganizationSignUp.CreateOrganization;
        }

        return accountsAndPendingClaims > 0
            ? throw new DomainValidationException("creditCode", OrganizationTaken)
            : OrganizationSignUp.ClaimOrganization;
    }
}
