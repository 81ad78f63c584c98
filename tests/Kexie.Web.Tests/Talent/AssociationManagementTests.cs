using System.Net;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Kexie.Domain.Authorization;
using Kexie.Domain.Directory;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Talent;

/// <summary>Managed associations through the real host: 年检 submitted and decided, 党建 and its rule, leadership, 换届, the county's counts and township coverage.</summary>
public abstract class AssociationManagementTests(KexieApp app)
{
    private const string Api = "/api/v1/association-management";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static int Int(JsonNode node, string name) => node[name]!.GetValue<int>();

    [Fact]
    public async Task A_societys_inspection_is_submitted_and_decided_by_its_county_and_counted_at_the_years_end()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var shehong = await app.SignInAsync("shehong");
        var daying = await app.SignInAsync("daying");
        var staff = await app.SignInAsync("daying-staff");
        var statsUrl = $"{Api}/statistics?region=510981&year=2003";
        var before = await (await shehong.GetAsync(statsUrl)).OkJsonAsync();
        var society = Id(await (await shehong.PostJsonAsync("/api/v1/associations", new { name = $"射洪市测试学会{token}", kind = "Society", regionCode = "510981", establishedOn = "2000-01-01" })).OkJsonAsync());

        // 年检: submitted once per year by the society's county; another county does not find it, staff may not.
        await (await shehong.PostJsonAsync($"{Api}/{society}/inspections", new { year = 1900, individualMembers = 120, groupMembers = 4 })).AssertValidationProblemAsync("year");
        await (await shehong.PostJsonAsync($"{Api}/{society}/inspections", new { year = 2003, individualMembers = -1, groupMembers = 4 })).AssertValidationProblemAsync("individualMembers");
        var inspection = await (await shehong.PostJsonAsync($"{Api}/{society}/inspections", new { year = 2003, individualMembers = 120, groupMembers = 4, documents = "年度工作报告、财务审计报告", submittedOn = "2004-03-20" })).OkJsonAsync();
        Assert.Equal("已报送待审", inspection["statusName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await shehong.PostJsonAsync($"{Api}/{society}/inspections", new { year = 2003, individualMembers = 1, groupMembers = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await daying.PostJsonAsync($"{Api}/{society}/inspections", new { year = 2002, individualMembers = 1, groupMembers = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostJsonAsync($"{Api}/{society}/inspections", new { year = 2002, individualMembers = 1, groupMembers = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await daying.GetAsync($"{Api}/{society}")).StatusCode);

        // The result: an opinion is required unless 合格; not before the submission; once.
        var decide = $"{Api}/inspections/{Id(inspection)}/decide";
        await (await shehong.PostJsonAsync(decide, new { result = "BasicallyPassed", decidedOn = "2004-04-01" })).AssertValidationProblemAsync("opinion");
        await (await shehong.PostJsonAsync(decide, new { result = "Passed", decidedOn = "2004-01-01" })).AssertValidationProblemAsync("decidedOn");
        Assert.Equal(HttpStatusCode.NotFound, (await daying.PostJsonAsync(decide, new { result = "Failed", opinion = "越权" })).StatusCode);
        var decided = await (await shehong.PostJsonAsync(decide, new { result = "Passed", decidedOn = "2004-04-25" })).OkJsonAsync();
        Assert.Equal("合格", decided["statusName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await shehong.PostJsonAsync(decide, new { result = "Failed", opinion = "再评" })).StatusCode);

        // 党建: fewer than 3 formal members cannot form their own organization; 3 or more without one is flagged.
        await (await shehong.PutJsonAsync($"{Api}/{society}/party", new { instructorName = $"指导员{token}", formalMembers = 2, form = "Independent", establishedOn = "2003-07-01" })).AssertValidationProblemAsync("form");
        var party = await (await shehong.PutJsonAsync($"{Api}/{society}/party", new { instructorName = $"指导员{token}", formalMembers = 5, form = "None" })).OkJsonAsync();
        Assert.True(party["mustEstablish"]!.GetValue<bool>());

        // Leadership and 换届.
        var post = Id(await (await shehong.PostJsonAsync($"{Api}/{society}/posts", new { personName = $"秘书长{token}", kind = "SecretaryGeneral", position = "射洪市人民医院副院长", from = "2001-01-01" })).OkJsonAsync());
        await (await shehong.PostJsonAsync($"{Api}/{society}/posts", new { personName = "无职务", from = "2001-01-01" })).AssertValidationProblemAsync("kind");
        await (await shehong.PostJsonAsync($"{Api}/posts/{post}/end", new { until = "2000-12-31" })).AssertValidationProblemAsync("until");
        await (await shehong.PostJsonAsync($"{Api}/posts/{post}/end", new { until = "2005-01-01" })).OkJsonAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await shehong.PostJsonAsync($"{Api}/posts/{post}/end", new { until = "2006-01-01" })).StatusCode);
        await (await shehong.PostJsonAsync($"{Api}/{society}/congresses", new { term = 2, heldOn = "2002-06-18", note = "第二次会员代表大会" })).OkJsonAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await shehong.PostJsonAsync($"{Api}/{society}/congresses", new { term = 2, heldOn = "2002-06-19" })).StatusCode);

        var file = await (await shehong.GetAsync($"{Api}/{society}")).OkJsonAsync();
        Assert.Equal("学会", file["kindName"]!.GetValue<string>());
        Assert.Equal("2005-01-01", Assert.Single(file["posts"]!.AsArray())!["until"]!.GetValue<string>());
        Assert.Equal("2007-06-18", Assert.Single(file["congresses"]!.AsArray())!["nextDueOn"]!.GetValue<string>());

