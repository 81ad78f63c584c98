using System.Text.RegularExpressions;
using Kexie.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kexie.E2E;

/// <summary>
/// The market's newer screens in the browser: rich text shown as sanitised HTML (and edited without double escaping),
/// attachments uploaded to and downloaded from a draft offer, storefronts (科创工作室) with their published offers, and the
/// notification bell leading to the order an inquiry opened.
/// </summary>
public sealed class MarketUiJourneys(KexieApp app)
{
    private static readonly byte[] SmallPdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    private static string NewName(string stem) => stem + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    /// <summary>A worker's draft service offer through the form; returns its details URL.</summary>
    private static async Task<string> DraftOfferAsync(IPage worker, string title, string description, string? storefront = null)
    {
        await worker.GotoAsync("/Market/Offers/Edit");
        await worker.FillAsync("#Input_Title", title);
        await worker.FillAsync("#Input_Description", description);
        if (storefront is not null)
        {
            await worker.SelectOptionAsync("#Input_StorefrontId", new SelectOptionValue { Label = storefront });
        }

        await KexieApp.SetCodesAsync(worker, "#Input_DisciplineCodes", "530");
        await KexieApp.SetCodesAsync(worker, "#Input_IndustryCodes", "2614");
        await worker.SelectOptionAsync("#Input_PriceMode", "Fixed");
        await worker.FillAsync("#Input_PriceMin", "3000");
        await worker.FillAsync("#Input_PriceUnit", "每次");
        await worker.ClickAsync("button:has-text('保存草稿')");
        await Expect(worker).ToHaveURLAsync(new Regex("/Market/Offers/Details/[0-9a-f-]{36}$"));
        await Expect(worker.Locator("#status")).ToHaveTextAsync("草稿");
        return worker.Url;
    }

    [Fact]
    public async Task Rich_text_is_shown_as_sanitised_HTML_runs_no_script_and_the_edit_form_does_not_double_escape()
    {
        var worker = await app.NewPageAsync();
        var dialogs = 0;
        worker.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await KexieApp.LoginAsync(worker, "worker");
        var title = NewName("富文本转义检查");
        var url = await DraftOfferAsync(
            worker,
            title,
            "<p>酸 a & b 碱 <strong>重点工艺</strong></p><script>window.__xss = 1; alert('xss')</script><img src=x onerror=\"window.__xss = 2\"><p>第二段 x < y</p>");
        var id = Guid.Parse(url[^36..]);

        var description = worker.Locator("#description");
        await Expect(description).ToContainTextAsync("酸 a & b 碱");
        await Expect(description).Not.ToContainTextAsync("&amp;");
        await Expect(description).Not.ToContainTextAsync("<strong>");
        await Expect(description.Locator("strong")).ToHaveTextAsync("重点工艺");
        await Expect(description.Locator("p")).ToHaveCountAsync(2);
        await Expect(description.Locator("script, img")).ToHaveCountAsync(0);
        await Expect(description).ToContainTextAsync("x < y");
        Assert.True(await worker.EvaluateAsync<bool>("() => window.__xss === undefined"), "a script from the description ran");
        Assert.Equal(0, dialogs);
        await KexieApp.ScreenshotAsync(worker, "u01-rich-text-offer");

        // The edit form shows the text as typed (a & b, not a &amp; b); saving it unchanged stores the same HTML.
        async Task<string> StoredAsync()
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
            return await db.Offers.AsNoTracking().Where(o => o.Id == id).Select(o => o.Description).SingleAsync(TestContext.Current.CancellationToken);
        }

