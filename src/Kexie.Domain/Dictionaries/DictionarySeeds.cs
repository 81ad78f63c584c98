namespace Kexie.Domain.Dictionaries;

/// <summary>
/// The lists a new database starts with (no table of them is in the shared data, so they are written here once; after
/// the first start they live in the database and admins extend them). Education: GB/T 4658-2006 (the 毕业 codes, named
/// as forms say them); political status: GB/T 4762-1984 with the usual short names; titles: common 专业技术职务 by grade,
/// with the platform's own codes (ZG 正高级, FG 副高级, ZJ 中级, CJ 初级). Synonyms only where the meaning is certain:
/// 研究生 (博士 or 硕士?) and 高级 (which series?) are deliberately absent.
/// </summary>
public static class DictionarySeeds
{
    private static readonly (string Type, string Code, string Name, string[] Synonyms)[] Rows =
    [
        (DictionaryTypes.Education, "11", "博士研究生", ["博士", "博士研究生毕业", "博士毕业"]),
        (DictionaryTypes.Education, "14", "硕士研究生", ["硕士", "硕士研究生毕业", "硕士毕业"]),
        (DictionaryTypes.Education, "21", "大学本科", ["本科", "大学本科毕业", "本科毕业", "大本"]),
        (DictionaryTypes.Education, "31", "大学专科", ["专科", "大专", "大学专科毕业", "专科毕业"]),
        (DictionaryTypes.Education, "41", "中等专科", ["中专", "中等专科毕业", "中专毕业"]),
        (DictionaryTypes.Education, "44", "职业高中", ["职高", "职业高中毕业"]),
        (DictionaryTypes.Education, "47", "技工学校", ["技校", "技工学校毕业"]),
        (DictionaryTypes.Education, "61", "普通高中", ["高中", "普通高中毕业", "高中毕业"]),
        (DictionaryTypes.Education, "71", "初中", ["初级中学", "初中毕业"]),
        (DictionaryTypes.Education, "81", "小学", ["小学毕业"]),
        (DictionaryTypes.Education, "90", "其他", []),

        (DictionaryTypes.PoliticalStatus, "01", "中共党员", ["党员", "中国共产党党员", "共产党员"]),
        (DictionaryTypes.PoliticalStatus, "02", "中共预备党员", ["预备党员", "中国共产党预备党员"]),
        (DictionaryTypes.PoliticalStatus, "03", "共青团员", ["团员", "中国共产主义青年团团员"]),
        (DictionaryTypes.PoliticalStatus, "04", "民革党员", ["民革", "民革会员", "中国国民党革命委员会会员"]),
        (DictionaryTypes.PoliticalStatus, "05", "民盟盟员", ["民盟", "中国民主同盟盟员"]),
        (DictionaryTypes.PoliticalStatus, "06", "民建会员", ["民建", "中国民主建国会会员"]),
        (DictionaryTypes.PoliticalStatus, "07", "民进会员", ["民进", "中国民主促进会会员"]),
        (DictionaryTypes.PoliticalStatus, "08", "农工党党员", ["农工党", "中国农工民主党党员"]),
        (DictionaryTypes.PoliticalStatus, "09", "致公党党员", ["致公党", "中国致公党党员"]),
        (DictionaryTypes.PoliticalStatus, "10", "九三学社社员", ["九三学社"]),
        (DictionaryTypes.PoliticalStatus, "11", "台盟盟员", ["台盟", "台湾民主自治同盟盟员"]),
        (DictionaryTypes.PoliticalStatus, "12", "无党派人士", ["无党派", "无党派民主人士"]),
        (DictionaryTypes.PoliticalStatus, "13", "群众", ["普通群众"]),

        (DictionaryTypes.Title, "ZG01", "教授", []),
        (DictionaryTypes.Title, "ZG02", "研究员", []),
        (DictionaryTypes.Title, "ZG03", "正高级工程师", ["教授级高工", "教授级高级工程师", "正高工"]),
        (DictionaryTypes.Title, "ZG04", "农业技术推广研究员", ["推广研究员"]),
        (DictionaryTypes.Title, "ZG05", "主任医师", []),
        (DictionaryTypes.Title, "FG01", "副教授", []),
        (DictionaryTypes.Title, "FG02", "副研究员", []),
        (DictionaryTypes.Title, "FG03", "高级工程师", ["高工"]),
        (DictionaryTypes.Title, "FG04", "高级农艺师", []),
        (DictionaryTypes.Title, "FG05", "高级畜牧师", []),
        (DictionaryTypes.Title, "FG06", "高级兽医师", []),
        (DictionaryTypes.Title, "FG07", "副主任医师", []),
        (DictionaryTypes.Title, "FG08", "高级实验师", []),
        (DictionaryTypes.Title, "FG09", "高级经济师", []),
        (DictionaryTypes.Title, "FG10", "高级会计师", []),
        (DictionaryTypes.Title, "FG11", "高级教师", []),
        (DictionaryTypes.Title, "ZJ01", "讲师", []),
        (DictionaryTypes.Title, "ZJ02", "助理研究员", []),
        (DictionaryTypes.Title, "ZJ03", "工程师", []),
        (DictionaryTypes.Title, "ZJ04", "农艺师", []),
        (DictionaryTypes.Title, "ZJ05", "畜牧师", []),
        (DictionaryTypes.Title, "ZJ06", "兽医师", []),
        (DictionaryTypes.Title, "ZJ07", "主治医师", []),
        (DictionaryTypes.Title, "ZJ08", "实验师", []),
        (DictionaryTypes.Title, "ZJ09", "经济师", []),
        (DictionaryTypes.Title, "ZJ10", "会计师", []),
        (DictionaryTypes.Title, "ZJ11", "一级教师", []),
        (DictionaryTypes.Title, "CJ01", "助教", []),
        (DictionaryTypes.Title, "CJ02", "研究实习员", []),
        (DictionaryTypes.Title, "CJ03", "助理工程师", ["助工"]),
        (DictionaryTypes.Title, "CJ04", "技术员", []),
        (DictionaryTypes.Title, "CJ05", "助理农艺师", []),
        (DictionaryTypes.Title, "CJ06", "医师", []),
        (DictionaryTypes.Title, "CJ07", "助理经济师", []),
        (DictionaryTypes.Title, "CJ08", "助理会计师", []),
        (DictionaryTypes.Title, "CJ09", "二级教师", []),
    ];

    /// <summary>New entries for every seeded list (sort 10, 20, … in the order above, so admins can insert between).</summary>
    public static IReadOnlyList<DictionaryEntry> Entries(string? type = null) => Rows
        .Where(r => type is null || r.Type == type)
        .GroupBy(r => r.Type)
        .SelectMany(g => g.Select((r, i) => DictionaryEntry.Create(r.Type, r.Code, r.Name, (i + 1) * 10, true, r.Synonyms)))
        .ToList();

    /// <summary>The seeded names of <paramref name="type"/> (demo data, tests).</summary>
    public static IReadOnlyList<string> Names(string type) => Rows.Where(r => r.Type == type).Select(r => r.Name).ToList();
}
