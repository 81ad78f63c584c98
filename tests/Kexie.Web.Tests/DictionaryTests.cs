using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests;

/// <summary>The code lists (学历, 政治面貌, 职称) live in a table: read by anyone, extended by the platform admin only, and imports map their synonyms.</summary>
public abstract class DictionaryTests(KexieApp app)
{
    private const string Header = "姓名,性别,出生年份,工作单位,职称,学科代码,学历,政治面貌,手机号,行政区划代码,公开资料\n";

    private static async Task<JsonNode> ImportCsv(HttpClient client, string csv, bool dryRun)
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "file", "workers.csv");
        return await (await client.PostAsync($"/api/v1/imports/workers?dryRun={dryRun.ToString().ToLowerInvariant()}", content)).OkJsonAsync();
    }

    private static List<(int Row, string Column, string Message)> Errors(JsonNode report) =>
        report["errors"]!.AsArray().Select(e => (e!["row"]!.GetValue<int>(), e["column"]!.GetValue<string>(), e["message"]!.GetValue<string>())).ToList();

    [Fact]
    public async Task The_seeded_lists_are_read_by_anyone_with_codes_and_synonyms()
    {
        var anonymous = app.Anonymous();
        var types = (await (await anonymous.GetAsync("/api/v1/dictionaries")).OkJsonAsync()).AsArray();
        Assert.Equal(["education", "political-status", "title"], types.Select(t => t!["type"]!.GetValue<string>()));

        var education = await (await anonymous.GetAsync("/api/v1/dictionaries/education")).OkJsonAsync();
        var bachelor = education["entries"]!.AsArray().Single(e => e!["code"]!.GetValue<string>() == "21")!;
        Assert.Equal("大学本科", bachelor["name"]!.GetValue<string>());
        Assert.Contains("本科", bachelor["synonyms"]!.AsArray().Select(s => s!.GetValue<string>()));
        var political = await (await anonymous.GetAsync("/api/v1/dictionaries/political-status")).OkJsonAsync();
        Assert.Equal("中共党员", political["entries"]!.AsArray().Single(e => e!["code"]!.GetValue<string>() == "01")!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/dictionaries/blood-type")).StatusCode);
    }

    [Fact]
    public async Task An_import_maps_unambiguous_synonyms_to_the_standard_names_and_reports_an_ambiguous_one_with_the_choices()
    {
        var daying = await app.SignInAsync("daying");
        var (mapped, ambiguous) = (KexieApp.NewPhone(), KexieApp.NewPhone());
        var csv = Header
            + $"简称者,男,1980,大英县经济科技信息局,高工,21030,本科,党员,{mapped},510923,否\n"
            + $"歧义者,女,1985,大英县经济科技信息局,工程师,21030,研究生,团员,{ambiguous},510923,否\n";

        var report = await ImportCsv(daying, csv, dryRun: false);
        Assert.Equal(1, report["created"]!.GetValue<int>());
        var error = Assert.Single(Errors(report));
        Assert.Equal((3, "学历"), (error.Row, error.Column));
        Assert.Contains("研究生", error.Message);
        Assert.Contains("硕士研究生", error.Message);

        var worker = await app.QueryAsync(db => db.ScienceWorkers.SingleAsync(w => w.Phone == mapped));
        Assert.Equal(("高级工程师", "大学本科", "中共党员"), (worker.Title, worker.Education, worker.PoliticalStatus));

        // The API maps them too, and an unknown 学历 is a 400 naming the field.
        var viaApi = await (await daying.PostJsonAsync("/api/v1/workers", new { name = "接口简称", gender = "Female", education = "大专", politicalStatus = "群众", phone = KexieApp.NewPhone(), regionCode = "510923" })).OkJsonAsync();
        Assert.Equal("大学专科", viaApi["education"]!.GetValue<string>());
        var wrong = await daying.PostJsonAsync("/api/v1/workers", new { name = "接口错误", gender = "Female", education = "留学", phone = KexieApp.NewPhone(), regionCode = "510923" });
        Assert.Contains("留学", await wrong.AssertValidationProblemAsync("education"));
    }

    [Fact]
    public async Task A_synonym_the_platform_admin_adds_takes_effect_on_the_next_import_and_an_ambiguous_one_is_refused()
    {
        var admin = await app.SignInAsync("admin");
        var daying = await app.SignInAsync("daying");
        var phone = KexieApp.NewPhone();
        var csv = Header + $"新写法,男,1979,大英县农业农村局,农艺师,21030,硕研,群众,{phone},510923,否\n";
        Assert.Equal("学历", Assert.Single(Errors(await ImportCsv(daying, csv, dryRun: true))).Column);

        var master = (await (await admin.GetAsync("/api/v1/dictionaries/education")).OkJsonAsync())["entries"]!.AsArray().Single(e => e!["code"]!.GetValue<string>() == "14")!;
        var synonyms = master["synonyms"]!.AsArray().Select(s => s!.GetValue<string>()).Where(s => s != "硕研").Append("硕研").ToArray();
        var saved = await (await admin.PutJsonAsync("/api/v1/dictionaries/education/14", new { synonyms })).OkJsonAsync();
        Assert.Contains("硕研", saved["synonyms"]!.AsArray().Select(s => s!.GetValue<string>()));

        var report = await ImportCsv(daying, csv, dryRun: false);
        Assert.Empty(Errors(report));
        Assert.Equal("硕士研究生", await app.QueryAsync(db => db.ScienceWorkers.Where(w => w.Phone == phone).Select(w => w.Education).SingleAsync()));

        // One spelling, one entry: 本科 already means 大学本科, so it cannot also mean 大学专科.
        var clash = await admin.PutJsonAsync("/api/v1/dictionaries/education/31", new { synonyms = new[] { "大专", "本科" } });
        Assert.Contains("大学本科", await clash.AssertValidationProblemAsync("synonyms"));
    }

    [Fact]
    public async Task Only_the_platform_admin_writes_and_a_new_entry_is_offered_at_once()
    {
        var code = $"T{Random.Shared.Next(100_000, 999_999)}";
        var name = $"测试职称{code}";
        var body = new { code, name, synonyms = new[] { $"简{code}" } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostJsonAsync("/api/v1/dictionaries/title", body)).StatusCode);
        foreach (var user in new[] { "sichuan", "daying", "daying-staff", "worker", "enterprise" })
        {
            var client = await app.SignInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostJsonAsync("/api/v1/dictionaries/title", body)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutJsonAsync("/api/v1/dictionaries/education/21", new { enabled = false })).StatusCode);
        }

        Assert.False(await app.QueryAsync(db => db.DictionaryEntries.AnyAsync(e => e.Code == code)));
        Assert.True(await app.QueryAsync(db => db.DictionaryEntries.Where(e => e.Type == "education" && e.Code == "21").Select(e => e.Enabled).SingleAsync()));

        var admin = await app.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync("/api/v1/dictionaries/title", body)).StatusCode);
        Assert.Contains("已有代码", await (await admin.PostJsonAsync("/api/v1/dictionaries/title", body)).AssertValidationProblemAsync("code"));

        // The worker form offers it, and the import maps its synonym.
        var form = await (await app.SignInAsync("daying")).GetStringAsync("/Workers/Edit");
        Assert.Contains(name, form);
        var phone = KexieApp.NewPhone();
        var report = await ImportCsv(await app.SignInAsync("daying"), Header + $"新职称,男,1979,大英县农业农村局,简{code},21030,本科,群众,{phone},510923,否\n", dryRun: false);
        Assert.Empty(Errors(report));
        Assert.Equal(name, await app.QueryAsync(db => db.ScienceWorkers.Where(w => w.Phone == phone).Select(w => w.Title).SingleAsync()));

        // Everyone signed in reads the page; only the platform admin gets the forms.
        Assert.DoesNotContain("新增职称条目", await (await app.SignInAsync("daying")).GetStringAsync("/Admin/Dictionaries?type=title"));
        Assert.Contains("新增职称条目", await admin.GetStringAsync("/Admin/Dictionaries?type=title"));
    }
}

public sealed class DictionarySqliteTests(SqliteApp app) : DictionaryTests(app);

public sealed class DictionaryPostgresTests(PostgresApp app) : DictionaryTests(app);
