namespace Kexie.Data.SharedData;

/// <summary>
/// The 67 CSL disciplines (学科 of the Chinese Scientific Literature records) as GB/T 13745-2009 codes, the codes
/// offers, needs and workers carry. The classifier is trained with these codes as labels, so what it suggests can
/// be compared with the platform's codes directly. Where GB/T 13745 has a second-level subject of the same name
/// (作物学 → 农艺学 21030, 植物保护 → 21060 …) that one is used, otherwise the first-level subject.
/// Two CSL disciplines may share a code (土木工程, 建筑学 → 560). Used by the matching classifier (Kexie.Web) and the
/// market demo seeder.
/// </summary>
public static class CslDisciplineCodes
{
    public static readonly IReadOnlyDictionary<string, string> Map = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["军事学"] = "830",
        ["作物学"] = "21030",
        ["农业资源利用"] = "21050",
        ["园艺学"] = "21040",
        ["林学/林业工程"] = "220",
        ["植物保护"] = "21060",
        ["水产"] = "240",
        ["畜牧学/兽医学"] = "230",
        ["中医学/中药学"] = "360",
        ["公共卫生与预防医学"] = "330",
        ["口腔医学"] = "32044",
        ["基础医学/临床医学"] = "320",
        ["药学"] = "350",
        ["历史学"] = "770",
        ["哲学"] = "720",
        ["交通运输工程"] = "580",
        ["信息与通信工程"] = "510",
        ["光学工程"] = "41620",
        ["兵器科学与技术"] = "53520",
        ["农业工程"] = "41650",
        ["冶金工程"] = "450",
        ["力学"] = "130",
        ["动力工程及工程热物理"] = "470",
        ["化学/化学工程与技术"] = "530",
        ["土木工程"] = "560",
        ["建筑学"] = "560",
        ["控制科学与工程"] = "41310",
        ["机械工程"] = "460",
        ["材料科学与工程"] = "430",
        ["核科学与技术"] = "490",
        ["水利工程"] = "570",
        ["测绘科学与技术"] = "420",
        ["环境科学与工程"] = "610",
        ["电子科学与技术"] = "510",
        ["电气工程"] = "47040",
        ["石油与天然气工程"] = "44050",
        ["矿业工程"] = "440",
        ["纺织科学与工程"] = "540",
        ["航空宇航科学与技术"] = "590",
        ["船舶与海洋工程"] = "41630",
        ["计算机科学与技术"] = "520",
        ["食品科学与工程"] = "550",
        ["体育学"] = "890",
        ["心理学"] = "190",
        ["教育学"] = "880",
        ["中国语言文学"] = "750",
        ["新闻传播学"] = "860",
        ["政治学"] = "810",
        ["民族学"] = "850",
        ["法学"] = "820",
        ["社会学"] = "840",
        ["地球物理学"] = "17020",
        ["地理学"] = "17045",
        ["地质学/地质资源与地质工程"] = "17050",
        ["大气科学"] = "17015",
        ["天文学"] = "160",
        ["数学"] = "110",
        ["海洋科学"] = "17060",
        ["物理学"] = "140",
        ["生物学/生物科学与工程"] = "180",
        ["公共管理"] = "63044",
        ["农林经济管理"] = "79059",
        ["图书馆、情报与档案管理"] = "870",
        ["工商管理"] = "63040",
        ["应用经济学"] = "790",
        ["理论经济学"] = "79011",
        ["艺术学"] = "760",
    };
}
