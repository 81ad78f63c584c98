using System.Text.RegularExpressions;
using Kexie.Data;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Talent;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kexie.E2E;

/// <summary>
/// 青少年科技创新大赛 in the browser: a school's account enters a work in 大英县's edition, two experts of the 专家库 (signed in as
/// themselves) score it on the rubric — a score above an item's 满分 is pointed out — the county sees 2 of 2 scored, passes it on the
/// experts' score and recommends it to 遂宁市's edition, where the city's admin sees it arrive.
/// </summary>
public sealed class ContestJourneys(KexieApp app)
{
    private const string DaYing = "510923";

    [Fact]
    public async Task A_school_enters_a_work_two_experts_score_it_the_county_recommends_it_and_the_city_sees_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = Guid.NewGuid().ToString("N")[..6];
        var year = DateTime.UtcNow.Year;
        string countyName = $"大英县青少年科技创新大赛（旅程{token}）", cityName = $"遂宁市青少年科技创新大赛（旅程{token}）";
        Guid countyId, cityId;
        string schoolName;
        var expertLogins = new List<string>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admins = await db.Users.Where(u => u.UserName == "daying" || u.UserName == "suining").ToListAsync(ct);
            var countyEdition = Contest.Create(new ContestData(countyName, year, DaYing, ContestNames.DefaultCategories, 10), admins.Single(u => u.UserName == "daying").ToActor());
            var cityEdition = Contest.Create(new ContestData(cityName, year, "5109", ContestNames.DefaultCategories, 30), admins.Single(u => u.UserName == "suining").ToActor());
            db.Contests.AddRange(countyEdition, cityEdition);
            await db.SaveChangesAsync(ct);
            (countyId, cityId) = (countyEdition.Id, cityEdition.Id);

