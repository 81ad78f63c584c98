using System.Text;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// The 科普 editor says Markdown and the platform renders Markdown: bold, lists and line breaks show as the author meant
/// on the public page, the editor's preview and the e-station kiosk; script and foreign images never survive; bodies stored
/// as HTML before keep rendering as they did.
/// </summary>
public abstract partial class ContentMarkdownTests(KexieApp app)
{
    private const string DaYing = "510923";
    private const string Topic = "健康";

    private static string Token() => Guid.NewGuid().ToString("N")[..8];

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private async Task<string> PublishAsync(HttpClient staff, string title, string body)
    {
        var created = await staff.PostJsonAsync("/api/v1/science-contents", new { kind = "Article", title, body, authorOrganization = "大英县科协", regionCode = DaYing, tags = new[] { Topic } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = Id(await created.OkJsonAsync());
        await (await staff.PostAsync($"/api/v1/science-contents/{id}/submit", null)).OkJsonAsync();
        await (await (await app.SignInAsync("daying")).PostAsync($"/api/v1/science-contents/{id}/publish", null)).OkJsonAsync();
        return id;
    }

    [Fact]
    public async Task Markdown_renders_bold_lists_and_line_breaks_and_script_never_survives()
    {
        var token = Token();
        var staff = await app.SignInAsync("daying-staff");
        var body = "## 要点\n**粗体**提醒：饭后不宜剧烈运动\n第二行\n\n- 多喝水\n- 少熬夜\n\n<script>alert(1)</script>[点我](javascript:alert(2)) ![外站](https://evil.example/x.png) <img src=x onerror=alert(3)>";
        var id = await PublishAsync(staff, $"养生要点{token}", body);

        var read = await (await app.Anonymous().GetAsync($"/api/v1/science-contents/{id}")).OkJsonAsync();
        var source = read["body"]!.GetValue<string>();
        var html = read["bodyHtml"]!.GetValue<string>();
        Assert.Contains("**粗体**", source);
        Assert.Contains("<strong>粗体</strong>", html);
        Assert.Contains("<h2>要点</h2>", html);
        Assert.Contains("<li>多喝水</li>", html);
        Assert.Matches("提醒：饭后不宜剧烈运动<br\\s*/?>\\s*第二行", html);
        foreach (var bad in new[] { "script", "javascript:", "onerror", "evil.example", "<img" })
        {
            Assert.DoesNotContain(bad, html, StringComparison.OrdinalIgnoreCase);
        }

        // The stored source is Markdown (a javascript: link is text there, and dropped when rendered), but never raw script.
        Assert.DoesNotContain("<script", source, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", source, StringComparison.OrdinalIgnoreCase);

        // The public page shows the rendered body, never the asterisks.
        var page = await app.Anonymous().GetStringAsync($"/Popularization/Contents/Details/{id}");
        var shown = BodyDiv().Match(page).Groups[1].Value;
        Assert.Contains("<strong>粗体</strong>", shown);
        Assert.DoesNotContain("**", shown);
        Assert.DoesNotContain("<script", shown, StringComparison.OrdinalIgnoreCase);

        // The kiosk shows it the same.
        var station = Id(await (await staff.PostJsonAsync("/api/v1/e-stations", new { name = $"养生e站{token}", siteKind = "Community", regionCode = DaYing, address = "测试社区" })).OkJsonAsync());
        await (await app.Anonymous().PostJsonAsync($"/api/v1/e-stations/{station}/subscriptions", new { subscriberKind = "Resident", subscriberName = $"居民{token}", tags = new[] { Topic } })).OkJsonAsync();
        var device = (await (await staff.PostJsonAsync($"/api/v1/e-stations/{station}/devices", new { name = "大厅触摸屏" })).OkJsonAsync())["token"]!.GetValue<string>();
        var kiosk = await app.Anonymous().GetStringAsync($"/Popularization/Kiosk/Item/{device}/content/{id}");
        Assert.Contains("<strong>粗体</strong>", kiosk);
        Assert.Contains("<li>少熬夜</li>", kiosk);
        Assert.DoesNotContain("**粗体**", kiosk);
        Assert.DoesNotContain("alert(", kiosk);
    }

    [Fact]
    public async Task Html_stored_before_the_editor_spoke_markdown_still_renders_and_edits_as_before()
    {
        var token = Token();
        var staff = await app.SignInAsync("daying-staff");
        var paragraphs = await PublishAsync(staff, $"旧正文{token}", "<p>柠檬 <strong>富含</strong> 维生素C &amp; 果酸。</p><ul><li>甲</li><li>乙</li></ul>");
        var lines = await PublishAsync(staff, $"旧换行{token}", "第一行<br>第二行 a &lt; b");

        var first = (await (await app.Anonymous().GetAsync($"/api/v1/science-contents/{paragraphs}")).OkJsonAsync())["bodyHtml"]!.GetValue<string>();
        Assert.Contains("<strong>富含</strong>", first);
        Assert.Contains("&amp; 果酸", first);
        Assert.Contains("<li>甲</li>", first);
        var second = (await (await app.Anonymous().GetAsync($"/api/v1/science-contents/{lines}")).OkJsonAsync())["bodyHtml"]!.GetValue<string>();
        Assert.Matches("第一行<br\\s*/?>\\s*第二行 a &lt; b", second);
        var page = await app.Anonymous().GetStringAsync($"/Popularization/Contents/Details/{lines}");
        Assert.Matches("第一行<br\\s*/?>\\s*第二行", BodyDiv().Match(page).Groups[1].Value);

        // A draft with the old line breaks opens in the editor as lines of text, and saving it keeps its meaning.
        var draft = Id(await (await staff.PostJsonAsync("/api/v1/science-contents", new { kind = "Article", title = $"旧草稿{token}", body = "第一行<br>第二行 a &lt; b", authorOrganization = "大英县科协", regionCode = DaYing })).OkJsonAsync());
        var editor = await staff.GetStringAsync($"/Popularization/Contents/Edit/{draft}");
        var typed = WebUtility.HtmlDecode(Regex.Match(editor, "<textarea[^>]*>(.*?)</textarea>", RegexOptions.Singleline).Groups[1].Value).ReplaceLineEndings("\n").Trim();
        Assert.Equal("第一行\n第二行 a < b", typed);
        Assert.Contains("Markdown", editor);
    }

    [Fact]
    public async Task The_editor_previews_the_body_as_readers_will_see_it_without_saving()
    {
        var token = Token();
        var staff = await app.SignInAsync("daying-staff");
        var form = await staff.GetStringAsync("/Popularization/Contents/Edit");
        var antiforgery = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var before = await app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.ScienceContents));
        var preview = await staff.PostAsync("/Popularization/Contents/Edit?handler=Preview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["Input.Kind"] = "Article",
            ["Input.Title"] = $"预览{token}",
            ["Input.Body"] = "**粗体**\n- 一\n<script>alert(1)</script>",
            ["Input.RegionCode"] = DaYing,
        }));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();
        var shown = Regex.Match(html, "id=\"preview\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("<strong>粗体</strong>", shown);
        Assert.Contains("<li>一</li>", shown);
        Assert.DoesNotContain("script", shown, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"预览{token}", html); // the form keeps what was typed
        Assert.Equal(before, await app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.ScienceContents)));
    }

    [Fact]
    public async Task Images_upload_to_a_draft_by_its_editors_are_sniffed_by_bytes_and_become_public_with_the_item()
    {
        var token = Token();
        var staff = await app.SignInAsync("daying-staff");
        var anonymous = app.Anonymous();
        var id = Id(await (await staff.PostJsonAsync("/api/v1/science-contents", new { kind = "Article", title = $"配图文章{token}", body = "正文", authorOrganization = "大英县科协", regionCode = DaYing, tags = new[] { Topic } })).OkJsonAsync());
        var url = $"/api/v1/science-contents/{id}/images";

        // Type from the bytes: a text file named .png is refused; JPEG bytes named .png are stored as a JPEG.
        await (await Market.MarketFiles.UploadAsync(staff, url, Encoding.UTF8.GetBytes("不是图片"), "假图.png", "image/png")).AssertValidationProblemAsync("file");
        await (await Market.MarketFiles.UploadAsync(staff, url, Market.MarketFiles.Pdf, "说明.pdf", "application/pdf")).AssertValidationProblemAsync("file");
        var tooBig = new byte[(int)Kexie.Web.Features.Popularization.ContentImages.MaxBytes + 1];
        Market.MarketFiles.Png.CopyTo(tooBig, 0);
        await (await Market.MarketFiles.UploadAsync(staff, url, tooBig, "大图.png", "image/png")).AssertValidationProblemAsync("file");
        var jpeg = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1 };
        var renamed = await (await Market.MarketFiles.UploadAsync(staff, url, jpeg, "照片.png", "image/png")).OkJsonAsync();
        Assert.Equal("image/jpeg", renamed["contentType"]!.GetValue<string>());
        Assert.Equal("照片.jpg", renamed["fileName"]!.GetValue<string>());

        var uploaded = await Market.MarketFiles.UploadAsync(staff, url, Market.MarketFiles.Png, "示意图.png", "image/png");
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var image = await uploaded.OkJsonAsync();
        var imageUrl = image["url"]!.GetValue<string>();
        var markdown = image["markdown"]!.GetValue<string>();
        Assert.Equal($"![示意图]({imageUrl})", markdown);

        // Only the item's editors upload: another county does not find the item, a science worker may not edit contents.
        Assert.Equal(HttpStatusCode.NotFound, (await Market.MarketFiles.UploadAsync(await app.SignInAsync("shehong"), url, Market.MarketFiles.Png, "x.png", "image/png")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Market.MarketFiles.UploadAsync(await app.SignInAsync("worker"), url, Market.MarketFiles.Png, "x.png", "image/png")).StatusCode);

        // A draft's image is its editors'; once published it is public, and the body shows it.
        var current = await (await staff.GetAsync($"/api/v1/science-contents/{id}")).OkJsonAsync();
        Assert.Equal(2, current["images"]!.AsArray().Count);
        await (await staff.PutJsonAsync($"/api/v1/science-contents/{id}", new { kind = "Article", title = $"配图文章{token}", body = $"看图：\n\n{markdown}", authorOrganization = "大英县科协", regionCode = DaYing, tags = new[] { Topic } })).OkJsonAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(imageUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).GetAsync(imageUrl)).StatusCode);
        var own = await staff.GetAsync(imageUrl);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("image/png", own.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Market.MarketFiles.Png, await own.Content.ReadAsByteArrayAsync());

        await (await staff.PostAsync($"/api/v1/science-contents/{id}/submit", null)).OkJsonAsync();
        await (await (await app.SignInAsync("daying")).PostAsync($"/api/v1/science-contents/{id}/publish", null)).OkJsonAsync();
        var open = await anonymous.GetAsync(imageUrl);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal("nosniff", open.Headers.GetValues("X-Content-Type-Options").Single());
        var page = await anonymous.GetStringAsync($"/Popularization/Contents/Details/{id}");
        Assert.Contains($"<img src=\"{imageUrl}\" alt=\"示意图\"", BodyDiv().Match(page).Groups[1].Value);

        // A published item takes no more images.
        Assert.Equal(HttpStatusCode.Conflict, (await Market.MarketFiles.UploadAsync(staff, url, Market.MarketFiles.Png, "晚了.png", "image/png")).StatusCode);
    }

    [Fact]
    public async Task The_editor_uploads_an_image_saves_the_draft_and_inserts_the_image_into_the_body()
    {
        var token = Token();
        var staff = await app.SignInAsync("daying-staff");
        var form = await staff.GetStringAsync("/Popularization/Contents/Edit");
        var antiforgery = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        MultipartFormDataContent Form(byte[] bytes, string name)
        {
            var content = new MultipartFormDataContent
            {
                { new StringContent(antiforgery), "__RequestVerificationToken" },
                { new StringContent("Article"), "Input.Kind" },
                { new StringContent($"带图草稿{token}"), "Input.Title" },
                { new StringContent("**说明**：见下图"), "Input.Body" },
                { new StringContent("大英县科协"), "Input.AuthorOrganization" },
                { new StringContent(DaYing), "Input.RegionCode" },
            };
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            content.Add(file, "Input.File", name);
            return content;
        }

        // Not an image: the form comes back with the message next to the field and nothing saved.
        var refused = await staff.PostAsync("/Popularization/Contents/Edit?handler=Image", Form(Encoding.UTF8.GetBytes("文本"), "假图.png"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("只能上传 JPG、PNG 或 WebP 图片", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.ScienceContents, c => c.Title == $"带图草稿{token}")));

        var posted = await staff.PostAsync("/Popularization/Contents/Edit?handler=Image", Form(Market.MarketFiles.Png, "示意图.png"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var id = Regex.Match(posted.Headers.Location!.ToString(), "/Popularization/Contents/Edit/([0-9a-f-]{36})$").Groups[1].Value;
        var saved = await (await staff.GetAsync($"/api/v1/science-contents/{id}")).OkJsonAsync();
        var image = saved["images"]!.AsArray().Single()!;
        Assert.Equal($"**说明**：见下图\n\n{image["markdown"]!.GetValue<string>()}", saved["body"]!.GetValue<string>());
        Assert.Contains($"<img src=\"{image["url"]!.GetValue<string>()}\"", saved["bodyHtml"]!.GetValue<string>());
        Assert.Contains("<strong>说明</strong>", saved["bodyHtml"]!.GetValue<string>());
    }

    [GeneratedRegex("id=\"body\">(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex BodyDiv();
}

public sealed class ContentMarkdownSqliteTests(SqliteApp app) : ContentMarkdownTests(app);

public sealed class ContentMarkdownPostgresTests(PostgresApp app) : ContentMarkdownTests(app);