        var stored = await StoredAsync();
        Assert.Contains("a &amp; b", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("script", stored, StringComparison.OrdinalIgnoreCase);
        await worker.ClickAsync("a:has-text('编辑')");
        var textarea = await worker.InputValueAsync("#Input_Description");
        Assert.Contains("a & b", textarea, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;", textarea, StringComparison.Ordinal);
        await worker.ClickAsync("button:has-text('保存草稿')");
        await Expect(worker.Locator("#description")).ToContainTextAsync("酸 a & b 碱");
        Assert.Equal(stored, await StoredAsync());

        // Plain text typed with line breaks keeps them, and comes back into the form the same way.
        await worker.ClickAsync("a:has-text('编辑')");
        await worker.FillAsync("#Input_Description", "第一行 R&D\n第二行");
        await worker.ClickAsync("button:has-text('保存草稿')");
        await Expect(worker.Locator("#description br")).ToHaveCountAsync(1);
        await Expect(worker.Locator("#description")).ToContainTextAsync("第一行 R&D");
        await worker.ClickAsync("a:has-text('编辑')");
        Assert.Equal("第一行 R&D\n第二行", await worker.InputValueAsync("#Input_Description"));
    }

    [Fact]
    public async Task A_PDF_uploaded_to_a_draft_offer_downloads_unchanged_and_a_bad_file_is_refused_next_to_the_input()
    {
        var worker = await app.NewPageAsync();
        await KexieApp.LoginAsync(worker, "worker");
        var title = NewName("附件上传检查");
        var url = await DraftOfferAsync(worker, title, "带附件的科技服务。");
        var form = worker.Locator(".attachments form.upload-form");
        await Expect(form).ToContainTextAsync("20MB");

        // Text dressed up as a PDF is refused by its content, in Chinese, beside the file input.
        await form.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "假文件.pdf", MimeType = "application/pdf", Buffer = "just text"u8.ToArray() });
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(worker.Locator(".attachments .upload-error")).ToContainTextAsync("文件内容与声明的类型不符");
        await Expect(worker.Locator(".attachments ul.files li")).ToHaveCountAsync(0);
        await KexieApp.ScreenshotAsync(worker, "u02-upload-refused");

        await worker.Locator(".attachments input[type=file]").SetInputFilesAsync(new FilePayload { Name = "服务说明书.pdf", MimeType = "application/pdf", Buffer = SmallPdf });
        await worker.Locator(".attachments form.upload-form button[type=submit]").ClickAsync();
        await Expect(worker.Locator(".notice")).ToContainTextAsync("已上传附件");
        await Expect(worker.Locator(".attachments .upload-error")).ToBeHiddenAsync();
        var item = worker.Locator(".attachments ul.files li[data-file='服务说明书.pdf']");
        await Expect(item).ToHaveCountAsync(1);

