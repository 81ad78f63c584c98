using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Kexie.Domain.Dictionaries;
using Kexie.Domain.Directory;
using Kexie.Domain.Popularization;
using Kexie.Domain.Talent;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Data.Exchange;

/// <summary>
/// The import template of one kind, as a workbook that helps whoever fills it: sheet 导入模板 (read by the importer:
/// the header, then an example row whose first cell starts with “示例”, which the importer skips) with drop-down lists
/// on the columns whose values come from a list; 填写说明 (what each column takes); 代码表 (the code lists and the regions
/// of the caller's scope, codes beside names); and for workers 学科代码 (GB/T 13745), for organizations 行业代码
/// (GB/T 4754). Written with the Open XML SDK because MiniExcel writes no data validation.
/// </summary>
public static class ExcelTemplate
{
    /// <summary>The first cell of a row that is an example, not data.</summary>
    public const string ExampleMark = "示例";

    public const string TemplateSheet = "导入模板";
    public const string CodesSheet = "代码表";

    private sealed record Block(string CodeHeader, string NameHeader, IReadOnlyList<(string Code, string Name)> Items);

    /// <summary>A drop-down on one column: an inline list, or a column of the codes sheet; closed lists refuse other values.</summary>
    private sealed record Validation(string Field, string Formula, bool Closed);

