using Kexie.Domain.Indicators;

namespace Kexie.Domain.Tests.Indicators;

public sealed class StatFormatTests
{
    [Theory]
    [InlineData("0", "0元")]
    [InlineData("6500", "6500元")]
    [InlineData("6499.6", "6500元")]
    [InlineData("20000", "2万元")]
    [InlineData("300000", "30万元")]
    [InlineData("355000", "35.5万元")]
    [InlineData("1523400", "152.3万元")]
    [InlineData("46987463.33", "4699万元")]
    [InlineData("93000000", "9300万元")]
    [InlineData("99999600", "1亿元")]
    [InlineData("122460000", "1.22亿元")]
    [InlineData("1234000000", "12.34亿元")]
    [InlineData("-20000", "-2万元")]
    public void Amounts_are_printed_in_yuan_wan_or_yi_by_size(string yuan, string expected) =>
        Assert.Equal(expected, StatFormat.Amount(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Values_carry_their_unit_and_absent_stays_absent()
    {
        Assert.Equal("12,560人", StatFormat.Value(12560m, "人"));
        Assert.Equal("4699万元", StatFormat.Value(46987463.33m, "元"));
        Assert.Equal("12.5万元/笔", StatFormat.Value(125000m, "元/笔"));
        Assert.Equal("87.5%", StatFormat.Value(87.5m, "%"));
        Assert.Equal("1,234.5次", StatFormat.Value(1234.5m, "次"));
        Assert.Null(StatFormat.Value(null, "人"));
    }

    [Fact]
    public void Growth_compares_with_the_previous_value_only_when_there_is_one()
    {
        Assert.Equal("较上年增长25%", StatFormat.Growth(125m, 100m));
        Assert.Equal("较上年下降33.3%", StatFormat.Growth(2m, 3m));
        Assert.Equal("与上年持平", StatFormat.Growth(7m, 7m));
        Assert.Null(StatFormat.Growth(7m, 0m));
        Assert.Null(StatFormat.Growth(7m, null));
    }
}
