using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kexie.Web.Tests.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// 佐证材料 of a mass event's tally: JPG, PNG or PDF uploaded by the staff who may record the tally; listed and downloaded by the
/// managers of its place (and above), counted for everyone else; removed by the same staff, and with the tally.
/// </summary>
public abstract class EventTallyEvidenceTests(KexieApp app)
{
    private const string DaYing = "510923";

    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private async Task<(HttpClient Staff, string Activity, string Tally)> TallyAsync(string token)
    {
        var staff = await app.SignInAsync("daying-staff");
        var activity = Id(await (await staff.PostJsonAsync("/api/v1/popularization-activities", new
        {
            kind = "ScienceToCountryside", title = $"佐证测试{token}", regionCode = DaYing, venue = "镇政府广场", startsOn = ChinaToday, endsOn = ChinaToday,
        })).OkJsonAsync());
        var township = await app.QueryAsync(db => db.Regions.Where(r => r.ParentCode == DaYing).OrderBy(r => r.Code).Select(r => r.Code).FirstAsync());
        var tally = Id(await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{activity}/tallies", new { regionCode = township, day = ChinaToday, sessions = 2, participants = 300 })).OkJsonAsync());
        return (staff, activity, tally);
    }

    [Fact]
    public async Task Staff_attach_photos_and_pdfs_that_only_managers_list_and_download()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var (staff, activity, tally) = await TallyAsync(token);
        var shehong = await app.SignInAsync("shehong");
        var url = $"/api/v1/popularization-activities/{activity}/tallies/{tally}/evidence";

        var photo = await (await MarketFiles.UploadAsync(staff, url, MarketFiles.Png, $"现场照片{token}.png", "image/png")).OkJsonAsync();
        Assert.True(photo["isImage"]!.GetValue<bool>());
        var scan = await (await MarketFiles.UploadAsync(staff, url, MarketFiles.Pdf, $"签到表{token}.pdf")).OkJsonAsync();

        // Only photos and PDFs; other counties and the public may not upload.
        var text = await (await MarketFiles.UploadAsync(staff, url, Encoding.UTF8.GetBytes("场次说明"), "说明.txt", "text/plain")).AssertValidationProblemAsync("file");
        Assert.Contains("JPG、PNG照片或PDF", text);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsync(url, new MultipartFormDataContent())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await MarketFiles.UploadAsync(shehong, url, MarketFiles.Png, "冒名.png", "image/png")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MarketFiles.UploadAsync(app.Anonymous(), url, MarketFiles.Png, "匿名.png", "image/png")).StatusCode);
        Assert.Equal(2, await app.QueryAsync(db => db.EventTallyEvidence.CountAsync(e => e.TallyId == Guid.Parse(tally))));

        // The public sees how many; the managers see which, and download them.
        var shown = (await (await app.Anonymous().GetAsync($"/api/v1/popularization-activities/{activity}/tallies")).OkJsonAsync()).AsArray().Single()!;
        Assert.Equal(2, shown["evidenceCount"]!.GetValue<int>());
        Assert.Empty(shown["evidence"]!.AsArray());
        var listed = (await (await staff.GetAsync($"/api/v1/popularization-activities/{activity}/tallies")).OkJsonAsync()).AsArray().Single()!["evidence"]!.AsArray();
        Assert.Equal([$"现场照片{token}.png", $"签到表{token}.pdf"], listed.Select(e => e!["fileName"]!.GetValue<string>()));
        var download = await staff.GetAsync($"{url}/{Id(photo)}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(MarketFiles.Png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("daying")).GetAsync($"{url}/{Id(scan)}")).StatusCode);
        var other = await shehong.GetAsync($"{url}/{Id(photo)}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain(token, await other.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/v1/popularization-activities/{activity}/tallies/{Guid.NewGuid()}/evidence/{Id(photo)}")).StatusCode);

        var publicHtml = await app.Anonymous().GetStringAsync($"/Popularization/Activities/Details/{activity}");
        Assert.Contains("2 份", publicHtml);
        Assert.DoesNotContain($"现场照片{token}", publicHtml);
        var staffHtml = await staff.GetStringAsync($"/Popularization/Activities/Details/{activity}");
        Assert.Contains($"现场照片{token}.png", staffHtml);
        Assert.Contains("evidence-form", staffHtml);
        var fromPage = await staff.GetAsync($"/Popularization/Activities/Details/{activity}?handler=Evidence&tallyId={tally}&evidenceId={Id(scan)}");
        Assert.Equal(MarketFiles.Pdf, await fromPage.Content.ReadAsByteArrayAsync());

        // Removed by the staff (another county cannot); removing the tally removes the rest.
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.DeleteAsync($"{url}/{Id(photo)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"{url}/{Id(photo)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"{url}/{Id(photo)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"/api/v1/popularization-activities/{activity}/tallies/{tally}")).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.EventTallyEvidence.CountAsync(e => e.TallyId == Guid.Parse(tally))));
    }

    [Fact]
    public async Task A_refused_upload_on_the_page_shows_its_error_next_to_that_tally()
    {
        var (staff, activity, tally) = await TallyAsync(Guid.NewGuid().ToString("N")[..8]);
        var page = await staff.GetStringAsync($"/Popularization/Activities/Details/{activity}");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("不是图片"));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
        var form = new MultipartFormDataContent
        {
            { new StringContent(Kexie.Web.Tests.Security.LoginTestSupport.TokenOf(page)), "__RequestVerificationToken" },
            { new StringContent(tally), "tallyId" },
            { file, "file", "说明.txt" },
        };
        var posted = await staff.PostAsync($"/Popularization/Activities/Details/{activity}?handler=Evidence", form);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Matches("id=\"evidence-error\">[^<]*JPG、PNG照片或PDF", html);
    }
}

public sealed class EventTallyEvidenceSqliteTests(SqliteApp app) : EventTallyEvidenceTests(app);

public sealed class EventTallyEvidencePostgresTests(PostgresApp app) : EventTallyEvidenceTests(app);
