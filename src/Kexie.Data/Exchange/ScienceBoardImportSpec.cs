using System.Globalization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Popularization;

namespace Kexie.Data.Exchange;

/// <summary>
/// 科普宣传栏、宣传橱窗、科普画廊、科普宣传点 of a region: name, kind, township/village/community, boards, built on, status, theme,
/// maintainer. Keyed by region and name: re-importing the list corrects the boards, never duplicates them. The export of the list has
/// the same columns, so an exported list can be edited and imported back.
/// </summary>
internal sealed class ScienceBoardSpec : ImportSpec<ScienceBoard, ScienceBoardData>
{
    public static readonly IReadOnlyList<ImportColumn> Columns =
    [
        new("名称", "name", true, "必填，最多100字，如 蓬莱镇中心广场科普宣传栏"),
        new("类型", "kind", true, "必填：科普宣传栏、科普宣传橱窗、科普画廊、科普宣传点"),
        new("行政区划代码", "regionCode", true, "必填，所在乡镇、村或社区的代码"),
        new("具体位置", "location", false, "最多200字，如 中心广场东侧"),
        new("块数", "panels", false, "1至1000，不填为1"),
        new("建成日期", "builtOn", true, "必填，如 2020-03-01"),
        new("状态", "status", false, "在用或停用，不填为在用"),
        new("停用日期", "retiredOn", false, "停用的填写，如 2024-12-31"),
        new("主题", "theme", false, "最多50字，如 疫情防控"),
        new("维护单位", "maintainer", false, "最多100字，如 蓬莱镇科协"),
        new("备注", "note", false, "最多500字"),
    ];

    private Actor actor = Actor.Public;

    public override IReadOnlyList<ImportColumn> ColumnsList => Columns;

    public override string KeyField => "name";

    protected override IReadOnlyDictionary<string, string> Placeholders { get; } = new Dictionary<string, string>
    {
        ["name"] = "占位",
        ["kind"] = "科普宣传栏",
        ["regionCode"] = "110101",
        ["builtOn"] = "2020-01-01",
    };

    public override Task PrepareAsync(KexieDbContext db, Actor caller, IReadOnlyList<Dictionary<string, string?>> rows, CancellationToken ct)
    {
        actor = caller;
        return Task.CompletedTask;
    }

    public override ScienceBoardData Parse(IReadOnlyDictionary<string, string?> row)
    {
        var panelsText = Text(row, "panels");
        int? panels = null;
        if (panelsText is not null)
        {
            panels = int.TryParse(panelsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p)
                ? p
                : throw new DomainValidationException("panels", $"块数“{panelsText}”不是有效的数字");
        }

        return new ScienceBoardData(
            Text(row, "name"), ScienceBoardNames.ParseKind(Text(row, "kind"), "kind"), Text(row, "regionCode"), Text(row, "location"), panels,
            Date(row, "builtOn", "建成日期"), ScienceBoardNames.ParseStatus(Text(row, "status"), "status"),
            Date(row, "retiredOn", "停用日期"), Text(row, "theme"), Text(row, "maintainer"), Text(row, "note"));
    }

    public override ScienceBoard Create(ScienceBoardData data, ReferenceCodes codes)
    {
        var region = Kexie.Domain.Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        // A row of another region is refused by the importer's own region check (never written); it is still validated here.
        return ScienceBoard.Create(data, actor.Manages(region) ? actor : Actor.System);
    }

    public override void Update(ScienceBoard entity, ScienceBoardData data, ReferenceCodes codes) => entity.Update(data, actor);

    public override string KeyOf(ScienceBoard entity) => $"{entity.RegionCode}|{entity.Name}";

    public override IQueryable<ScienceBoard> LoadExisting(KexieDbContext db, IReadOnlyCollection<string> keys)
    {
        var names = keys.Select(k => k[(k.IndexOf('|') + 1)..]).Distinct().ToList();
        var regions = keys.Select(k => k[..k.IndexOf('|')]).Distinct().ToList();
        return db.ScienceBoards.Where(b => regions.Contains(b.RegionCode) && names.Contains(b.Name));
    }

    public override bool Same(ScienceBoard entity, ScienceBoardData data, ReferenceCodes codes)
    {
        var probe = Create(data, codes);
        return entity.Name == probe.Name && entity.Kind == probe.Kind && entity.Location == probe.Location && entity.Panels == probe.Panels
            && entity.BuiltOn == probe.BuiltOn && entity.Status == probe.Status && entity.RetiredOn == probe.RetiredOn && entity.Theme == probe.Theme
            && entity.Maintainer == probe.Maintainer && entity.Note == probe.Note;
    }
}
