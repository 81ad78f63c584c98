using Kexie.Domain.Common;
using Kexie.Domain.Directory;

namespace Kexie.Domain.Tests.Directory;

public class UnifiedSocialCreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91510922MA6251X949")]
    public void Accepts_codes_whose_check_character_matches(string code)
    {
        Assert.Null(UnifiedSocialCreditCode.Problem(code));
    }

    [Fact]
    public void Computes_the_check_character_from_the_first_17()
    {
        Assert.Equal('3', UnifiedSocialCreditCode.CheckCharacter("91350100M000100Y4"));
    }

    [Theory]
    [InlineData("91350100M000100Y44", "校验位错误")]
    [InlineData("91350100M000100Y4", "应为18位")]
    [InlineData("91350100M00O100Y43", "非法字符“O”")]
    [InlineData("9135A100M000100Y43", "行政区划代码")]
    [InlineData("", "不能为空")]
    public void Rejects_malformed_codes_with_a_Chinese_reason(string code, string reason)
    {
        var problem = UnifiedSocialCreditCode.Problem(code);
        Assert.NotNull(problem);
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void Validate_names_the_field()
    {
        var ex = Assert.Throws<DomainValidationException>(() => UnifiedSocialCreditCode.Validate("123", "creditCode"));
        Assert.Equal("creditCode", ex.Field);
    }

    [Fact]
    public void Lower_case_input_is_normalised()
    {
        Assert.Equal("91350100M000100Y43", UnifiedSocialCreditCode.Validate("91350100m000100y43", "creditCode"));
    }
}
