using System.Net;
using System.Text.Json.Nodes;
using Kexie.Domain.Talent;

namespace Kexie.Web.Tests.Talent;

/// <summary>
/// 大赛作品的专家评审 through the real host, in 船山区 (510903) under 遂宁市: the edition's 评分标准, experts of the 专家库 assigned by
/// category or work with conflicts of interest left out (and said why), each expert scoring on the rubric, the expert score as the mean,
/// progress for the county, and the existing pass/award flow taking the experts' score.
/// </summary>
public abstract class ContestReviewTests(KexieApp app)
{
    private const string County = "510903";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();

    /// <summary>A science worker of 船山区 with an account, admitted to the 专家库 by the city.</summary>
    private async Task<(string ExpertId, HttpClient Client)> ExpertAsync(HttpClient city, string name, string employer, string token)
    {
        var worker = Id(await (await city.PostJsonAsync("/api/v1/workers", new { name, gender = "Male", birthYear = 1972, employer, title = "正高级", phone = KexieApp.NewPhone(), regionCode = County, isPublicProfile = false })).OkJsonAsync());
        var login = $"ce-{token}-{Random.Shared.Next(1000, 9999)}";
        await (await (await app.SignInAsync("admin")).PostJsonAsync("/api/v1/users", new { userName = login, displayName = name, password = "Kexie@2026", role = "ScienceWorker", regionCode = County, scienceWorkerId = worker })).OkJsonAsync();
        var expert = Id(await (await city.PostJsonAsync("/api/v1/experts", new { workerId = worker, level = "Municipal", expertise = "青少年科技教育", researchDirections = new[] { "科技创新教育" } })).OkJsonAsync());
        return (expert, await app.SignInAsync(login, "Kexie@2026"));
    }

    [Fact]
    public void The_expert_score_is_the_mean_and_drops_the_highest_and_lowest_from_five_scores()
    {
        Assert.Null(ContestRubric.Mean([]));
        Assert.Equal(87.5m, ContestRubric.Mean([87.5m]));
        Assert.Equal(85m, ContestRubric.Mean([90m, 80m]));
        Assert.Equal(80m, ContestRubric.Mean([99m, 80m, 80m, 80m, 10m]));
        Assert.Equal(100, ContestRubric.Build(null).Sum(c => c.MaxScore));
        Assert.Equal(["创新性", "科学性", "实用性", "表达"], ContestRubric.Build(null).Select(c => c.Name));
    }

    [Fact]
    public async Task Experts_of_the_database_score_works_on_the_rubric_conflicts_stand_aside_and_the_county_passes_on_their_score()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var year = TestYears.Next(app.Provider);
        var city = await app.SignInAsync("suining");
        var countyLogin = $"cs-{token}";
        await (await (await app.SignInAsync("admin")).PostJsonAsync("/api/v1/users", new { userName = countyLogin, displayName = $"船山区科协管理员{token}", password = "Kexie@2026", role = "AssociationAdmin", regionCode = County })).OkJsonAsync();
        var county = await app.SignInAsync(countyLogin, "Kexie@2026");
        var shehong = await app.SignInAsync("shehong");

        // The rubric: the items' 满分 must add up to 100; none given is 创新性30、科学性30、实用性20、表达20.
        var body = new { name = $"船山区青少年科技创新大赛{token}", year, regionCode = County, categories = new[] { "科技创新成果", "科幻绘画" } };
        var bad = await county.PostJsonAsync("/api/v1/contests", new { body.name, body.year, body.regionCode, body.categories, rubric = new[] { new { name = "创新性", maxScore = 50 }, new { name = "科学性", maxScore = 40 } } });
        await bad.AssertValidationProblemAsync("rubric");
        var contest = await (await county.PostJsonAsync("/api/v1/contests", body)).OkJsonAsync();
        var contestId = Id(contest);
        Assert.Equal(["创新性", "科学性", "实用性", "表达"], contest["rubric"]!.AsArray().Select(r => Str(r!, "name")));
        Assert.Equal([30, 30, 20, 20], contest["rubric"]!.AsArray().Select(r => r!["maxScore"]!.GetValue<int>()));

