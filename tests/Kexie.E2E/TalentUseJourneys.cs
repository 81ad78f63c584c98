using Kexie.Data;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Talent;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kexie.E2E;

/// <summary>
/// 人才与组织 used the way the county and a society use it (issue 14's walk): the county puts a society that missed its 年检 under
/// 清理整顿, records the result and a post's 离任 (refused values pointed out by their fields, what was typed kept); a society's chair
/// nominates a member for the county's honour, the county selects the member and the honour shows on the member's public profile; the
/// county tags a survey suggestion with a topic of its own and filters by it, and its service centre's staff sort suggestions too; a demo
/// person's honours and the demo worker's own nomination show on their profiles. Each journey sets up its own society, call or survey
/// (a name with a random token), so nothing counts another journey's records.
/// </summary>
public sealed class TalentUseJourneys(KexieApp app)
{
    private const string DaYing = "510923";

    private static int ChinaYear => DateTime.UtcNow.AddHours(8).Year;

    /// <summary>A 学会 of 大英县 with the demo worker 李建国 as its 会长 and, when given, one more member.</summary>
    private async Task<(Guid Society, Guid Chair)> SocietyAsync(string name, Guid? member, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
        var chair = await db.Users.AsNoTracking().Where(u => u.UserName == "worker").Select(u => u.ScienceWorkerId!.Value).SingleAsync(ct);
        var society = Association.Create(new AssociationData(name, AssociationKind.Society, DaYing, null, null, new DateOnly(2003, 3, 1)));
        society.AddMember(chair, null, MemberRole.Chair, new DateOnly(2021, 1, 1));
        if (member is { } m)
        {
            society.AddMember(m, null, MemberRole.Member, new DateOnly(2022, 6, 1));
        }

        db.Associations.Add(society);
        await db.SaveChangesAsync(ct);
        return (society.Id, chair);
    }

    [Fact]
    public async Task The_county_puts_a_society_under_rectification_and_records_that_it_passed()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = $"大英县土壤肥料学会{Guid.NewGuid().ToString("N")[..6]}";
        var (societyId, _) = await SocietyAsync(name, null, ct);
        var year = ChinaYear - 1;
        var opened = DateTime.UtcNow.AddHours(8).Date;
        var deadline = opened.AddMonths(3).ToString("yyyy-MM-dd");

        var county = await app.NewPageAsync();
        await KexieApp.LoginAsync(county, "daying");
        await county.GotoAsync($"/Talent/Organizations/Details/{societyId}");
        await Expect(county.Locator("h1")).ToContainTextAsync(name);
        await Expect(county.Locator("#standing")).ToHaveTextAsync("正常");
        await Expect(county.Locator("#rectifications")).ToContainTextAsync("未被列入清理整顿");

        // 本会年检 is a society chair's page: an admin account, which leads no society, is not offered it.
        await Expect(county.Locator("#nav-organizations")).ToHaveCountAsync(1);
        await Expect(county.Locator("#nav-my-inspections")).ToHaveCountAsync(0);

