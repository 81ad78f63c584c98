using System.Text;
using JiebaNet.Segmenter;
using Kexie.Matching.Analysis;
using Kexie.Matching.Data;

namespace Kexie.Matching.Tests;

/// <summary>
/// <see cref="JiebaSegmenterFast"/> against its oracle, jieba.NET 0.42.2's
/// <c>Cut(text, cutAll: false, hmm)</c>: the same tokens for every CSL title, keyword and abstract,
/// raw and normalised, with and without HMM, and for edge cases.
/// </summary>
public class SegmenterTests
{
    private static readonly Lazy<JiebaSegmenter> Oracle = new(() =>
    {
        JiebaResources.EnsureConfigured();
        return new JiebaSegmenter();
    });

    private static readonly Lazy<List<CslRecord>> Records = new(() =>
    {
        var dir = KexieDataPath.Locate(startDirectory: AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("shared/data not found: set KEXIE_DATA or place shared/ beside the repository");
        return CslRecord.ReadJsonLines(Path.Combine(dir, "csl", "csl_full_dev.jsonl"));
    });

    private static JiebaSegmenterFast Fast => JiebaSegmenterFast.Shared;

    public static TheoryData<bool> HmmModes => new() { true, false };

    [Theory]
    [MemberData(nameof(HmmModes))]
    public void Csl_titles_keywords_and_abstracts_match_jieba_net(bool hmm)
    {
        var texts = new List<string>();
        foreach (var r in Records.Value)
        {
            texts.Add(r.Title);
            texts.Add(r.Abstract);
            texts.AddRange(r.Keywords);
            texts.Add(string.Join("、", r.Keywords));
        }
        Assert.Equal(2758, Records.Value.Count);
        AssertSameAsOracle(texts, hmm);
        AssertSameAsOracle(texts.Select(TextNormalizer.Normalize), hmm);
    }

    [Theory]
    [MemberData(nameof(HmmModes))]
    public void Edge_cases_match_jieba_net(bool hmm)
    {
        string[] texts =
        [
            "", " ", "   ", "\t", "\r\n", "\n\r", "\r\r\n\n", "a\r\nb", "中文\r\n英文\n", "\u3000\u3000全角空格",
            "😀", "测试😀表情", "𠮷野家", "𩸽鱼", "a😀b", "\uD83D", "孤\uDC00立",
            "5G基站", "5g基站建设", "PLC控制", "plc控制系统", "3.5%", "增长了3.5%左右", "12.5kg", "1.2.3", ".5", "5.", "v2.0版本",
            "C++语言", "C#编程", "AT&T公司", "a_b_c", "100%纯", "·", "马克·吐温", "--", "e-mail地址", "+86-10-12345678",
            "，。！？：；（）【】《》", "ＡＢＣ１２３全角", "研究表明，该方法有效。", "ipad和iphone", "B超检查", "T恤衫",
            "資訊工程與電腦科學", "臺灣大學的學生們", "龍鳳呈祥", "中華人民共和國",
            "他来到了网易杭研大厦", "小明硕士毕业于中国科学院计算所，后在日本京都大学深造", "结婚的和尚未结婚的",
            "工信处女干事每月经过下属科室都要亲口交代24口交换机等技术性器件的安装工作",
            "\u9FD5\u9FD6\u9FFF\u3400", "ⅰⅱⅲ①②③", "١٢٣", "ab\u00A0cd", "x\u200By", "αβγ希腊字母", "Привет世界",
        ];
        AssertSameAsOracle(texts, hmm);
        AssertSameAsOracle(texts.Select(TextNormalizer.Normalize), hmm);
    }

    [Theory]
    [MemberData(nameof(HmmModes))]
    public void Random_mixed_strings_match_jieba_net(bool hmm)
    {
        const string alphabet = "的一是了不在人有我他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单手装观形ABCxyz0123456789+#&._%·- ，。\r\n\t😀𠮷";
        var random = new Random(20261125);
        var texts = new List<string>();
        for (var t = 0; t < 3000; t++)
        {
            var length = random.Next(0, 40);
            var sb = new StringBuilder(length);
            for (var i = 0; i < length; i++)
            {
                sb.Append(alphabet[random.Next(alphabet.Length)]);
            }
            texts.Add(sb.ToString());
        }
        AssertSameAsOracle(texts, hmm);
    }

    [Fact]
    public void A_megabyte_of_text_and_a_long_block_match_jieba_net()
    {
        var sb = new StringBuilder(1 << 20);
        var i = 0;
        while (sb.Length < 1 << 20)
        {
            var r = Records.Value[i++ % Records.Value.Count];
            sb.Append(r.Title).Append("\r\n").Append(r.Abstract).Append('\n');
        }
        var megabyte = sb.ToString(0, 1 << 20);
        var block = new StringBuilder();
        foreach (var r in Records.Value.Take(400))
        {
            foreach (var c in r.Abstract)
            {
                if (JiebaSegmenterFast.IsBlockCharacter(c))
                {
                    block.Append(c);
                }
            }
        }
        Assert.True(block.Length > 50_000);
        AssertSameAsOracle([megabyte, block.ToString()], hmm: true);
        AssertSameAsOracle([block.ToString()], hmm: false);
    }

    [Fact]
    public void Dictionary_lookups_match_jieba_net()
    {
        JiebaResources.EnsureConfigured();
        var oracle = WordDictionary.Instance;
        var dictionary = Fast.Dictionary;
        Assert.Equal(oracle.Total, dictionary.Total);
        foreach (var word in new[] { "人工", "智能", "人工智能", "人工智", "中", "B超", "b超", "", "qqq", "中华人民共和国", "AT&T" })
        {
            Assert.Equal(oracle.ContainsWord(word), dictionary.ContainsWord(word));
            Assert.Equal(oracle.ContainsWord(word) ? word : null, dictionary.GetWord(word));
        }
        foreach (var r in Records.Value.Take(300))
        {
            var text = TextNormalizer.Normalize(r.Abstract);
            for (var n = 2; n <= 4; n++)
            {
                for (var start = 0; start + n <= text.Length; start++)
                {
                    var gram = text.Substring(start, n);
                    Assert.Equal(oracle.ContainsWord(gram), dictionary.ContainsWord(gram));
                }
            }
        }
    }

    [Fact]
    public void Shared_instance_is_thread_safe()
    {
        var texts = Records.Value.Take(400).Select(r => r.Abstract).ToList();
        var expected = texts.Select(t => Fast.Cut(t)).ToList();
        Parallel.For(0, texts.Count * 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var k = i % texts.Count;
            Assert.Equal(expected[k], Fast.Cut(texts[k]));
        });
    }