        var schoolName = $"船山中学{token}";
        var school = Id(await (await county.PostJsonAsync("/api/v1/organizations", new { name = schoolName, kind = "School", creditCode = AccessScopeTests.NewCreditCode(County), industryCode = "8334", regionCode = County })).OkJsonAsync());
        var teacherOrganization = $"船山区教研室{token}";
        var first = Id(await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/entries", new { schoolId = school, title = $"节水灌溉装置{token}", category = "科技创新成果", students = new[] { "陈小华" }, teacher = "刘老师", teacherOrganization })).OkJsonAsync());
        var second = Id(await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/entries", new { schoolId = school, title = $"智能垃圾分类{token}", category = "科技创新成果", students = new[] { "赵小兵" }, teacher = "孙老师" })).OkJsonAsync());

        var (sameSchool, _) = await ExpertAsync(city, $"甲专家{token}", schoolName, token);
        var (teacherUnit, declarer) = await ExpertAsync(city, $"乙专家{token}", teacherOrganization, token);
        var (a, expertA) = await ExpertAsync(city, $"丙专家{token}", "遂宁市科技馆", token);
        var (b, expertB) = await ExpertAsync(city, $"丁专家{token}", "四川省科学技术协会", token);

        // The expert picker lists the county's experts; the entering school's own expert is refused with the reason, on the field.
        var options = (await (await county.GetAsync($"/api/v1/contests/{contestId}/expert-options")).OkJsonAsync()).AsArray();
        Assert.Contains(options, o => Str(o!, "expertId") == a);
        var refused = await county.PostJsonAsync($"/api/v1/contests/{contestId}/assignments", new { expertId = sameSchool, entryIds = new[] { first } });
        await refused.AssertValidationProblemAsync("expertId");
        Assert.Contains("是报送本作品的学校，须回避", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // By category: the teacher's unit's expert is left out of the first work (and told why) and assigned the second.
        var partial = await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/assignments", new { expertId = teacherUnit, category = "科技创新成果" })).OkJsonAsync();
        Assert.Equal([$"智能垃圾分类{token}"], partial["assigned"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Contains("指导教师的单位", Str(Assert.Single(partial["skipped"]!.AsArray())!, "reason"), StringComparison.Ordinal);
        foreach (var expert in new[] { a, b })
        {
            Assert.Equal(2, (await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/assignments", new { expertId = expert, category = "科技创新成果" })).OkJsonAsync())["assigned"]!.AsArray().Count);
        }

        // Another county may not organize this edition's review, nor see it; the expert's own id is not another's to use.
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostJsonAsync($"/api/v1/contests/{contestId}/assignments", new { expertId = a, category = "科技创新成果" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.GetAsync($"/api/v1/contests/{contestId}/expert-review")).StatusCode);

        // Each expert sees only their own works and scores on the rubric; a value above an item's 满分 names the item.
        var mineA = (await (await expertA.GetAsync("/api/v1/contest-assignments/mine")).OkJsonAsync()).AsArray();
        Assert.Equal(2, mineA.Count);
        var taskA = mineA.Single(x => Str(x!, "entryId") == first)!;
        var mineB = (await (await expertB.GetAsync("/api/v1/contest-assignments/mine")).OkJsonAsync()).AsArray();
        var taskB = mineB.Single(x => Str(x!, "entryId") == first)!;
        Assert.Equal(HttpStatusCode.NotFound, (await expertA.GetAsync($"/api/v1/contest-assignments/{Id(taskB)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await expertA.PostJsonAsync($"/api/v1/contest-assignments/{Id(taskB)}/score", new { scores = new[] { 30, 30, 20, 20 } })).StatusCode);
        await (await expertA.PostJsonAsync($"/api/v1/contest-assignments/{Id(taskA)}/score", new { scores = new[] { 28, 27, 18 } })).AssertValidationProblemAsync("scores");
        var over = await expertA.PostJsonAsync($"/api/v1/contest-assignments/{Id(taskA)}/score", new { scores = new[] { 35, 27, 18, 17 } });
        await over.AssertValidationProblemAsync("scores");
        Assert.Contains("“创新性”的得分应在0到30之间", await over.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var scoredA = await (await expertA.PostJsonAsync($"/api/v1/contest-assignments/{Id(taskA)}/score", new { scores = new[] { 28, 27, 18, 17 }, opinion = "构思巧妙" })).OkJsonAsync();
        Assert.Equal(90m, scoredA["assignment"]!["total"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.Conflict, (await expertA.PostJsonAsync($"/api/v1/contest-assignments/{Id(taskA)}/score", new { scores = new[] { 30, 30, 20, 20 } })).StatusCode);

        // One score is the work's expert score; the second makes it the mean.
        Assert.Equal(90m, (await (await county.GetAsync($"/api/v1/contest-entries/{first}")).OkJsonAsync())["expertScore"]!.GetValue<decimal>());
        await (await expertB.PostJsonAsync($"/api/v1/contest-assignments/{Id(taskB)}/score", new { scores = new[] { 24, 25, 16, 15 } })).OkJsonAsync();
        var entry = await (await county.GetAsync($"/api/v1/contest-entries/{first}")).OkJsonAsync();
        Assert.Equal(85m, entry["expertScore"]!.GetValue<decimal>());
        Assert.Equal(2, entry["expertsScored"]!.GetValue<int>());
        Assert.Equal(2, entry["expertsAssigned"]!.GetValue<int>());

        // The teacher's unit's expert declares a conflict on the second work and is then never assigned it again.
        var declined = (await (await declarer.GetAsync("/api/v1/contest-assignments/mine")).OkJsonAsync()).AsArray().Single()!;
        await (await declarer.PostJsonAsync($"/api/v1/contest-assignments/{Id(declined)}/decline", new { reason = " " })).AssertValidationProblemAsync("reason");
        await (await declarer.PostJsonAsync($"/api/v1/contest-assignments/{Id(declined)}/decline", new { reason = "本人曾指导该校科技社团" })).OkJsonAsync();
        var again = await county.PostJsonAsync($"/api/v1/contests/{contestId}/assignments", new { expertId = teacherUnit, entryIds = new[] { second } });
        await again.AssertValidationProblemAsync("expertId");
        Assert.Contains("已声明与本作品存在利益冲突", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The county sees the progress: 2 of 4 scored sheets, 1 declined; the first work 2 of 2 at 85.
        var review = await (await county.GetAsync($"/api/v1/contests/{contestId}/expert-review")).OkJsonAsync();
        Assert.Equal(4, review["assigned"]!.GetValue<int>());
        Assert.Equal(2, review["scored"]!.GetValue<int>());
        Assert.Equal(1, review["declined"]!.GetValue<int>());
        var row = review["entries"]!.AsArray().Single(e => Str(e!, "entryId") == first)!;
        Assert.Equal(85m, row["expertScore"]!.GetValue<decimal>());
        Assert.Equal(2, row["scored"]!.GetValue<int>());

        // The existing flow: passing without a score takes the experts' score; then the award; the experts' review of it is over.
        var passed = await (await county.PostJsonAsync($"/api/v1/contest-entries/{first}/review", new { passed = true })).OkJsonAsync();
        Assert.Equal(85m, passed["score"]!.GetValue<decimal>());
        await (await county.PostJsonAsync($"/api/v1/contest-entries/{first}/award", new { award = "First" })).OkJsonAsync();
        var late = await county.PostJsonAsync($"/api/v1/contests/{contestId}/assignments", new { expertId = sameSchool, entryIds = new[] { first } });
        await late.AssertValidationProblemAsync("expertId");

        // The award's certificate: a real .docx with the edition, work, student, school, grade, date and the issuing association —
        // for the county and the school's side; the public, who see the awarded work, do not get the students' certificate.
        var certificate = await county.GetAsync($"/api/v1/contest-entries/{first}/certificate");
        Assert.Equal(HttpStatusCode.OK, certificate.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", certificate.Content.Headers.ContentType!.MediaType);
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await certificate.Content.ReadAsByteArrayAsync()), false))
        {
            var text = word.MainDocumentPart!.Document!.Body!.InnerText;
            foreach (var part in new[] { "荣 誉 证 书", body.name, $"节水灌溉装置{token}", "陈小华", schoolName, "一等奖", "船山区科学技术协会", "刘老师" })
            {
                Assert.Contains(part, text, StringComparison.Ordinal);
            }

            Assert.Matches(@"\d{4}年\d{1,2}月\d{1,2}日", text);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/api/v1/contest-entries/{first}/certificate")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.GetAsync($"/api/v1/contest-entries/{first}/certificate")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await county.GetAsync($"/api/v1/contest-entries/{second}/certificate")).StatusCode);

        // Once scored, the edition's rubric stays.
        var rubricChange = await county.PutJsonAsync($"/api/v1/contests/{contestId}", new { body.name, body.year, body.regionCode, body.categories, rubric = new[] { new { name = "创新性", maxScore = 50 }, new { name = "科学性", maxScore = 50 } } });
        await rubricChange.AssertValidationProblemAsync("rubric");
    }
}

public sealed class ContestReviewSqliteTests(SqliteApp app) : ContestReviewTests(app);

public sealed class ContestReviewPostgresTests(PostgresApp app) : ContestReviewTests(app);
