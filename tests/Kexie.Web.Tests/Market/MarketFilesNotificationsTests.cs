using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Kexie.Domain.Market;
using Kexie.Web.Features.Market;
using Kexie.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Market;

/// <summary>Uploads for the market tests: real PDF/PNG/Office bytes and the multipart request the API takes.</summary>
internal static class MarketFiles
{
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];

    public static HttpContent Form(byte[] bytes, string fileName, string? contentType)
    {
        var file = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, byte[] bytes, string fileName = "说明材料.pdf", string? contentType = "application/pdf") =>
        client.PostAsync(url, Form(bytes, fileName, contentType));

    /// <summary>
    /// Both sides agree the order: <paramref name="proposer"/> uploads a contract and proposes the amount, then
    /// <paramref name="confirmer"/> (the other side) confirms that proposal. Returns the agreed order.
    /// </summary>
    public static async Task<System.Text.Json.Nodes.JsonNode> AgreeAsync(HttpClient proposer, HttpClient confirmer, string orderId, object amount, string? contractFileId = null)
    {
        var contract = contractFileId ?? await ContractAsync(proposer, orderId);
        var proposed = await (await proposer.PostJsonAsync($"/api/v1/orders/{orderId}/proposals", new { contractAmount = amount, contractFileId = contract })).OkJsonAsync();
        var number = proposed["proposals"]!.AsArray()[^1]!["number"]!.GetValue<int>();
        return await (await confirmer.PostJsonAsync($"/api/v1/orders/{orderId}/confirm", new { proposalNumber = number })).OkJsonAsync();
    }

    /// <summary>Uploads a contract PDF to the order and returns its file id (for <c>contractFileId</c>).</summary>
    public static async Task<string> ContractAsync(HttpClient client, string orderId)
    {
        var stored = await (await UploadAsync(client, $"/api/v1/orders/{orderId}/files", Pdf, "技术服务合同.pdf")).OkJsonAsync();
        return stored["id"]!.GetValue<string>();
    }

    /// <summary>A minimal Word document: a zip with [Content_Types].xml and word/document.xml.</summary>
    public static byte[] Docx(bool withWordPart = true)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            Write(zip, withWordPart ? "word/document.xml" : "notes/readme.txt", "<w:document/>");
        }

        return memory.ToArray();
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(text);
    }
}

/// <summary>Attachments and order files, HTML sanitising, notifications (every trigger, the overdue scanner, read state), storefronts, the automatic deal.</summary>
public abstract class MarketFilesNotificationsTests(KexieApp app)
{
    private const string DaYing = "510923";

    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Token() => Guid.NewGuid().ToString("N")[..8];

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();

    private static object OfferBody(string title, string description = "提供化工废水处理工艺改进方面的技术咨询。", Guid? storefrontId = null) => new
    {
        kind = "Service",
        title,
        description,
        disciplineCodes = new[] { "21030" },
        industryCodes = new[] { "2614" },
        regionCode = DaYing,
        priceMode = "Negotiable",
        storefrontId,
    };

    private static object NeedBody(string title, string problem = "含盐废水处理成本高，希望找到降低处理成本的工艺方案。") => new
    {
        title,
        problem,
        industryCodes = new[] { "2614" },
        disciplineCodes = new[] { "21030" },
        budgetMin = 10000m,
        budgetMax = 50000m,
        deadline = ChinaToday.AddDays(60),
        regionCode = DaYing,
    };

    private async Task<string> DraftOfferAsync(HttpClient worker, string title, Guid? storefrontId = null) =>
        Id(await (await worker.PostJsonAsync("/api/v1/offers", OfferBody(title, storefrontId: storefrontId))).OkJsonAsync());

    private async Task PublishOfferAsync(string id)
    {
        await (await (await app.SignInAsync("worker")).PostAsync($"/api/v1/offers/{id}/submit", null)).OkJsonAsync();
        await (await (await app.SignInAsync("daying")).PostAsync($"/api/v1/offers/{id}/publish", null)).OkJsonAsync();
    }

    private async Task<string> PublishedNeedAsync(string title)
    {
        var enterprise = await app.SignInAsync("enterprise");
        var id = Id(await (await enterprise.PostJsonAsync("/api/v1/needs", NeedBody(title))).OkJsonAsync());
        await (await enterprise.PostAsync($"/api/v1/needs/{id}/submit", null)).OkJsonAsync();
        await (await (await app.SignInAsync("daying")).PostAsync($"/api/v1/needs/{id}/publish", null)).OkJsonAsync();
        return id;
    }

    private static async Task<JsonArray> NotificationsAsync(HttpClient client, string query = "pageSize=200") =>
        (await (await client.GetAsync($"/api/v1/notifications?{query}")).OkJsonAsync())["items"]!.AsArray();

    private static JsonNode? Find(JsonArray items, string kind, string link) =>
        items.FirstOrDefault(n => Str(n!, "kind") == kind && n!["link"]?.GetValue<string>() == link);

