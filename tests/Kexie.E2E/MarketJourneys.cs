using System.Globalization;
using System.Text.RegularExpressions;
using Kexie.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kexie.E2E;

/// <summary>
/// The market (科技市场) through the browser: offer → review → need → 一单一策 → inquiry → contract → delivery →
/// acceptance → settlement and ratings, the region's counters, the overdue list, and illegal or concurrent steps
/// answered with clean Chinese pages. One class, so its journeys run one after another and counters can be compared.
/// </summary>
public sealed class MarketJourneys(KexieApp app)
{
    private const string DaYing = "510923";

    private static string NewName(string stem) => stem + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    private static int LeadingInt(string text) =>
        int.Parse(Regex.Match(text.Replace(",", string.Empty, StringComparison.Ordinal), "\\d+").Value, CultureInfo.InvariantCulture);

    private async Task<(int Achievements, int Deals, int Settled)> CountersAsync(IPage page)
    {
        await page.GotoAsync("/Market/Stats?region=" + DaYing);
        return (
            LeadingInt(await page.Locator("#market-stats [data-stat=achievements] .num").InnerTextAsync()),
            LeadingInt(await page.Locator("#market-stats [data-stat=deals] .num").InnerTextAsync()),
            LeadingInt(await page.Locator("#stats-table td[data-stat=settled]").InnerTextAsync()));
    }

