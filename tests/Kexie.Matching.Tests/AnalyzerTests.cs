using Kexie.Matching.Analysis;

namespace Kexie.Matching.Tests;

public class AnalyzerTests
{
    [Fact]
    public void Jieba_dictionary_is_copied_next_to_the_program()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "Resources", "dict.txt")));
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "Resources", "prob_emit.json")));
    }

    [Fact]
    public void Segments_domain_terms_as_words()
    {
        var words = ChineseAnalyzer.Default.Segment("大英县农业科技服务中心推广水稻病虫害绿色防控技术");
        Assert.Contains("病虫害", words);
        Assert.Contains("水稻", words);
        Assert.Contains("防控", words);
    }

    [Fact]
    public void Long_words_also_yield_their_dictionary_subwords()
    {
        var tokens = ChineseAnalyzer.Default.Analyze("人工智能");
        Assert.Contains("人工智能", tokens);
        Assert.Contains("人工", tokens);
        Assert.Contains("智能", tokens);
    }

    [Theory]
    [InlineData("计算机", new[] { "计算" }, new[] { "算机" })]
    [InlineData("群众体育", new[] { "群众", "体育" }, new[] { "众体" })]
    [InlineData("篮球运动", new[] { "篮球", "运动" }, new[] { "球运" })]
    [InlineData("经济学", new[] { "经济" }, new[] { "济学" })]
    public void Subwords_tile_the_word_and_never_cross_a_word_boundary_inside_it(string word, string[] parts, string[] across)
    {
        var tokens = ChineseAnalyzer.Default.Analyze(word);
        Assert.Contains(word, tokens);
        Assert.All(parts, p => Assert.Contains(p, tokens));
        Assert.All(across, a => Assert.DoesNotContain(a, tokens));
        // Every sub-word is a piece of one split: together they never cover a character twice.
        Assert.True(tokens.Where(t => t != word).Sum(t => t.Length) <= word.Length);
        // The previous behaviour (every dictionary 2- and 3-gram) stays available.
        var grams = new ChineseAnalyzer(settings: new AnalyzerSettings { SubwordTiling = false }).Analyze(word);
        Assert.All(across, a => Assert.Contains(a, grams));
    }

    [Fact]
    public void User_terms_are_reassembled_from_their_parts()
    {
        var plain = ChineseAnalyzer.Default.Analyze("信息与通信工程专业");
        Assert.DoesNotContain("信息与通信工程", plain);

        var withTerms = new ChineseAnalyzer(["信息与通信工程", "无人机植保"]);
        var tokens = withTerms.Analyze("信息与通信工程专业提供无人机植保服务");
        Assert.Contains("信息与通信工程", tokens);
        Assert.Contains("无人机植保", tokens);
        Assert.Contains("通信", tokens);
    }

    [Fact]
    public void Stop_words_are_removed()
    {
        var tokens = ChineseAnalyzer.Default.Analyze("我们的研究表明，这种方法是有效的");
        Assert.DoesNotContain("的", tokens);
        Assert.DoesNotContain("我们", tokens);
        Assert.DoesNotContain("是", tokens);
        Assert.Contains("有效", tokens);
    }

    [Fact]
    public void Only_stop_words_and_punctuation_give_no_tokens()
    {
        Assert.Empty(ChineseAnalyzer.Default.Analyze("的了和与，。！？……我们 the and"));
    }

    [Theory]
    [InlineData("ＡＢＣ１２３，ｘｙｚ", "abc123,xyz")]
    [InlineData("CNC数控机床", "cnc数控机床")]
    [InlineData("電腦軟體開發與資訊服務", "电脑软体开发与资讯服务")]
    [InlineData("農業機械化", "农业机械化")]
    [InlineData("著作权、乾隆", "著作权、乾隆")]
    [InlineData("简体中文不变", "简体中文不变")]
    public void Normalizes_width_script_and_case(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(input));
    }

    [Fact]
    public void Traditional_and_simplified_texts_give_the_same_tokens()
    {
        var simplified = ChineseAnalyzer.Default.Analyze("农业技术推广与病虫害防治");
        var traditional = ChineseAnalyzer.Default.Analyze("農業技術推廣與病蟲害防治");
        Assert.Equal(simplified, traditional);
    }

    [Fact]
    public void Full_width_latin_matches_half_width()
    {
        Assert.Equal(ChineseAnalyzer.Default.Analyze("PLC控制系统"), ChineseAnalyzer.Default.Analyze("ＰＬＣ控制系统"));
        Assert.Contains("plc", ChineseAnalyzer.Default.Analyze("PLC控制系统"));
    }

    [Fact]
    public void Emoji_and_symbols_are_ignored()
    {
        var tokens = ChineseAnalyzer.Default.Analyze("🚜🌾 农机 👍👍 ★☆ 🙂");
        Assert.Equal(["农机"], tokens);
    }

    [Fact]
    public void Pure_numbers_are_dropped_but_codes_with_letters_kept()
    {
        var tokens = ChineseAnalyzer.Default.Analyze("2020年 5G 基站 3.5 GHz");
        Assert.DoesNotContain("2020", tokens);
        Assert.DoesNotContain("3.5", tokens);
        Assert.Contains("5g", tokens);
        Assert.Contains("ghz", tokens);
    }

    [Fact]
    public void Huge_text_is_truncated_not_choked_on()
    {
        var analyzer = new ChineseAnalyzer(settings: new AnalyzerSettings { MaxCharacters = 10_000 });
        var text = string.Concat(Enumerable.Repeat("水稻种植技术", 200_000));
        var tokens = analyzer.Analyze(text);
        Assert.NotEmpty(tokens);
        Assert.True(tokens.Count < 10_000);
    }

    [Fact]
    public void Null_and_empty_give_nothing()
    {
        Assert.Empty(ChineseAnalyzer.Default.Analyze(null));
        Assert.Empty(ChineseAnalyzer.Default.Analyze(""));
        Assert.Empty(ChineseAnalyzer.Default.Analyze("   \t\n "));
        Assert.Empty(ChineseAnalyzer.Default.Segment(null));
    }
}