        // A member count that is not a number, typed into the 年检 form the county fills for a society: the message stands by the field
        // and what was typed stays.
        await county.FillAsync("#year", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await county.FillAsync("#individualMembers", "三百");
        await county.FillAsync("#documents", "年度工作报告");
        await county.ClickAsync("#submit-inspection");
        await Expect(county.Locator("#individualMembers + .field-error")).ToHaveTextAsync("个人会员人数“三百”不是有效的数字");
        await Expect(county.Locator("#individualMembers")).ToHaveValueAsync("三百");
        await Expect(county.Locator("#documents")).ToHaveValueAsync("年度工作报告");
        await Expect(county.Locator("#inspections table")).ToHaveCountAsync(0);

        // The reasons left out: the message stands next to that field and the deadline typed is kept.
        await county.FillAsync("#rectify-year", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await county.FillAsync("#deadline", deadline);
        await county.ClickAsync("#open-rectification");
        await Expect(county.Locator("#reasons + .field-error")).ToContainTextAsync("整顿原因");
        await Expect(county.Locator("#deadline")).ToHaveValueAsync(deadline);
        await Expect(county.Locator("#rectifications table")).ToHaveCountAsync(0);

        await county.FillAsync("#reasons", "未按期报送年检，会员代表大会两年未召开");
        await county.ClickAsync("#open-rectification");
        await Expect(county.Locator(".notice")).ToContainTextAsync("已列入清理整顿");
        await Expect(county.Locator("#standing")).ToHaveTextAsync($"整顿中（限期至{deadline}）");
        var row = county.Locator("#rectifications tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync($"{year} 年度");
        await Expect(row).ToContainTextAsync("未按期年检");
        await Expect(row).ToContainTextAsync("整顿中");

        // The list of the county's societies shows it under 整顿 too.
        await county.GotoAsync("/Talent/Organizations");
        await Expect(county.Locator($"#associations tr[data-id='{societyId}'] td[data-label='状态']")).ToHaveTextAsync($"整顿中（限期至{deadline}）");
        await KexieApp.ScreenshotAsync(county, "t30-society-under-rectification");

        await county.GotoAsync($"/Talent/Organizations/Details/{societyId}");
        await county.SelectOptionAsync("#result", "Passed");
        await county.FillAsync("#outcome", "已召开会员代表大会，补报年检材料");
        await county.ClickAsync("#conclude-rectification");
        await Expect(county.Locator(".notice")).ToContainTextAsync("整改结果已登记");
        await Expect(county.Locator("#standing")).ToHaveTextAsync("正常");
        await Expect(row).ToContainTextAsync("整改合格");
        await Expect(row).ToContainTextAsync("已召开会员代表大会，补报年检材料");
        await Expect(county.Locator("#conclude-rectification")).ToHaveCountAsync(0);
        await KexieApp.ScreenshotAsync(county, "t31-society-rectification-passed");

        // The county registers the society's new 秘书长 and records the old one's 离任: a date before the post began is named by the date
        // field and kept, the post stays in office; then the right date ends it.
        await county.FillAsync("#personName", "王秀英");
        await county.SelectOptionAsync("#kind", "SecretaryGeneral");
        await county.FillAsync("#position", "县农业农村局土肥站站长");
        await county.FillAsync("#from", "2021-03-01");
        await county.ClickAsync("#add-post");
        await Expect(county.Locator(".notice")).ToContainTextAsync("职务已登记");
        var post = county.Locator("#leadership tbody tr", new() { HasText = "王秀英" });
        await Expect(post).ToContainTextAsync("秘书长");
        await post.Locator("input[name='until']").FillAsync("2020-12-31");
        await post.Locator("button", new() { HasText = "离任" }).ClickAsync();
        await Expect(post.Locator("input[name='until'] + .field-error")).ToHaveTextAsync("离任日期不能早于任职日期");
        await Expect(post.Locator("input[name='until']")).ToHaveValueAsync("2020-12-31");
        await Expect(post).ToContainTextAsync("2021-03-01 至 今");
        await post.Locator("input[name='until']").FillAsync("2025-12-31");
        await post.Locator("button", new() { HasText = "离任" }).ClickAsync();
        await Expect(county.Locator(".notice")).ToContainTextAsync("已登记离任");
        await Expect(post).ToContainTextAsync("2021-03-01 至 2025-12-31");
        await Expect(post.Locator("button", new() { HasText = "离任" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_societys_chair_nominates_a_member_the_county_selects_them_and_the_honour_shows_on_the_profile()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = Guid.NewGuid().ToString("N")[..6];
        Guid memberId;
        string memberName;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
            var nominated = db.Nominations.Where(n => n.WorkerId != null).Select(n => n.WorkerId!.Value);
            var chairId = await db.Users.AsNoTracking().Where(u => u.UserName == "worker").Select(u => u.ScienceWorkerId!.Value).SingleAsync(ct);
            var member = await db.ScienceWorkers.AsNoTracking()
                .Where(w => w.RegionCode.StartsWith(DaYing) && w.IsPublicProfile && w.Id != chairId && !nominated.Contains(w.Id))
                .OrderBy(w => w.Name).Skip(7).Select(w => new { w.Id, w.Name }).FirstAsync(ct);
            (memberId, memberName) = (member.Id, member.Name);
        }

        var societyName = $"大英县作物学会{token}";
        var (societyId, _) = await SocietyAsync(societyName, memberId, ct);
        var callName = $"大英县{ChinaYear}年优秀科技人才评选（学会推荐{token}）";

        // The county opens the call and lets societies nominate their members.
        var county = await app.NewPageAsync();
        await KexieApp.LoginAsync(county, "daying");
        await county.GotoAsync("/Talent/Honours");
        await county.FillAsync("#Input_Name", callName);
        await county.SelectOptionAsync("#Input_Kind", "OutstandingTalent");
        await county.FillAsync("#Input_Year", ChinaYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await KexieApp.SetCodesAsync(county, "#Input_RegionCode", DaYing);
        await county.FillAsync("#Input_Quota", "2");
        await county.CheckAsync("#Input_AllowsUnitNominations");
        await county.ClickAsync("#create-call");
        await Expect(county.Locator(".notice")).ToContainTextAsync($"已发起“{callName}”");
        await Expect(county.Locator("h1")).ToContainTextAsync(callName);
        var callUrl = county.Url;

        // The society's chair picks the member; the reason left out is named next to its field and the choice is kept.
        var chair = await app.NewPageAsync();
        await KexieApp.LoginAsync(chair, "worker");
        await chair.GotoAsync(callUrl);
        await Expect(chair.Locator("#unit-nomination-form")).ToBeVisibleAsync();
        var option = $"{societyId}|{memberId}";
        await Expect(chair.Locator($"#Unit_Member option[value='{option}']")).ToHaveTextAsync($"{societyName}：{memberName}");
        await chair.SelectOptionAsync("#Unit_Member", option);
        await chair.ClickAsync("#unit-nominate");
        await Expect(chair.Locator("[data-valmsg-for='Unit.Reason']")).ToContainTextAsync("推荐理由");
        await Expect(chair.Locator("#Unit_Member")).ToHaveValueAsync(option);
        await chair.FillAsync("#Unit_Reason", "长期从事水稻良种推广，举办培训班12期");
        await chair.ClickAsync("#unit-nominate");
        await Expect(chair.Locator(".notice")).ToContainTextAsync($"已推荐{memberName}（{societyName}）");
        var nominee = chair.Locator("#nominations tbody tr", new() { HasText = memberName });
        await Expect(nominee).ToContainTextAsync(societyName);
        await Expect(nominee).ToContainTextAsync("已推荐");
        await KexieApp.ScreenshotAsync(chair, "t32-society-nominates-member");

        // The county sees who nominated, selects the member and ends the call.
        await county.GotoAsync(callUrl);
        var row = county.Locator("#nominations tbody tr", new() { HasText = memberName });
        await Expect(row).ToContainTextAsync(societyName);
        await Expect(row).ToContainTextAsync("长期从事水稻良种推广，举办培训班12期");
        await row.Locator("button", new() { HasText = "入选" }).First.ClickAsync();
        await Expect(county.Locator(".notice")).ToContainTextAsync($"{memberName}：入选");
        await Expect(county.Locator("section.hero")).ToContainTextAsync("推荐 1 · 入选 1（名额 2）");
        await county.ClickAsync("#close-call");
        await Expect(county.Locator(".notice")).ToContainTextAsync("评选已结束");
        await Expect(county.Locator("#call-status")).ToHaveTextAsync("已结束");

        // Anyone sees the honour on the member's public profile.
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync($"/Workers/Details/{memberId}");
        await Expect(visitor.Locator("#honours li")).ToHaveCountAsync(1);
        await Expect(visitor.Locator("#honours")).ToContainTextAsync($"{ChinaYear} 年 · {callName}（优秀科技人才）");
        await KexieApp.ScreenshotAsync(visitor, "t33-honour-on-profile");
    }

    [Fact]
    public async Task An_expert_scores_the_nominations_and_the_county_sees_the_ranking_and_gives_a_reason_to_select_below_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = Guid.NewGuid().ToString("N")[..6];
        var callName = $"大英县{ChinaYear}年优秀科技工作者评选（专家评审{token}）";
        var expertLogin = $"panel-{token}";
        Guid callId, expertId;
        string first, second;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The county's call (1 place) with two of its public workers nominated, and an expert of its 专家库 with an account of their own.
            var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = (await db.Users.SingleAsync(u => u.UserName == "daying", ct)).ToActor();
            var linked = db.Users.Where(u => u.ScienceWorkerId != null).Select(u => u.ScienceWorkerId);
            var declared = db.ExpertConflicts.Select(c => c.ExpertId);
            var expert = await db.Experts.Where(e => e.Status == ExpertStatus.Active && e.RegionCode.StartsWith(DaYing) && !declared.Contains(e.Id))
                .Join(db.ScienceWorkers, e => e.WorkerId, w => w.Id, (e, w) => new { Expert = e, Worker = w })
                .Where(x => !linked.Contains(x.Worker.Id) && x.Worker.Employer != null && !x.Worker.Employer.Contains("科协") && !x.Worker.Employer.Contains("科学技术协会"))
                .OrderBy(x => x.Worker.Name).FirstAsync(ct);
            expertId = expert.Expert.Id;
            var nominated = db.Nominations.Where(n => n.WorkerId != null).Select(n => n.WorkerId!.Value);
            var experts = db.Experts.Select(e => e.WorkerId);
            var nominees = await db.ScienceWorkers.AsNoTracking()
                .Where(w => w.RegionCode.StartsWith(DaYing) && w.IsPublicProfile && !nominated.Contains(w.Id) && !experts.Contains(w.Id) && w.Employer != expert.Worker.Employer && w.Name != expert.Worker.Name)
                .OrderBy(w => w.Name).Skip(11).Take(2).ToListAsync(ct);
            Assert.Equal(2, nominees.Count);
            var call = HonourCall.Create(new HonourCallData(callName, HonourKind.OutstandingTalent, ChinaYear, DaYing, Quota: 1), admin);
            db.HonourCalls.Add(call);
            db.Nominations.AddRange(nominees.Select(w => Nomination.Nominate(call, w.Id, null, w.Name, w.RegionCode, "扎根基层推广实用技术", admin)));
            await db.SaveChangesAsync(ct);
            (callId, first, second) = (call.Id, nominees[0].Name, nominees[1].Name);
            var user = new AppUser { UserName = expertLogin, DisplayName = expert.Worker.Name, Role = UserRole.ScienceWorker, RegionCode = DaYing, ScienceWorkerId = expert.Worker.Id, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, KexieApp.Password)).Succeeded);
        }

        // The county puts the expert on the panel of every nomination.
        var county = await app.NewPageAsync();
        await KexieApp.LoginAsync(county, "daying");
        await county.GotoAsync($"/Talent/Honours/Details/{callId}");
        await Expect(county.Locator("#expert-review")).ToContainTextAsync("创新性（权重40%，满分10）");
        await county.CheckAsync($"#expert-options input[value='{expertId}']");
        await county.ClickAsync("#assign-experts");
        await Expect(county.Locator(".notice")).ToContainTextAsync("已指派评审专家2人次");

        // The expert scores both from 我的荣誉评审: the first 9 on each criterion, the second 6.
        var judge = await app.NewPageAsync();
        await KexieApp.LoginAsync(judge, expertLogin);
        await judge.GotoAsync("/Talent/Honours/Reviews");
        foreach (var (name, each) in new[] { (first, "9"), (second, "6") })
        {
            var card = judge.Locator(".honour-review", new() { HasText = name });
            var inputs = card.Locator("input[name=scores]");
            for (var k = 0; k < 3; k++)
            {
                await inputs.Nth(k).FillAsync(each);
            }

            await card.Locator("textarea[name=opinion]").FillAsync("事迹突出，材料翔实");
            await card.Locator("button:has-text('提交评分')").ClickAsync();
            await Expect(judge.Locator(".notice")).ToContainTextAsync($"已提交{name}的评分");
        }

        await Expect(judge.Locator("#done-reviews")).ToContainTextAsync("90");
        await KexieApp.ScreenshotAsync(judge, "t40-expert-scores-nominations");

        // The county sees the ranking; selecting the second asks for the reason, which the history then keeps.
        await county.GotoAsync($"/Talent/Honours/Details/{callId}");
        var rows = county.Locator("#ranking tbody tr");
        await Expect(rows.First).ToContainTextAsync(first);
        await Expect(rows.First.Locator(".mean")).ToHaveTextAsync("90");
        await Expect(rows.Nth(1).Locator(".mean")).ToHaveTextAsync("60");
        var row = county.Locator("#ranking tbody tr", new() { HasText = second });
        await row.Locator("button", new() { HasText = "入选" }).First.ClickAsync();
        await Expect(county.Locator("#decide-error")).ToContainTextAsync($"专家评分更高的{first}（90分）未入选");
        row = county.Locator("#ranking tbody tr", new() { HasText = second });
        await row.Locator("input[name=rankingReason]").FillAsync("长期驻村服务，群众评价更高");
        await row.Locator("button", new() { HasText = "入选" }).First.ClickAsync();
        await Expect(county.Locator(".notice")).ToContainTextAsync($"{second}：入选");
        await Expect(county.Locator("#decision-history")).ToContainTextAsync("长期驻村服务，群众评价更高");
        await KexieApp.ScreenshotAsync(county, "t41-county-decides-on-ranking");
    }

    [Fact]
    public async Task Demo_honours_show_on_the_selected_persons_profile_and_the_workers_own_nomination_on_theirs()
    {
        var ct = TestContext.Current.CancellationToken;
        Guid selectedId, ownId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
            var call = await db.HonourCalls.AsNoTracking().Where(c => c.Name == "大英县2025年优秀科技人才评选").Select(c => c.Id).SingleAsync(ct);
            selectedId = await db.Nominations.AsNoTracking().Where(n => n.CallId == call && n.Status == NominationStatus.Selected)
                .OrderBy(n => n.NomineeName).Select(n => n.WorkerId!.Value).FirstAsync(ct);
            ownId = await db.Users.AsNoTracking().Where(u => u.UserName == "worker").Select(u => u.ScienceWorkerId!.Value).SingleAsync(ct);
        }

        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync($"/Workers/Details/{selectedId}");
        await Expect(visitor.Locator("#honours h2")).ToHaveTextAsync("获得荣誉");
        await Expect(visitor.Locator("#honours")).ToContainTextAsync("2025 年 · 大英县2025年优秀科技人才评选（优秀科技人才）");
        await Expect(visitor.Locator("#my-honours")).ToHaveCountAsync(0);

        // 李建国 sees, on his own profile, that the county put him forward for the province's 青年科技奖 and it is not decided yet.
        var worker = await app.NewPageAsync();
        await KexieApp.LoginAsync(worker, "worker");
        await worker.GotoAsync($"/Workers/Details/{ownId}");
        var youth = worker.Locator("#my-honours tbody tr", new() { HasText = "2025年四川省青年科技奖" });
        await Expect(youth).ToContainTextAsync("省级 · 青年科技奖");
        await Expect(youth).ToContainTextAsync("大英县科协");
        await Expect(youth).ToContainTextAsync("已推荐");
    }

