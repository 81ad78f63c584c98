using System.Net;
using System.Text.Json.Nodes;
using Kexie.Domain.Market;
using Kexie.Web.Features.Matching;
using Kexie.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using static Kexie.Web.Tests.Workbench.WorkbenchSteps;

namespace Kexie.Web.Tests.Market;

/// <summary>
/// 一单一策 candidates a staffer adds by hand (found by name) or drops with a reason, on the API and the plan page; each
/// judgement kept as a labelled pair; a plan with no good candidate says so on the plan and on the workbench.
/// </summary>
public abstract class PlanCandidateTests(KexieApp app)
{
    private async Task<(string NeedId, JsonNode Plan)> PlanAsync(string title)
    {
        var needId = await PublishedNeedAsync(app, title);
        var plan = await (await (await app.SignInAsync("daying-staff")).GetAsync($"/api/v1/needs/{needId}/plan")).OkJsonAsync();
        return (needId, plan);
    }

    /// <summary>A worker of <paramref name="county"/> that is not a candidate of any plan yet (so adding it by hand is new).</summary>
    private Task<(Guid Id, string Name)> WorkerAsync(string county, bool isPublic) => app.QueryAsync(db => db.ScienceWorkers
        .Where(w => w.RegionCode.StartsWith(county) && w.IsPublicProfile == isPublic)
        .Where(w => !db.ResponsePlans.SelectMany(p => p.Candidates).Any(c => c.TargetId == w.Id))
        .OrderBy(w => w.Name)
        .Select(w => new ValueTuple<Guid, string>(w.Id, w.Name)).FirstAsync());

    [Fact]
    public async Task Staff_find_a_worker_by_name_add_it_by_hand_drop_a_suggestion_with_a_reason_and_restore_it()
    {
        var staff = await app.SignInAsync("daying-staff");
        var (needId, plan) = await PlanAsync($"含盐废水降本人工候选{Token()}");
        var planId = Id(plan);
        var suggested = plan["candidates"]!.AsArray();
        Assert.NotEmpty(suggested);

        // Found by name among the workers the staffer may see; the API answers with names, never a login name.
        var (workerId, workerName) = await WorkerAsync(DaYing, isPublic: false);
        var options = (await (await staff.GetAsync($"/api/v1/plans/{planId}/candidate-options?q={Uri.EscapeDataString(workerName)}&kind=Worker")).OkJsonAsync()).AsArray();
        var option = options.First(o => Str(o!, "targetId") == workerId.ToString())!;
        Assert.Equal(workerName, Str(option, "name"));
        Assert.False(option["onPlan"]!.GetValue<bool>());

        var added = await (await staff.PostJsonAsync($"/api/v1/plans/{planId}/candidates", new { kind = "Worker", targetId = workerId, note = "县科协推荐，熟悉废水处理" })).OkJsonAsync();
        var manual = added["candidates"]!.AsArray().Single(c => Str(c!, "targetId") == workerId.ToString())!;
        Assert.True(manual["isManual"]!.GetValue<bool>());
        Assert.Equal("大英县科技云服务中心 王敏", Str(manual, "proposedByName"));
        Assert.Equal("县科协推荐，熟悉废水处理", Str(manual, "explanation"));
        await (await staff.PostJsonAsync($"/api/v1/plans/{planId}/candidates", new { kind = "Worker", targetId = workerId })).AssertValidationProblemAsync("targetId");
        Assert.True((await (await staff.GetAsync($"/api/v1/plans/{planId}/candidate-options?q={Uri.EscapeDataString(workerName)}&kind=Worker")).OkJsonAsync())
            .AsArray().First(o => Str(o!, "targetId") == workerId.ToString())!["onPlan"]!.GetValue<bool>());

        // The county admin drops a suggestion as irrelevant: it leaves the list and shows under 已排除 with who and why.
        var daying = await app.SignInAsync("daying");
        var victim = Id(suggested[0]!);
        await (await daying.PostJsonAsync($"/api/v1/plans/{planId}/candidates/{victim}/drop", new { reason = "Other" })).AssertValidationProblemAsync("note");
        var dropped = await (await daying.PostJsonAsync($"/api/v1/plans/{planId}/candidates/{victim}/drop", new { reason = "WrongField", note = "做的是果蔬保鲜，不是废水" })).OkJsonAsync();
        Assert.DoesNotContain(dropped["candidates"]!.AsArray(), c => Id(c!) == victim);
        var gone = dropped["droppedCandidates"]!.AsArray().Single()!;
        Assert.Equal(victim, Id(gone));
        Assert.Equal("领域不符", Str(gone, "reasonName"));
        Assert.Equal("做的是果蔬保鲜，不是废水", Str(gone, "note"));
        Assert.Equal("大英县科协管理员", Str(gone, "droppedByName"));

        // Restored by the handler; every judgement is kept, naming people.
        var restored = await (await staff.PostJsonAsync($"/api/v1/plans/{planId}/candidates/{victim}/restore", new { note = "企业说也可以试试" })).OkJsonAsync();
        Assert.Contains(restored["candidates"]!.AsArray(), c => Id(c!) == victim);
        Assert.Empty(restored["droppedCandidates"]!.AsArray());
        var judgements = restored["judgements"]!.AsArray();
        Assert.Equal(["Added", "Dropped", "Restored"], judgements.Select(j => Str(j!, "label")).ToArray());
        Assert.Equal(["人工添加", "排除", "恢复"], judgements.Select(j => Str(j!, "labelName")).ToArray());
        Assert.Equal(["大英县科技云服务中心 王敏", "大英县科协管理员", "大英县科技云服务中心 王敏"], judgements.Select(j => Str(j!, "byName")).ToArray());
        var stored = await app.QueryAsync(db => db.ResponsePlans.AsNoTracking().Where(p => p.NeedId == Guid.Parse(needId)).SelectMany(p => p.Judgements).OrderBy(j => j.At).ToListAsync());
        Assert.Equal([CandidateLabel.Added, CandidateLabel.Dropped, CandidateLabel.Restored], stored.Select(j => j.Label).ToArray());
        Assert.True(stored[1].FromMatching);
        Assert.True(stored[1].Rank >= 1);
        Assert.NotNull(stored[1].Score);
        Assert.Equal(CandidateDropReason.WrongField, stored[1].Reason);
    }