    /// <param name="regionScope">The caller's region subtree ("" for the whole country: counties only).</param>
    public static async Task<byte[]> BuildAsync(KexieDbContext db, DictionaryLookup dictionaries, ImportKind kind, string regionScope, CancellationToken ct = default)
    {
        var columns = DirectoryImporter.ColumnsOf(kind);
        var regions = kind == ImportKind.Experts
            ? []
            : await db.Regions.AsNoTracking()
                .Where(r => r.Code.StartsWith(regionScope) && (r.Code.Length == 6 || (regionScope.Length > 0 && r.Code.Length == 9)))
                .OrderBy(r => r.Code)
                .Select(r => new { r.Code, r.Name, r.FullName })
                .ToListAsync(ct);
        var exampleRegion = regions.FirstOrDefault(r => r.Code.Length == 6)?.Code ?? regions.FirstOrDefault()?.Code ?? "510923";

        var blocks = new List<(string Field, Block Block)>();
        foreach (var column in columns.Where(c => c.Dictionary is not null))
        {
            var type = DictionaryTypes.Find(column.Dictionary)!;
            blocks.Add((column.Field, new Block($"{type.ChineseName}代码", type.ChineseName,
                dictionaries.Entries(type.Type).Where(e => e.Enabled).Select(e => (e.Code, e.Name)).ToList())));
        }

        if (regions.Count > 0)
        {
            blocks.Add(("regionCode", new Block("行政区划代码", "名称", regions.Select(r => (r.Code, string.IsNullOrEmpty(r.FullName) ? r.Name : r.FullName)).ToList())));
        }

        var validations = new List<Validation>();
        var blockColumns = new Dictionary<string, (int CodeColumn, int Count)>();
        for (var i = 0; i < blocks.Count; i++)
        {
            var (field, block) = blocks[i];
            var codeColumn = i * 3 + 1;
            blockColumns[field] = (codeColumn, block.Items.Count);
            if (block.Items.Count == 0)
            {
                continue;
            }

            // Regions are chosen by code, the lists by name (records keep the name; the code sits beside it).
            var target = field == "regionCode" ? codeColumn : codeColumn + 1;
            var letter = ColumnName(target);
            var open = columns.First(c => c.Field == field).Dictionary is { } t && DictionaryTypes.Find(t)!.Open;
            validations.Add(new Validation(field, $"'{CodesSheet}'!${letter}$2:${letter}${block.Items.Count + 1}", Closed: !open));
        }

        void Inline(string field, IEnumerable<string> values)
        {
            if (columns.Any(c => c.Field == field))
            {
                validations.Add(new Validation(field, $"\"{string.Join(",", values)}\"", Closed: true));
            }
        }

        Inline("gender", ["男", "女"]);
        Inline("isPublicProfile", ["是", "否"]);
        if (kind == ImportKind.Venues)
        {
            Inline("kind", Enum.GetValues<VenueKind>().Select(k => k.Chinese()));
            Inline("level", Enum.GetValues<VenueLevel>().Select(l => l.Chinese()));
            Inline("status", Enum.GetValues<VenueStatus>().Select(s => s.Chinese()));
        }
        else
        {
            Inline("kind", Enum.GetValues<OrganizationKind>().Select(k => k.Chinese()));
            Inline("level", Enum.GetValues<ExpertLevel>().Select(l => l.Chinese()));
        }

        Inline("targetGroup", Enum.GetValues<TargetGroup>().Select(g => g.Chinese()));
        Inline("setting", Enum.GetValues<ServiceSetting>().Select(s => s.Chinese()));

        var example = Example(kind, exampleRegion, dictionaries);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var strings = new SharedStrings(workbook.AddNewPart<SharedStringTablePart>());
            AddStyles(workbook);

            // 1. The sheet the importer reads.
            var templateRows = new List<IReadOnlyList<object?>>
            {
                columns.Select(c => (object?)c.Header).ToList(),
                columns.Select(c => example.GetValueOrDefault(c.Field)).ToList(),
            };
            var sheet = AddSheet(workbook, strings, TemplateSheet, templateRows, columns.Select(c => Math.Max(12, c.Header.Length * 2 + 4)).ToList(), rowStyles: [1, 2]);
            if (validations.Count > 0)
            {
                var list = new DataValidations();
                foreach (var v in validations)
                {
                    var index = columns.ToList().FindIndex(c => c.Field == v.Field);
                    var letter = ColumnName(index + 1);
                    var header = columns[index].Header;
                    list.Append(new DataValidation(new Formula1(v.Formula))
                    {
                        Type = DataValidationValues.List,
                        AllowBlank = true,
                        ShowDropDown = false, // false shows the arrow (the attribute means "hide it")
                        ShowInputMessage = true,
                        ShowErrorMessage = v.Closed,
                        ErrorStyle = DataValidationErrorStyleValues.Stop,
                        ErrorTitle = header,
                        Error = $"请从下拉列表中选择{header}",
                        PromptTitle = header,
                        Prompt = columns[index].Hint.Length > 250 ? columns[index].Hint[..250] : columns[index].Hint,
                        SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{letter}3:{letter}10001" },
                    });
                }

                list.Count = (uint)validations.Count;
                sheet.Worksheet.Append(list);
            }

            // 2. What each column takes.
            var help = new List<IReadOnlyList<object?>> { new object?[] { "列名（表头）", "必填", "说明" } };
            help.AddRange(columns.Select(c => (IReadOnlyList<object?>)new object?[] { c.Header, c.Required ? "是" : "否", c.Hint }));
            help.Add([]);
            help.Add(new object?[] { "说明", null, $"“{TemplateSheet}”第2行是示例（第1列以“{ExampleMark}”开头），导入时自动忽略，可以保留、覆盖或删除。" });
            help.Add(new object?[] { null, null, "带下拉箭头的列请从列表中选择；学历、政治面貌等也可填常用简称（如 本科、党员），导入时换成标准名称。" });
            help.Add(new object?[] { null, null, $"代码与名称对照见“{CodesSheet}”" + (kind == ImportKind.ScienceWorkers ? "和“学科代码”" : kind == ImportKind.Organizations ? "和“行业代码”" : string.Empty) + "。" });
            AddSheet(workbook, strings, "填写说明", help, [16, 8, 90], rowStyles: [1]);

            // 3. The code lists, side by side.
            if (blocks.Count > 0)
            {
                var height = blocks.Max(b => b.Block.Items.Count) + 1;
                var width = blocks.Count * 3 - 1;
                var rows = new List<IReadOnlyList<object?>>(height);
                for (var r = 0; r < height; r++)
                {
                    var row = new object?[width];
                    for (var b = 0; b < blocks.Count; b++)
                    {
                        var block = blocks[b].Block;
                        if (r == 0)
                        {
                            (row[b * 3], row[b * 3 + 1]) = (block.CodeHeader, block.NameHeader);
                        }
                        else if (r - 1 < block.Items.Count)
                        {
                            (row[b * 3], row[b * 3 + 1]) = block.Items[r - 1];
                        }
                    }

                    rows.Add(row);
                }

                AddSheet(workbook, strings, CodesSheet, rows, Enumerable.Range(0, width).Select(i => i % 3 == 0 ? 14 : i % 3 == 1 ? 28 : 3).ToList(), rowStyles: [1]);
            }

            // 4. The long national tables.
            if (kind == ImportKind.ScienceWorkers)
            {
                var disciplines = await db.Disciplines.AsNoTracking().OrderBy(d => d.Code).Select(d => new { d.Code, d.Name }).ToListAsync(ct);
                AddSheet(workbook, strings, "学科代码", [new object?[] { "学科代码", "学科名称（GB/T 13745-2009）" }, .. disciplines.Select(d => (IReadOnlyList<object?>)new object?[] { d.Code, d.Name })], [12, 40], rowStyles: [1]);
            }
            else if (kind == ImportKind.Organizations)
            {
                var industries = await db.Industries.AsNoTracking().OrderBy(i => i.Code).Select(i => new { i.Code, i.Name }).ToListAsync(ct);
                AddSheet(workbook, strings, "行业代码", [new object?[] { "行业代码", "行业名称（GB/T 4754-2017）" }, .. industries.Select(i => (IReadOnlyList<object?>)new object?[] { i.Code, i.Name })], [12, 40], rowStyles: [1]);
            }

            strings.Save();
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    /// <summary>True when the row is the template's example (its first column starts with “示例”).</summary>
    public static bool IsExample(IReadOnlyDictionary<string, string?> row, IReadOnlyList<ImportColumn> columns) =>
        columns.Count > 0 && row.TryGetValue(columns[0].Field, out var first) && first?.TrimStart().StartsWith(ExampleMark, StringComparison.Ordinal) == true;

    private static Dictionary<string, object?> Example(ImportKind kind, string region, DictionaryLookup dictionaries)
    {
        string? Name(string type, string wanted) => dictionaries.Names(type).Contains(wanted) ? wanted : dictionaries.Names(type).FirstOrDefault();
        return kind switch
        {
            ImportKind.Organizations => new()
            {
                ["name"] = $"{ExampleMark}：四川某某食品有限公司",
                ["kind"] = OrganizationKind.Enterprise.Chinese(),
                ["creditCode"] = CreditCode(region),
                ["industryCode"] = "1523",
                ["regionCode"] = region,
                ["address"] = "工业园区创业路1号",
                ["contactName"] = "刘经理",
                ["contactPhone"] = "13800000000",
            },
            ImportKind.Volunteers => new()
            {
                ["name"] = $"{ExampleMark}：王晓燕",
                ["phone"] = "13800000000",
                ["regionCode"] = region,
                ["expertise"] = "应急救护、健康科普",
                ["team"] = "县科技志愿服务队",
            },
            ImportKind.MemberUnits => new()
            {
                ["name"] = $"{ExampleMark}：县教育局",
                ["regionCode"] = region,
                ["joinedOn"] = "2016-03-01",
                ["leftOn"] = null,
                ["contactName"] = "张科长",
                ["contactPhone"] = "08254800000",
                ["note"] = "负责青少年科学素质提升行动",
            },
            ImportKind.ScienceBoards => new()
            {
                ["name"] = $"{ExampleMark}：蓬莱镇中心广场科普宣传栏",
                ["kind"] = "科普宣传栏",
                ["regionCode"] = region,
                ["location"] = "中心广场东侧",
                ["panels"] = 3,
                ["builtOn"] = "2020-03-01",
                ["status"] = "在用",
                ["retiredOn"] = null,
                ["theme"] = null,
                ["maintainer"] = "蓬莱镇科协",
                ["note"] = null,
            },
            ImportKind.Venues => new()
            {
                ["name"] = $"{ExampleMark}：县科技馆",
                ["kind"] = VenueKind.ScienceMuseum.Chinese(),
                ["level"] = VenueLevel.County.Chinese(),
                ["regionCode"] = region,
                ["address"] = "文化中心2楼",
                ["accreditedBy"] = "县科协",
                ["accreditedOn"] = "2019-06-01",
                ["status"] = VenueStatus.Open.Chinese(),
                ["openedOn"] = "2019-06-01",
                ["note"] = null,
            },
            ImportKind.VenueVisits => new()
            {
                ["venue"] = $"{ExampleMark}：县流动科技馆",
                ["regionCode"] = region,
                ["day"] = "2025-05-18",
                ["groups"] = 2,
                ["visitors"] = 350,
                ["targetGroup"] = TargetGroup.Youth.Chinese(),
                ["setting"] = ServiceSetting.School.Chinese(),
                ["place"] = "某某镇中心小学",
                ["note"] = null,
            },
            ImportKind.LiteracySurveys => new()
            {
                ["regionCode"] = $"{ExampleMark}：{region}",
                ["year"] = 2020,
                ["rate"] = "10.56",
                ["sampleSize"] = 1600,
                ["source"] = "四川省公民科学素质抽样调查",
                ["surveyedOn"] = "2020-11-30",
                ["note"] = null,
            },
            ImportKind.Experts => new()
            {
                ["phone"] = $"{ExampleMark}：13800000000",
                ["level"] = ExpertLevel.County.Chinese(),
                ["expertise"] = "柑橘栽培与病虫害防治",
                ["researchDirections"] = "柑橘黄龙病防控、果园水肥一体化",
                ["profile"] = "县农业技术推广中心高级农艺师，从事柑橘技术推广二十年。",
            },
            _ => new()
            {
                ["name"] = $"{ExampleMark}：李建国",
                ["gender"] = "男",
                ["birthYear"] = 1975,
                ["employer"] = "县农业技术推广中心",
                ["title"] = Name(DictionaryTypes.Title, "高级农艺师"),
                ["disciplineCodes"] = "21030",
                ["education"] = Name(DictionaryTypes.Education, "大学本科"),
                ["politicalStatus"] = Name(DictionaryTypes.PoliticalStatus, "中共党员"),
                ["phone"] = "13800000000",
                ["regionCode"] = region,
                ["isPublicProfile"] = "是",
            },
        };
    }

    /// <summary>A well-formed 统一社会信用代码 of the example's county (not a real company's).</summary>
    private static string CreditCode(string region)
    {
        var first17 = "91" + region[..Math.Min(6, region.Length)].PadRight(6, '0') + "MA6251000";
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }

    private static WorksheetPart AddSheet(WorkbookPart workbook, SharedStrings strings, string name, IReadOnlyList<IReadOnlyList<object?>> rows, IReadOnlyList<int> widths, uint[] rowStyles)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (var r = 0; r < rows.Count; r++)
        {
            var style = r < rowStyles.Length ? rowStyles[r] : 0u;
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < rows[r].Count; c++)
            {
                var value = rows[r][c];
                if (value is null)
                {
                    continue;
                }

                var cell = new Cell { CellReference = $"{ColumnName(c + 1)}{r + 1}", StyleIndex = style == 0 ? null : style };
                if (value is int number)
                {
                    cell.DataType = CellValues.Number;
                    cell.CellValue = new CellValue(number);
                }
                else
                {
                    cell.DataType = CellValues.SharedString;
                    cell.CellValue = new CellValue(strings.Index(value.ToString()!));
                }

                row.Append(cell);
            }

            data.Append(row);
        }

