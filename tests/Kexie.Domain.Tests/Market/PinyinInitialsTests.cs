using Kexie.Domain.Common;

namespace Kexie.Domain.Tests.Market;

public class PinyinInitialsTests
{
    // Lines as Unihan_Readings.txt (Unicode 15, Debian unicode-data) has them, with a comment and an unrelated field.
    private const string Unihan = """
        # Unihan_Readings.txt
        U+8336	kDefinition	tea
        U+8336	kHanyuPinyin	53207.020:chá
        U+8336	kMandarin	chá
        U+8336	kXHC1983	0112.050:chá
        U+53F6	kHanyuPinyin	10568.020:xié,yè
        U+53F6	kMandarin	yè
        U+53F6	kTGHZ2013	404.190:xié 430.010:yè
        U+52A0	kMandarin	jiā
        U+5DE5	kMandarin	gōng
        U+67E0	kHanyuPinyin	21189.010:chǔ,zhù,níng
        U+67E0	kMandarin	níng
        U+67E0	kTGHZ2013	268.110:níng
        U+6AAC	kMandarin	méng
        U+91CD	kHanyuPinyin	63680.020:zhòng,chóng,tóng
        U+91CD	kMandarin	zhòng
        U+91CD	kTGHZ2013	047.150:chóng 481.090:zhòng
        U+5E86	kMandarin	qìng
        U+5E02	kMandarin	shì
        U+884C	kMandarin	xíng
        U+884C	kTGHZ2013	131.140:háng 136.100:héng 408.120:xíng
        U+94F6	kMandarin	yín
        U+963F	kMandarin	ā
        U+963F	kTGHZ2013	001.020:ā 086.010:ē
        U+3400	kHanyuPinyin	10019.020:qiū
        """;

    private static readonly PinyinInitials Pinyin = PinyinInitials.Parse(new StringReader(Unihan));

    [Fact]
    public void Names_get_their_initials_the_customary_reading_first()
    {
        Assert.Equal("cyjg", Pinyin.Of("茶叶加工")[0]);
        Assert.Equal(["nm"], Pinyin.Of("柠檬")); // kHanyuPinyin's archaic chǔ/zhù are not used when modern readings exist
        Assert.Equal("a", Pinyin.Of("阿")[0]);
        Assert.Equal(["q"], Pinyin.Of("㐀")); // only kHanyuPinyin: used
        Assert.Equal(["c3jg"], Pinyin.Of("茶3（加工）").Take(1)); // digits kept, punctuation skipped
        Assert.Empty(Pinyin.Of("、"));
    }

    [Fact]
    public void Heteronyms_give_every_reading_so_chongqing_and_yinhang_are_found()
    {
        Assert.Equal(["zqs", "cqs"], Pinyin.Of("重庆市"));
        Assert.True(Pinyin.Matches("重庆市", "cq"));
        Assert.True(Pinyin.Matches("重庆市", "CQ"));
        Assert.True(Pinyin.Matches("银行", "yh"));
        Assert.True(Pinyin.Matches("茶叶加工", "cy"));
        Assert.True(Pinyin.Matches("茶叶加工", "jg"));
        Assert.False(Pinyin.Matches("茶叶加工", "nm"));
        Assert.False(Pinyin.Matches("茶叶加工", " "));
    }

    [Fact]
    public void Combinations_are_capped()
    {
        var many = Pinyin.Of(string.Concat(Enumerable.Repeat("行重阿", 6)));
        Assert.InRange(many.Count, 2, PinyinInitials.MaxVariants);
        Assert.Equal(string.Concat(Enumerable.Repeat("xza", 6)), many[0]);
    }

    [Fact]
    public void Without_readings_only_latin_letters_and_digits_count()
    {
        Assert.Empty(PinyinInitials.Empty.Of("茶叶"));
        Assert.Equal(["5g"], PinyinInitials.Empty.Of("5G通信"));
        Assert.True(PinyinInitials.IsInitialsQuery("cy"));
        Assert.False(PinyinInitials.IsInitialsQuery("茶"));
        Assert.False(PinyinInitials.IsInitialsQuery("0151"));
    }
}