    [Fact]
    public async Task The_county_tags_a_survey_suggestion_with_its_own_topic_and_filters_by_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = Guid.NewGuid().ToString("N")[..6];
        var topic = $"人才评价{token}";
        var tagged = $"希望职称评审向基层一线倾斜（{token}）";
        var other = $"建议多组织农村实用技术培训（{token}）";
        Guid surveyId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
            var surveys = scope.ServiceProvider.GetRequiredService<SurveyService>();
            var admin = (await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "daying", ct)).ToActor();

            // A survey of its own (a year no other journey's survey takes), open, with two suggestions answered.
            var survey = await surveys.CreateAsync(admin, new SurveyRequest($"科技工作者状况调查（建议归类{token}）", 2012, DaYing, SurveyDistribution.Anonymous, 100, null, 0, null, true), ct);
            await surveys.MoveAsync(admin, survey.Id, SurveyStatus.Open, ct);
            foreach (var (text, gender) in new[] { (tagged, "女"), (other, "男") })
            {
                var answers = new Dictionary<int, string[]>
                {
                    [1] = [gender], [2] = ["41—50岁"], [3] = ["大学本科"], [4] = ["中级"], [5] = ["群众"], [6] = ["农业技术"], [7] = ["事业单位"],
                    [8] = ["4"], [9] = ["学术交流"], [10] = ["否"], [12] = [text],
                };
                var answered = await surveys.AnswerAsync(survey.Id, new SurveyAnswerRequest(answers), ct);
                Assert.True(answered.Valid, answered.Message);
            }

            surveyId = survey.Id;
        }

        var county = await app.NewPageAsync();
        await KexieApp.LoginAsync(county, "daying");
        await county.GotoAsync($"/Talent/Surveys/Details/{surveyId}");
        await Expect(county.Locator("#suggestions h2")).ToHaveTextAsync("意见和建议（共 2 条）");
        await Expect(county.Locator("#suggestion-list > li")).ToHaveCountAsync(2);

        await county.FillAsync("#add-topic input[name='newTopic']", topic);
        await county.ClickAsync("#add-topic button");
        await Expect(county.Locator(".notice")).ToContainTextAsync(topic);
        // A topic no suggestion is under yet is offered for tagging; the filters list only topics with suggestions.
        await Expect(county.Locator($"#suggestion-topics a[data-topic='{topic}']")).ToHaveCountAsync(0);
        await Expect(county.Locator($"#suggestion-list > li select[name='topic'] option[value='{topic}']")).ToHaveCountAsync(2);

        var item = county.Locator("#suggestion-list > li", new() { HasText = tagged });
        await item.Locator("select[name='topic']").SelectOptionAsync(topic);
        await item.Locator("select[name='state']").SelectOptionAsync("Adopted");
        await item.Locator("button", new() { HasText = "保存" }).ClickAsync();
        await Expect(county.Locator(".notice")).ToContainTextAsync("已保存");
        await Expect(county.Locator($"#suggestion-topics a[data-topic='{topic}']")).ToHaveTextAsync($"{topic} 1 条");

        await county.ClickAsync($"#suggestion-topics a[data-topic='{topic}']");
        await Expect(county.Locator("#suggestions h3")).ToContainTextAsync($"“{topic}”最近 1 条");
        await Expect(county.Locator("#suggestion-list > li")).ToHaveCountAsync(1);
        var only = county.Locator("#suggestion-list > li").First;
        await Expect(only).ToContainTextAsync(tagged);
        await Expect(only.Locator(".badge").First).ToHaveTextAsync(topic);
        await Expect(only).ToContainTextAsync("已采纳");
        await Expect(only.Locator(".badge[title='按词语自动归类']")).ToHaveCountAsync(0);
        await Expect(county.Locator("#suggestion-list")).Not.ToContainTextAsync(other);
        await KexieApp.ScreenshotAsync(county, "t34-survey-suggestion-tagged");

        // The service centre's staff read the same tagged list, and sort suggestions too: they put the other one under the topic.
        var staff = await app.NewPageAsync();
        await KexieApp.LoginAsync(staff, "daying-staff");
        await staff.GotoAsync($"/Talent/Surveys/Details/{surveyId}");
        await staff.ClickAsync($"#suggestion-topics a[data-topic='{topic}']");
        await Expect(staff.Locator("#suggestion-list > li")).ToHaveCountAsync(1);
        await Expect(staff.Locator("#suggestion-list > li").First).ToContainTextAsync(tagged);
        await staff.GotoAsync($"/Talent/Surveys/Details/{surveyId}");
        var second = staff.Locator("#suggestion-list > li", new() { HasText = other });
        await second.Locator("select[name='topic']").SelectOptionAsync(topic);
        await second.Locator("button", new() { HasText = "保存" }).ClickAsync();
        await Expect(staff.Locator(".notice")).ToContainTextAsync("已保存");
        await Expect(staff.Locator($"#suggestion-topics a[data-topic='{topic}']")).ToHaveTextAsync($"{topic} 2 条");
    }
}
