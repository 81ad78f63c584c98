using System.Globalization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Popularization;

namespace Kexie.Data.Exchange;

/// <summary>
/// 公民科学素质调查结果 per region and year: the measured rate (a percentage, 10.56 or 10.56%), the sample size, the survey's source and
/// date. Keyed by region and year (one result per region and year, as the form records them): re-importing the sheet corrects the
/// results, never duplicates them. The export of the results has the same columns, so an exported sheet can be edited and imported back.
/// </summary>
internal sealed class LiteracySurveySpec : ImportSpec<LiteracySurvey, LiteracySurveyData>
{
    public static readonly IReadOnlyList<ImportColumn> Columns =
    [
        new("行政区划代码", "regionCode", true, "必填，调查地区的代码（县级6位或乡镇级9位）"),
        new("年份", "year", true, "必填，调查结果所属年份，如 2020"),
        new("具备科学素质比例（%）", "rate", true, "必填，百分数，如 10.56 或 10.56%（不要设为百分比格式的单元格），最多两位小数"),
        new("有效样本量", "sampleSize", true, "必填，1至10000000的整数"),
        new("调查来源", "source", true, "必填，最多100字，如 四川省公民科学素质抽样调查"),
        new("调查日期", "surveyedOn", true, "必填，结果所属年份或次年的日期，如 2020-11-30"),
        new("备注", "note", false, "最多200字"),
    ];

    private Actor actor = Actor.Public;

    public override IReadOnlyList<ImportColumn> ColumnsList => Columns;

    public override string KeyField => "year";

    protected override IReadOnlyDictionary<string, string> Placeholders { get; } = new Dictionary<string, string>
    {
        ["regionCode"] = "110101",
        ["year"] = "2020",
        ["rate"] = "10",
        ["sampleSize"] = "1000",
        ["source"] = "占位",
        ["surveyedOn"] = "2020-12-01",
    };

    public override Task PrepareAsync(KexieDbContext db, Actor caller, IReadOnlyList<Dictionary<string, string?>> rows, CancellationToken ct)
    {
        actor = caller;
        return Task.CompletedTask;
    }

    public override LiteracySurveyData Parse(IReadOnlyDictionary<string, string?> row)
    {
        var year = Year(row, "year", "年份");
        var surveyedOn = Date(row, "surveyedOn", "调查日期");
        return new LiteracySurveyData(Text(row, "regionCode"), year, Rate(row), Whole(row, "sampleSize", "有效样本量"), Text(row, "source"), surveyedOn, Text(row, "note"));
    }

    public override LiteracySurvey Create(LiteracySurveyData data, ReferenceCodes codes)
    {
        var region = Kexie.Domain.Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        // A row of another region is refused by the importer's own region check (never written); it is still validated here.
        return LiteracySurvey.Record(data, actor.Manages(region) ? actor : Actor.System);
    }

    public override void Update(LiteracySurvey entity, LiteracySurveyData data, ReferenceCodes codes) => entity.Correct(data, actor);

    public override string KeyOf(LiteracySurvey entity) => Key(entity.RegionCode, entity.Year);

    public override IQueryable<LiteracySurvey> LoadExisting(KexieDbContext db, IReadOnlyCollection<string> keys)
    {
        var regions = keys.Select(k => k[..k.IndexOf('|')]).Distinct().ToList();
        var years = keys.Select(k => int.Parse(k[(k.IndexOf('|') + 1)..], CultureInfo.InvariantCulture)).Distinct().ToList();
        return db.LiteracySurveys.Where(s => regions.Contains(s.RegionCode) && years.Contains(s.Year));
    }

    public override bool Same(LiteracySurvey entity, LiteracySurveyData data, ReferenceCodes codes)
    {
        var probe = Create(data, codes);
        return entity.Rate == probe.Rate && entity.SampleSize == probe.SampleSize && entity.Source == probe.Source
            && entity.SurveyedOn == probe.SurveyedOn && entity.Note == probe.Note;
    }

    private static string Key(string region, int year) => string.Create(CultureInfo.InvariantCulture, $"{region}|{year}");

    /// <summary>"10.56", "10.56%", "10.56％" → 10.56; the domain checks the range and the decimals.</summary>
    private static decimal? Rate(IReadOnlyDictionary<string, string?> row)
    {
        var text = Text(row, "rate");
        if (text is null)
        {
            return null;
        }

        var number = text.TrimEnd('%', '％').Trim();
        return decimal.TryParse(number, NumberStyles.Number, CultureInfo.InvariantCulture, out var rate)
            ? rate
            : throw new DomainValidationException("rate", $"具备科学素质比例“{text}”不是有效的百分数（如 10.56）");
    }

    private static int? Whole(IReadOnlyDictionary<string, string?> row, string field, string label)
    {
        var text = Text(row, field);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new DomainValidationException(field, $"{label}“{text}”不是有效的整数");
    }
}