            // A school of 大英县 with its own account; two experts of the county's 专家库 not of that school, each with an account of their own.
            var ourSchool = await db.Organizations.Where(o => o.Kind == OrganizationKind.School && o.RegionCode.StartsWith(DaYing)).OrderBy(o => o.Name).FirstAsync(ct);
            schoolName = ourSchool.Name;
            await CreateAsync(users, $"school-{token}", $"{ourSchool.Name}科技教师", UserRole.OrganizationMember, ourSchool.Id, null);
            var linked = db.Users.Where(u => u.ScienceWorkerId != null).Select(u => u.ScienceWorkerId);
            var experts = await db.Experts.Where(e => e.Status == ExpertStatus.Active && e.RegionCode.StartsWith(DaYing))
                .Join(db.ScienceWorkers, e => e.WorkerId, w => w.Id, (e, w) => w)
                .Where(w => !linked.Contains(w.Id) && w.Employer != ourSchool.Name).OrderBy(w => w.Name).Take(2).ToListAsync(ct);
            Assert.Equal(2, experts.Count);
            foreach (var (w, i) in experts.Select((w, i) => (w, i)))
            {
                expertLogins.Add($"judge{i}-{token}");
                await CreateAsync(users, expertLogins[i], w.Name, UserRole.ScienceWorker, null, w.Id);
            }
        }

        // The school enters its work.
        var title = $"柠檬皮的妙用{token}";
        var school = await app.NewPageAsync();
        await KexieApp.LoginAsync(school, $"school-{token}");
        await school.GotoAsync($"/Talent/Contests/Details/{countyId}");
        await Expect(school.Locator("#contest-rubric")).ToContainTextAsync("创新性30分、科学性30分、实用性20分、表达20分");
        await school.FillAsync("#Input_Title", title);
        await school.SelectOptionAsync("#Input_Category", "科技创新成果");
        await school.FillAsync("#Input_Students", "张小明、李小红");
        await school.FillAsync("#Input_Teacher", "王老师");
        await school.ClickAsync("#submit-entry");
        await Expect(school.Locator(".notice")).ToContainTextAsync($"已报送作品“{title}”");

        // The county assigns the two experts to the work.
        var county = await app.NewPageAsync();
        await KexieApp.LoginAsync(county, "daying");
        await county.GotoAsync($"/Talent/Contests/Details/{countyId}");
        var entryId = await county.Locator("#entries tbody tr", new() { HasText = title }).GetAttributeAsync("data-id");
        Guid[] expertIds;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
            var workers = await db.Users.Where(u => expertLogins.Contains(u.UserName!)).Select(u => u.ScienceWorkerId).ToListAsync(ct);
            expertIds = await db.Experts.Where(e => workers.Contains(e.WorkerId)).Select(e => e.Id).ToArrayAsync(ct);
        }

        foreach (var expert in expertIds)
        {
            await county.SelectOptionAsync("#expertId", expert.ToString());
            await county.SelectOptionAsync("#assign-target", $"entry:{entryId}");
            await county.ClickAsync("#assign-expert");
            await Expect(county.Locator(".notice")).ToContainTextAsync("评审1件作品");
        }

        await Expect(county.Locator("#review-progress")).ToContainTextAsync("已评分 0 / 2");
        await KexieApp.ScreenshotAsync(county, "c01-contest-experts-assigned");

        // Each expert scores from 我的大赛评审; a value above an item's 满分 is pointed out next to the form.
        int[][] sheets = [[28, 27, 18, 17], [24, 25, 16, 15]];
        for (var i = 0; i < 2; i++)
        {
            var expert = await app.NewPageAsync();
            await KexieApp.LoginAsync(expert, expertLogins[i]);
            await expert.GotoAsync("/Talent/Contests/Reviews");
            var card = expert.Locator(".contest-review", new() { HasText = title });
            var inputs = card.Locator("input[name=scores]");
            if (i == 0)
            {
                await inputs.Nth(0).FillAsync("35");
                for (var k = 1; k < 4; k++)
                {
                    await inputs.Nth(k).FillAsync(sheets[i][k].ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                await card.Locator("button:has-text('提交评分')").ClickAsync();
                await Expect(expert.Locator("#review-error")).ToContainTextAsync("“创新性”的得分应在0到30之间");
                card = expert.Locator(".contest-review", new() { HasText = title });
                inputs = card.Locator("input[name=scores]");
            }

            for (var k = 0; k < 4; k++)
            {
                await inputs.Nth(k).FillAsync(sheets[i][k].ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            await card.Locator("textarea[name=opinion]").FillAsync("选题贴近生活");
            await card.Locator("button:has-text('提交评分')").ClickAsync();
            await Expect(expert.Locator(".notice")).ToContainTextAsync($"已提交“{title}”的评分");
            await Expect(expert.Locator("#done-reviews")).ToContainTextAsync(i == 0 ? "90" : "80");
            await expert.Context.CloseAsync();
        }

        // The county sees 2 of 2 scored at 85, passes the work on the experts' score and recommends it to the city's edition.
        await county.GotoAsync($"/Talent/Contests/Details/{countyId}");
        await Expect(county.Locator("#review-progress")).ToContainTextAsync("已评分 2 / 2");
        var row = county.Locator("#entries tbody tr", new() { HasText = title });
        await Expect(row.Locator(".experts")).ToContainTextAsync("2/2位 85.0");
        await row.Locator(".review-form select[name=result]").SelectOptionAsync("pass");
        await row.Locator(".review-form button").ClickAsync();
        await Expect(county.Locator(".notice")).ToContainTextAsync("评审通过");
        row = county.Locator("#entries tbody tr", new() { HasText = title });
        await Expect(row).ToContainTextAsync("85");
        await row.Locator(".recommend-form select[name=targetContestId]").SelectOptionAsync(cityId.ToString());
        await row.Locator(".recommend-form button").ClickAsync();
        await Expect(county.Locator(".notice")).ToContainTextAsync($"已推荐“{title}”参加{cityName}");
        await KexieApp.ScreenshotAsync(county, "c02-contest-recommended");

        // The city's admin sees the work in the city's edition, with where it came from.
        var city = await app.NewPageAsync();
        await KexieApp.LoginAsync(city, "suining");
        await city.GotoAsync($"/Talent/Contests/Details/{cityId}");
        var arrived = city.Locator("#entries tbody tr", new() { HasText = title });
        await Expect(arrived).ToContainTextAsync($"来自{countyName}");
        await Expect(arrived).ToContainTextAsync(schoolName);
        await Expect(arrived).ToContainTextAsync("张小明、李小红");
        await Expect(city).ToHaveURLAsync(new Regex($"/Talent/Contests/Details/{cityId}"));
        await KexieApp.ScreenshotAsync(city, "c03-contest-city-sees-it");
    }

    private static async Task CreateAsync(UserManager<AppUser> users, string userName, string displayName, UserRole role, Guid? organizationId, Guid? workerId)
    {
        var user = new AppUser
        {
            UserName = userName, DisplayName = displayName, Role = role, RegionCode = DaYing, OrganizationId = organizationId, ScienceWorkerId = workerId, EmailConfirmed = true,
        };
        var result = await users.CreateAsync(user, KexieApp.Password);
        Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(e => e.Description)));
    }
}
