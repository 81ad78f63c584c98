using System.Text;
using System.Text.RegularExpressions;
using Kexie.Domain.Common;
using Kexie.Domain.Indicators;

namespace Kexie.Web.Features.Indicators.Report;

/// <summary>The parts of a work report, in the seed reports' order; a part is printed only when it has data.</summary>
public enum ReportPart
{
    ServingWorkers = 1,
    Innovation = 2,
    ScienceLiteracy = 3,
    DecisionSupport = 4,
    SelfBuilding = 5,
    NextYear = 6,
}

public static class ReportPartNames
{
    public static IReadOnlyList<ReportPart> All { get; } = Enum.GetValues<ReportPart>();

    public static string Chinese(this ReportPart part) => part switch
    {
        ReportPart.ServingWorkers => "服务科技工作者",
        ReportPart.Innovation => "服务创新驱动发展",
        ReportPart.ScienceLiteracy => "服务全民科学素质提升",
        ReportPart.DecisionSupport => "服务党委政府科学决策",
        ReportPart.SelfBuilding => "自身建设",
        ReportPart.NextYear => "下一年工作安排",
        _ => "其他",
    };
}

/// <summary>A placeholder a template may use: its name (what staff write between braces) and what it prints.</summary>
public sealed record ReportPlaceholder(string Name, string Meaning, bool IsStatistic = true);

/// <summary>
/// A placeholder's value for one region and period: the text printed ("7816人", "1.22亿元", "（较上年增长25%）") and
/// whether it shows activity. A paragraph is printed only when one of its statistics shows activity.
/// </summary>
public sealed record ReportValue(string Name, string Text, bool HasData);

/// <summary>The region and the days a report covers; <see cref="Next"/>: the period its 下一年工作安排 speaks of.</summary>
public sealed record ReportScope(string RegionCode, string RegionName, DateOnly First, DateOnly Last)
{
    public DayRange Next => ReportPeriod.Next(First, Last);
}

/// <summary>
/// What a module contributes to the report: named values for a region and period (placeholders of the template).
/// A module registers one (<c>services.AddScoped&lt;IReportStatisticSource, …&gt;()</c>); the report and the template
/// page find every registered source, so a new module's statistics need no change here.
/// </summary>
public interface IReportStatisticSource
{
    /// <summary>The placeholders this source fills; the template page lists them and validation accepts only these.</summary>
    IReadOnlyList<ReportPlaceholder> Placeholders { get; }

    Task<IReadOnlyList<ReportValue>> ValuesAsync(ReportScope scope, CancellationToken ct);
}

/// <summary>A template paragraph in its part.</summary>
public sealed record TemplateParagraph(ReportPart Part, string Text);

/// <summary>
/// The report's wording as staff write it: a line "# 服务科技工作者" starts a part (one of <see cref="ReportPartNames"/>),
/// every other non-empty line is a paragraph, and "{名称}" is a placeholder. Parsing validates the part names and the
/// placeholders against those the sources declare.
/// </summary>
public static partial class ReportTemplate
{
    [GeneratedRegex(@"\{([^{}\r\n]{1,30})\}")]
    private static partial Regex PlaceholderPattern();

    public const int MaxLength = 20_000;

