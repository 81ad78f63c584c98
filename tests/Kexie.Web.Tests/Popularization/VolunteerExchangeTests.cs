using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Kexie.Data;
using Kexie.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// 科技志愿者 out of the platform: the registry's Excel export (team, confirmed hours; only the staff's own subtree) imports back
/// unchanged, and a volunteer's 志愿服务记录证明 (.docx: confirmed services and the total, issued by the county's association) is
/// the volunteer's and their region's managers' to download and nobody else's. Volunteers and activities carry a token.
/// </summary>
public abstract class VolunteerExchangeTests(KexieApp app)
{
    private const string DaYing = "510923";

    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Token() => Guid.NewGuid().ToString("N")[..8];

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static List<IDictionary<string, object?>> Rows(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        return stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
    }

    /// <summary>Signs the volunteer in and out of a new activity of the county and has the staff confirm <paramref name="minutes"/>.</summary>
    private static async Task<string> ServeAsync(HttpClient staff, HttpClient? self, string volunteerId, string title, int minutes)
    {
        var activity = Id(await (await staff.PostJsonAsync("/api/v1/popularization-activities", new { kind = "ScienceToCountryside", title, regionCode = DaYing, venue = "蓬莱镇", startsOn = ChinaToday, endsOn = ChinaToday })).OkJsonAsync());
        var record = self is null
            ? await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{activity}/service-records", new { volunteerId })).OkJsonAsync()
            : await (await self.PostJsonAsync($"/api/v1/popularization-activities/{activity}/service-records", new { })).OkJsonAsync();
        await (await (self ?? staff).PostAsync($"/api/v1/popularization-activities/{activity}/service-records/{Id(record)}/sign-out", null)).OkJsonAsync();
        await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{activity}/service-records/{Id(record)}/confirm", new { minutes })).OkJsonAsync();
        return activity;
    }

