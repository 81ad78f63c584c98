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

    /// <summary>
    /// Review rounds per category in the browser: an edition of 大英县 with 初评 and 终评 and two categories; the experts score every work in
    /// 初评; the county closes 科幻绘画's round and advances it alone (前1名), so 科幻绘画 is in 终评 while 科技创新成果 is still in 初评 — the
    /// edition's page says so for everyone; the 终评 expert scores the work that went on, the county passes and awards it (its category is in
    /// the last round) while 科技创新成果's works wait, and a visitor sees the result.
    /// </summary>
    [Fact]
    public async Task One_category_goes_to_the_final_round_alone_its_experts_score_it_and_its_result_comes_first()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = Guid.NewGuid().ToString("N")[..6];
        var name = $"大英县青少年科技创新大赛（分类别评审{token}）";
        string[] titles = [$"柑橘采摘机器人{token}", $"雨水过滤器{token}", $"月球果园{token}", $"太空邮轮{token}"];
        Guid contestId;
        var expertLogins = new List<string>();
        Guid[] expertIds;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = (await db.Users.SingleAsync(u => u.UserName == "daying", ct)).ToActor();
            var edition = Contest.Create(new ContestData(name, DateTime.UtcNow.AddHours(8).Year, DaYing, ["科技创新成果", "科幻绘画"], 10, Rounds: ["初评", "终评"]), admin);
            var school = await db.Organizations.Where(o => o.Kind == OrganizationKind.School && o.RegionCode.StartsWith(DaYing)).OrderBy(o => o.Name).FirstAsync(ct);
            var works = titles.Select((t, i) => ContestEntry.Submit(edition, school.Id, school.Name, school.RegionCode,
                new ContestEntryData(t, i < 2 ? "科技创新成果" : "科幻绘画", [$"学生{i + 1}号"], "周老师", $"{t}的探究"), admin)).ToList();
            edition.MoveTo(ContestStatus.Reviewing, admin);
            db.Contests.Add(edition);
            db.ContestEntries.AddRange(works);
            await db.SaveChangesAsync(ct);
            contestId = edition.Id;

            // Two experts of the county's 专家库, not of that school, each signed in as themselves.
            var linked = db.Users.Where(u => u.ScienceWorkerId != null).Select(u => u.ScienceWorkerId);
            var experts = await db.Experts.Where(e => e.Status == ExpertStatus.Active && e.RegionCode.StartsWith(DaYing))
                .Join(db.ScienceWorkers, e => e.WorkerId, w => w.Id, (e, w) => new { Expert = e.Id, Worker = w })
                .Where(x => !linked.Contains(x.Worker.Id) && x.Worker.Employer != school.Name).OrderBy(x => x.Worker.Name).Take(2).ToListAsync(ct);
            Assert.Equal(2, experts.Count);
            expertIds = [.. experts.Select(x => x.Expert)];
            foreach (var (x, i) in experts.Select((x, i) => (x, i)))
            {
                expertLogins.Add($"round{i}-{token}");
                await CreateAsync(users, expertLogins[i], x.Worker.Name, UserRole.ScienceWorker, null, x.Worker.Id);
            }
        }

        // 初评: the first expert reviews both categories, the second the paintings.
        var county = await app.NewPageAsync();
        await KexieApp.LoginAsync(county, "daying");
        await county.GotoAsync($"/Talent/Contests/Details/{contestId}");
        await Expect(county.Locator("#contest-stages")).ToContainTextAsync("各类别当前轮次：科技创新成果 初评（进行中）；科幻绘画 初评（进行中）");
        foreach (var (expert, category) in new[] { (expertIds[0], "科技创新成果"), (expertIds[0], "科幻绘画"), (expertIds[1], "科幻绘画") })
        {
            await county.SelectOptionAsync("#expertId", expert.ToString());
            await county.SelectOptionAsync("#assign-target", $"category:{category}");
            await county.ClickAsync("#assign-expert");
            await Expect(county.Locator(".notice")).ToContainTextAsync("评审2件作品");
        }

        async Task ScoreAsync(string login, IEnumerable<(string Title, int[] Scores)> sheets, string round)
        {
            var expert = await app.NewPageAsync();
            await KexieApp.LoginAsync(expert, login);
            await expert.GotoAsync("/Talent/Contests/Reviews");
            foreach (var (title, scores) in sheets)
            {
                var card = expert.Locator(".contest-review", new() { HasText = title });
                await Expect(card.Locator(".round")).ToHaveTextAsync(round);
                var inputs = card.Locator("input[name=scores]");
                for (var k = 0; k < 4; k++)
                {
                    await inputs.Nth(k).FillAsync(scores[k].ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                await card.Locator("button:has-text('提交评分')").ClickAsync();
                await Expect(expert.Locator(".notice")).ToContainTextAsync($"已提交“{title}”的评分");
            }

            await expert.Context.CloseAsync();
        }

        await ScoreAsync(expertLogins[0], [(titles[0], [28, 27, 18, 17]), (titles[1], [20, 20, 15, 15]), (titles[2], [25, 25, 16, 16]), (titles[3], [22, 22, 15, 15])], "初评");
        await ScoreAsync(expertLogins[1], [(titles[2], [24, 24, 16, 16]), (titles[3], [20, 20, 14, 14])], "初评");

        // The county closes 科幻绘画's 初评 and advances it alone: 月球果园 (81) goes on, 太空邮轮 (71) does not; 科技创新成果 stays in 初评.
        await county.GotoAsync($"/Talent/Contests/Details/{contestId}");
        var paintings = county.Locator("#category-rounds tr[data-category='科幻绘画']");
        await Expect(paintings).ToContainTextAsync("4 / 4 份");
        await paintings.Locator(".category-round-toggle").ClickAsync();
        await Expect(county.Locator(".notice")).ToContainTextAsync("“科幻绘画”类别初评已结束，专家停止评分");
        await county.SelectOptionAsync("#Advance_Category", "科幻绘画");
        await county.FillAsync("#Advance_Top", "1");
        await county.FillAsync("#Advance_Reason", "科幻绘画类按初评专家评分取前1名");
        await county.ClickAsync("#advance-round");
        await Expect(county.Locator(".notice")).ToContainTextAsync("1件作品进入终评，1件未进入终评");
        await Expect(county.Locator("#contest-stages")).ToContainTextAsync("科技创新成果 初评（进行中）；科幻绘画 终评（进行中）");
        paintings = county.Locator("#category-rounds tr[data-category='科幻绘画']");
        await Expect(paintings).ToContainTextAsync("终评");
        await Expect(paintings).ToContainTextAsync("科幻绘画类按初评专家评分取前1名");
        await Expect(county.Locator("#category-rounds tr[data-category='科技创新成果']")).ToContainTextAsync("初评（随本届）");
        await Expect(county.Locator("#entries tbody tr", new() { HasText = titles[3] })).ToContainTextAsync("未进入终评");
        await KexieApp.ScreenshotAsync(county, "c04-contest-category-final-round");

        // 终评: the second expert reviews the painting that went on.
        await county.SelectOptionAsync("#expertId", expertIds[1].ToString());
        await county.SelectOptionAsync("#assign-target", "category:科幻绘画");
        await county.ClickAsync("#assign-expert");
        await Expect(county.Locator(".notice")).ToContainTextAsync("评审1件作品");
        await ScoreAsync(expertLogins[1], [(titles[2], [27, 27, 18, 18])], "终评");

        // Its category is in the last round: the county passes it on the 终评 score (90) and awards it; 科技创新成果's works, still in 初评, wait.
        await county.GotoAsync($"/Talent/Contests/Details/{contestId}");
        var moon = county.Locator("#entries tbody tr", new() { HasText = titles[2] });
        await Expect(moon.Locator(".experts")).ToContainTextAsync("1/1位 90.0");
        await moon.Locator(".review-form select[name=result]").SelectOptionAsync("pass");
        await moon.Locator(".review-form button").ClickAsync();
        await Expect(county.Locator(".notice")).ToContainTextAsync("评审通过");
        moon = county.Locator("#entries tbody tr", new() { HasText = titles[2] });
        await moon.Locator(".award-form select[name=award]").SelectOptionAsync("First");
        await moon.Locator(".award-form button").ClickAsync();
        await Expect(county.Locator("#entries tbody tr", new() { HasText = titles[2] }).Locator(".award")).ToContainTextAsync("一等奖");
        foreach (var waiting in titles[..2])
        {
            var row = county.Locator("#entries tbody tr", new() { HasText = waiting });
            await Expect(row).ToContainTextAsync("初评");
            await Expect(row.Locator(".review-form")).ToHaveCountAsync(0);
        }

        // A visitor sees the result and where each category stands.
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync($"/Talent/Contests/Details/{contestId}");
        await Expect(visitor.Locator("#contest-stages")).ToContainTextAsync("科技创新成果 初评（进行中）；科幻绘画 终评（进行中）");
        var shown = visitor.Locator("#entries tbody tr", new() { HasText = titles[2] });
        await Expect(shown.Locator(".award")).ToContainTextAsync("一等奖");
        await Expect(visitor.Locator("#entries tbody tr", new() { HasText = titles[0] })).ToHaveCountAsync(0);
        await KexieApp.ScreenshotAsync(visitor, "c05-contest-category-result");
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
