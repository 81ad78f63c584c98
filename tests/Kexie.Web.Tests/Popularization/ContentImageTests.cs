using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kexie.Web.Features.Market;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// The editor deletes an uploaded 科普 image the body no longer shows (its bytes with it); one the body still shows is refused
/// with the field named, on the API and next to the editor's image list; a published item's images stay.
/// </summary>
public abstract class ContentImageTests(KexieApp app)
{
    private const string DaYing = "510923";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static object Content(string title, params string[] tags) =>
        new { kind = "Article", title, body = "正文", authorOrganization = "大英县科协", regionCode = DaYing, tags };

    [Fact]
    public async Task The_editor_deletes_an_image_the_body_no_longer_shows_and_is_told_when_it_still_does()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var staff = await app.SignInAsync("daying-staff");
        var title = $"删图文章{token}";
        var id = Id(await (await staff.PostJsonAsync("/api/v1/science-contents", Content(title, "健康"))).OkJsonAsync());
        var url = $"/api/v1/science-contents/{id}/images";
        var shown = await (await Market.MarketFiles.UploadAsync(staff, url, Market.MarketFiles.Png, "示意图.png", "image/png")).OkJsonAsync();
        var spare = await (await Market.MarketFiles.UploadAsync(staff, url, Market.MarketFiles.Png, "多余的图.png", "image/png")).OkJsonAsync();
        await (await staff.PutJsonAsync($"/api/v1/science-contents/{id}", new { kind = "Article", title, body = $"看图：\n\n{shown["markdown"]!.GetValue<string>()}", authorOrganization = "大英县科协", regionCode = DaYing, tags = new[] { "健康" } })).OkJsonAsync();
        var spareKey = await app.QueryAsync(async db => (await db.ScienceContents.AsNoTracking().SingleAsync(c => c.Id == Guid.Parse(id))).Attachments.Single(a => a.Id == Guid.Parse(Id(spare))).StorageKey);

        // One the body shows is refused, naming the field; another county does not find the item; a science worker may not edit.
        var refused = await (await staff.DeleteAsync($"{url}/{Id(shown)}")).AssertValidationProblemAsync("imageId");
        Assert.Contains("正文中仍在使用图片“示意图.png”", refused, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).DeleteAsync($"{url}/{Id(spare)}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).DeleteAsync($"{url}/{Id(spare)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.DeleteAsync($"{url}/{Guid.NewGuid()}")).StatusCode);

        // The unused one goes, its bytes with it.
        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"{url}/{Id(spare)}")).StatusCode);
        var images = (await (await staff.GetAsync($"/api/v1/science-contents/{id}")).OkJsonAsync())["images"]!.AsArray();
        Assert.Equal(Id(shown), Id(Assert.Single(images)!));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync(spare["url"]!.GetValue<string>())).StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<IFileStore>().OpenReadAsync(spareKey));
        }

        // The editor page: deleting the shown image while the body keeps it says so next to the list and keeps it; once the
        // body typed in the form no longer shows it (saved first), it goes.
        var edit = $"/Popularization/Contents/Edit/{id}";
        var page = await staff.GetStringAsync(edit);
        Assert.Contains($"name=\"Input.ImageId\" value=\"{Id(shown)}\"", page, StringComparison.Ordinal);
        var antiforgery = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var version = (await (await staff.GetAsync($"/api/v1/science-contents/{id}")).OkJsonAsync())["version"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        FormUrlEncodedContent Form(string body, string v) => new(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery, ["Version"] = v, ["Input.Kind"] = "Article", ["Input.Title"] = title, ["Input.Body"] = body,
            ["Input.AuthorOrganization"] = "大英县科协", ["Input.RegionCode"] = DaYing, ["Input.Tags"] = "健康", ["Input.ImageId"] = Id(shown),
        });
        var kept = await staff.PostAsync($"{edit}?handler=DeleteImage", Form($"看图：\n\n{shown["markdown"]!.GetValue<string>()}", version));
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Matches("data-valmsg-for=\"Input.ImageId\"[^>]*>[^<]*正文中仍在使用图片“示意图.png”", await kept.Content.ReadAsStringAsync());
        Assert.Single((await (await staff.GetAsync($"/api/v1/science-contents/{id}")).OkJsonAsync())["images"]!.AsArray());

        var current = (await (await staff.GetAsync($"/api/v1/science-contents/{id}")).OkJsonAsync())["version"]!.GetValue<int>();
        var gone = await staff.PostAsync($"{edit}?handler=DeleteImage", Form("不配图了", current.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, gone.StatusCode);
        var after = await (await staff.GetAsync($"/api/v1/science-contents/{id}")).OkJsonAsync();
        Assert.Empty(after["images"]!.AsArray());
        Assert.Equal("不配图了", after["body"]!.GetValue<string>());

        // A published item's images stay (it is no longer editable).
        var third = await (await Market.MarketFiles.UploadAsync(staff, url, Market.MarketFiles.Png, "发布后.png", "image/png")).OkJsonAsync();
        await (await staff.PostAsync($"/api/v1/science-contents/{id}/submit", null)).OkJsonAsync();
        await (await (await app.SignInAsync("daying")).PostAsync($"/api/v1/science-contents/{id}/publish", null)).OkJsonAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await staff.DeleteAsync($"{url}/{Id(third)}")).StatusCode);
    }
}

public sealed class ContentImageSqliteTests(SqliteApp app) : ContentImageTests(app);

public sealed class ContentImagePostgresTests(PostgresApp app) : ContentImageTests(app);
