using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Kexie.Web.Tests.Market;
using Kexie.Web.Tests.Security;

namespace Kexie.Web.Tests.Talent;

/// <summary>
/// 大赛作品附件 through the real host, in 船山区 (510903): the entrant uploads real files (PDF, Word, PNG) while the work may be edited,
/// wrong types and oversize files are refused on the file field in Chinese (API and page), the edition's reviewers and the assigned
/// expert download them, others and the public never; the entrant deletes one before the review; once the review starts they stay.
/// </summary>
public abstract class ContestEntryFileTests(KexieApp app)
{
    private const string County = "510903";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    [Fact]
    public async Task The_entrant_attaches_files_the_reviewers_and_assigned_experts_download_them_and_the_public_never()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var year = TestYears.Next(app.Provider);
        var admin = await app.SignInAsync("admin");
        var city = await app.SignInAsync("suining");
        var shehong = await app.SignInAsync("shehong");
        var countyLogin = $"cf-{token}";
        await (await admin.PostJsonAsync("/api/v1/users", new { userName = countyLogin, displayName = $"船山区科协附件{token}", password = "Kexie@2026", role = "AssociationAdmin", regionCode = County })).OkJsonAsync();
        var county = await app.SignInAsync(countyLogin, "Kexie@2026");

        var contest = Id(await (await county.PostJsonAsync("/api/v1/contests", new { name = $"船山区附件测试大赛{token}", year, regionCode = County, categories = new[] { "科技创新成果" } })).OkJsonAsync());
        var school = Id(await (await county.PostJsonAsync("/api/v1/organizations", new { name = $"船山附件中学{token}", kind = "School", creditCode = AccessScopeTests.NewCreditCode(County), industryCode = "8334", regionCode = County })).OkJsonAsync());
        var entry = Id(await (await county.PostJsonAsync($"/api/v1/contests/{contest}/entries", new { schoolId = school, title = $"水质监测浮标{token}", category = "科技创新成果", students = new[] { "王小明" }, teacher = "周老师" })).OkJsonAsync());
        var files = $"/api/v1/contest-entries/{entry}/attachments";

        // Real files: a PDF report, a Word document, a PNG photo.
        var report = Id(await (await MarketFiles.UploadAsync(county, files, MarketFiles.Pdf, "研究报告.pdf")).OkJsonAsync());
        var word = Id(await (await MarketFiles.UploadAsync(county, files, MarketFiles.Docx(), "实验记录.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")).OkJsonAsync());
        var photo = Id(await (await MarketFiles.UploadAsync(county, files, MarketFiles.Png, "作品照片.png", "image/png")).OkJsonAsync());

