using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;

namespace Kexie.Domain.Tests.Identity;

public class MobileNumberTests
{
    [Theory]
    [InlineData("13812345678", "13812345678")]
    [InlineData("+86 138-1234-5678", "13812345678")]
    [InlineData("008619912345678", "19912345678")]
    public void Normalises_mainland_mobile_numbers(string input, string expected) => Assert.Equal(expected, MobileNumber.Validate(input));

    [Theory]
    [InlineData("12812345678")]
    [InlineData("1381234567")]
    [InlineData("028-12345678")]
    [InlineData("1381234567a")]
    public void Rejects_what_is_not_a_mainland_mobile_number(string input)
    {
        var e = Assert.Throws<DomainValidationException>(() => MobileNumber.Validate(input));
        Assert.Equal("phone", e.Field);
        Assert.Contains("手机号格式不正确", e.Message);
    }

    [Fact]
    public void Masks_the_middle_digits() => Assert.Equal("138****5678", MobileNumber.Mask("13812345678"));
}

public class OneTimeCodeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_code_is_six_digits_stored_only_as_a_hash_and_accepted_once()
    {
        var (code, plain) = OneTimeCode.Issue("13812345678", CodePurpose.SignUp, Now, TimeSpan.FromMinutes(5));
        Assert.Matches("^[0-9]{6}$", plain);
        Assert.DoesNotContain(plain, code.CodeHash);
        Assert.Equal(64, code.CodeHash.Length);
        Assert.Equal(CodeCheck.Accepted, code.Check(plain, Now.AddMinutes(1)));
        Assert.Equal(CodeCheck.Used, code.Check(plain, Now.AddMinutes(1)));
    }

    [Fact]
    public void Two_codes_with_the_same_digits_hash_differently()
    {
        var a = OneTimeCode.Issue("13812345678", CodePurpose.SignUp, Now, TimeSpan.FromMinutes(5)).Code;
        var b = OneTimeCode.Issue("13812345678", CodePurpose.SignUp, Now, TimeSpan.FromMinutes(5)).Code;
        Assert.NotEqual(a.Id, b.Id);
        Assert.NotEqual(a.CodeHash, b.CodeHash);
    }

    [Fact]
    public void A_code_expires_after_its_lifetime()
    {
        var (code, plain) = OneTimeCode.Issue("13812345678", CodePurpose.ResetPassword, Now, TimeSpan.FromMinutes(5));
        Assert.Equal(CodeCheck.Expired, code.Check(plain, Now.AddMinutes(5)));
        Assert.Null(code.UsedAt);
    }

    [Fact]
    public void Five_wrong_tries_end_the_code_even_for_the_right_digits_afterwards()
    {
        var (code, plain) = OneTimeCode.Issue("13812345678", CodePurpose.SignUp, Now, TimeSpan.FromMinutes(5));
        var wrong = plain == "000000" ? "111111" : "000000";
        for (var i = 1; i < OneTimeCode.MaxAttempts; i++)
        {
            Assert.Equal(CodeCheck.Wrong, code.Check(wrong, Now));
        }

        Assert.Equal(CodeCheck.TooManyAttempts, code.Check(wrong, Now));
        Assert.Equal(CodeCheck.TooManyAttempts, code.Check(plain, Now));
        Assert.Equal(OneTimeCode.MaxAttempts, code.FailedAttempts);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    public void Malformed_input_counts_as_a_wrong_try(string? given)
    {
        var (code, _) = OneTimeCode.Issue("13812345678", CodePurpose.SignUp, Now, TimeSpan.FromMinutes(5));
        Assert.Equal(CodeCheck.Wrong, code.Check(given, Now));
        Assert.Equal(1, code.FailedAttempts);
    }

    [Fact]
    public void Resend_waits_for_the_interval_since_the_last_code()
    {
        Assert.Null(OneTimeCode.WaitBeforeResend(null, Now, TimeSpan.FromSeconds(60)));
        Assert.Equal(TimeSpan.FromSeconds(45), OneTimeCode.WaitBeforeResend(Now.AddSeconds(-15), Now, TimeSpan.FromSeconds(60)));
        Assert.Null(OneTimeCode.WaitBeforeResend(Now.AddSeconds(-60), Now, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void A_code_needs_a_valid_phone_and_purpose()
    {
        Assert.Throws<DomainValidationException>(() => OneTimeCode.Issue("123", CodePurpose.SignUp, Now, TimeSpan.FromMinutes(5)));
        Assert.Equal("purpose", Assert.Throws<DomainValidationException>(() => OneTimeCode.Issue("13812345678", (CodePurpose)9, Now, TimeSpan.FromMinutes(5))).Field);
    }
}

public class SignUpRulesTests
{
    [Fact]
    public void A_worker_claims_an_unlinked_profile_creates_one_when_there_is_none_and_is_refused_a_linked_one()
    {
        Assert.Equal(WorkerSignUp.ClaimProfile, SignUpRules.ForWorker(profileExists: true, profileLinked: false));
        Assert.Equal(WorkerSignUp.CreateProfile, SignUpRules.ForWorker(profileExists: false, profileLinked: false));
        var e = Assert.Throws<DomainValidationException>(() => SignUpRules.ForWorker(profileExists: true, profileLinked: true));
        Assert.Equal("phone", e.Field);
        Assert.Contains("县（市、区）科协", e.Message);
    }

    [Fact]
    public void An_organization_is_created_claimed_or_refused_by_its_accounts()
    {
        Assert.Equal(OrganizationSignUp.CreateOrganization, SignUpRules.ForOrganization(false, 0));
        Assert.Equal(OrganizationSignUp.ClaimOrganization, SignUpRules.ForOrganization(true, 0));
        var e = Assert.Throws<DomainValidationException>(() => SignUpRules.ForOrganization(true, 1));
        Assert.Equal("creditCode", e.Field);
        Assert.Contains("单位管理员", e.Message);
    }
}

public class OrganizationApplicationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor DaYing = new("u1", "daying", UserRole.AssociationAdmin, "510923", DisplayName: "大英县科协管理员");
    private static readonly Actor SheHong = new("u2", "shehong", UserRole.AssociationAdmin, "510981");
    private static readonly Actor SheHongStaff = new("u3", "shehong-staff", UserRole.ServiceCenterStaff, "510981");

    private static OrganizationApplication New() =>
        OrganizationApplication.Submit(Guid.NewGuid(), "510923", "user", "张三", "13812345678", OrganizationApplicationKind.NewOrganization);

    [Fact]
    public void Only_a_manager_of_the_organizations_region_decides_and_only_once()
    {
        var application = New();
        Assert.Throws<AccessDeniedException>(() => application.Approve(SheHong, Now));
        Assert.Throws<AccessDeniedException>(() => application.Approve(SheHongStaff, Now));
        application.Approve(DaYing, Now);
        Assert.Equal(OrganizationApplicationStatus.Approved, application.Status);
        Assert.Equal("大英县科协管理员", application.DecidedBy); // the name people read, never the login name
        Assert.Throws<InvalidTransitionException>(() => application.Return(DaYing, "重复", Now));
    }

    [Fact]
    public void Returning_needs_a_reason()
    {
        var application = New();
        Assert.Equal("reason", Assert.Throws<DomainValidationException>(() => application.Return(DaYing, " ", Now)).Field);
        application.Return(new Actor("u4", "suining", UserRole.AssociationAdmin, "5109"), "营业执照信息不符", Now);
        Assert.Equal(OrganizationApplicationStatus.Returned, application.Status);
        Assert.Equal("营业执照信息不符", application.ReturnReason);
    }

    [Fact]
    public void An_invitation_is_for_one_phone_once_within_seven_days()
    {
        var invitation = OrganizationInvitation.Create(Guid.NewGuid(), "510923", "13812345678", "admin", Now);
        Assert.Matches("^[2-9A-HJ-NP-Z]{8}$", invitation.Code);
        Assert.Throws<DomainValidationException>(() => invitation.Accept("13900000000", "x", Now));
        Assert.Throws<DomainValidationException>(() => invitation.Accept("13812345678", "x", Now.AddDays(7)));
        invitation.Accept("13812345678", "x", Now.AddDays(1));
        Assert.Equal("invitationCode", Assert.Throws<DomainValidationException>(() => invitation.Accept("13812345678", "y", Now.AddDays(1))).Field);
    }
}