    [Fact]
    public void Char_trie_finds_exactly_the_added_strings_and_their_prefixes()
    {
        var random = new Random(7);
        var added = new HashSet<string>(StringComparer.Ordinal);
        var builder = new CharTrie.Builder();
        var provisional = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 5000; i++)
        {
            var chars = new char[random.Next(1, 6)];
            for (var k = 0; k < chars.Length; k++)
            {
                chars[k] = "人工智能信息与通信工程ab😀"[random.Next(14)];
            }
            var text = new string(chars);
            added.Add(text);
            provisional[text] = builder.Add(text);
        }
        var trie = builder.Build(out var renumber);
        var prefixes = added.SelectMany(w => Enumerable.Range(1, w.Length).Select(n => w[..n])).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(prefixes.Count + 1, trie.NodeCount);
        var nodes = new HashSet<int>();
        foreach (var text in prefixes)
        {
            var node = trie.Find(text);
            Assert.NotEqual(CharTrie.Root, node);
            Assert.True(nodes.Add(node));
            if (added.Contains(text))
            {
                Assert.Equal(renumber[provisional[text]], node);
            }
        }
        Assert.Equal(CharTrie.Root, trie.Find("人工智能信息与通信"));
        Assert.Equal(CharTrie.Root, trie.Find("x"));
        Assert.Equal(CharTrie.Root, trie.Find(""));
    }

    [Fact]
    public void User_terms_spanning_several_words_are_found_with_prefix_terms()
    {
        var analyzer = new ChineseAnalyzer(["信息与通信", "信息与通信工程", "通信工程", "人工智能芯片"]);
        var tokens = analyzer.Analyze("信息与通信工程和人工智能芯片");
        Assert.Contains("信息与通信工程", tokens);
        Assert.Contains("人工智能芯片", tokens);
        // 信息/与/通信工程: "信息与通信" ends inside a word, so it is not a run of whole words.
        Assert.Equal(["信息", "与", "通信工程", "和", "人工智能", "芯片"], analyzer.Segment("信息与通信工程和人工智能芯片"));
        Assert.DoesNotContain("信息与通信", tokens);
    }

    private static void AssertSameAsOracle(IEnumerable<string> texts, bool hmm)
    {
        var mismatches = new List<string>();
        var count = 0;
        foreach (var text in texts)
        {
            count++;
            var expected = Oracle.Value.Cut(text, cutAll: false, hmm: hmm).ToList();
            var actual = Fast.Cut(text, hmm);
            if (!expected.SequenceEqual(actual, StringComparer.Ordinal))
            {
                mismatches.Add($"{Show(text)}\n  jieba.NET: {Show(string.Join(" | ", expected))}\n  fast:      {Show(string.Join(" | ", actual))}");
            }
        }
        Assert.True(count > 0);
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {count} texts differ (hmm: {hmm}):\n" + string.Join("\n", mismatches.Take(5)));
    }

    private static string Show(string text)
    {
        var shown = text.Length > 300 ? text[..300] + "…" : text;
        return shown.Replace("\r", "\\r").Replace("\n", "\\n");
    }
}