        var cols = new Columns();
        for (var i = 0; i < widths.Count; i++)
        {
            cols.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = widths[i], CustomWidth = true });
        }

        part.Worksheet = new Worksheet(
            new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }),
            cols,
            data);
        var sheets = workbook.Workbook.Sheets!;
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(sheets.Count() + 1), Name = name });
        return part;
    }

    /// <summary>Styles: 0 plain, 1 bold header on grey, 2 the example row in grey italics.</summary>
    private static void AddStyles(WorkbookPart workbook)
    {
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(
                new Font(new FontSize { Val = 11 }),
                new Font(new Bold(), new FontSize { Val = 11 }),
                new Font(new Italic(), new FontSize { Val = 11 }, new Color { Rgb = "FF808080" })) { Count = 3 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE8EEF5" }) { PatternType = PatternValues.Solid })) { Count = 3 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(
                new CellFormat(),
                new CellFormat { FontId = 1, FillId = 2, ApplyFont = true, ApplyFill = true },
                new CellFormat { FontId = 2, ApplyFont = true }) { Count = 3 });
    }

    /// <summary>1 → A, 27 → AA.</summary>
    public static string ColumnName(int index)
    {
        var name = string.Empty;
        while (index > 0)
        {
            var rest = (index - 1) % 26;
            name = (char)('A' + rest) + name;
            index = (index - 1) / 26;
        }

        return name;
    }

    private sealed class SharedStrings(SharedStringTablePart part)
    {
        private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
        private readonly SharedStringTable table = new();

        public int Index(string text)
        {
            if (!index.TryGetValue(text, out var i))
            {
                i = index.Count;
                index[text] = i;
                table.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            }

            return i;
        }

        public void Save()
        {
            table.Count = (uint)index.Count;
            table.UniqueCount = (uint)index.Count;
            part.SharedStringTable = table;
        }
    }
}
