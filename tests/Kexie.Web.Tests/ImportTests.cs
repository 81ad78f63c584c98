using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Kexie.Web.Tests;

/// <summary>Excel/CSV import: per-row errors on a dry run, valid rows committed exactly once, malformed files rejected.</summary>
public abstract class ImportTests(KexieApp app)
{
    private static byte[] Xlsx(IEnumerable<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.ToList());
        return stream.ToArray();
    }

    private static Dictionary<string, object?> Row(string name, string phone, string region, string? discipline = "21030", string gender = "男", object? year = null) => new()
    {
        ["姓名"] = name,
        ["性别"] = gender,
        ["出生年份"] = year ?? 1978,
        ["工作单位"] = "大英县畜牧服务中心",
        ["职称"] = "高级畜牧师",
        ["学科代码"] = discipline,
        ["学历"] = "大学本科",
        ["政治面貌"] = "中共党员",
        ["手机号"] = phone,
        ["行政区划代码"] = region,
        ["公开资料"] = "是",
    };

    private static async Task<HttpResponseMessage> Upload(HttpClient client, string kind, byte[] file, string fileName, bool dryRun)
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "file", fileName);
        return await client.PostAsync($"/api/v1/imports/{kind}?dryRun={dryRun.ToString().ToLowerInvariant()}", content);
    }

    [Fact]
    public async Task Bad_rows_are_reported_and_good_rows_are_imported_exactly_once()
    {
        var client = await app.SignInAsync("daying");
        var good = Enumerable.Range(0, 4).Select(_ => KexieApp.NewPhone()).ToArray();
        var badPhone = KexieApp.NewPhone();
        var file = Xlsx(
        [
            Row("陈晓东", good[0], "510923"),
            Row("林小雨", good[1], "510923105", gender: "女"),
            Row("错号码", "1380000", "510923"),
            Row("别县的", badPhone, "510981"),
            Row("何田", good[2], "510923101", discipline: "99999"),
            Row("重复人", good[0], "510923"),
            Row("", good[3], "510923"),
            Row("马远", good[3], "510923100", year: "八零年"),
        ]);

        var dry = await (await Upload(client, "workers", file, "workers.xlsx", dryRun: true)).OkJsonAsync();
        var errors = dry["errors"]!.AsArray().Select(e => (Row: e!["row"]!.GetValue<int>(), Column: e["column"]!.GetValue<string>(), Message: e["message"]!.GetValue<string>())).ToList();
        Assert.Equal(8, dry["totalRows"]!.GetValue<int>());
        Assert.Equal(2, dry["created"]!.GetValue<int>());
        Assert.Contains(errors, e => e.Row == 4 && e.Column == "手机号");
        Assert.Contains(errors, e => e.Row == 5 && e.Column == "行政区划代码" && e.Message.Contains("无权"));
        Assert.Contains(errors, e => e.Row == 6 && e.Column == "学科代码");
        Assert.Contains(errors, e => e.Row == 7 && e.Column == "手机号" && e.Message.Contains("第2行"));
        Assert.Contains(errors, e => e.Row == 8 && e.Column == "姓名");
        Assert.Contains(errors, e => e.Row == 9 && e.Column == "出生年份");
        Assert.Equal(6, errors.Count);
        Assert.False(await app.QueryAsync(db => db.ScienceWorkers.AnyAsync(w => w.Phone == good[0] || w.Phone == good[1])));

        var committed = await (await Upload(client, "workers", file, "workers.xlsx", dryRun: false)).OkJsonAsync();
        Assert.Equal(2, committed["created"]!.GetValue<int>());
        Assert.Equal(1, await app.QueryAsync(db => db.ScienceWorkers.CountAsync(w => w.Phone == good[0])));
        Assert.Equal(1, await app.QueryAsync(db => db.ScienceWorkers.CountAsync(w => w.Phone == good[1] && w.RegionCode == "510923105" && w.Gender == Kexie.Domain.Directory.Gender.Female)));
        Assert.False(await app.QueryAsync(db => db.ScienceWorkers.AnyAsync(w => w.Phone == badPhone || w.Phone == good[2] || w.Phone == good[3])));

        var again = await (await Upload(client, "workers", file, "workers.xlsx", dryRun: false)).OkJsonAsync();
        Assert.Equal(0, again["created"]!.GetValue<int>());
        Assert.Equal(2, again["unchanged"]!.GetValue<int>());
        Assert.Equal(1, await app.QueryAsync(db => db.ScienceWorkers.CountAsync(w => w.Phone == good[0])));
    }

    [Fact]
    public async Task Experts_import_by_the_phone_of_a_directory_worker_and_reimport_updates_without_duplicates()
    {
        var client = await app.SignInAsync("daying");
        var (inCounty, outside, unknown) = (KexieApp.NewPhone(), KexieApp.NewPhone(), KexieApp.NewPhone());
        await (await Upload(client, "workers", Xlsx([Row("葛专家", inCounty, "510923")]), "w.xlsx", false)).OkJsonAsync();
        await (await Upload(await app.SignInAsync("shehong"), "workers", Xlsx([Row("邻县人", outside, "510981")]), "w.xlsx", false)).OkJsonAsync();
        static Dictionary<string, object?> Expert(string phone, string level, string expertise = "生猪健康养殖", string directions = "非洲猪瘟防控、粪污资源化") => new()
        {
            ["手机号"] = phone,
            ["专家级别"] = level,
            ["专长领域"] = expertise,
            ["研究方向"] = directions,
            ["专家简介"] = "县畜牧服务中心高级畜牧师。",
        };

        var file = Xlsx([Expert(inCounty, "县级"), Expert(unknown, "县级"), Expert(outside, "县级"), Expert(inCounty, "乡级"), Expert(inCounty, "县级", directions: "")]);
        var dry = await (await Upload(client, "experts", file, "experts.xlsx", dryRun: true)).OkJsonAsync();
        var errors = dry["errors"]!.AsArray().Select(e => (Row: e!["row"]!.GetValue<int>(), Column: e["column"]!.GetValue<string>(), Message: e["message"]!.GetValue<string>())).ToList();
        Assert.Equal(1, dry["created"]!.GetValue<int>());
        Assert.Contains(errors, e => e.Row == 3 && e.Column == "手机号" && e.Message.Contains("不在本地区的科技工作者名录中"));

        // A phone registered in another county reads exactly like an unknown one: the dry run never confirms where it is.
        Assert.Contains(errors, e => e.Row == 4 && e.Column == "手机号" && e.Message.Replace(outside, "#") == errors.Single(x => x.Row == 3).Message.Replace(unknown, "#"));
        Assert.Contains(errors, e => e.Row == 5 && e.Column == "专家级别");
        Assert.Contains(errors, e => e.Row == 6 && e.Column == "研究方向");
        Assert.Equal(4, errors.Count);
        Assert.False(await app.QueryAsync(db => db.Experts.AnyAsync(e => db.ScienceWorkers.Any(w => w.Id == e.WorkerId && w.Phone == inCounty))));

        Assert.Equal(1, (await (await Upload(client, "experts", file, "experts.xlsx", dryRun: false)).OkJsonAsync())["created"]!.GetValue<int>());
        var again = await (await Upload(client, "experts", Xlsx([Expert(inCounty, "市级", "生猪健康养殖与疫病防控")]), "experts.xlsx", dryRun: false)).OkJsonAsync();
        Assert.Equal((0, 1), (again["created"]!.GetValue<int>(), again["updated"]!.GetValue<int>()));
        var saved = await app.QueryAsync(db => db.Experts.Where(e => db.ScienceWorkers.Any(w => w.Id == e.WorkerId && w.Phone == inCounty)).ToListAsync());
        var expert = Assert.Single(saved);
        Assert.Equal((Kexie.Domain.Talent.ExpertLevel.Municipal, "生猪健康养殖与疫病防控"), (expert.Level, expert.Expertise));
        Assert.Equal(["非洲猪瘟防控", "粪污资源化"], expert.ResearchDirections);

        // The template has the expert columns.
        var template = await (await client.GetAsync("/api/v1/imports/experts/template.xlsx")).Content.ReadAsByteArrayAsync();
        using var stream = new MemoryStream(template);
        Assert.Equal(["手机号", "专家级别", "专长领域", "研究方向", "专家简介"], stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().First().Keys);
    }

    [Fact]
    public async Task Volunteers_import_with_their_team_link_a_directory_worker_by_phone_and_reimport_corrects_them()
    {
        var client = await app.SignInAsync("daying");
        var (worker, fresh, outside) = (KexieApp.NewPhone(), KexieApp.NewPhone(), KexieApp.NewPhone());
        await (await Upload(client, "workers", Xlsx([Row("陶志愿", worker, "510923")]), "w.xlsx", false)).OkJsonAsync();
        var team = await app.QueryAsync(db => db.VolunteerTeams.Where(t => t.RegionCode == "510923").OrderBy(t => t.Name).Select(t => t.Name).FirstAsync());
        static Dictionary<string, object?> Volunteer(string name, string phone, string region, string? team = null, string? expertise = "应急救护") => new()
        {
            ["姓名"] = name, ["手机号"] = phone, ["行政区划代码"] = region, ["专长"] = expertise, ["服务队"] = team,
        };

        var file = Xlsx([
            Volunteer("陶志愿", worker, "510923", team),
            Volunteer("", fresh, "510923", "不存在的服务队"),
            Volunteer("邻县人", outside, "510981"),
            Volunteer("新志愿者", fresh, "510923"),
        ]);
        var dry = await (await Upload(client, "volunteers", file, "v.xlsx", dryRun: true)).OkJsonAsync();
        var errors = dry["errors"]!.AsArray().Select(e => (Row: e!["row"]!.GetValue<int>(), Column: e["column"]!.GetValue<string>())).ToList();
        Assert.Equal([(3, "姓名"), (3, "服务队"), (4, "行政区划代码")], errors);
        Assert.Equal(2, dry["created"]!.GetValue<int>());
        Assert.False(await app.QueryAsync(db => db.Volunteers.AnyAsync(v => v.Phone == worker)));

        Assert.Equal(2, (await (await Upload(client, "volunteers", file, "v.xlsx", dryRun: false)).OkJsonAsync())["created"]!.GetValue<int>());
        var saved = await app.QueryAsync(db => db.Volunteers.SingleAsync(v => v.Phone == worker));
        var workerId = await app.QueryAsync(db => db.ScienceWorkers.Where(w => w.Phone == worker).Select(w => w.Id).SingleAsync());
        Assert.Equal(workerId, saved.ScienceWorkerId);
        Assert.NotNull(saved.TeamId);
        Assert.False(await app.QueryAsync(db => db.Volunteers.AnyAsync(v => v.Phone == outside)));

        var again = await (await Upload(client, "volunteers", Xlsx([Volunteer("陶志愿", worker, "510923", team, "健康科普"), Volunteer("新志愿者", fresh, "510923")]), "v.xlsx", dryRun: false)).OkJsonAsync();
        Assert.Equal((0, 1, 1), (again["created"]!.GetValue<int>(), again["updated"]!.GetValue<int>(), again["unchanged"]!.GetValue<int>()));
        Assert.Equal("健康科普", await app.QueryAsync(db => db.Volunteers.Where(v => v.Phone == worker).Select(v => v.Expertise).SingleAsync()));
        Assert.Equal(1, await app.QueryAsync(db => db.Volunteers.CountAsync(v => v.Phone == worker)));

        var template = await (await client.GetAsync("/api/v1/imports/volunteers/template.xlsx")).Content.ReadAsByteArrayAsync();
        using var stream = new MemoryStream(template);
        Assert.Equal(["姓名", "手机号", "行政区划代码", "专长", "服务队"], stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().First().Keys);
    }

    [Fact]
    public async Task Every_bad_field_of_a_row_is_reported_at_once_and_the_dry_run_and_the_commit_agree()
    {
        var client = await app.SignInAsync("daying");
        var good = KexieApp.NewPhone();
        var bad = Row("", "1380000", "510923", discipline: "99999", gender: "未知", year: "八零年");
        var file = Xlsx([Row("邓一", good, "510923"), bad]);
        static List<(int Row, string Column, string Message)> Errors(System.Text.Json.Nodes.JsonNode report) =>
            report["errors"]!.AsArray().Select(e => (e!["row"]!.GetValue<int>(), e["column"]!.GetValue<string>(), e["message"]!.GetValue<string>())).ToList();

        var dry = Errors(await (await Upload(client, "workers", file, "w.xlsx", dryRun: true)).OkJsonAsync());
        Assert.All(dry, e => Assert.Equal(3, e.Row));
        // In the template's column order.
        Assert.Equal(["姓名", "性别", "出生年份", "学科代码", "手机号"], dry.Select(e => e.Column).ToList());
        Assert.Contains(dry, e => e.Column == "性别" && e.Message.Contains("未知"));
        Assert.Contains(dry, e => e.Column == "出生年份" && e.Message.Contains("八零年"));
        Assert.Contains(dry, e => e.Column == "学科代码" && e.Message.Contains("99999"));

        var committed = await (await Upload(client, "workers", file, "w.xlsx", dryRun: false)).OkJsonAsync();
        Assert.Equal(dry, Errors(committed));
        Assert.Equal(1, committed["created"]!.GetValue<int>());

        // An organization row with three bad cells: three messages, each naming its column.
        var csv = "单位名称,单位类型,统一社会信用代码,行业代码,行政区划代码,联系人,联系电话\n"
            + "三错公司,工厂,91510923MA6251X940,3982,510923,,123\n";
        var orgErrors = Errors(await (await Upload(client, "organizations", Encoding.UTF8.GetBytes(csv), "o.csv", dryRun: true)).OkJsonAsync());
        Assert.Equal(["单位类型", "统一社会信用代码", "联系电话"], orgErrors.Select(e => e.Column).ToList());

        // An expert row naming an unknown phone with a bad level: both reported.
        var expertCsv = "手机号,专家级别,专长领域,研究方向\n" + $"{KexieApp.NewPhone()},乡级,,柠檬种植\n";
        var expertErrors = Errors(await (await Upload(client, "experts", Encoding.UTF8.GetBytes(expertCsv), "e.csv", dryRun: true)).OkJsonAsync());
        Assert.Equal(["手机号", "专家级别", "专长领域"], expertErrors.Select(e => e.Column).ToList());
    }

    [Fact]
    public async Task The_template_has_an_example_row_the_import_skips_drop_down_lists_and_a_sheet_of_codes_with_names()
    {
        var client = await app.SignInAsync("daying");
        var template = await (await client.GetAsync("/api/v1/imports/workers/template.xlsx")).Content.ReadAsByteArrayAsync();

        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(template), false))
        {
            // A file Excel opens: no schema error anywhere in the package.
            var problems = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(problems.Count == 0, string.Join("\n", problems));
            var workbook = document.WorkbookPart!;
            var sheets = workbook.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().ToList();
            Assert.Equal(["导入模板", "填写说明", "代码表", "学科代码"], sheets.Select(s => s.Name!.Value));
            string Text(DocumentFormat.OpenXml.Spreadsheet.Cell cell) => cell.DataType?.Value == DocumentFormat.OpenXml.Spreadsheet.CellValues.SharedString
                ? workbook.SharedStringTablePart!.SharedStringTable.ElementAt(int.Parse(cell.CellValue!.Text)).InnerText
                : cell.CellValue?.Text ?? "";
            List<List<string>> Rows(string name)
            {
                var part = (DocumentFormat.OpenXml.Packaging.WorksheetPart)workbook.GetPartById(sheets.Single(s => s.Name == name).Id!);
                return part.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Select(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(Text).ToList()).ToList();
            }

            var main = Rows("导入模板");
            Assert.Equal("姓名", main[0][0]);
            Assert.StartsWith("示例", main[1][0]);

            // Drop-downs: 学历 from the codes sheet (closed list), 性别 inline, 职称 suggested but open.
            var mainPart = (DocumentFormat.OpenXml.Packaging.WorksheetPart)workbook.GetPartById(sheets[0].Id!);
            var validations = mainPart.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.DataValidation>().ToList();
            static string Refs(DocumentFormat.OpenXml.Spreadsheet.DataValidation v) => v.SequenceOfReferences?.InnerText ?? "";
            var educationColumn = ExcelColumn(main[0].IndexOf("学历"));
            var education = validations.Single(v => Refs(v).StartsWith(educationColumn + "3"));
            Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.DataValidationValues.List, education.Type!.Value);
            Assert.StartsWith("'代码表'!", education.Formula1!.Text);
            Assert.True(education.ShowErrorMessage!.Value);
            Assert.Contains(validations, v => Refs(v).StartsWith(ExcelColumn(main[0].IndexOf("性别")) + "3") && v.Formula1!.Text == "\"男,女\"");
            Assert.False(validations.Single(v => Refs(v).StartsWith(ExcelColumn(main[0].IndexOf("职称")) + "3")).ShowErrorMessage!.Value);
            Assert.Contains(validations, v => Refs(v).StartsWith(ExcelColumn(main[0].IndexOf("行政区划代码")) + "3"));

            // Codes with names: the lists and the caller's regions (大英县 and its townships, no other county).
            var codes = Rows("代码表");
            static bool Pair(List<string> row, string code, string name) => Enumerable.Range(0, Math.Max(0, row.Count - 1)).Any(i => row[i] == code && row[i + 1] == name);
            Assert.Contains(codes, r => Pair(r, "21", "大学本科"));
            Assert.Contains(codes, r => Pair(r, "01", "中共党员"));
            Assert.Contains(codes, r => Pair(r, "FG03", "高级工程师"));
            Assert.Contains(codes, r => r.Any(c => c.EndsWith("大英县")));
            var regionCodes = codes.SelectMany(r => r).Where(c => c.Length is 6 or 9 && c.All(char.IsAsciiDigit)).ToList();
            Assert.Contains("510923", regionCodes);
            Assert.Contains(regionCodes, c => c.StartsWith("510923") && c.Length == 9);
            Assert.DoesNotContain("510981", regionCodes);
        }

        // Uploaded as downloaded: the example is not data.
        var asIs = await (await Upload(client, "workers", template, "模板.xlsx", dryRun: true)).OkJsonAsync();
        Assert.Equal((0, 0), (asIs["totalRows"]!.GetValue<int>(), asIs["errors"]!.AsArray().Count));

        // The example row left above a real row: only the real row counts, and its row number is the one Excel shows.
        var phone = KexieApp.NewPhone();
        var example = Row("示例：李建国", "13800000000", "510923");
        var report = await (await Upload(client, "workers", Xlsx([example, Row("", phone, "510923")]), "w.xlsx", dryRun: true)).OkJsonAsync();
        Assert.Equal(1, report["totalRows"]!.GetValue<int>());
        var error = Assert.Single(report["errors"]!.AsArray());
        Assert.Equal((3, "姓名"), (error!["row"]!.GetValue<int>(), error["column"]!.GetValue<string>()));

        // Every kind's template opens with its columns; organizations get the industry codes.
        using var orgTemplate = new MemoryStream(await client.GetByteArrayAsync("/api/v1/imports/organizations/template.xlsx"));
        Assert.Contains("行业代码", orgTemplate.GetSheetNames());
    }

    [Fact]
    public async Task The_indicator_catalogue_export_names_kinds_and_normalisations_in_Chinese()
    {
        using var stream = new MemoryStream(await app.Anonymous().GetByteArrayAsync("/api/v1/indicators/catalogue/export.xlsx"));
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(r["类型"]!.ToString(), new[] { "计数", "金额", "比值", "覆盖率" }));
        Assert.All(rows, r => Assert.DoesNotMatch("[A-Za-z]", r["归一化"]!.ToString()!));
    }

    private static string ExcelColumn(int index) => ((char)('A' + index)).ToString();

    [Fact]
    public async Task A_changed_row_updates_the_existing_record()
    {
        var client = await app.SignInAsync("daying");
        var phone = KexieApp.NewPhone();
        await (await Upload(client, "workers", Xlsx([Row("吴桐", phone, "510923")]), "a.xlsx", false)).OkJsonAsync();
        var second = await (await Upload(client, "workers", Xlsx([Row("吴桐", phone, "510923106")]), "b.xlsx", false)).OkJsonAsync();
        Assert.Equal(1, second["updated"]!.GetValue<int>());
        Assert.Equal("510923106", await app.QueryAsync(db => db.ScienceWorkers.Where(w => w.Phone == phone).Select(w => w.RegionCode).SingleAsync()));
    }

    [Fact]
    public async Task Organizations_import_from_csv_with_credit_code_as_key()
    {
        var client = await app.SignInAsync("daying");
        var code = AccessScopeTests.NewCreditCode("510923");
        var csv = "单位名称,单位类型,统一社会信用代码,行业代码,行政区划代码,联系人,联系电话\n"
            + $"大英县导入测试科技有限公司,企业,{code},3982,510923,刘经理,13912345678\n"
            + "坏代码公司,企业,91510923MA6251X940,3982,510923,,\n"
            + $"类型错误公司,工厂,{AccessScopeTests.NewCreditCode("510923")},,510923,,\n";
        var bytes = Encoding.UTF8.GetBytes(csv);
        var report = await (await Upload(client, "organizations", bytes, "orgs.csv", false)).OkJsonAsync();
        Assert.Equal(1, report["created"]!.GetValue<int>());
        var errors = report["errors"]!.AsArray();
        Assert.Contains(errors, e => e!["row"]!.GetValue<int>() == 3 && e["column"]!.GetValue<string>() == "统一社会信用代码");
        Assert.Contains(errors, e => e!["row"]!.GetValue<int>() == 4 && e["column"]!.GetValue<string>() == "单位类型");
        Assert.Equal("大英县导入测试科技有限公司", await app.QueryAsync(db => db.Organizations.Where(o => o.CreditCode == code).Select(o => o.Name).SingleAsync()));

        // The export shows the industry's and the region's names in their own columns, and re-imports unchanged.
        var exported = await client.GetByteArrayAsync("/api/v1/organizations/export.xlsx?q=" + Uri.EscapeDataString("大英县导入测试科技有限公司"));
        using (var stream = new MemoryStream(exported))
        {
            var row = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Single(r => r["统一社会信用代码"]?.ToString() == code);
            Assert.Equal(("3982", "电子电路制造", "企业"), (row["行业代码"]?.ToString(), row["行业名称"]?.ToString(), row["单位类型"]?.ToString()));
            Assert.Contains("大英县", row["所在地区"]!.ToString());
        }

        var again = await (await Upload(client, "organizations", exported, "orgs.xlsx", true)).OkJsonAsync();
        Assert.Empty(again["errors"]!.AsArray());
    }

    [Fact]
    public async Task A_malformed_file_is_rejected_and_changes_nothing()
    {
        var client = await app.SignInAsync("daying");
        var response = await Upload(client, "workers", Encoding.UTF8.GetBytes("PK\u0003\u0004 this is not really a zip"), "broken.xlsx", false);
        Assert.Contains("无法读取", await response.AssertValidationProblemAsync("file"));
        var unknownColumns = await Upload(client, "workers", Encoding.UTF8.GetBytes("名字,电话\n张三,13800000000\n"), "wrong.csv", false);
        Assert.Contains("无法识别的列", await unknownColumns.AssertValidationProblemAsync("file"));
        var wrongType = await Upload(client, "workers", [1, 2, 3], "workers.pdf", false);
        Assert.Contains(".xlsx", await wrongType.AssertValidationProblemAsync("file"));
    }

    [Fact]
    public async Task Unstorable_text_in_a_cell_is_named_by_row_and_column_before_anything_is_read_or_written()
    {
        var client = await app.SignInAsync("daying");
        var good = KexieApp.NewPhone();
        var nulPhone = KexieApp.NewPhone();
        var csv = "姓名,性别,出生年份,工作单位,职称,学科代码,学历,政治面貌,手机号,行政区划代码,公开资料\n"
            + $"陈晓东,男,1978,大英县畜牧服务中心,高级畜牧师,21030,大学本科,中共党员,{good},510923,是\n"
            + $"林\u0000小雨,女,1980,大英县畜牧服务中心,高级畜牧师,21030,大学本科,中共党员,{nulPhone}\u0000,510923,是\n"
            + $"马远,男,1979,大英县\u0000畜牧服务中心,高级畜牧师,21030,大学本科,中共党员,{KexieApp.NewPhone()},510923,是\n";
        var bytes = Encoding.UTF8.GetBytes(csv);

        foreach (var dryRun in new[] { true, false })
        {
            var report = await (await Upload(client, "workers", bytes, "workers.csv", dryRun)).OkJsonAsync();
            var errors = report["errors"]!.AsArray().Select(e => (Row: e!["row"]!.GetValue<int>(), Column: e["column"]!.GetValue<string>(), Message: e["message"]!.GetValue<string>())).ToList();
            Assert.Contains(errors, e => e.Row == 3 && e.Column == "姓名" && e.Message.Contains("第3行“姓名”列含有无法保存的字符", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.Row == 3 && e.Column == "手机号");
            Assert.Contains(errors, e => e.Row == 4 && e.Column == "工作单位");
            Assert.Equal(3, errors.Count);
            Assert.Equal(1, report["created"]!.GetValue<int>());
        }

        Assert.Equal(1, await app.QueryAsync(db => db.ScienceWorkers.CountAsync(w => w.Phone == good)));
        Assert.False(await app.QueryAsync(db => db.ScienceWorkers.AnyAsync(w => w.Phone.StartsWith(nulPhone))));
    }

    [Fact]
    public async Task Only_admins_import()
    {
        var staff = await app.SignInAsync("daying-staff");
        var response = await Upload(staff, "workers", Xlsx([Row("某某", KexieApp.NewPhone(), "510923")]), "a.xlsx", false);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_list_exports_to_a_real_xlsx_that_re_imports()
    {
        var client = await app.SignInAsync("daying");
        var response = await client.GetAsync("/api/v1/workers/export.xlsx?region=510923105");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.StartsWith("510923105", r["行政区划代码"]!.ToString()));
        // Names beside codes, codes beside names.
        Assert.All(rows, r => Assert.Contains("大英县", r["所在地区"]!.ToString()));
        Assert.All(rows.Where(r => r["学历"]?.ToString() == "大学本科"), r => Assert.Equal("21", r["学历代码"]!.ToString()));
        var educations = rows.Where(r => r["学历"] is not null).ToList();
        Assert.NotEmpty(educations);
        Assert.All(educations, r => Assert.Matches("^[0-9]{2}$", r["学历代码"]!.ToString()!));
        Assert.All(rows.Where(r => r["学科代码"]?.ToString() == "21030"), r => Assert.Equal("农艺学", r["学科名称"]!.ToString()));
        Assert.All(rows.Where(r => r["政治面貌"]?.ToString() == "中共党员"), r => Assert.Equal("01", r["政治面貌代码"]!.ToString()));

        var file = await client.GetByteArrayAsync("/api/v1/workers/export.xlsx?region=510923105");
        var report = await (await Upload(client, "workers", file, "export.xlsx", true)).OkJsonAsync();
        Assert.Empty(report["errors"]!.AsArray());
        Assert.Equal(0, report["created"]!.GetValue<int>());
        Assert.Equal(rows.Count, report["unchanged"]!.GetValue<int>());
    }
}

public sealed class ImportSqliteTests(SqliteApp app) : ImportTests(app);

public sealed class ImportPostgresTests(PostgresApp app) : ImportTests(app);
