namespace Kexie.Matching.Analysis;

/// <summary>
/// Stop words: jieba's own list (Resources/stopwords.txt, loaded when present) plus the function
/// words and boiler-plate of Chinese abstracts, needs and offers listed here.
/// </summary>
public static class StopWords
{
    // Function words, pronouns, measure words and boiler-plate that carry no topic.
    private const string Builtin =
        "的 了 和 与 及 或 在 是 对 为 等 中 以 将 由 被 把 并 而 但 其 之 于 从 到 向 也 又 都 就 还 更 最 很 " +
        "这 那 此 该 各 每 某 本 其中 之一 一个 一种 一些 一定 一般 一起 一直 一样 进行 通过 利用 采用 基于 " +
        "研究 分析 方法 结果 表明 结果表明 提出 实现 具有 相关 问题 方面 过程 情况 作用 影响 主要 重要 不同 " +
        "以及 以上 以下 为了 因此 所以 同时 然后 其次 首先 最后 此外 另外 并且 而且 可以 能够 需要 应该 " +
        "我们 你们 他们 她们 它们 我 你 他 她 它 您 本文 文章 论文 作者 我国 国内 " +
        "有 无 没有 不 非 很多 许多 较 较为 比较 更加 非常 十分 已经 正在 目前 当前 现在 近年来 随着 " +
        "个 种 项 次 些 年 月 日 时 上 下 内 外 后 前 间 " +
        "求 寻求 寻找 希望 想要 急需 需求 需 要 提供 服务 合作 欢迎 联系 电话 " +
        "a an the of and or to in on for with by at from as is are was were be this that these those";

    private static readonly HashSet<string> Words = Load();

    // Organisation types and words every organisation, need or offer of the platform carries: in a name they say
    // nothing about the subject (a need of 某某有限公司 and an offer of 某某人民医院 have nothing in common).
    private const string GenericBuiltin =
        "公司 有限公司 有限责任公司 股份有限公司 股份 集团 集团公司 分公司 总公司 企业 厂 工厂 医院 人民医院 人民 中心 " +
        "大学 学院 研究院 研究所 研究中心 实验室 协会 学会 委员会 政府 人民政府 单位 部门 机构 办公室 " +
        "有限 责任 单位名称 联系人 " +
        "省 市 县 区 镇 乡 村 街道 社区 自治州 自治县 自治区 地区 全国 全省 全市 全县 当地 本地";

    private static readonly HashSet<string> Generic = new(GenericBuiltin.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    /// <summary>Organisation-type and generic words (公司, 有限公司, 医院, 人民 …) that never count as matched terms.</summary>
    public static bool IsGeneric(string normalizedToken) => Generic.Contains(normalizedToken);

    private static HashSet<string> Load()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in Builtin.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            set.Add(w);
        }
        try
        {
            var path = Path.Combine(JiebaResources.Directory, "stopwords.txt");
            if (File.Exists(path))
            {
                foreach (var line in File.ReadLines(path))
                {
                    var w = TextNormalizer.Normalize(line.Trim().TrimStart('\uFEFF'));
                    if (w.Length > 0)
                    {
                        set.Add(w);
                    }
                }
            }
        }
        catch (IOException)
        {
            // The built-in list is enough to work without jieba's file.
        }
        return set;
    }

    /// <summary>True when <paramref name="normalizedToken"/> is a stop word.</summary>
    public static bool Contains(string normalizedToken) => Words.Contains(normalizedToken);

    /// <summary>Number of stop words known.</summary>
    public static int Count => Words.Count;
}