    /// <summary>The paragraphs of <paramref name="text"/>; a validation error names the line and the unknown part or placeholder (<paramref name="known"/> null: not checked).</summary>
    public static IReadOnlyList<TemplateParagraph> Parse(string? text, IReadOnlySet<string>? known)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainValidationException("text", "报告模板不能为空");
        }

        if (text.Length > MaxLength)
        {
            throw new DomainValidationException("text", $"报告模板不能超过{MaxLength}个字符");
        }

        var paragraphs = new List<TemplateParagraph>();
        ReportPart? part = null;
        var inPart = 0;
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var name = line.TrimStart('#').Trim();
                part = ReportPartNames.All.Cast<ReportPart?>().FirstOrDefault(p => p!.Value.Chinese() == name)
                    ?? throw new DomainValidationException("text", $"报告模板第{i + 1}行：部分“{name}”不存在，应为{string.Join("、", ReportPartNames.All.Select(p => p.Chinese()))}之一");
                inPart = paragraphs.Count(p => p.Part == part);
                continue;
            }

            if (part is null)
            {
                throw new DomainValidationException("text", $"报告模板第{i + 1}行：段落前应先写部分标题，如“# {ReportPart.ServingWorkers.Chinese()}”");
            }

            inPart++;
            var where = $"报告模板第{i + 1}行（{part.Value.Chinese()}第{inPart}段）";
            if (line.Count(c => c == '{') != line.Count(c => c == '}'))
            {
                throw new DomainValidationException("text", $"{where}：花括号不成对");
            }

            foreach (Match m in PlaceholderPattern().Matches(line))
            {
                if (known is not null && !known.Contains(m.Groups[1].Value))
                {
                    throw new DomainValidationException("text", $"{where}：占位符“{{{m.Groups[1].Value}}}”不存在，可用的占位符见模板页的列表");
                }
            }

            paragraphs.Add(new TemplateParagraph(part.Value, line));
        }

        if (paragraphs.Count == 0)
        {
            throw new DomainValidationException("text", "报告模板中没有段落");
        }

        return paragraphs;
    }

    /// <summary>
    /// The printed parts: each paragraph with its placeholders filled, kept only when one of its statistics shows
    /// activity (a value a source did not give drops the paragraph); a part without a kept paragraph is left out.
    /// </summary>
    public static IReadOnlyList<(ReportPart Part, IReadOnlyList<string> Paragraphs)> Render(IReadOnlyList<TemplateParagraph> template, IReadOnlyDictionary<string, ReportValue> values)
    {
        var result = new List<(ReportPart, IReadOnlyList<string>)>();
        foreach (var group in template.GroupBy(p => p.Part).OrderBy(g => g.Key))
        {
            var printed = new List<string>();
            foreach (var paragraph in group)
            {
                var hasData = false;
                var complete = true;
                var text = PlaceholderPattern().Replace(paragraph.Text, m =>
                {
                    if (!values.TryGetValue(m.Groups[1].Value, out var value))
                    {
                        complete = false;
                        return string.Empty;
                    }

                    hasData |= value.HasData;
                    return value.Text;
                });
                if (complete && hasData)
                {
                    printed.Add(text);
                }
            }

            if (printed.Count > 0)
            {
                result.Add((group.Key, printed));
            }
        }

        return result;
    }

    /// <summary>
    /// The template text of paragraphs edited one by one: "# 部分" lines in the parts' order, then each part's non-empty
    /// paragraphs (a line break inside a paragraph is a space). An unknown part name is a validation error.
    /// </summary>
    public static string Compose(IEnumerable<(string Part, string? Text)> paragraphs)
    {
        var byPart = new Dictionary<ReportPart, List<string>>();
        foreach (var (name, text) in paragraphs)
        {
            var part = ReportPartNames.All.Cast<ReportPart?>().FirstOrDefault(p => p!.Value.Chinese() == name?.Trim())
                ?? throw new DomainValidationException("text", $"部分“{name}”不存在，应为{string.Join("、", ReportPartNames.All.Select(p => p.Chinese()))}之一");
            var line = string.Join(" ", (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (line.StartsWith('#'))
            {
                throw new DomainValidationException("text", $"“{part.Chinese()}”的段落不能以“#”开头（“#”行是部分标题）");
            }

            if (line.Length > 0)
            {
                (byPart.TryGetValue(part, out var list) ? list : byPart[part] = []).Add(line);
            }
        }

        var builder = new StringBuilder();
        foreach (var part in ReportPartNames.All.Where(byPart.ContainsKey))
        {
            builder.Append("# ").AppendLine(part.Chinese());
            foreach (var line in byPart[part])
            {
                builder.AppendLine(line);
            }
        }

        return builder.ToString();
    }

    /// <summary>The placeholders of <paramref name="text"/> (for the template page).</summary>
    public static IReadOnlyList<string> PlaceholdersIn(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();

    /// <summary>The template the platform ships with, in the seed reports' words and structure.</summary>
    public static string Default { get; } = new StringBuilder()
        .AppendLine("# 服务科技工作者")
        .AppendLine("{截至}，{全域}累计注册科技工作者{累计注册科技工作者}；{期间}，新增注册科技工作者{新增注册科技工作者}{新增注册科技工作者增长}，发布科技服务所能{发布科技服务所能}，科技工作者承接订单{科技工作者承接订单}、服务收入{科技工作者服务收入}。")
        .AppendLine("{人才举荐}")
        .AppendLine("{科技工作者状况调查}")
        .AppendLine("# 服务创新驱动发展")
        .AppendLine("{截至}，{全域}累计注册企事业单位{累计注册企事业单位}，累计发布科技需求{累计发布科技需求}、科技服务{累计发布科技服务}、科技成果{累计发布科技成果}、科研项目{累计发布科研项目}，累计达成交易订单{累计交易订单}{累计交易金额}。")
        .AppendLine("{期间}，{全域}发布科技需求{发布科技需求}{发布科技需求增长}，“一单一策”需求按时响应率{需求按时响应率}，成交交易订单{成交订单}、金额{成交金额}{成交金额增长}，其中科研成果转化{科研成果转化}；科技云服务中心开展保姆式服务{保姆式服务}。")
        .AppendLine("{专家工作站}")
        .AppendLine("# 服务全民科学素质提升")
        .AppendLine("{期间}，{全域}推送科普文章、视频、科学辟谣等科普内容{科普内容发布}，开展科普活动{开展科普活动}、签到参与{科普活动参与}，科普e站访问与互动{科普e站使用}{科普阵地与志愿服务}。")
        .AppendLine("{科普工作}")
        .AppendLine("{青少年科技创新大赛}")
        .AppendLine("# 服务党委政府科学决策")
        .AppendLine("{期间}，{全域}智库课题立项{智库课题立项}，报送建言献策{报送建言献策}，建言献策被采纳{建言献策采纳}。")
        .AppendLine("{智库课题推荐}")
        .AppendLine("# 自身建设")
        .AppendLine("{截至}，{全域}登记学会、协会{学会协会}、农村专业技术协会{农村专业技术协会}，入驻第三方服务机构{入驻第三方服务机构}，专家库入库专家{入库专家}；{期间}，科技云服务中心接待咨询、上门服务{接待咨询上门服务}，组织培训{组织培训}。")
        .AppendLine("{组织建设}")
        .AppendLine("# 下一年工作安排")
        .AppendLine("{下一年}，{全域}将按照上级联动任务推进工作：{联动任务目标}。")
        .ToString();
}