        var download = await worker.RunAndWaitForDownloadAsync(() => item.Locator("a.download").ClickAsync());
        Assert.Equal("服务说明书.pdf", download.SuggestedFilename);
        Assert.Equal(SmallPdf, await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken));

        // Someone else cannot fetch a draft's attachment.
        var href = await item.Locator("a.download").GetAttributeAsync("href");
        var stranger = await app.NewPageAsync();
        var refused = await stranger.APIRequest.GetAsync(href!);
        Assert.Equal(404, refused.Status);

        worker.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await item.Locator("button:has-text('删除')").ClickAsync();
        await Expect(worker.Locator(".notice")).ToContainTextAsync("已删除附件");
        await Expect(worker.Locator(".attachments ul.files li")).ToHaveCountAsync(0);
        Assert.Equal(url, worker.Url);
    }

    [Fact]
    public async Task A_storefront_shows_the_workers_published_offer_and_the_inquiry_rings_the_workers_bell_and_opens_the_order()
    {
        // 1. The worker opens a storefront (科创工作室) with an introduction.
        var worker = await app.NewPageAsync();
        await KexieApp.LoginAsync(worker, "worker");
        var storefront = NewName("卓筒井盐化工工作室");
        await worker.GotoAsync("/Market/Storefronts");
        await worker.ClickAsync("#new-storefront");
        await worker.FillAsync("#Input_Name", storefront);
        await worker.FillAsync("#Input_Introduction", "专注盐卤资源 & 精细化工\n提供工艺诊断与中试服务");
        await worker.ClickAsync("#storefront-form button[type=submit]");
        await Expect(worker.Locator("h1")).ToContainTextAsync(storefront);
        await Expect(worker.Locator("#introduction")).ToContainTextAsync("专注盐卤资源 & 精细化工");
        await Expect(worker.Locator("#no-offers")).ToBeVisibleAsync();
        var storefrontUrl = worker.Url;

        // 2. An offer of the storefront, published by the association.
        var offerTitle = NewName("盐卤工艺诊断服务");
        var offerUrl = await DraftOfferAsync(worker, offerTitle, "现场诊断盐卤提取工艺。", storefront);
        await worker.ClickAsync("button:has-text('提交审核')");
        var daying = await app.NewPageAsync();
        await KexieApp.LoginAsync(daying, "daying");
        await daying.GotoAsync("/Market/Review");
        await daying.Locator($"#review-offers tr[data-title='{offerTitle}'] button[value=publish]").ClickAsync();
        await Expect(daying.Locator(".notice")).ToContainTextAsync("已发布");

        // 3. Anyone sees it on the storefront page, and the offer links back to its storefront.
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync(storefrontUrl);
        await Expect(visitor.Locator("#storefront-offers")).ToContainTextAsync(offerTitle);
        await Expect(visitor.Locator("#storefront-actions")).ToHaveCountAsync(0);
        await KexieApp.ScreenshotAsync(visitor, "u03-storefront");
        await visitor.GotoAsync(offerUrl);
        await visitor.ClickAsync("#storefront-link");
        await Expect(visitor).ToHaveURLAsync(storefrontUrl);

        // Closed, it is no longer public; the worker still sees it under 我的工作室 and opens it again.
        await worker.GotoAsync(storefrontUrl);
        worker.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await worker.ClickAsync("#storefront-actions button:has-text('关闭工作室')");
        await Expect(worker.Locator("#storefront-status")).ToHaveTextAsync("已关闭");
        var closed = await visitor.GotoAsync(storefrontUrl);
        Assert.Equal(404, closed!.Status);
        await worker.GotoAsync("/Market/Storefronts");
        await Expect(worker.Locator($"#my-storefronts [data-name='{storefront}']")).ToContainTextAsync("已关闭");
        await worker.GotoAsync(storefrontUrl);
        await worker.ClickAsync("#storefront-actions button:has-text('开门营业')");
        await Expect(worker.Locator("#storefront-status")).ToHaveTextAsync("营业中");
        Assert.Equal(200, (await visitor.GotoAsync(storefrontUrl))!.Status);

        // 4. The worker has read everything; the enterprise then asks for a price on the offer.
        await worker.GotoAsync("/Notifications");
        if (await worker.Locator("#read-all").CountAsync() > 0)
        {
            await worker.ClickAsync("#read-all button");
        }

        var enterprise = await app.NewPageAsync();
        await KexieApp.LoginAsync(enterprise, "enterprise");
        await enterprise.GotoAsync(offerUrl);
        await enterprise.ClickAsync("#inquire");
        await enterprise.FillAsync("#Note", "请报价");
        await enterprise.ClickAsync("#inquiry-form button[type=submit]");
        await Expect(enterprise).ToHaveURLAsync(new Regex("/Market/Orders/Details/[0-9a-f-]{36}$"));
        var orderPath = new Uri(enterprise.Url).AbsolutePath;

        // 5. The bell in the header counts it; the notification opens the order and is then read.
        await worker.GotoAsync("/Market");
        await Expect(worker.Locator("#bell-count")).ToBeVisibleAsync();
        await Expect(worker.Locator("#bell")).ToHaveTextAsync(new Regex("^\\s*\\d+\\s*$"));
        Assert.True(int.Parse(await worker.Locator("#bell-count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await KexieApp.ScreenshotAsync(worker, "u04-bell");
        await worker.ClickAsync("#bell");
        await worker.ClickAsync("#filter-unread");
        var notification = worker.Locator($"#notifications li[data-kind=OrderInquiry]:has-text('{offerTitle}')");
        await Expect(notification).ToHaveCountAsync(1);
        await KexieApp.ScreenshotAsync(worker, "u05-notifications");
        await notification.Locator("button.notification-open").ClickAsync();
        await Expect(worker).ToHaveURLAsync(new Regex(Regex.Escape(orderPath) + "$"));
        await Expect(worker.Locator("#order-status")).ToHaveTextAsync("询价中");
        await Expect(worker.Locator("#my-party")).ToContainTextAsync("供方");
        await worker.GotoAsync("/Notifications?unread=true");
        await Expect(worker.Locator($"#notifications li:has-text('{offerTitle}')")).ToHaveCountAsync(0);
        await worker.GotoAsync("/Notifications");
        await Expect(worker.Locator($"#notifications li[data-kind=OrderInquiry]:has-text('{offerTitle}')")).ToHaveClassAsync(new Regex("\\bread\\b"));

        // 6. Order files: the provider uploads one, the buyer downloads it.
        await worker.GotoAsync(orderPath);
        await worker.Locator("#order-file").SetInputFilesAsync(new FilePayload { Name = "报价单.pdf", MimeType = "application/pdf", Buffer = SmallPdf });
        await worker.ClickAsync("#order-file-form button[type=submit]");
        await Expect(worker.Locator("#order-files")).ToContainTextAsync("报价单.pdf");
        await enterprise.ReloadAsync();
        var download = await enterprise.RunAndWaitForDownloadAsync(() => enterprise.ClickAsync("#order-files a:has-text('报价单.pdf')"));
        Assert.Equal("报价单.pdf", download.SuggestedFilename);
    }
}