        // A program named .pdf and a file over 20MB are refused on the file field, in Chinese.
        var exe = await MarketFiles.UploadAsync(county, files, [0x4D, 0x5A, 0x90, 0x00, 0x03, 0, 0, 0, 0x04, 0, 0, 0], "报告.pdf");
        await exe.AssertValidationProblemAsync("file");
        var big = new byte[(20 * 1024 * 1024) + 10];
        MarketFiles.Pdf.CopyTo(big, 0);
        var tooLarge = await MarketFiles.UploadAsync(county, files, big, "大文件.pdf");
        await tooLarge.AssertValidationProblemAsync("file");
        Assert.Contains("20MB", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Another county and the public may neither upload nor see the files; the entry lists them for the county.
        Assert.Equal(HttpStatusCode.NotFound, (await MarketFiles.UploadAsync(shehong, files, MarketFiles.Pdf, "冒名.pdf")).StatusCode);
        var listed = await (await county.GetAsync($"/api/v1/contest-entries/{entry}")).OkJsonAsync();
        Assert.Equal(["研究报告.pdf", "实验记录.docx", "作品照片.png"], listed["attachments"]!.AsArray().Select(a => a!["fileName"]!.GetValue<string>()));
        Assert.True(listed["mayEditFiles"]!.GetValue<bool>());
        var download = await county.GetAsync($"{files}/{report}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(MarketFiles.Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"{files}/{report}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.GetAsync($"{files}/{report}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.DeleteAsync($"{files}/{word}")).StatusCode);

        // The expert assigned to the work downloads its files and sees them with the task; an expert not assigned does not.
        var (expert, expertClient) = await ExpertAsync(city, $"附件专家{token}", token);
        var (_, otherClient) = await ExpertAsync(city, $"旁观专家{token}", token + "x");
        await (await county.PostJsonAsync($"/api/v1/contests/{contest}/assignments", new { expertId = expert, entryIds = new[] { entry } })).OkJsonAsync();
        var task = (await (await expertClient.GetAsync("/api/v1/contest-assignments/mine")).OkJsonAsync()).AsArray().Single()!;
        Assert.Equal(3, task["attachments"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.OK, (await expertClient.GetAsync($"{files}/{photo}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await expertClient.GetAsync($"/Talent/Contests/Entry/{entry}?handler=Download&attachmentId={photo}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"{files}/{photo}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await expertClient.DeleteAsync($"{files}/{word}")).StatusCode);

        // The entrant deletes one before the review.
        Assert.Equal(HttpStatusCode.NoContent, (await county.DeleteAsync($"{files}/{word}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync($"{files}/{word}")).StatusCode);

        // The page lists the files; a wrong type uploaded there is shown next to the file field, in Chinese.
        var page = await county.GetAsync($"/Talent/Contests/Entry/{entry}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("研究报告.pdf", html, StringComparison.Ordinal);
        Assert.DoesNotContain("实验记录.docx", html, StringComparison.Ordinal);
        using (var form = new MultipartFormDataContent())
        {
            var bytes = new ByteArrayContent([0x4D, 0x5A, 0x90, 0x00, 0x03, 0, 0, 0]);
            bytes.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(bytes, "file", "报告.pdf");
            form.Add(new StringContent(LoginTestSupport.TokenOf(html)), "__RequestVerificationToken");
            var posted = await county.PostAsync($"/Talent/Contests/Entry/{entry}?handler=Upload", form);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }

        var after = await (await county.GetAsync($"/Talent/Contests/Entry/{entry}")).Content.ReadAsStringAsync();
        Assert.Matches("class=\"field-validation-error upload-error\" role=\"alert\" >[^<]*(类型|格式)", after);

        // The public sees no files of a work, not even the page, until it is awarded — and then still no files.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/Talent/Contests/Entry/{entry}")).StatusCode);

        // Once the review starts the files stay.
        await (await county.PostJsonAsync($"/api/v1/contests/{contest}/status", new { status = "Reviewing" })).OkJsonAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await county.DeleteAsync($"{files}/{report}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await MarketFiles.UploadAsync(county, files, MarketFiles.Pdf, "补充.pdf")).StatusCode);
        await (await county.PostJsonAsync($"/api/v1/contest-entries/{entry}/review", new { passed = true, score = 90 })).OkJsonAsync();
        await (await county.PostJsonAsync($"/api/v1/contest-entries/{entry}/award", new { award = "First" })).OkJsonAsync();
        var pub = await (await app.Anonymous().GetAsync($"/api/v1/contest-entries/{entry}")).OkJsonAsync();
        Assert.Null(pub["attachments"]);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"{files}/{report}")).StatusCode);
        Assert.DoesNotContain("研究报告.pdf", await (await app.Anonymous().GetAsync($"/Talent/Contests/Entry/{entry}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<(string ExpertId, HttpClient Client)> ExpertAsync(HttpClient city, string name, string token)
    {
        var worker = Id(await (await city.PostJsonAsync("/api/v1/workers", new { name, gender = "Female", birthYear = 1975, employer = "遂宁市科技馆", title = "高级", phone = KexieApp.NewPhone(), regionCode = County, isPublicProfile = false })).OkJsonAsync());
        var login = $"cfe-{token}-{Random.Shared.Next(1000, 9999)}";
        await (await (await app.SignInAsync("admin")).PostJsonAsync("/api/v1/users", new { userName = login, displayName = name, password = "Kexie@2026", role = "ScienceWorker", regionCode = County, scienceWorkerId = worker })).OkJsonAsync();
        var expert = Id(await (await city.PostJsonAsync("/api/v1/experts", new { workerId = worker, level = "Municipal", expertise = "青少年科技教育", researchDirections = new[] { "科技创新教育" } })).OkJsonAsync());
        return (expert, await app.SignInAsync(login, "Kexie@2026"));
    }
}

public sealed class ContestEntryFileSqliteTests(SqliteApp app) : ContestEntryFileTests(app);

public sealed class ContestEntryFilePostgresTests(PostgresApp app) : ContestEntryFileTests(app);
