using Kexie.Domain.Common;

namespace Kexie.Domain.Tests.Market;

public class YuanAmountTests
{
    [Theory]
    [InlineData("50000", 50_000)]
    [InlineData("5万", 50_000)]
    [InlineData("5万元", 50_000)]
    [InlineData(" 5 万 ", 50_000)]
    [InlineData("1.2亿", 120_000_000)]
    [InlineData("3000元", 3_000)]
    [InlineData("3,000", 3_000)]
    [InlineData("3，000", 3_000)]
    [InlineData("￥3,000.50", 3_000.50)]
    [InlineData("¥8800", 8_800)]
    [InlineData("５万", 50_000)]
    [InlineData("0.5万", 5_000)]
    [InlineData("12.5万元", 125_000)]
    [InlineData("3千", 3_000)]
    [InlineData("0", 0)]
    public void People_type_amounts_in_yuan_wan_and_yi(string text, double expected)
    {
        Assert.Equal((decimal)expected, YuanAmount.Parse(text, "budgetMax", "预算上限"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_is_no_amount(string? text) => Assert.Null(YuanAmount.Parse(text, "budgetMax", "预算上限"));

    [Theory]
    [InlineData("五万")]
    [InlineData("abc")]
    [InlineData("5万万")]
    [InlineData("1万亿")]
    [InlineData("万")]
    [InlineData("5..0")]
    [InlineData("1e5")]
    public void Anything_else_is_refused_naming_the_field_in_chinese(string text)
    {
        var ex = Assert.Throws<DomainValidationException>(() => YuanAmount.Parse(text, "contractAmount", "合同金额"));
        Assert.Equal("contractAmount", ex.Field);
        Assert.StartsWith("合同金额", ex.Message);
        Assert.Contains("5万", ex.Message);
    }

    [Fact]
    public void Range_and_fen_are_the_domain_s_rules_after_parsing()
    {
        // The parser only reads the text; 100亿 and two decimals are checked by Guard.Yuan like any amount.
        Assert.Equal(12_345.67m, YuanAmount.Parse("1.234567万", "x", "金额"));
        Assert.Throws<DomainValidationException>(() => Guard.Yuan(YuanAmount.Parse("1.2345678万", "x", "金额")!.Value, "x", "金额"));
        Assert.Throws<DomainValidationException>(() => Guard.Yuan(YuanAmount.Parse("101亿", "x", "金额")!.Value, "x", "金额"));
    }
}