    [Fact]
    public async Task The_county_admin_exports_the_judgements_as_labelled_pairs_with_names_and_codes_in_their_own_columns()
    {
        var title = $"含盐废水降本评判导出{Token()}";
        var (needId, plan) = await PlanAsync(title);
        var planId = Id(plan);
        var staff = await app.SignInAsync("daying-staff");
        var (workerId, workerName) = await WorkerAsync(DaYing, isPublic: true);
        await (await staff.PostJsonAsync($"/api/v1/plans/{planId}/candidates", new { kind = "Worker", targetId = workerId, note = "企业推荐" })).OkJsonAsync();
        var victim = plan["candidates"]!.AsArray()[0]!;
        await (await staff.PostJsonAsync($"/api/v1/plans/{planId}/candidates/{Id(victim)}/drop", new { reason = "NotCapable", note = "规模太小" })).OkJsonAsync();

        var daying = await app.SignInAsync("daying");
        var list = await (await daying.GetAsync($"/api/v1/plans/judgements?region={DaYing}&from={ChinaToday:yyyy-MM-dd}")).OkJsonAsync();
        var rows = list["items"]!.AsArray().Where(r => Str(r!, "needId") == needId).ToList();
        Assert.Equal(["added", "dropped"], rows.Select(r => Str(r!, "labelCode")).ToArray());
        var added = rows[0]!;
        Assert.Equal((title, "人工添加", workerName, "worker", "科技工作者"), (Str(added, "needTitle"), Str(added, "labelName"), Str(added, "candidateName"), Str(added, "candidateKind"), Str(added, "candidateKindName")));
        Assert.True(added["relevant"]!.GetValue<bool>());
        Assert.False(added["fromMatching"]!.GetValue<bool>());
        Assert.Equal(["2614"], added["needIndustryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray());
        Assert.DoesNotContain("2614", added["needIndustryNames"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("大英县科技云服务中心 王敏", Str(added, "byName"));
        var dropped = rows[1]!;
        Assert.Equal(("能力或条件不足", "notcapable", "规模太小"), (Str(dropped, "reasonName"), Str(dropped, "reasonCode"), Str(dropped, "note")));
        Assert.False(dropped["relevant"]!.GetValue<bool>());
        Assert.True(dropped["fromMatching"]!.GetValue<bool>());
        Assert.Equal(Str(victim, "targetId"), Str(dropped, "candidateTargetId"));

        var xlsx = await daying.GetAsync($"/api/v1/plans/judgements/export.xlsx?region={DaYing}");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        var sheet = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), useHeaderRow: true).Cast<IDictionary<string, object?>>()
            .Where(r => Equals(r["需求记录号"], needId)).ToList();
        Assert.Equal(["人工添加", "排除"], sheet.Select(r => r["评判"]).ToArray());
        Assert.Equal("能力或条件不足", sheet[1]["排除原因"]);
        Assert.Equal(workerName, sheet[0]["候选"]);

        // Admin-only, and only within the admin's subtree.
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/v1/plans/judgements")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("shehong")).GetAsync($"/api/v1/plans/judgements?region={DaYing}")).StatusCode);
        Assert.DoesNotContain((await (await (await app.SignInAsync("shehong")).GetAsync("/api/v1/plans/judgements")).OkJsonAsync())["items"]!.AsArray(), r => Str(r!, "needId") == needId);
    }

    [Fact]
    public async Task Experts_are_found_by_expertise_and_offers_by_title_for_adding_by_hand()
    {
        var token = Token();
        var offerId = await SubmittedOfferAsync(app, $"盐卤提溴工艺咨询{token}");
        await (await (await app.SignInAsync("daying")).PostAsync($"/api/v1/offers/{offerId}/publish", null)).OkJsonAsync();
        var (_, plan) = await PlanAsync($"含盐废水降本专家查找{token}");
        var staff = await app.SignInAsync("daying-staff");

        var offers = (await (await staff.GetAsync($"/api/v1/plans/{Id(plan)}/candidate-options?q={Uri.EscapeDataString($"提溴工艺咨询{token}")}&kind=Offer")).OkJsonAsync()).AsArray();
        var offer = Assert.Single(offers)!;
        Assert.Equal((offerId, "Offer"), (Str(offer, "targetId"), Str(offer, "kind")));
        Assert.Contains("大英县", Str(offer, "detail"));

        var expert = await app.QueryAsync(db => db.Experts.Join(db.ScienceWorkers, e => e.WorkerId, w => w.Id, (e, w) => new { e.Expertise, e.Status, w.Id, w.IsPublicProfile, w.RegionCode })
            .Where(x => x.Status == Kexie.Domain.Talent.ExpertStatus.Active && x.IsPublicProfile && x.RegionCode.StartsWith(DaYing)).OrderBy(x => x.Id).FirstAsync());
        var found = (await (await staff.GetAsync($"/api/v1/plans/{Id(plan)}/candidate-options?q={Uri.EscapeDataString(expert.Expertise)}&kind=Worker")).OkJsonAsync()).AsArray()
            .Single(o => Str(o!, "targetId") == expert.Id.ToString())!;
        Assert.Equal(("Worker", "专家"), (Str(found, "kind"), Str(found, "kindName")));
        Assert.Contains($"专长：{expert.Expertise}", Str(found, "detail"));
        Assert.Empty((await (await staff.GetAsync($"/api/v1/plans/{Id(plan)}/candidate-options?q=")).OkJsonAsync()).AsArray());
        await (await staff.GetAsync($"/api/v1/plans/{Id(plan)}/candidate-options?q={new string('长', 51)}")).AssertValidationProblemAsync("q");
    }

    [Fact]
    public async Task What_a_staffer_may_not_see_or_do_is_refused_and_changes_nothing()
    {
        var (_, plan) = await PlanAsync($"含盐废水降本越权候选{Token()}");
        var planId = Id(plan);
        var staff = await app.SignInAsync("daying-staff");
        var version = plan["version"]!.GetValue<int>();

        // Another county's private worker answers like one that does not exist; a draft offer is not a candidate.
        var (hidden, hiddenName) = await WorkerAsync(SheHong, isPublic: false);
        Assert.Equal("科技工作者不存在", await (await staff.PostJsonAsync($"/api/v1/plans/{planId}/candidates", new { kind = "Worker", targetId = hidden })).AssertValidationProblemAsync("targetId"));
        Assert.DoesNotContain((await (await staff.GetAsync($"/api/v1/plans/{planId}/candidate-options?q={Uri.EscapeDataString(hiddenName)}")).OkJsonAsync()).AsArray(),
            o => Str(o!, "targetId") == hidden.ToString());
        var draft = Id(await (await (await app.SignInAsync("worker")).PostJsonAsync("/api/v1/offers", new
        {
            kind = "Service", title = $"未发布的所能{Token()}", description = "草稿", disciplineCodes = new[] { "21030" }, industryCodes = new[] { "2614" },
            regionCode = DaYing, priceMode = "Negotiable",
        })).OkJsonAsync());
        Assert.Equal("科技所能不存在或未发布", await (await staff.PostJsonAsync($"/api/v1/plans/{planId}/candidates", new { kind = "Offer", targetId = draft })).AssertValidationProblemAsync("targetId"));

        // Other roles and other counties.
        var candidate = Id(plan["candidates"]!.AsArray()[0]!);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).PostJsonAsync($"/api/v1/plans/{planId}/candidates/{candidate}/drop", new { reason = "WrongField" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).PostJsonAsync($"/api/v1/plans/{planId}/candidates/{candidate}/drop", new { reason = "WrongField" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).GetAsync($"/api/v1/plans/{planId}/candidate-options?q=王")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("enterprise")).GetAsync($"/api/v1/plans/{planId}/candidate-options?q=王")).StatusCode);
        await (await staff.PostJsonAsync($"/api/v1/plans/{planId}/candidates/{Guid.NewGuid()}/drop", new { reason = "WrongField" })).AssertValidationProblemAsync("candidateId");
        await (await staff.PostJsonAsync($"/api/v1/plans/{planId}/candidates/{candidate}/restore", new { })).AssertValidationProblemAsync("candidateId");

        var after = await (await staff.GetAsync($"/api/v1/plans/{planId}")).OkJsonAsync();
        Assert.Equal(version, after["version"]!.GetValue<int>());
        Assert.Empty(after["judgements"]!.AsArray());
    }

