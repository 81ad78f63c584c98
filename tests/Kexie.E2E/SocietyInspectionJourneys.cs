using System.Text;
using Kexie.Data;
using Kexie.Domain.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kexie.E2E;

/// <summary>
/// A 学会's 年检 in the browser: the demo science worker 李建国, registered by the county as the society's 会长, submits the
/// year's 年检 from 本会年检 with a material file (a bad count is pointed out next to its field first); the county's admin
/// opens the society's file, sees the material and approves it; the society sees 合格 and is notified.
/// </summary>
public sealed class SocietyInspectionJourneys(KexieApp app)
{
    private const string DaYing = "510923";

    [Fact]
    public async Task A_societys_chair_submits_its_inspection_and_the_county_approves_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = Guid.NewGuid().ToString("N")[..6];
        var name = $"大英县植物保护学会{token}";
        Guid societyId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
            var worker = await db.Users.AsNoTracking().Where(u => u.UserName == "worker").Select(u => u.ScienceWorkerId).SingleAsync(ct);
            var society = Association.Create(new AssociationData(name, AssociationKind.Society, DaYing, null, null, new DateOnly(2001, 5, 1)));
            society.AddMember(worker, null, MemberRole.Chair, new DateOnly(2020, 1, 1));
            db.Associations.Add(society);
            await db.SaveChangesAsync(ct);
            societyId = society.Id;
        }

        var year = DateTime.UtcNow.AddHours(8).Year - 1;
        var section = $"#society-{societyId:N}";
        var chair = await app.NewPageAsync();
        await KexieApp.LoginAsync(chair, "worker");
        await chair.GotoAsync("/Talent/Organizations/Mine");
        await Expect(chair.Locator($"{section} h2")).ToContainTextAsync(name);
        await Expect(chair.Locator($"{section} h2")).ToContainTextAsync("本人：会长");

        // A count that is not a number: the message stands next to the field, nothing is submitted.
        await chair.FillAsync($"#individual-{societyId:N}", "三百");
        await chair.ClickAsync($"#submit-{societyId:N}");
        await Expect(chair.Locator($"#individual-{societyId:N} + .field-error")).ToHaveTextAsync("个人会员人数“三百”不是有效的数字");
        await Expect(chair.Locator($"#submit-{societyId:N}")).ToBeVisibleAsync();

        await chair.FillAsync($"#year-{societyId:N}", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await chair.FillAsync($"#individual-{societyId:N}", "286");
        await chair.FillAsync($"#group-{societyId:N}", "9");
        await chair.FillAsync($"#documents-{societyId:N}", "年度工作报告、财务审计报告");
        await chair.SetInputFilesAsync($"#files-{societyId:N}", new FilePayload
        {
            Name = $"{year}年度工作报告.pdf",
            MimeType = "application/pdf",
            Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"),
        });
        await chair.ClickAsync($"#submit-{societyId:N}");
        await Expect(chair.Locator(".notice")).ToContainTextAsync("年检已报送");
        await Expect(chair.Locator($"{section} #inspection-{year} .inspection-status")).ToContainTextAsync("已报送待审");
        await Expect(chair.Locator($"{section} #inspection-{year}")).ToContainTextAsync($"{year}年度工作报告.pdf");
        await KexieApp.ScreenshotAsync(chair, "t20-society-inspection-submitted");

        // The county's admin sees the material and who submitted, and approves.
        var county = await app.NewPageAsync();
        await KexieApp.LoginAsync(county, "daying");
        await county.GotoAsync($"/Talent/Organizations/Details/{societyId}");
        await Expect(county.Locator("#inspections")).ToContainTextAsync($"{year}年度工作报告.pdf");
        await Expect(county.Locator("#inspections")).ToContainTextAsync("报送人：科技工作者 李建国");
        // 不合格 without an opinion: the message stands by the opinion, the conclusion chosen and the date typed stay, nothing is decided.
        var decidedOn = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await county.SelectOptionAsync($"#result-{year}", "Failed");
        await county.FillAsync($"#decidedOn-{year}", decidedOn);
        await county.ClickAsync($"#decide-{year}");
        await Expect(county.Locator($"#opinion-{year} + .field-error")).ToHaveTextAsync("基本合格或不合格时请填写年检意见");
        await Expect(county.Locator($"#result-{year}")).ToHaveValueAsync("Failed");
        await Expect(county.Locator($"#decidedOn-{year}")).ToHaveValueAsync(decidedOn);
        await Expect(county.Locator(".error-box[role=alert]")).ToHaveCountAsync(0);
        await Expect(county.Locator("#inspections tbody tr")).ToContainTextAsync("已报送待审");

        // 退回修改 without a reason: the message stands by the reason.
        await county.ClickAsync($"#return-{year}");
        await Expect(county.Locator($"#return-reason-{year} + .field-error")).ToContainTextAsync("退回原因");
        await Expect(county.Locator("#inspections tbody tr")).ToContainTextAsync("已报送待审");

        await county.SelectOptionAsync($"#result-{year}", "Passed");
        await county.ClickAsync($"#decide-{year}");
        await Expect(county.Locator(".notice")).ToContainTextAsync("年检结论已登记");
        await Expect(county.Locator("#inspections")).ToContainTextAsync("合格");

        // The society sees the result, and was told.
        await chair.GotoAsync("/Talent/Organizations/Mine");
        await Expect(chair.Locator($"{section} #inspection-{year} .inspection-status")).ToContainTextAsync("合格");
        await chair.GotoAsync("/Notifications");
        await Expect(chair.Locator("body")).ToContainTextAsync($"{year}年度年检结论：合格");
        await KexieApp.ScreenshotAsync(chair, "t21-society-inspection-approved");
    }
}