    [Fact]
    public async Task Attachments_upload_download_follow_visibility_and_delete()
    {
        var worker = await app.SignInAsync("worker");
        var daying = await app.SignInAsync("daying");
        var anonymous = app.Anonymous();
        var offerId = await DraftOfferAsync(worker, $"附件测试{Token()}");
        var url = $"/api/v1/offers/{offerId}/attachments";

        var uploaded = await (await MarketFiles.UploadAsync(worker, url, MarketFiles.Pdf, "工艺说明（第2版）.pdf")).OkJsonAsync();
        var attachmentId = Id(uploaded);
        Assert.Equal("工艺说明（第2版）.pdf", Str(uploaded, "fileName"));
        Assert.Equal("application/pdf", Str(uploaded, "contentType"));
        Assert.Equal(MarketFiles.Pdf.Length, uploaded["sizeBytes"]!.GetValue<long>());

        // Stored under a random key, never the user's name.
        var key = await app.QueryAsync(db => db.Offers.Where(o => o.Id == Guid.Parse(offerId)).SelectMany(o => o.Attachments).Select(a => a.StorageKey).SingleAsync());
        Assert.Matches("^[0-9a-f]{32}$", key);
        var store = app.Services.GetRequiredService<IFileStore>();
        await using (var stored = await store.OpenReadAsync(key))
        {
            Assert.NotNull(stored);
        }

        // A draft's attachment: owner and the region's managers only.
        var own = await worker.GetAsync($"{url}/{attachmentId}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(MarketFiles.Pdf, await own.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", own.Content.Headers.ContentType?.MediaType);
        Assert.Equal("工艺说明（第2版）.pdf", own.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", own.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.OK, (await daying.GetAsync($"{url}/{attachmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{url}/{attachmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).GetAsync($"{url}/{attachmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("enterprise")).GetAsync($"{url}/{attachmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MarketFiles.UploadAsync(anonymous, url, MarketFiles.Pdf)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await MarketFiles.UploadAsync(await app.SignInAsync("enterprise"), url, MarketFiles.Pdf)).StatusCode);

        // Deleting removes the row and the bytes.
        var second = Id(await (await MarketFiles.UploadAsync(worker, url, MarketFiles.Png, "现场照片.png", "image/png")).OkJsonAsync());
        var secondKey = await app.QueryAsync(db => db.Offers.Where(o => o.Id == Guid.Parse(offerId)).SelectMany(o => o.Attachments).Where(a => a.Id == Guid.Parse(second)).Select(a => a.StorageKey).SingleAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync($"{url}/{second}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).DeleteAsync($"{url}/{second}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await worker.DeleteAsync($"{url}/{second}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"{url}/{second}")).StatusCode);
        Assert.Null(await store.OpenReadAsync(secondKey));

        // Published: public; no longer editable, so no more uploads or deletions until withdrawn.
        await PublishOfferAsync(offerId);
        var pub = await anonymous.GetAsync($"{url}/{attachmentId}");
        Assert.Equal(HttpStatusCode.OK, pub.StatusCode);
        Assert.Equal(MarketFiles.Pdf, await pub.Content.ReadAsByteArrayAsync());
        Assert.Single((await (await anonymous.GetAsync($"/api/v1/offers/{offerId}")).OkJsonAsync())["attachments"]!.AsArray());
        Assert.Equal(HttpStatusCode.Conflict, (await worker.DeleteAsync($"{url}/{attachmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await MarketFiles.UploadAsync(worker, url, MarketFiles.Pdf)).StatusCode);
    }

    [Fact]
    public async Task Needs_fair_projects_and_orders_take_files_with_their_own_visibility()
    {
        var enterprise = await app.SignInAsync("enterprise");
        var worker = await app.SignInAsync("worker");
        var daying = await app.SignInAsync("daying");
        var anonymous = app.Anonymous();

        var needId = Id(await (await enterprise.PostJsonAsync("/api/v1/needs", NeedBody($"需求附件{Token()}"))).OkJsonAsync());
        var docx = Id(await (await MarketFiles.UploadAsync(enterprise, $"/api/v1/needs/{needId}/attachments", MarketFiles.Docx(), "需求说明.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")).OkJsonAsync());
        var unnamedType = Id(await (await MarketFiles.UploadAsync(enterprise, $"/api/v1/needs/{needId}/attachments", MarketFiles.Png, "示意图.png", null)).OkJsonAsync());
        Assert.Equal("image/png", (await enterprise.GetAsync($"/api/v1/needs/{needId}/attachments/{unnamedType}")).Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/needs/{needId}/attachments/{docx}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("daying-staff")).GetAsync($"/api/v1/needs/{needId}/attachments/{docx}")).StatusCode);
        await (await enterprise.PostAsync($"/api/v1/needs/{needId}/submit", null)).OkJsonAsync();
        await (await daying.PostAsync($"/api/v1/needs/{needId}/publish", null)).OkJsonAsync();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/needs/{needId}/attachments/{docx}")).StatusCode);

        var fairId = Id(await (await daying.PostJsonAsync("/api/v1/fairs", new { name = $"附件科创会{Token()}", regionCode = DaYing })).OkJsonAsync());
        var projectId = Id(await (await worker.PostJsonAsync($"/api/v1/fairs/{fairId}/projects", new { category = "TechnologyToPromote", title = "柠檬保鲜", description = "推广", regionCode = DaYing })).OkJsonAsync());
        var projectUrl = $"/api/v1/fairs/{fairId}/projects/{projectId}/attachments";
        var poster = Id(await (await MarketFiles.UploadAsync(worker, projectUrl, MarketFiles.Pdf, "项目海报.pdf")).OkJsonAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{projectUrl}/{poster}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/fairs/{Guid.NewGuid()}/projects/{projectId}/attachments/{poster}")).StatusCode);
        await (await worker.PostAsync($"/api/v1/fairs/{fairId}/projects/{projectId}/submit", null)).OkJsonAsync();
        var selected = await (await daying.PostAsync($"/api/v1/fairs/{fairId}/projects/{projectId}/select", null)).OkJsonAsync();
        Assert.Single(selected["attachments"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"{projectUrl}/{poster}")).StatusCode);

        // Order files: the parties only; the contract an order was agreed on stays.
        var (organization, workerId) = await app.QueryAsync(async db => (
            (await db.Users.Where(u => u.UserName == "enterprise").Select(u => u.OrganizationId).SingleAsync())!.Value,
            (await db.Users.Where(u => u.UserName == "worker").Select(u => u.ScienceWorkerId).SingleAsync())!.Value));
        var orderId = Id(await (await enterprise.PostJsonAsync("/api/v1/orders", new { title = $"合同文件{Token()}", buyerOrganizationId = organization, providerWorkerId = workerId, regionCode = DaYing })).OkJsonAsync());
        var contract = await MarketFiles.ContractAsync(worker, orderId);
        var draftContract = await MarketFiles.ContractAsync(enterprise, orderId);
        var files = await (await enterprise.GetAsync($"/api/v1/orders/{orderId}/files")).OkJsonAsync();
        Assert.Equal(2, files.AsArray().Count);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).GetAsync($"/api/v1/orders/{orderId}/files/{contract}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/orders/{orderId}/files/{contract}")).StatusCode);
        Assert.Equal(MarketFiles.Pdf, await (await enterprise.GetAsync($"/api/v1/orders/{orderId}/files/{contract}")).Content.ReadAsByteArrayAsync());
        await MarketFiles.AgreeAsync(worker, enterprise, orderId, 5000m, contract);
        var afterAgree = await (await worker.GetAsync($"/api/v1/orders/{orderId}/files")).OkJsonAsync();
        Assert.True(afterAgree.AsArray().Single(f => Id(f!) == contract)!["isContract"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Conflict, (await worker.DeleteAsync($"/api/v1/orders/{orderId}/files/{contract}")).StatusCode);
        // A party cannot delete the other party's files: the draft is the buyer's.
        var othersFile = await worker.DeleteAsync($"/api/v1/orders/{orderId}/files/{draftContract}");
        Assert.Equal(HttpStatusCode.Forbidden, othersFile.StatusCode);
        Assert.Contains("需方上传", (await othersFile.ReadNodeAsync())["detail"]!.GetValue<string>());
        Assert.Equal("Buyer", Str(afterAgree.AsArray().Single(f => Id(f!) == draftContract)!, "uploadedBy"));
        Assert.Equal(HttpStatusCode.NoContent, (await enterprise.DeleteAsync($"/api/v1/orders/{orderId}/files/{draftContract}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync($"/api/v1/orders/{orderId}/files/{draftContract}")).StatusCode);
    }

    [Fact]
    public async Task Bad_uploads_are_400_naming_the_file_field_and_leave_nothing_behind()
    {
        var worker = await app.SignInAsync("worker");
        var offerId = await DraftOfferAsync(worker, $"坏文件{Token()}");
        var url = $"/api/v1/offers/{offerId}/attachments";

        var oversize = new byte[Kexie.Domain.Market.Attachment.MaxSizeBytes + 1];
        MarketFiles.Pdf.CopyTo(oversize, 0);
        Assert.Contains("20MB", await (await MarketFiles.UploadAsync(worker, url, oversize, "超大.pdf")).AssertValidationProblemAsync("file"));
        Assert.Contains("text/html", await (await MarketFiles.UploadAsync(worker, url, Encoding.UTF8.GetBytes("<script>alert(1)</script>"), "page.html", "text/html")).AssertValidationProblemAsync("file"));
        Assert.Contains("PNG", await (await MarketFiles.UploadAsync(worker, url, MarketFiles.Pdf, "伪装.png", "image/png")).AssertValidationProblemAsync("file"));
        Assert.Contains("PDF", await (await MarketFiles.UploadAsync(worker, url, Encoding.ASCII.GetBytes("MZ\u0090\0\u0003\0\0\0 this is an exe"), "合同.pdf")).AssertValidationProblemAsync("file"));
        Assert.Contains("Office", await (await MarketFiles.UploadAsync(worker, url, MarketFiles.Docx(withWordPart: false), "报告.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")).AssertValidationProblemAsync("file"));
        Assert.Contains("Office", await (await MarketFiles.UploadAsync(worker, url, MarketFiles.Pdf, "报告.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")).AssertValidationProblemAsync("file"));
        await (await MarketFiles.UploadAsync(worker, url, MarketFiles.Png, "照片.txt", "text/plain")).AssertValidationProblemAsync("file");
        await (await MarketFiles.UploadAsync(worker, url, MarketFiles.Pdf, "合同.exe", "application/pdf")).AssertValidationProblemAsync("file");
        await (await MarketFiles.UploadAsync(worker, url, [], "空.pdf")).AssertValidationProblemAsync("file");
        await (await worker.PostAsync(url, new MultipartFormDataContent { { new StringContent("x"), "other" } })).AssertValidationProblemAsync("file");
        Assert.Empty((await (await worker.GetAsync($"/api/v1/offers/{offerId}")).OkJsonAsync())["attachments"]!.AsArray());

        // Ten per item.
        for (var i = 0; i < Kexie.Domain.Market.Attachment.MaxPerItem; i++)
        {
            await (await MarketFiles.UploadAsync(worker, url, Encoding.UTF8.GetBytes($"第{i}份说明"), $"说明{i}.txt", "text/plain")).OkJsonAsync();
        }

        await (await MarketFiles.UploadAsync(worker, url, MarketFiles.Pdf)).AssertValidationProblemAsync("attachments");
        var keys = await app.QueryAsync(db => db.Offers.Where(o => o.Id == Guid.Parse(offerId)).SelectMany(o => o.Attachments).Select(a => a.StorageKey).ToListAsync());
        Assert.Equal(Kexie.Domain.Market.Attachment.MaxPerItem, keys.Count);
        var root = ((LocalDiskFileStore)app.Services.GetRequiredService<IFileStore>()).Root;
        var onDisk = System.IO.Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToHashSet();
        Assert.All(keys, k => Assert.Contains(k, onDisk));
        Assert.DoesNotContain(onDisk, f => f!.Contains("说明", StringComparison.Ordinal) || f.EndsWith(".part", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rich_text_is_sanitised_before_it_is_stored()
    {
        var worker = await app.SignInAsync("worker");
        var enterprise = await app.SignInAsync("enterprise");
        var daying = await app.SignInAsync("daying");
        const string payload = "<p>提供<strong style=\"color:red\">废水处理</strong>咨询</p><script>alert('xss')</script>"
            + "<img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">点我</a><a href=\"https://www.cast.org.cn\" onclick=\"steal()\">科协官网</a>"
            + "<style>body{display:none}</style><svg onload=alert(1)><circle/></svg><iframe src=\"https://evil.example\"></iframe>"
            + "<ul><li onmouseover=\"x()\">一</li><li><em>二</em></li></ul><div>甲<br>乙</div><SCRIPT SRC=//evil.example/x.js></SCRIPT>";
        var offer = await (await worker.PostJsonAsync("/api/v1/offers", OfferBody($"XSS测试{Token()}", payload))).OkJsonAsync();
        var description = Str(offer, "description");
        foreach (var bad in new[] { "<script", "alert", "onerror", "onclick", "onmouseover", "javascript:", "<style", "display:none", "<svg", "<iframe", "<img", "style=", "evil.example", "<div" })
        {
            Assert.DoesNotContain(bad, description, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("<p>提供<strong>废水处理</strong>咨询</p>", description);
        Assert.Contains("<a href=\"https://www.cast.org.cn\" rel=\"nofollow noopener noreferrer\">科协官网</a>", description);
        Assert.Contains("<a rel=\"nofollow noopener noreferrer\">点我</a>", description);
        Assert.Contains("<ul><li>一</li><li><em>二</em></li></ul>", description);
        Assert.Contains("甲<br>乙", description);
        Assert.Equal(description, await app.QueryAsync(db => db.Offers.Where(o => o.Id == Guid.Parse(Id(offer))).Select(o => o.Description).SingleAsync()));

        var need = await (await enterprise.PostJsonAsync("/api/v1/needs", NeedBody($"XSS需求{Token()}", "<p>问题 &amp; 背景</p><b onclick=\"x()\">加粗</b><object data=\"x.swf\"></object>1 < 2"))).OkJsonAsync();
        Assert.Equal("<p>问题 &amp; 背景</p>加粗1 &lt; 2", Str(need, "problem"));

        var fairId = Id(await (await daying.PostJsonAsync("/api/v1/fairs", new { name = $"XSS科创会{Token()}", description = "<p>常年开放</p><script>x()</script>", regionCode = DaYing })).OkJsonAsync());
        Assert.Equal("<p>常年开放</p>", Str(await (await daying.GetAsync($"/api/v1/fairs/{fairId}")).OkJsonAsync(), "description"));
        var project = await (await worker.PostJsonAsync($"/api/v1/fairs/{fairId}/projects", new { category = "ProblemToSolve", title = "难题", description = "<ol><li>步骤</li></ol><a href=\"data:text/html,<script>x()</script>\">链接</a>", regionCode = DaYing })).OkJsonAsync();
        Assert.Equal("<ol><li>步骤</li></ol><a rel=\"nofollow noopener noreferrer\">链接</a>", Str(project, "description"));

        // Nothing but a script is nothing at all: the required field is missing.
        await (await worker.PostJsonAsync("/api/v1/offers", OfferBody($"只有脚本{Token()}", "<script>alert(1)</script>"))).AssertValidationProblemAsync("description");
    }

    [Fact]
    public async Task Candidates_inquiries_and_order_changes_notify_the_other_side_and_can_be_read()
    {
        var token = Token();
        var worker = await app.SignInAsync("worker");
        var enterprise = await app.SignInAsync("enterprise");
        var offerId = await DraftOfferAsync(worker, $"通知测试所能{token}");
        await PublishOfferAsync(offerId);

        // Publishing a need proposes candidates: the organization hears of them.
        var needId = await PublishedNeedAsync($"通知测试需求{token}");
        var candidate = Find(await NotificationsAsync(enterprise, "unread=true&pageSize=200"), "CandidateProposed", $"/Market/Needs/Details/{needId}");
        Assert.NotNull(candidate);
        Assert.Contains($"通知测试需求{token}", Str(candidate!, "title"));
        Assert.Equal("新的候选", Str(candidate!, "kindName"));
        Assert.Null(Find(await NotificationsAsync(worker), "CandidateProposed", $"/Market/Needs/Details/{needId}"));

        // A staff member adds a candidate by hand: again.
        var staff = await app.SignInAsync("daying-staff");
        var planId = Id(await (await staff.GetAsync($"/api/v1/needs/{needId}/plan")).OkJsonAsync());
        // A private profile of the county: never proposed by the engine, but the county's staff see it and may propose it.
        var workerId = await app.QueryAsync(db => db.ScienceWorkers.Where(w => w.RegionCode.StartsWith(DaYing) && !w.IsPublicProfile).OrderBy(w => w.Id).Select(w => w.Id).FirstAsync());
        var before = (await NotificationsAsync(enterprise)).Count(n => Str(n!, "kind") == "CandidateProposed" && n!["link"]?.GetValue<string>() == $"/Market/Needs/Details/{needId}");
        await (await staff.PostJsonAsync($"/api/v1/plans/{planId}/candidates", new { kind = "Worker", targetId = workerId, explanation = "本县化工专家" })).OkJsonAsync();
        Assert.Equal(before + 1, (await NotificationsAsync(enterprise)).Count(n => Str(n!, "kind") == "CandidateProposed" && n!["link"]?.GetValue<string>() == $"/Market/Needs/Details/{needId}"));

        // An inquiry on the offer: the provider hears of it, the buyer who made it does not.
        var orderId = Id(await (await enterprise.PostJsonAsync("/api/v1/orders", new { offerId, note = "请报价" })).OkJsonAsync());
        var link = $"/Market/Orders/Details/{orderId}";
        var inquiry = Find(await NotificationsAsync(worker, "unread=true&pageSize=200"), "OrderInquiry", link);
        Assert.NotNull(inquiry);
        Assert.Contains($"通知测试所能{token}", Str(inquiry!, "body"));
        Assert.Null(Find(await NotificationsAsync(enterprise), "OrderInquiry", link));

        // Each state change reaches the other party.
        // The provider proposes the contract: the buyer is asked to confirm; the buyer confirms: the provider hears it is agreed.
        var contract = await MarketFiles.ContractAsync(worker, orderId);
        await (await worker.PostJsonAsync($"/api/v1/orders/{orderId}/proposals", new { contractAmount = "3000元", contractFileId = contract })).OkJsonAsync();
        var toConfirm = Find(await NotificationsAsync(enterprise), "OrderStatusChanged", link);
        Assert.NotNull(toConfirm);
        Assert.Contains("待您确认", Str(toConfirm!, "title"));
        Assert.Contains("3000.00元", Str(toConfirm!, "body"));
        await (await enterprise.PostJsonAsync($"/api/v1/orders/{orderId}/confirm", new { proposalNumber = 1 })).OkJsonAsync();
        var agreed = (await NotificationsAsync(worker)).Where(n => Str(n!, "kind") == "OrderStatusChanged" && n!["link"]?.GetValue<string>() == link).ToList();
        Assert.Contains("已签约", Str(Assert.Single(agreed)!, "title"));
        await (await worker.PostJsonAsync($"/api/v1/orders/{orderId}/deliver", new { note = "下周进场" })).OkJsonAsync();
        var delivering = Find(await NotificationsAsync(enterprise), "OrderStatusChanged", link);
        Assert.NotNull(delivering);
        Assert.Contains("履约中", Str(delivering!, "title"));
        Assert.Contains("下周进场", Str(delivering!, "body"));
        Assert.Single(await NotificationsAsync(worker), n => Str(n!, "kind") == "OrderStatusChanged" && n!["link"]?.GetValue<string>() == link);
        var stored = await app.QueryAsync(db => db.Set<Notification>().Where(n => n.Link == link).CountAsync());
        Assert.Equal(4, stored); // the inquiry, the proposal to confirm, the agreement, the delivery

        // Read one, then all.
        var inquiryId = Id(inquiry!);
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.PostAsync($"/api/v1/notifications/{inquiryId}/read", null)).StatusCode);
        var read = await (await worker.PostAsync($"/api/v1/notifications/{inquiryId}/read", null)).OkJsonAsync();
        Assert.True(read["isRead"]!.GetValue<bool>());
        Assert.DoesNotContain(await NotificationsAsync(worker, "unread=true&pageSize=200"), n => Id(n!) == inquiryId);
        Assert.Contains(await NotificationsAsync(worker), n => Id(n!) == inquiryId);
        var page = await (await worker.GetAsync("/api/v1/notifications?pageSize=1&page=1")).OkJsonAsync();
        Assert.Single(page["items"]!.AsArray());
        Assert.True(page["total"]!.GetValue<int>() >= 2);
        Assert.True(page["unread"]!.GetValue<int>() >= 1);
        // Other tests running meanwhile may notify the same demo worker after read-all: check what was unread before it.
        var unreadBefore = (await NotificationsAsync(worker, "unread=true&pageSize=200")).Select(n => Id(n!)).ToList();
        Assert.NotEmpty(unreadBefore);
        var all = await (await worker.PostAsync("/api/v1/notifications/read-all", null)).OkJsonAsync();
        Assert.True(all["marked"]!.GetValue<int>() >= unreadBefore.Count);
        var unreadAfter = (await NotificationsAsync(worker, "unread=true&pageSize=200")).Select(n => Id(n!)).ToHashSet();
        Assert.DoesNotContain(unreadBefore, unreadAfter.Contains);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/notifications")).StatusCode);

        // E-mail is off by default: nothing to send.
        Assert.False(app.Services.GetRequiredService<IEmailSender>().IsEnabled);
    }

    [Fact]
    public async Task The_overdue_scanner_notifies_handler_and_county_admins_once_per_episode()
    {
        var needId = await PublishedNeedAsync($"超期提醒{Token()}");
        var staff = await app.SignInAsync("daying-staff");
        var planId = Guid.Parse(Id(await (await staff.GetAsync($"/api/v1/needs/{needId}/plan")).OkJsonAsync()));
        var link = $"/Market/Plans/Details/{planId}";

        async Task<int> ScanAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<OverdueScanner>().ScanAsync();
        }

        await ScanAsync();
        Assert.Equal(0, await app.QueryAsync(db => db.Set<Notification>().CountAsync(n => n.Link == link && n.Kind == NotificationKind.ResponseOverdue)));

        var due = DateTimeOffset.UtcNow.AddHours(-30);
        await app.QueryAsync(db => db.ResponsePlans.Where(p => p.Id == planId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ResponseDueAt, due)));
        Assert.True(await ScanAsync() >= 2);
        await ScanAsync();
        var recipients = await app.QueryAsync(db => db.Set<Notification>().Where(n => n.Link == link && n.Kind == NotificationKind.ResponseOverdue).Select(n => n.RecipientUserId).ToListAsync());
        var expected = await app.QueryAsync(db => db.Users.Where(u => u.UserName == "daying-staff" || u.UserName == "daying").Select(u => u.Id).ToListAsync());
        Assert.Equal(expected.Order(), recipients.Order());
        var mine = Find(await NotificationsAsync(staff), "ResponseOverdue", link);
        Assert.NotNull(mine);
        Assert.Contains("超期", Str(mine!, "title"));
        Assert.NotNull(Find(await NotificationsAsync(await app.SignInAsync("daying")), "ResponseOverdue", link));
        Assert.Null(Find(await NotificationsAsync(await app.SignInAsync("shehong")), "ResponseOverdue", link));

        // A new deadline is a new episode; an answered plan is no longer overdue.
        var later = DateTimeOffset.UtcNow.AddHours(-2);
        await app.QueryAsync(db => db.ResponsePlans.Where(p => p.Id == planId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ResponseDueAt, later)));
        await ScanAsync();
        Assert.Equal(4, await app.QueryAsync(db => db.Set<Notification>().CountAsync(n => n.Link == link && n.Kind == NotificationKind.ResponseOverdue)));
        await (await staff.PostJsonAsync($"/api/v1/plans/{planId}/contacts", new { contactedName = "张伟", channel = "Phone", note = "已联系" })).OkJsonAsync();
        await app.QueryAsync(db => db.ResponsePlans.Where(p => p.Id == planId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ResponseDueAt, DateTimeOffset.UtcNow.AddHours(-1))));
        await ScanAsync();
        Assert.Equal(4, await app.QueryAsync(db => db.Set<Notification>().CountAsync(n => n.Link == link && n.Kind == NotificationKind.ResponseOverdue)));
    }

    [Fact]
    public async Task The_overdue_scanner_reaches_every_overdue_plan_not_only_the_oldest_batch()
    {
        // Three plans overdue by 40, 35 and 30 hours, scanned one plan per batch: a pass that read only its first batch
        // (the oldest overdue plans of the whole database) would never reach them; each batch starts after the last one.
        var staff = await app.SignInAsync("daying-staff");
        var links = new List<string>();
        foreach (var hours in new[] { 40, 35, 30 })
        {
            var needId = await PublishedNeedAsync($"分批超期{hours}{Token()}");
            var planId = Guid.Parse(Id(await (await staff.GetAsync($"/api/v1/needs/{needId}/plan")).OkJsonAsync()));
            var due = DateTimeOffset.UtcNow.AddHours(-hours);
            await app.QueryAsync(db => db.ResponsePlans.Where(p => p.Id == planId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ResponseDueAt, due)));
            links.Add($"/Market/Plans/Details/{planId}");
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OverdueScanner>().ScanAsync(1, CancellationToken.None);
        }

        foreach (var link in links)
        {
            Assert.Equal(2, await app.QueryAsync(db => db.Set<Notification>().CountAsync(n => n.Link == link && n.Kind == NotificationKind.ResponseOverdue)));
        }

        // A second pass finds every episode notified already.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OverdueScanner>().ScanAsync(2, CancellationToken.None);
        }

        foreach (var link in links)
        {
            Assert.Equal(2, await app.QueryAsync(db => db.Set<Notification>().CountAsync(n => n.Link == link && n.Kind == NotificationKind.ResponseOverdue)));
        }
    }

    [Fact]
    public async Task Storefronts_are_run_by_their_worker_and_show_published_offers()
    {
        var token = Token();
        var worker = await app.SignInAsync("worker");
        var anonymous = app.Anonymous();
        var created = await (await worker.PostJsonAsync("/api/v1/storefronts", new { name = $"李建国工作室{token}", introduction = "<p>化工废水</p><script>x()</script>", regionCode = DaYing })).OkJsonAsync();
        var id = Id(created);
        Assert.Equal("<p>化工废水</p>", Str(created, "introduction"));
        Assert.True(created["isOpen"]!.GetValue<bool>());
        Assert.False(created["isTeam"]!.GetValue<bool>());

        var published = await DraftOfferAsync(worker, $"工作室所能{token}", Guid.Parse(id));
        await PublishOfferAsync(published);
        var draft = await DraftOfferAsync(worker, $"工作室草稿{token}", Guid.Parse(id));
        var page = await (await anonymous.GetAsync($"/api/v1/storefronts/{id}")).OkJsonAsync();
        Assert.Equal([published], page["offers"]!.AsArray().Select(o => Id(o!)).ToArray());
        Assert.Equal(1, page["storefront"]!["publishedOffers"]!.GetValue<int>());
        Assert.Equal("李建国", Str(page["storefront"]!, "ownerName"));
        Assert.DoesNotContain(page["offers"]!.AsArray(), o => Id(o!) == draft);

        // Only the owner or the region's staff manage it.
        var enterprise = await app.SignInAsync("enterprise");
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.PutJsonAsync($"/api/v1/storefronts/{id}", new { name = "篡改", regionCode = DaYing })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("shehong")).PostAsync($"/api/v1/storefronts/{id}/close", null)).StatusCode);
        var updated = await (await worker.PutJsonAsync($"/api/v1/storefronts/{id}", new { name = $"李建国团队{token}", teamName = "废水处理团队", introduction = "<ul><li>咨询</li></ul>", regionCode = DaYing })).OkJsonAsync();
        Assert.True(updated["isTeam"]!.GetValue<bool>());
        await (await worker.PutJsonAsync($"/api/v1/storefronts/{id}", new { name = " ", regionCode = DaYing })).AssertValidationProblemAsync("name");
        await (await worker.PutJsonAsync($"/api/v1/storefronts/{id}", new { name = "团队", teamName = "团队", regionCode = DaYing, memberWorkerIds = new[] { Guid.NewGuid() } })).AssertValidationProblemAsync("memberWorkerIds");

        // Closed: gone from the public, still there for its owner; opened again by staff.
        Assert.False((await (await worker.PostAsync($"/api/v1/storefronts/{id}/close", null)).OkJsonAsync())["isOpen"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/storefronts/{id}")).StatusCode);
        Assert.DoesNotContain((await (await anonymous.GetAsync($"/api/v1/storefronts?q={token}")).OkJsonAsync())["items"]!.AsArray(), s => Id(s!) == id);
        Assert.Contains((await (await worker.GetAsync($"/api/v1/storefronts?q={token}")).OkJsonAsync())["items"]!.AsArray(), s => Id(s!) == id);
        Assert.True((await (await (await app.SignInAsync("daying-staff")).PostAsync($"/api/v1/storefronts/{id}/open", null)).OkJsonAsync())["isOpen"]!.GetValue<bool>());
        Assert.Contains((await (await anonymous.GetAsync($"/api/v1/storefronts?q={token}&region={DaYing}")).OkJsonAsync())["items"]!.AsArray(), s => Id(s!) == id);

        // Staff open one for a worker of their county; others cannot, and anonymous cannot at all.
        var workerId = await app.QueryAsync(db => db.Users.Where(u => u.UserName == "worker").Select(u => u.ScienceWorkerId).SingleAsync());
        Assert.Equal(HttpStatusCode.Created, (await (await app.SignInAsync("daying-staff")).PostJsonAsync("/api/v1/storefronts", new { name = $"代开工作室{token}", regionCode = DaYing, ownerWorkerId = workerId })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("shehong")).PostJsonAsync("/api/v1/storefronts", new { name = $"越权{token}", regionCode = DaYing, ownerWorkerId = workerId })).StatusCode);
        var byOrganization = await enterprise.PostJsonAsync("/api/v1/storefronts", new { name = "单位", regionCode = DaYing });
        Assert.Equal(HttpStatusCode.Forbidden, byOrganization.StatusCode);
        Assert.Contains("科技工作者", (await byOrganization.ReadNodeAsync())["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/v1/storefronts", new { name = "匿名", regionCode = DaYing })).StatusCode);
    }

    [Fact]
    public async Task An_agreed_order_from_a_need_records_the_deal_on_its_plan_once()
    {
        var token = Token();
        var worker = await app.SignInAsync("worker");
        var enterprise = await app.SignInAsync("enterprise");
        var staff = await app.SignInAsync("daying-staff");
        var offerId = await DraftOfferAsync(worker, $"成交所能{token}");
        await PublishOfferAsync(offerId);

        // Nobody had answered the need yet: the inquiry counts as its first contact, then the deal.
        var needId = await PublishedNeedAsync($"自动成交{token}");
        var orderId = Id(await (await enterprise.PostJsonAsync("/api/v1/orders", new { offerId, needId })).OkJsonAsync());
        await MarketFiles.AgreeAsync(worker, enterprise, orderId, 12000m);
        var plan = await (await staff.GetAsync($"/api/v1/needs/{needId}/plan")).OkJsonAsync();
        Assert.Equal("Deal", Str(plan, "status"));
        Assert.Equal(orderId, Str(plan, "dealOrderId"));
        Assert.Contains("李建国", Str(plan["contacts"]!.AsArray().Single()!, "contactedName"));
        Assert.Equal(["Responded", "Deal"], plan["statusHistory"]!.AsArray().Select(h => Str(h!, "toStatus")).ToArray());

        // A plan whose deal is already recorded keeps it when a second order from the need is agreed.
        var secondNeed = await PublishedNeedAsync($"已登记成交{token}");
        var secondPlan = Id(await (await staff.GetAsync($"/api/v1/needs/{secondNeed}/plan")).OkJsonAsync());
        var first = Id(await (await enterprise.PostJsonAsync("/api/v1/orders", new { offerId, needId = secondNeed })).OkJsonAsync());
        var second = Id(await (await enterprise.PostJsonAsync("/api/v1/orders", new { offerId, needId = secondNeed })).OkJsonAsync());
        await (await staff.PostJsonAsync($"/api/v1/plans/{secondPlan}/contacts", new { contactedName = "张伟", channel = "Visit" })).OkJsonAsync();
        await (await staff.PostJsonAsync($"/api/v1/plans/{secondPlan}/deal", new { orderId = first, note = "线下签约" })).OkJsonAsync();
        var version = (await (await staff.GetAsync($"/api/v1/plans/{secondPlan}")).OkJsonAsync())["version"]!.GetValue<int>();
        await MarketFiles.AgreeAsync(enterprise, worker, second, 800m);
        var kept = await (await staff.GetAsync($"/api/v1/plans/{secondPlan}")).OkJsonAsync();
        Assert.Equal(first, Str(kept, "dealOrderId"));
        Assert.Equal(version, kept["version"]!.GetValue<int>());

        // A direct order (no need) touches no plan.
        var (organization, workerId) = await app.QueryAsync(async db => (
            (await db.Users.Where(u => u.UserName == "enterprise").Select(u => u.OrganizationId).SingleAsync())!.Value,
            (await db.Users.Where(u => u.UserName == "worker").Select(u => u.ScienceWorkerId).SingleAsync())!.Value));
        var direct = Id(await (await enterprise.PostJsonAsync("/api/v1/orders", new { title = $"直接订单{token}", buyerOrganizationId = organization, providerWorkerId = workerId, regionCode = DaYing })).OkJsonAsync());
        var plansBefore = await app.QueryAsync(db => db.ResponsePlans.CountAsync(p => p.DealOrderId == Guid.Parse(direct)));
        await MarketFiles.AgreeAsync(enterprise, worker, direct, 100m);
        Assert.Equal(plansBefore, await app.QueryAsync(db => db.ResponsePlans.CountAsync(p => p.DealOrderId == Guid.Parse(direct))));
    }
}

public sealed class MarketFilesNotificationsSqliteTests(SqliteApp app) : MarketFilesNotificationsTests(app);

public sealed class MarketFilesNotificationsPostgresTests(PostgresApp app) : MarketFilesNotificationsTests(app);