    [Fact]
    public async Task Contacting_a_candidate_and_the_deal_of_its_order_are_labelled()
    {
        var token = Token();
        var offerId = await SubmittedOfferAsync(app, $"含盐废水处理工艺咨询{token}");
        await (await (await app.SignInAsync("daying")).PostAsync($"/api/v1/offers/{offerId}/publish", null)).OkJsonAsync();
        var (needId, plan) = await PlanAsync($"含盐废水降本成交标注{token}");
        var planId = Id(plan);
        var staff = await app.SignInAsync("daying-staff");
        var candidate = plan["candidates"]!.AsArray().First(c => Str(c!, "targetId") == offerId)!;
        await (await staff.PostJsonAsync($"/api/v1/plans/{planId}/contacts", new { contactedName = "李建国", channel = "Phone", note = "约定面谈", candidateId = Id(candidate) })).OkJsonAsync();

        var enterprise = await app.SignInAsync("enterprise");
        var orderId = Id(await (await enterprise.PostJsonAsync("/api/v1/orders", new { offerId, needId, note = "希望面谈" })).OkJsonAsync());
        await MarketFiles.AgreeAsync(enterprise, await app.SignInAsync("worker"), orderId, 30000m, await MarketFiles.ContractAsync(enterprise, orderId));

        var judgements = (await (await staff.GetAsync($"/api/v1/plans/{planId}")).OkJsonAsync())["judgements"]!.AsArray();
        Assert.Equal(["Contacted", "Dealt"], judgements.Select(j => Str(j!, "label")).ToArray());
        Assert.All(judgements, j => Assert.Equal(Id(candidate), Str(j!, "candidateId")));
    }