    [Fact]
    public async Task The_registry_goes_out_with_team_and_confirmed_hours_and_comes_back_unchanged()
    {
        var token = Token();
        var staff = await app.SignInAsync("daying-staff");
        var team = Id(await (await staff.PostJsonAsync("/api/v1/volunteer-teams", new { name = $"导出服务队{token}", kind = "ScienceService", regionCode = DaYing })).OkJsonAsync());
        var phone = KexieApp.NewPhone();
        var volunteer = Id(await (await staff.PostJsonAsync("/api/v1/volunteers", new { name = $"志愿者{token}", phone, regionCode = DaYing, teamId = team, expertise = "应急救护" })).OkJsonAsync());
        await ServeAsync(staff, null, volunteer, $"科技下乡{token}", 90);

        var export = await staff.GetAsync($"/api/v1/volunteers/export.xlsx?q={token}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var row = Assert.Single(Rows(bytes));
        Assert.Equal(($"志愿者{token}", phone, $"导出服务队{token}", "应急救护"), ((string?)row["姓名"], row["手机号"]?.ToString(), (string?)row["服务队"], (string?)row["专长"]));
        Assert.Equal(1.5m, Convert.ToDecimal(row["确认服务时长（小时）"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1L, Convert.ToInt64(row["服务次数"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("大英", (string?)row["所在地区"]);

        // The export imports back unchanged (the added columns are read-only).
        using (var content = new MultipartFormDataContent())
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "file", "科技志愿者.xlsx");
            var report = await (await (await app.SignInAsync("daying")).PostAsync("/api/v1/imports/volunteers?dryRun=false", content)).OkJsonAsync();
            Assert.Equal((0, 0, 1), (report["created"]!.GetValue<int>(), report["updated"]!.GetValue<int>(), report["unchanged"]!.GetValue<int>()));
            Assert.Empty(report["errors"]!.AsArray());
        }

        // Another county's staff export nothing of 大英县; a worker and a visitor export nothing at all.
        Assert.DoesNotContain(Rows(await (await app.SignInAsync("shehong")).GetByteArrayAsync($"/api/v1/volunteers/export.xlsx?q={token}")), r => r["姓名"] is not null);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).GetAsync($"/api/v1/volunteers/export.xlsx?q={token}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/volunteers/export.xlsx")).StatusCode);
        Assert.Contains("id=\"export-volunteers\"", await staff.GetStringAsync($"/Popularization/Volunteers?region={DaYing}"));
    }

    [Fact]
    public async Task A_volunteer_downloads_their_service_record_and_nobody_else_can()
    {
        var token = Token();
        var staff = await app.SignInAsync("daying-staff");

        // A science worker of the county with an account of their own, who is no volunteer yet.
        var (self, name) = await NewWorkerAccountAsync();
        var volunteer = Id(await (await self.PostJsonAsync("/api/v1/volunteers/me", new { expertise = "农业技术" })).OkJsonAsync());
        await ServeAsync(staff, self, volunteer, $"科普大集{token}", 120);
        await ServeAsync(staff, self, volunteer, $"科技下乡{token}", 45);

        var download = await self.GetAsync($"/api/v1/volunteers/{volunteer}/service-record");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", download.Content.Headers.ContentType!.MediaType);
        Assert.Contains("志愿服务记录证明", download.Content.Headers.ContentDisposition!.FileNameStar);
        string text;
        using (var docx = WordprocessingDocument.Open(new MemoryStream(await download.Content.ReadAsByteArrayAsync()), false))
        {
            text = docx.MainDocumentPart!.Document!.Body!.InnerText;
        }

        Assert.Contains("志愿服务记录证明", text);
        Assert.Contains($"兹证明{name}", text);
        Assert.Contains($"科普大集{token}", text);
        Assert.Contains($"科技下乡{token}", text);
        Assert.Contains("服务时长共计2.8小时", text);
        Assert.Contains("大英县科学技术协会", text);

        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/volunteers/{volunteer}/service-record")).StatusCode);
        foreach (var other in new[] { await app.SignInAsync("shehong"), await app.SignInAsync("worker") })
        {
            var refused = await other.GetAsync($"/api/v1/volunteers/{volunteer}/service-record");
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.DoesNotContain(name, await refused.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync($"/api/v1/volunteers/{volunteer}/service-record")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await self.GetAsync($"/api/v1/volunteers/{Guid.NewGuid()}/service-record")).StatusCode);
        var mine = await self.GetStringAsync("/Popularization/Volunteers/Mine");
        Assert.Contains($"/api/v1/volunteers/{volunteer}/service-record", mine);
        Assert.Contains("id=\"confirmed-hours\">2.8<", mine);
    }

    /// <summary>An account linked to a science worker of 大英县 that has no account and is no volunteer (so the test may register them).</summary>
    private async Task<(HttpClient Client, string Name)> NewWorkerAccountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
        var candidates = await db.ScienceWorkers.AsNoTracking()
            .Where(w => w.RegionCode.StartsWith(DaYing) && !db.Volunteers.Any(v => v.ScienceWorkerId == w.Id) && !db.Users.Any(u => u.ScienceWorkerId == w.Id))
            .OrderBy(w => w.Id).Select(w => new { w.Id, w.Name, w.RegionCode }).Take(500).ToListAsync();
        var worker = candidates[Random.Shared.Next(candidates.Count)];
        var userName = $"vol{Guid.NewGuid():N}"[..16];
        const string password = "TestUser2026a";
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, DisplayName = worker.Name, Role = UserRole.ScienceWorker, RegionCode = worker.RegionCode, ScienceWorkerId = worker.Id, EmailConfirmed = true };
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(e => e.Description)));
        return (await app.SignInAsync(userName, password), worker.Name);
    }
}

public sealed class VolunteerExchangeSqliteTests(SqliteApp app) : VolunteerExchangeTests(app);

public sealed class VolunteerExchangePostgresTests(PostgresApp app) : VolunteerExchangeTests(app);
