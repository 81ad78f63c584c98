using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Popularization;

namespace Kexie.Data.Exchange;

/// <summary>A member unit's row: the unit's data and, when the unit has left, the day it left.</summary>
internal sealed record MemberUnitRow(MemberUnitData Data, DateOnly? LeftOn);

/// <summary>
/// 全民科学素质纲要实施工作成员单位 of a region: name, region, joined (and left) on, contact. Keyed by region and name: re-importing
/// the list corrects the units, never duplicates them; a 退出日期 marks the unit as left. The export of the list has the same
/// columns, so an exported list can be edited and imported back.
/// </summary>
internal sealed class MemberUnitSpec : ImportSpec<LiteracyMemberUnit, MemberUnitRow>
{
    public static readonly IReadOnlyList<ImportColumn> Columns =
    [
        new("单位名称", "name", true, "必填，最多100字，如 县教育局"),
        new("行政区划代码", "regionCode", true, "必填，成员单位所属纲要办的地区（县级6位代码）"),
        new("加入日期", "joinedOn", true, "必填，如 2016-03-01"),
        new("退出日期", "leftOn", false, "已退出的填写，如 2020-12-31"),
        new("联系人", "contactName", false, "最多50字"),
        new("联系电话", "contactPhone", false, "11位手机号或带区号的固定电话"),
        new("备注", "note", false, "最多200字"),
    ];

    private Actor actor = Actor.Public;

    public override IReadOnlyList<ImportColumn> ColumnsList => Columns;

    public override string KeyField => "name";

    protected override IReadOnlyDictionary<string, string> Placeholders { get; } = new Dictionary<string, string>
    {
        ["name"] = "占位",
        ["regionCode"] = "110101",
        ["joinedOn"] = "2020-01-01",
    };

    public override Task PrepareAsync(KexieDbContext db, Actor caller, IReadOnlyList<Dictionary<string, string?>> rows, CancellationToken ct)
    {
        actor = caller;
        return Task.CompletedTask;
    }

    public override MemberUnitRow Parse(IReadOnlyDictionary<string, string?> row) => new(
        new MemberUnitData(Text(row, "regionCode"), Text(row, "name"), Date(row, "joinedOn", "加入日期"), Text(row, "contactName"), Text(row, "contactPhone"), Text(row, "note")),
        Date(row, "leftOn", "退出日期"));

    public override LiteracyMemberUnit Create(MemberUnitRow data, ReferenceCodes codes)
    {
        var region = Kexie.Domain.Regions.RegionCode.Validate(data.Data.RegionCode, "regionCode");
        // A row of another region is refused by the importer's own region check (never written); it is still validated here.
        var by = actor.Manages(region) ? actor : Actor.System;
        var unit = LiteracyMemberUnit.Join(data.Data, null, by);
        if (data.LeftOn is { } left)
        {
            unit.Leave(left, by);
        }

        return unit;
    }

    public override void Update(LiteracyMemberUnit entity, MemberUnitRow data, ReferenceCodes codes)
    {
        entity.Update(data.Data, entity.OrganizationId, actor);
        if (data.LeftOn is { } left && entity.LeftOn is null)
        {
            entity.Leave(left, actor);
        }
    }

    public override string KeyOf(LiteracyMemberUnit entity) => Key(entity.RegionCode, entity.Name);

    public override IQueryable<LiteracyMemberUnit> LoadExisting(KexieDbContext db, IReadOnlyCollection<string> keys)
    {
        var names = keys.Select(k => k[(k.IndexOf('|') + 1)..]).Distinct().ToList();
        var regions = keys.Select(k => k[..k.IndexOf('|')]).Distinct().ToList();
        // The current member last (the importer keeps the last of a key): a unit that left and joined again is its new record.
        return db.LiteracyMemberUnits.Where(u => regions.Contains(u.RegionCode) && names.Contains(u.Name)).OrderBy(u => u.LeftOn == null).ThenBy(u => u.JoinedOn);
    }

    public override bool Same(LiteracyMemberUnit entity, MemberUnitRow data, ReferenceCodes codes)
    {
        var probe = Create(data, codes);
        return entity.Name == probe.Name && entity.JoinedOn == probe.JoinedOn && entity.ContactName == probe.ContactName
            && entity.ContactPhone == probe.ContactPhone && entity.Note == probe.Note && (probe.LeftOn is null || entity.LeftOn == probe.LeftOn);
    }

    private static string Key(string region, string name) => $"{region}|{name}";
}