    [Fact]
    public async Task The_plan_page_finds_adds_drops_and_restores_by_name_and_its_history_names_people()
    {
        var (_, plan) = await PlanAsync($"含盐废水降本页面候选{Token()}");
        var planId = Id(plan);
        var staff = await app.SignInAsync("daying-staff");
        var (workerId, workerName) = await WorkerAsync(DaYing, isPublic: true);

        var found = await (await staff.GetAsync($"/Market/Plans/Details/{planId}?kind=worker&q={Uri.EscapeDataString(workerName)}")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"candidate-options\"", found);
        Assert.Contains(workerName, found);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LoginTestSupport.TokenOf(found), ["version"] = plan["version"]!.ToString(), ["kind"] = "Worker",
            ["targetId"] = workerId.ToString(), ["note"] = "企业点名要找的专家",
        };
        var posted = await staff.PostAsync($"/Market/Plans/Details/{planId}?handler=AddCandidate", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        var page = await (await staff.GetAsync($"/Market/Plans/Details/{planId}")).Content.ReadAsStringAsync();
        Assert.Contains("人工添加", page);
        Assert.Contains("企业点名要找的专家", page);
        var current = await (await staff.GetAsync($"/api/v1/plans/{planId}")).OkJsonAsync();
        var victim = current["candidates"]!.AsArray().First(c => !c!["isManual"]!.GetValue<bool>())!;
        var drop = await staff.PostAsync($"/Market/Plans/Details/{planId}?handler=Drop", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LoginTestSupport.TokenOf(page), ["version"] = current["version"]!.ToString(), ["candidateId"] = Id(victim),
            ["reason"] = "Duplicate", ["note"] = "",
        }));
        Assert.Equal(HttpStatusCode.Redirect, drop.StatusCode);

        page = await (await staff.GetAsync($"/Market/Plans/Details/{planId}")).Content.ReadAsStringAsync();
        var droppedTable = page[page.IndexOf("id=\"dropped\"", StringComparison.Ordinal)..];
        Assert.Contains("与其他候选重复", droppedTable);
        Assert.Contains("大英县科技云服务中心 王敏", droppedTable);
        var history = page[page.IndexOf("id=\"history\"", StringComparison.Ordinal)..];
        Assert.Contains($"大英县科技云服务中心 王敏 人工添加候选 科技工作者“{workerName}”（企业点名要找的专家）", history);
        Assert.Contains("大英县科技云服务中心 王敏 排除候选", history);
        Assert.DoesNotContain("daying-staff", page);

        var restore = await staff.PostAsync($"/Market/Plans/Details/{planId}?handler=Restore", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LoginTestSupport.TokenOf(page), ["version"] = (current["version"]!.GetValue<int>() + 1).ToString(), ["candidateId"] = Id(victim),
        }));
        Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
        Assert.Empty((await (await staff.GetAsync($"/api/v1/plans/{planId}")).OkJsonAsync())["droppedCandidates"]!.AsArray());
    }

    [Fact]
    public async Task A_plan_without_a_good_candidate_says_so_on_the_plan_and_on_the_handlers_workbench()
    {
        var title = $"含盐废水降本无匹配{Token()}";
        var (_, plan) = await PlanAsync(title);
        var planId = Id(plan);
        // A staffer of their own, handling this plan: the county's many other plans (of other tests) come after it.
        var handler = await Workbench.WorkbenchSteps.NewAccountAsync(app, Kexie.Domain.Identity.UserRole.ServiceCenterStaff, DaYing, "大英县科技云服务中心 周杰");
        plan = await (await (await app.SignInAsync("daying")).PostJsonAsync($"/api/v1/plans/{planId}/handler", new { handlerUserId = handler, note = "请跟进" })).OkJsonAsync();
        var staff = await app.SignInAsync(handler);
        Assert.False(plan["needsManualSearch"]!.GetValue<bool>());
        Assert.DoesNotContain("暂无合适的匹配", await (await staff.GetAsync($"/Market/Plans/Details/{planId}")).Content.ReadAsStringAsync());

        // Every good suggestion dropped as irrelevant: what is left is no match to trust.
        var current = plan;
        foreach (var c in plan["candidates"]!.AsArray().Where(c => !c!["isWeak"]!.GetValue<bool>()))
        {
            current = await (await staff.PostJsonAsync($"/api/v1/plans/{planId}/candidates/{Id(c!)}/drop", new { reason = "WrongField" })).OkJsonAsync();
        }

        Assert.True(current["needsManualSearch"]!.GetValue<bool>());
        Assert.Contains("暂无合适的匹配，请人工寻找", await (await staff.GetAsync($"/Market/Plans/Details/{planId}")).Content.ReadAsStringAsync());
        Assert.Contains("暂无合适的匹配，服务中心将人工寻找", await (await (await app.SignInAsync("enterprise")).GetAsync($"/Market/Plans/Details/{planId}")).Content.ReadAsStringAsync());
        var item = (await (await staff.GetAsync("/api/v1/workbench")).OkJsonAsync())["items"]!.AsArray().Single(i => Str(i!, "title") == title)!;
        Assert.Contains("暂无合适的匹配，请人工寻找", Str(item, "note"));

        // A candidate added by hand answers it.
        var (workerId, _) = await WorkerAsync(DaYing, isPublic: true);
        var answered = await (await staff.PostJsonAsync($"/api/v1/plans/{planId}/candidates", new { kind = "Worker", targetId = workerId })).OkJsonAsync();
        Assert.False(answered["needsManualSearch"]!.GetValue<bool>());
        item = (await (await staff.GetAsync("/api/v1/workbench")).OkJsonAsync())["items"]!.AsArray().Single(i => Str(i!, "title") == title)!;
        Assert.DoesNotContain("暂无合适的匹配", Str(item, "note"));
    }

    [Fact]
    public async Task The_organization_is_told_only_of_the_good_candidates_not_of_the_possibly_related_ones()
    {
        var (needId, plan) = await PlanAsync($"含盐废水降本通知{Token()}");
        var candidates = plan["candidates"]!.AsArray();
        var good = candidates.Count(c => !c!["isWeak"]!.GetValue<bool>());
        Assert.All(candidates.Where(c => c!["isWeak"]!.GetValue<bool>()), c => Assert.False(c!["isManual"]!.GetValue<bool>()));

        var notes = (await (await (await app.SignInAsync("enterprise")).GetAsync("/api/v1/notifications?pageSize=200")).OkJsonAsync())["items"]!.AsArray()
            .Where(n => Str(n!, "kind") == "CandidateProposed" && n!["link"]?.GetValue<string>() == $"/Market/Needs/Details/{needId}").ToList();
        if (good == 0)
        {
            Assert.Empty(notes);
        }
        else
        {
            Assert.Contains($"有{good}个新的候选", Str(Assert.Single(notes)!, "title"));
        }
    }

    [Fact]
    public void A_match_below_the_engines_confidence_threshold_is_weak_whatever_it_shares()
    {
        static MatchItemDto Match(double coverage, bool discipline, bool good) => new(
            "Offer", Guid.NewGuid(), "所能", DaYing, 1, 3, coverage, false, "说明", ["废水"],
            discipline ? [new MatchCodeDto("21030", "21030", "Same", null)] : [],
            [],
            "SameCounty",
            good ? 0.8 : 0.1,
            good);
        Assert.True(EngineCandidateSource.IsWeak(Match(0.9, true, good: false)));
        Assert.False(EngineCandidateSource.IsWeak(Match(0.2, false, good: true)));
    }
}

public sealed class PlanCandidateSqliteTests(SqliteApp app) : PlanCandidateTests(app);

public sealed class PlanCandidatePostgresTests(PostgresApp app) : PlanCandidateTests(app);