        // The county's counts at the end of 2003 grow by this society, its members, its instructor and its 合格 inspection.
        var after = await (await shehong.GetAsync(statsUrl)).OkJsonAsync();
        Assert.Equal(Int(before, "societies") + 1, Int(after, "societies"));
        Assert.Equal(Int(before, "societyMembers") + 120, Int(after, "societyMembers"));
        Assert.Equal(Int(before, "withInstructor") + 1, Int(after, "withInstructor"));
        Assert.Equal(Int(before, "mustEstablish") + 1, Int(after, "mustEstablish"));
        Assert.Equal(Int(before, "inspectionsSubmitted") + 1, Int(after, "inspectionsSubmitted"));
        Assert.Equal(Int(before, "passed") + 1, Int(after, "passed"));
        Assert.Contains($"会员人数{Int(after, "societyMembers")}人", after["summary"]!.GetValue<string>());
        Assert.Contains("有3名及以上正式党员尚未单独建立党组织", after["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_demo_county_words_its_societies_leadership_and_township_coverage_like_the_seeds()
    {
        var daying = await app.SignInAsync("daying");
        var stats = await (await daying.GetAsync($"{Api}/statistics?region=510923&year=2025")).OkJsonAsync();
        var summary = stats["summary"]!.GetValue<string>();
        Assert.StartsWith("截至2025年底，大英县有学会", summary);
        Assert.Contains("会员人数960人", summary);
        Assert.Contains("已报送5个，合格4个", summary);
        Assert.Contains("县科协有专职副主席1名、挂职副主席1名、兼职副主席3名", summary);

        var coverage = await (await daying.GetAsync($"{Api}/coverage?region=510923")).OkJsonAsync();
        var rows = coverage["rows"]!.AsArray();
        Assert.True(rows.Count >= 10, $"大英县只有{rows.Count}个乡镇");
        Assert.True(coverage["fullyCovered"]!.GetValue<bool>());
        Assert.All(rows, r => Assert.Equal(3, r!["threeHeads"]!.GetValue<int>()));
        Assert.Contains($"{rows.Count}个乡镇（街道）均建立科协组织，实现乡镇科协组织全覆盖，深入推进{rows.Count}个镇（街道）科协组织建设（“3+1”），"
            + $"吸纳{3 * rows.Count}名医院院长、学校校长、农技站长（“三长”）进入乡镇科协领导机构", summary);
        await (await daying.GetAsync($"{Api}/coverage?region=510923101")).AssertValidationProblemAsync("region");

        // The staff page in Chinese; the 农学会 with 4 formal party members and no organization of its own is flagged.
        var page = await (await daying.GetAsync("/Talent/Organizations?region=510923&year=2025")).Content.ReadAsStringAsync();
        Assert.Contains("会员人数960人", page);
        Assert.Contains("乡镇（街道）科协组织覆盖", page);
        Assert.Contains("正式党员3名以上，应单独建立", page);
        var worker = await app.SignInAsync("worker");
        Assert.NotEqual(HttpStatusCode.OK, (await worker.GetAsync("/Talent/Organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync($"{Api}/statistics?region=510923")).StatusCode);
    }
    /// <summary>
    /// "2所高校科协、2所科研院所科协、28家企业科协及3家园区科协" from the records: the county's enterprise and park 科协 and the city's
    /// 高校 and 科研院所 科协 (大英县 has none of its own), rebuilt here from the associations in the database.
    /// </summary>
    [Fact]
    public async Task The_demo_county_and_city_count_their_unit_kexies_in_the_seeds_words_from_the_records()
    {
        var suining = await app.SignInAsync("suining");
        var end = new DateOnly(2025, 12, 31);
        foreach (var region in new[] { "510923", "5109" })
        {
            var kinds = await app.QueryAsync(db => db.Associations.Where(a => RegionScope.Within(a.RegionCode, region) && (a.EstablishedOn == null || a.EstablishedOn <= end))
                .Select(a => a.Kind).ToListAsync());
            var items = new[] { (AssociationKind.UniversityKexie, "所"), (AssociationKind.InstituteKexie, "所"), (AssociationKind.EnterpriseKexie, "家"), (AssociationKind.ParkKexie, "家") }
                .Select(k => (Count: kinds.Count(x => x == k.Item1), Text: k.Item1.Chinese(), Unit: k.Item2)).Where(k => k.Count > 0).Select(k => $"{k.Count}{k.Unit}{k.Text}").ToList();
            var expected = items.Count == 1 ? items[0] : $"{string.Join("、", items.Take(items.Count - 1))}及{items[^1]}";
            var summary = (await (await suining.GetAsync($"{Api}/statistics?region={region}&year=2025")).OkJsonAsync())["summary"]!.GetValue<string>();
            Assert.Contains($"，建有{expected}", summary);
            if (region == "510923")
            {
                Assert.True(kinds.Count(k => k == AssociationKind.EnterpriseKexie) >= 4 && kinds.Count(k => k == AssociationKind.ParkKexie) >= 1, expected);
                Assert.DoesNotContain("高校科协", summary);
            }
            else
            {
                Assert.Contains("所高校科协、", summary);
                Assert.Contains("所科研院所科协、", summary);
            }

            // The annual report's {组织建设} prints the same sentence.
            var report = await suining.GetAsync($"/api/v1/indicators/reports/annual?region={region}&year=2025");
            using var docx = WordprocessingDocument.Open(new MemoryStream(await report.Content.ReadAsByteArrayAsync()), false);
            Assert.Contains($"建有{expected}", docx.MainDocumentPart!.Document!.Body!.InnerText);
        }
    }
}

public sealed class AssociationManagementSqliteTests(SqliteApp app) : AssociationManagementTests(app);

public sealed class AssociationManagementPostgresTests(PostgresApp app) : AssociationManagementTests(app);