    [Fact]
    public async Task Offer_to_settled_order_through_review_plan_inquiry_contract_delivery_and_ratings()
    {
        var visitor = await app.NewPageAsync();
        var before = await CountersAsync(visitor);

        // 1. The worker drafts an achievement (科技成果) with its IP and transfer modes, and submits it.
        var worker = await app.NewPageAsync();
        await KexieApp.LoginAsync(worker, "worker");
        var offerTitle = NewName("盐卤提溴新工艺");
        await worker.GotoAsync("/Market");
        await Expect(worker.Locator("#nav-market")).ToHaveClassAsync(new Regex("active"));
        await worker.ClickAsync("a:has-text('发布科技所能')");
        await worker.SelectOptionAsync("#Input_Kind", "Achievement");
        await Expect(worker.Locator("fieldset.achievement-fields")).ToBeVisibleAsync();
        await worker.FillAsync("#Input_Title", offerTitle);
        await worker.FillAsync("#Input_Description", "利用卓筒井地区盐卤资源，低能耗提取溴素，已完成中试，可许可或转让。");
        await KexieApp.SetCodesAsync(worker, "#Input_DisciplineCodes", "530");
        await KexieApp.SetCodesAsync(worker, "#Input_IndustryCodes", "2614");
        await Expect(worker.Locator("#Input_RegionCode")).ToHaveValueAsync(new Regex("^510923"));
        await worker.SelectOptionAsync("#Input_PriceMode", "Range");
        await worker.FillAsync("#Input_PriceMin", "300000");
        await worker.FillAsync("#Input_PriceMax", "50000");
        await worker.FillAsync("#Input_PriceUnit", "每项");
        await worker.SelectOptionAsync("#Input_MaturityStage", "Pilot");
        await worker.FillAsync("#Input_PatentNumbers", "ZL201810123456.7");
        await worker.CheckAsync("input[name='Input.TransferModes'][value='Licence']");
        await worker.CheckAsync("input[name='Input.TransferModes'][value='Assignment']");
        await worker.ClickAsync("button:has-text('保存草稿')");

        // A price range upside down is refused in Chinese next to the field; nothing typed is lost.
        await Expect(worker.Locator(".field-validation-error").First).ToContainTextAsync("价格");
        await Expect(worker.Locator("#Input_Title")).ToHaveValueAsync(offerTitle);
        await Expect(worker.Locator("#Input_PatentNumbers")).ToHaveValueAsync("ZL201810123456.7");
        await Expect(worker.Locator("input[name='Input.TransferModes'][value='Assignment']")).ToBeCheckedAsync();
        await KexieApp.ScreenshotAsync(worker, "m01-offer-form-price-error");
        await worker.FillAsync("#Input_PriceMin", "50000");
        await worker.FillAsync("#Input_PriceMax", "300000");
        await worker.ClickAsync("button:has-text('保存草稿')");
        await Expect(worker).ToHaveURLAsync(new Regex("/Market/Offers/Details/[0-9a-f-]{36}$"));
        var offerUrl = worker.Url;
        await Expect(worker.Locator("#status")).ToHaveTextAsync("草稿");
        await Expect(worker.Locator("#price")).ToContainTextAsync("5万元–30万元 / 每项");
        await Expect(worker.Locator("#patents")).ToHaveTextAsync("ZL201810123456.7");
        await Expect(worker.Locator("#offer")).ToContainTextAsync("中试阶段");
        await worker.ClickAsync("button:has-text('提交审核')");
        await Expect(worker.Locator("#status")).ToHaveTextAsync("待审核");
        await Expect(worker.Locator(".notice")).ToContainTextAsync("已提交审核");

        // Not yet public: the catalogue does not show it.
        await visitor.GotoAsync("/Market/Offers?q=" + Uri.EscapeDataString(offerTitle));
        await Expect(visitor.Locator("#offers")).ToHaveCountAsync(0);

        // 2. The county association (daying) publishes it from the review queue.
        var daying = await app.NewPageAsync();
        await KexieApp.LoginAsync(daying, "daying");
        await daying.ClickAsync("#nav-market");
        await daying.ClickAsync("#tab-review");
        var offerRow = daying.Locator($"#review-offers tr[data-title='{offerTitle}']");
        await Expect(offerRow).ToHaveCountAsync(1);
        await KexieApp.ScreenshotAsync(daying, "m02-review-queue");
        await offerRow.Locator("button[value=publish]").ClickAsync();
        await Expect(daying.Locator(".notice")).ToContainTextAsync("已发布");

        await visitor.GotoAsync($"/Market/Offers?kind=Achievement&discipline=530&region={DaYing}&sort=price_desc&q=" + Uri.EscapeDataString(offerTitle));
        await Expect(visitor.Locator("#offers tbody tr")).ToHaveCountAsync(1);
        await Expect(visitor.Locator("#offers")).ToContainTextAsync("科技成果");
        await KexieApp.ScreenshotAsync(visitor, "m03-offer-catalogue");

        // 3. The enterprise posts a need; the association publishes it, which opens its 一单一策 plan.
        var enterprise = await app.NewPageAsync();
        await KexieApp.LoginAsync(enterprise, "enterprise");
        var needTitle = NewName("含溴废水资源化处理");
        await enterprise.GotoAsync("/Market/Needs/Edit");
        await enterprise.FillAsync("#Input_Title", needTitle);
        await enterprise.FillAsync("#Input_Problem", "生产中产生含溴废水，希望回收溴素并达标排放，寻求成熟工艺和技术团队。");
        // The industry picker holds the company's own industry by name; "cy" finds 茶叶种植 by its pinyin initials, and a
        // Chinese word picks an industry by name (the code shown small beside it).
        await Expect(enterprise.Locator("#need-form .picker-chip[data-code='2614']")).ToContainTextAsync("有机化学原料制造");
        var industry = enterprise.Locator("#Input_IndustryCodes-search");
        await industry.FillAsync("cy");
        await Expect(enterprise.Locator("#Input_IndustryCodes-options [data-code='0164']")).ToContainTextAsync("茶叶种植");
        await industry.FillAsync("无机盐");
        await enterprise.Locator("#Input_IndustryCodes-options [data-code='2613']").ClickAsync();
        await Expect(enterprise.Locator("#Input_IndustryCodes")).ToHaveValueAsync("2614,2613");
        await Expect(enterprise.Locator("#need-form .picker-chip[data-code='2613'] .picker-code")).ToHaveTextAsync("2613");
        await KexieApp.ScreenshotAsync(enterprise, "m02-need-form-industry-picker");
        await KexieApp.SetCodesAsync(enterprise, "#Input_DisciplineCodes", "530");
        await enterprise.FillAsync("#Input_BudgetMin", "10万");
        await enterprise.FillAsync("#Input_BudgetMax", "300000");
        await enterprise.FillAsync("#Input_Deadline", DateTime.UtcNow.AddMonths(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await enterprise.ClickAsync("button:has-text('保存草稿')");
        await Expect(enterprise.Locator("#budget")).ToHaveTextAsync("10万元–30万元");
        await enterprise.ClickAsync("button:has-text('提交审核')");
        await Expect(enterprise.Locator("#status")).ToHaveTextAsync("待审核");
        var needUrl = enterprise.Url;

        await daying.GotoAsync("/Market/Review");
        await daying.Locator($"#review-needs tr[data-title='{needTitle}'] button[value=publish]").ClickAsync();
        await Expect(daying.Locator(".notice")).ToContainTextAsync("已建立一单一策");

        // 4. The plan has a handler (the county's service-centre staff) and candidates that explain themselves.
        var staff = await app.NewPageAsync();
        await KexieApp.LoginAsync(staff, "daying-staff");
        await staff.ClickAsync("#nav-market");
        await staff.ClickAsync("#tab-plans");
        await staff.ClickAsync($"#plans a:has-text('{needTitle}')");
        await Expect(staff).ToHaveURLAsync(new Regex("/Market/Plans/Details/[0-9a-f-]{36}$"));
        var planId = Guid.Parse(staff.Url[^36..]);
        await Expect(staff.Locator("#plan-status")).ToHaveTextAsync("待响应");
        await Expect(staff.Locator("#handler")).ToContainTextAsync("王敏");
        var candidate = staff.Locator($"#candidates tr:has-text('{offerTitle}')");
        await Expect(candidate).ToHaveCountAsync(1);
        await Expect(candidate.Locator(".explain")).ToContainTextAsync("学科相同");

        // 5. Nobody answers within the deadline (one working day): the plan shows on the county's overdue list.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
            var plan = await db.ResponsePlans.SingleAsync(p => p.Id == planId, TestContext.Current.CancellationToken);
            db.Entry(plan).Property(p => p.ResponseDueAt).CurrentValue = DateTimeOffset.UtcNow.AddHours(-3);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await daying.GotoAsync("/Market/Plans");
        await daying.ClickAsync("#overdue-link");
        await Expect(daying.Locator("#overdue")).ToContainTextAsync(needTitle);
        await Expect(daying.Locator("#by-region")).ToContainTextAsync("大英县");
        await KexieApp.ScreenshotAsync(daying, "m04-overdue-list");
        await daying.ClickAsync($"#overdue a:has-text('{needTitle}')");
        await Expect(daying.Locator("#overdue-badge")).ToBeVisibleAsync();

        // The association reassigns the plan to itself, then the staff member (still of the county) answers.
        await daying.SelectOptionAsync("#handler-form select[name=handlerUserId]", new SelectOptionValue { Label = "大英县科协管理员（科协管理员）" });
        await daying.FillAsync("#handler-form input[name=note]", "重点企业，由科协直接跟进");
        await daying.ClickAsync("#handler-form button");
        await Expect(daying.Locator("#handler")).ToHaveTextAsync("大英县科协管理员");

        await staff.ReloadAsync();
        await staff.FillAsync("#contactedName", "张伟");
        await staff.SelectOptionAsync("#channel", "Phone");
        await staff.SelectOptionAsync("#candidateId", new SelectOptionValue { Label = offerTitle });
        await staff.FillAsync("#note", "已推荐盐卤提溴成果，企业有意询价");
        await staff.ClickAsync("#contact-form button");
        await Expect(staff.Locator("#plan-status")).ToHaveTextAsync("已响应");
        await Expect(staff.Locator("#contacts")).ToContainTextAsync("张伟");
        await KexieApp.ScreenshotAsync(staff, "m05-plan-details");

        // The staffer adds, by name, a worker the enterprise asked for (marked 人工添加), then drops them as irrelevant
        // with a reason: they move to 已排除 with who and why, and the history names the staffer.
        string expertName;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
            var onPlan = await db.ResponsePlans.Where(p => p.Id == planId).SelectMany(p => p.Candidates).Select(c => c.TargetId).ToListAsync(TestContext.Current.CancellationToken);
            expertName = await db.ScienceWorkers.Where(w => w.RegionCode.StartsWith("510923") && w.IsPublicProfile && !onPlan.Contains(w.Id))
                .OrderBy(w => w.Name).Select(w => w.Name).FirstAsync(TestContext.Current.CancellationToken);
        }

        await staff.FillAsync("#candidate-search input[name=q]", expertName);
        await staff.ClickAsync("#candidate-search button");
        var option = staff.Locator($"#candidate-options tr:has-text('{expertName}')").First;
        await option.Locator("input[name=note]").FillAsync("企业点名想请的专家");
        await option.Locator("button").ClickAsync();
        var manual = staff.Locator($"#candidates tr:has-text('{expertName}')");
        await Expect(manual.Locator(".manual-badge")).ToHaveTextAsync("人工添加");
        await manual.Locator("select[name=reason]").SelectOptionAsync("WrongField");
        await manual.Locator("input[name=note]").FillAsync("专业方向不符");
        await manual.Locator("button:has-text('排除')").ClickAsync();
        await Expect(staff.Locator("#candidates")).Not.ToContainTextAsync(expertName);
        await Expect(staff.Locator($"#dropped tr:has-text('{expertName}')")).ToContainTextAsync("领域不符：专业方向不符");
        await Expect(staff.Locator("#history")).ToContainTextAsync($"王敏 排除候选 科技工作者“{expertName}”，原因：领域不符");
        await daying.GotoAsync("/Market/Plans/Overdue");
        await Expect(daying.Locator("body")).Not.ToContainTextAsync(needTitle);

        // The enterprise follows its plan from the need.
        await enterprise.GotoAsync(needUrl);
        await enterprise.ClickAsync("#plan-link");
        await Expect(enterprise.Locator("#plan-status")).ToHaveTextAsync("已响应");
        await Expect(enterprise.Locator("#contact-form")).ToHaveCountAsync(0);

        // 6. The enterprise asks for a price on the offer, answering its need.
        await enterprise.GotoAsync(offerUrl);
        await enterprise.ClickAsync("#inquire");
        await enterprise.SelectOptionAsync("#NeedId", new SelectOptionValue { Label = needTitle });
        await enterprise.FillAsync("#Note", "希望三个月内完成工艺包交付");
        await enterprise.ClickAsync("#inquiry-form button[type=submit]");
        await Expect(enterprise).ToHaveURLAsync(new Regex("/Market/Orders/Details/[0-9a-f-]{36}$"));
        var orderUrl = enterprise.Url;
        await Expect(enterprise.Locator("#order-status")).ToHaveTextAsync("询价中");
        await Expect(enterprise.Locator("#my-party")).ToContainTextAsync("需方");

        // The provider opens the same order: either side may propose the contract.
        await worker.GotoAsync(orderUrl);
        await Expect(worker.Locator("#my-party")).ToContainTextAsync("供方");
        await Expect(worker.Locator("#propose-form")).ToBeVisibleAsync();
        await Expect(worker.Locator("#agree-form")).ToHaveCountAsync(0);

        // 7. The buyer proposes 12万 with the contract file; it waits for the provider, who alone may confirm it.
        await enterprise.FillAsync("#amount-input", "12万");
        await Expect(enterprise.Locator("#propose-form .amount-hint")).ToContainTextAsync("120,000.00 元");
        await enterprise.FillAsync("#terms-input", "三个月内交付工艺包");
        await enterprise.SetInputFilesAsync("#contractFile", new FilePayload
        {
            Name = "技术转让合同.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray(),
        });
        await enterprise.ClickAsync("#propose-form button[type=submit]");
        await Expect(enterprise.Locator("#order-status")).ToHaveTextAsync("询价中");
        await Expect(enterprise.Locator("#pending-amount")).ToContainTextAsync("120,000.00 元");
        await Expect(enterprise.Locator("#awaiting-other")).ToBeVisibleAsync();
        await Expect(enterprise.Locator("#confirm-form")).ToHaveCountAsync(0);
        // Back on the order's own address: the handler the form posted to is not kept (a form without its own
        // target would post to it again).
        await Expect(enterprise).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Market/Orders/Details/[0-9a-f-]{36}$"));

        await worker.GotoAsync(orderUrl);
        await Expect(worker.Locator("#pending-proposal")).ToContainTextAsync("需方");
        await worker.ClickAsync("#confirm-form button[type=submit]");
        await Expect(worker.Locator("#order-status")).ToHaveTextAsync("已签约");
        await Expect(worker.Locator("#amount")).ToHaveTextAsync("120,000.00 元（12万元）");
        await Expect(worker.Locator("#contract")).ToContainTextAsync("技术转让合同.pdf");
        await Expect(worker.Locator("#proposal-history")).ToContainTextAsync("已确认");

        // 8. The buyer's page is stale (it still shows the inquiry): cancelling from it is refused (409), the agreement stands.
        await enterprise.FillAsync("#cancel-form input[name=reason]", "价格谈不拢");
        var stale = await enterprise.RunAndWaitForResponseAsync(() => enterprise.ClickAsync("#cancel-form button"), r => r.Request.Method == "POST");
        Assert.Equal(409, stale.Status);
        await Expect(enterprise.Locator("h1")).ToHaveTextAsync("记录已被他人修改，请刷新后重试");
        await KexieApp.ScreenshotAsync(enterprise, "m07-stale-order-409");

        // The buyer is not offered the provider's step…
        await enterprise.GotoAsync(orderUrl);
        await Expect(enterprise.Locator("#order-status")).ToHaveTextAsync("已签约");
        await Expect(enterprise.Locator("button:has-text('开始履约')")).ToHaveCountAsync(0);
        await Expect(enterprise.Locator("button:has-text('确认验收')")).ToHaveCountAsync(0);
        await KexieApp.ScreenshotAsync(enterprise, "m06-order-agreed");

        // …and a tampered form that takes it anyway is refused with a clean Chinese 403 page.
        await enterprise.EvalOnSelectorAsync("#cancel-form", "f => { f.action = f.action.replace(/handler=Cancel/, 'handler=Deliver'); f.submit(); }");
        await Expect(enterprise.Locator("h1")).ToHaveTextAsync("无权执行此操作");
        await Expect(enterprise.Locator(".status-page")).ToContainTextAsync("只有供方或管理方可以开始履约");

        // 9. Delivery (provider), acceptance (buyer), settlement (provider); each side rates the other once.
        await worker.GotoAsync(orderUrl);
        await Expect(worker.Locator("#order-status")).ToHaveTextAsync("已签约");
        await worker.ClickAsync("button:has-text('开始履约')");
        await Expect(worker.Locator("#order-status")).ToHaveTextAsync("履约中");
        await Expect(worker.Locator("button:has-text('确认验收')")).ToHaveCountAsync(0);

        await enterprise.GotoAsync(orderUrl);
        await Expect(enterprise.Locator("button:has-text('取消订单')")).ToHaveCountAsync(0);
        await enterprise.ClickAsync("button:has-text('确认验收')");
        await Expect(enterprise.Locator("#order-status")).ToHaveTextAsync("已验收");

        await worker.ReloadAsync();
        await worker.ClickAsync("button:has-text('确认收款并结算')");
        await Expect(worker.Locator("#order-status")).ToHaveTextAsync("已结算");
        await worker.SelectOptionAsync("#rate-form select[name=stars]", "4");
        await worker.FillAsync("#rate-form input[name=comment]", "配合顺畅，付款及时");
        await worker.ClickAsync("#rate-form button");
        await Expect(worker.Locator("#ratings")).ToContainTextAsync("★★★★☆");
        await Expect(worker.Locator("#rate-form")).ToHaveCountAsync(0);

        await enterprise.ReloadAsync();
        await enterprise.SelectOptionAsync("#rate-form select[name=stars]", "5");
        await enterprise.FillAsync("#rate-form input[name=comment]", "工艺成熟，指导到位");
        await enterprise.ClickAsync("#rate-form button");
        await Expect(enterprise.Locator("#ratings")).ToContainTextAsync("★★★★★");
        await Expect(enterprise.Locator("#events")).ToContainTextAsync("已结算");
        await KexieApp.ScreenshotAsync(enterprise, "m08-order-settled-rated");

        await enterprise.GotoAsync("/Market/Orders");
        await Expect(enterprise.Locator("#orders")).ToContainTextAsync("120,000.00 元");

        // 10. The county's counters show the published achievement and the settled deal.
        var after = await CountersAsync(visitor);
        Assert.Equal(before.Achievements + 1, after.Achievements);
        Assert.Equal(before.Deals + 1, after.Deals);
        Assert.Equal(before.Settled + 1, after.Settled);
        await KexieApp.ScreenshotAsync(visitor, "m09-market-stats");

        await visitor.GotoAsync("/");
        await Expect(visitor.Locator("#market-stats [data-stat=deals]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Review_without_a_reason_is_refused_in_Chinese_and_a_returned_offer_shows_why()
    {
        var worker = await app.NewPageAsync();
        await KexieApp.LoginAsync(worker, "worker");
        var title = NewName("柑橘病虫害绿色防控技术服务");
        await worker.GotoAsync("/Market/Offers/Edit");
        await Expect(worker.Locator("fieldset.achievement-fields")).ToBeHiddenAsync();
        await worker.FillAsync("#Input_Title", title);
        await worker.FillAsync("#Input_Description", "上门诊断柑橘园病虫害，制定绿色防控方案。");
        await KexieApp.SetCodesAsync(worker, "#Input_DisciplineCodes", "21040");
        await KexieApp.SetCodesAsync(worker, "#Input_IndustryCodes", "015");
        await worker.SelectOptionAsync("#Input_PriceMode", "Fixed");
        await worker.FillAsync("#Input_PriceMin", "2000");
        await worker.FillAsync("#Input_PriceUnit", "每次");
        await worker.ClickAsync("button:has-text('保存草稿')");
        await Expect(worker.Locator("#price")).ToContainTextAsync("2,000元 / 每次");
        await worker.ClickAsync("button:has-text('提交审核')");
        var offerUrl = worker.Url;

        var daying = await app.NewPageAsync();
        await KexieApp.LoginAsync(daying, "daying");
        await daying.GotoAsync("/Market/Review");
        var row = daying.Locator($"#review-offers tr[data-title='{title}']");
        await row.Locator("button[value=return]").ClickAsync();
        await Expect(daying.Locator(".error-box")).ToContainTextAsync("退回原因");
        await Expect(daying.Locator($"#review-offers tr[data-title='{title}']")).ToHaveCountAsync(1);

        await row.Locator("input[name=reason]").FillAsync("请补充服务范围和收费依据");
        await row.Locator("button[value=return]").ClickAsync();
        await Expect(daying.Locator(".notice")).ToContainTextAsync("已退回");

        await worker.GotoAsync(offerUrl);
        await Expect(worker.Locator("#status")).ToHaveTextAsync("已退回");
        await Expect(worker.Locator("#status-reason")).ToContainTextAsync("请补充服务范围和收费依据");
        await Expect(worker.Locator("a:has-text('编辑')")).ToBeVisibleAsync();

        // A science worker has no review queue, no plans, and the market tabs do not offer them.
        await Expect(worker.Locator(".market-tabs")).ToContainTextAsync("交易订单");
        await Expect(worker.Locator("#tab-review")).ToHaveCountAsync(0);
        await Expect(worker.Locator("#tab-plans")).ToHaveCountAsync(0);
        await worker.GotoAsync("/Market/Review");
        await Expect(worker.Locator("h1")).ToHaveTextAsync("无权访问");
        await KexieApp.ScreenshotAsync(worker, "m10-worker-no-review");
    }

    [Fact]
    public async Task Staff_record_service_tickets_and_see_counts_per_staff_member()
    {
        var staff = await app.NewPageAsync();
        await KexieApp.LoginAsync(staff, "daying-staff");
        await staff.GotoAsync("/Market/Tickets");
        var target = NewName("大英县金元农业专业合作社");
        await staff.SelectOptionAsync("#Input_Kind", "Visit");
        await staff.FillAsync("#Input_TargetText", target);
        await staff.FillAsync("#Input_ParticipantCount", "6");
        await staff.FillAsync("#Input_DurationMinutes", "90");
        await staff.FillAsync("#Input_Notes", "上门指导申报科技需求");
        await staff.ClickAsync("#ticket-form button[type=submit]");
        await Expect(staff.Locator(".notice")).ToContainTextAsync("已登记服务单");
        await Expect(staff.Locator("#tickets")).ToContainTextAsync(target);
        await Expect(staff.Locator("#by-staff")).ToContainTextAsync("王敏");
        await Expect(staff.Locator("#by-kind")).ToContainTextAsync("走访");

        await staff.FillAsync("#Input_TargetText", "缺日期");
        await staff.FillAsync("#Input_ServedOn", "");
        await staff.ClickAsync("#ticket-form button[type=submit]");
        await Expect(staff.Locator("[data-valmsg-for='Input.ServedOn']")).ToContainTextAsync("服务日期");
        await KexieApp.ScreenshotAsync(staff, "m11-service-tickets");
    }

    [Fact]
    public async Task Association_opens_a_fair_a_worker_submits_a_project_and_the_selected_one_is_in_the_public_catalogue()
    {
        var daying = await app.NewPageAsync();
        await KexieApp.LoginAsync(daying, "daying");
        var fairName = NewName("大英县科创会");
        await daying.GotoAsync("/Market/Fairs");
        await daying.FillAsync("#Name", fairName);
        await daying.Locator("#RegionCode-search").FillAsync("大英");
        await daying.Locator("#RegionCode-options [data-code='510923']").ClickAsync();
        await daying.FillAsync("#Description", "常年不落幕的科技成果对接会");
        await daying.ClickAsync("#fair-form button[type=submit]");
        await Expect(daying.Locator("h1")).ToHaveTextAsync(fairName);
        var fairUrl = daying.Url;

        var worker = await app.NewPageAsync();
        await KexieApp.LoginAsync(worker, "worker");
        var project = NewName("井盐伴生资源综合利用");
        await worker.GotoAsync(fairUrl);
        await worker.SelectOptionAsync("#Input_Category", "AchievementToCommercialise");
        await worker.FillAsync("#Input_Title", project);
        await worker.FillAsync("#Input_Description", "盐卤中锂、钾等伴生资源的提取与转化。");
        await worker.ClickAsync("#project-form button[type=submit]");
        await Expect(worker.Locator(".notice")).ToContainTextAsync("已提交项目");
        await Expect(worker.Locator("#projects")).ToContainTextAsync("待审核");

        await daying.GotoAsync("/Market/Review");
        await daying.Locator($"#review-projects tr[data-title='{project}'] button[value=publish]").ClickAsync();
        await Expect(daying.Locator(".notice")).ToContainTextAsync("已入选");

        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync(fairUrl + "?category=AchievementToCommercialise");
        await Expect(visitor.Locator("#catalogue")).ToContainTextAsync(project);
        await visitor.GotoAsync(fairUrl + "?category=ProblemToSolve");
        await Expect(visitor.Locator("body")).Not.ToContainTextAsync(project);
        await visitor.GotoAsync(fairUrl);
        await KexieApp.ScreenshotAsync(visitor, "m12-fair-catalogue");
    }
}
