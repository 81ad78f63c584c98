using System.Net;
using Kexie.Domain.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// Every GET endpoint of /api/v1 with a route value (read from the host's own endpoint list) × every role of another county
/// (admin, staff, science worker, organization member) and anonymous × a record of 大英县 they may not read (a private
/// worker, a draft need and offer with their attachments, an order and its contract, a 一单一策 plan, …). Each look-up must
/// be refused (401, 403 or 404) and its body must not name the record: no name, title, phone, file name or township of
/// the hidden record. An endpoint without a rule here fails the test, so a new look-up is covered from its first line.
/// </summary>
public abstract class LookupMatrixTests(KexieApp app)
{
    private const string DaYing = "510923";

    /// <summary>The year of the contest, honour call and survey this class writes in 大英县: one of its own, never the demo's (TestYears).</summary>
    private int OwnYear => TestYears.OwnYear(nameof(LookupMatrixTests), app.Provider);
    private const string SheHong = "510981";

    /// <summary>
    /// How a look-up is tried: the route values naming the hidden record, and the words its answer must not contain. A look-up of
    /// a public record (a contest, a fair, a workstation…) may answer 200 (<paramref name="Answers"/>), but without what it hides
    /// (unawarded works, draft projects, a private expert's name, a station's contact).
    /// </summary>
    private sealed record Probe(Func<Hidden, Dictionary<string, string>> Route, Func<Hidden, string[]> Secrets, bool Answers = false);

    /// <summary>Records of 大英县 that no role of 射洪市 (nor anyone anonymous) may read, and what would name them.</summary>
    private sealed record Hidden(
        Guid PrivateWorker, string WorkerName, string WorkerPhone, string WorkerTownship,
        Guid DraftNeed, string NeedTitle, Guid NeedAttachment, string NeedFile,
        Guid DraftOffer, string OfferTitle, Guid OfferAttachment, string OfferFile,
        Guid Order, string OrderTitle, Guid OrderFile, string OrderFileName,
        Guid Plan, Guid Activity, string ParticipantName, string ParticipantPhone,
        Guid Organization, string OrganizationName, Guid Storefront, string StorefrontName,
        Guid DraftSurvey, string SurveyName, IReadOnlyDictionary<string, string> More);

    /// <summary>
    /// Look-ups open by design: public code lists and regions, the import templates, and records published from their first line
    /// (they have no draft) whose answers carry no private field: contests, fairs, honour and think-tank calls, activities, venues,
    /// teams and the counts logged against them. What such a record hides (works, projects, nominations, contacts, member lists)
    /// is probed through the look-ups that could show it.
    /// </summary>
    private static readonly Dictionary<string, string> OpenByDesign = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/regions/{code}"] = "行政区划是公开的代码表",
        ["GET /api/v1/regions/{code}/children"] = "行政区划是公开的代码表",
        ["GET /api/v1/regions/{code}/ancestry"] = "行政区划是公开的代码表",
        ["GET /api/v1/lookups/{kind}"] = "学科、行业等代码表是公开的",
        ["GET /api/v1/dictionaries/{type}"] = "字典是公开的代码表",
        ["GET /api/v1/imports/{kind}/template.xlsx"] = "导入模板不含数据",
        ["GET /api/v1/associations/{id:guid}"] = "科协、学会名录公开（名称、类型、地区、会员人数）；会员名单另有规则",
        ["GET /api/v1/contests/{id:guid}"] = "大赛一经举办即公开征集作品（没有草稿）；作品另有规则",
        ["GET /api/v1/contests/{id:guid}/upward-targets"] = "上级正在征集的大赛，公开",
        ["GET /api/v1/fairs/{id:guid}"] = "科创会一经举办即公开（没有草稿）；项目另有规则",
        ["GET /api/v1/honours/calls/{id:guid}"] = "荣誉评选一经发起即公开（没有草稿）；推荐另有规则",
        ["GET /api/v1/think-tank/calls/{id:guid}"] = "课题征集一经发布即公开（没有草稿）；申报的课题另有规则",
        ["GET /api/v1/popularization-activities/{id:guid}"] = "科普活动公开报名（只有人数，没有报名者）；报名名单另有规则",
        ["GET /api/v1/activity-series/{id:guid}"] = "活动系列公开（名称、日期、所含活动和统计数字，没有报名者）",
        ["GET /api/v1/e-stations/{id:guid}/usage"] = "e站使用登记只有访问、互动人次",
        ["GET /api/v1/e-stations/{id:guid}/usage-summary"] = "e站使用汇总只有在线天数和浏览、点赞、提问次数",
        ["GET /api/v1/venues/{id:guid}"] = "科普阵地名录公开（没有联系人、电话）",
        ["GET /api/v1/science-boards/{id:guid}"] = "科普宣传栏名录和内容更新记录公开（照片只给本地区管理员，另有规则）",
        ["GET /api/v1/venues/{id:guid}/visits"] = "接待记录只有批次、人次、场所类型",
        ["GET /api/v1/volunteer-teams/{id:guid}"] = "志愿服务队公开（名称、人数、时长，没有队员）",
        ["GET /api/v1/popularization-activities/{id:guid}/volunteer-call"] = "志愿者招募公开（人数、岗位、截止日期、已录用人数，没有报名者）；报名名单另有规则",
        ["GET /api/v1/e-stations/{id:guid}/terminals"] = "e站终端（类型、安放地点）是公开的",
        ["GET /api/v1/web-quizzes/{id:guid}"] = "网上知识竞赛一经发布即公开（名称、日期、参与人次和不含答案的试卷）",
    };

    /// <summary>
    /// A control: 大英县's own admin reads each of these hidden records and finds it named (in the body, or the file name of a
    /// download), so the probes aim at real records whose secrets would show if a look-up leaked them.
    /// </summary>
    private static readonly string[] OwnerSees =
    [
        "GET /api/v1/workers/{id:guid}", "GET /api/v1/needs/{id:guid}",
        "GET /api/v1/needs/{id:guid}/attachments/{attachmentId:guid}", "GET /api/v1/offers/{id:guid}",
        "GET /api/v1/offers/{id:guid}/attachments/{attachmentId:guid}", "GET /api/v1/orders/{id:guid}", "GET /api/v1/orders/{id:guid}/files/",
        "GET /api/v1/orders/{id:guid}/files/{fileId:guid}", "GET /api/v1/organizations/{id:guid}", "GET /api/v1/storefronts/{id:guid}",
        "GET /api/v1/popularization-activities/{id:guid}/participants", "GET /api/v1/surveys/{id:guid}", "GET /api/v1/agencies/{id:guid}",
        "GET /api/v1/associations/{id:guid}/members", "GET /api/v1/contest-entries/{id:guid}", "GET /api/v1/contests/{id:guid}/entries",
        "GET /api/v1/e-stations/{id:guid}", "GET /api/v1/experts/{id:guid}", "GET /api/v1/fairs/{fairId:guid}/projects/{id:guid}/attachments/{attachmentId:guid}",
        "GET /api/v1/fairs/{id:guid}/projects", "GET /api/v1/honours/calls/{id:guid}/nominations", "GET /api/v1/indicators/linkage-tasks/{id:guid}",
        "GET /api/v1/popularization-activities/{id:guid}/service-records", "GET /api/v1/popularization-activities/{id:guid}/volunteer-call/applications", "GET /api/v1/proposals/{id:guid}", "GET /api/v1/science-contents/{id:guid}",
        "GET /api/v1/think-tank/topics/{id:guid}", "GET /api/v1/volunteers/{id:guid}", "GET /api/v1/workstations/{id:guid}",
        "GET /api/v1/science-literacy/member-units/{id:guid}/assessments/{assessmentId:guid}/evidence",
        "GET /api/v1/science-boards/{id:guid}/refreshes/{refreshId:guid}/photo",
        "GET /api/v1/popularization-activities/{id:guid}/tallies/{tallyId:guid}/evidence/{evidenceId:guid}",
        "GET /api/v1/contest-entries/{id:guid}/attachments/{attachmentId:guid}",
    ];

    /// <summary>
    /// Hidden records of <see cref="OwnerSees"/> the auditor does not read, each behind a management permission it does not hold:
    /// lists of people (a society's members, an activity's volunteer applicants) and the working files of two management
    /// registers (纲要成员单位 assessment evidence, 宣传栏 refresh photos). The books, the plans and the figures it reads.
    /// </summary>
    private static readonly string[] AuditorNeedsNot =
    [
        "GET /api/v1/associations/{id:guid}/members",
        "GET /api/v1/popularization-activities/{id:guid}/volunteer-call/applications",
        "GET /api/v1/science-literacy/member-units/{id:guid}/assessments/{assessmentId:guid}/evidence",
        "GET /api/v1/science-boards/{id:guid}/refreshes/{refreshId:guid}/photo",
    ];

    private static Dictionary<string, string> Id(Guid id) => new() { ["id"] = id.ToString() };

    private static readonly Dictionary<string, Probe> Rules = BuildRules();

    private static Dictionary<string, Probe> BuildRules()
    {
        var r = new Dictionary<string, Probe>(StringComparer.Ordinal);
        void On(string key, Func<Hidden, Dictionary<string, string>> route, Func<Hidden, string[]> secrets) => r[key] = new Probe(route, secrets);
        string[] Worker(Hidden h) => [h.WorkerName, h.WorkerPhone, h.WorkerTownship];

        On("GET /api/v1/workers/{id:guid}", h => Id(h.PrivateWorker), Worker);
        On("GET /api/v1/workers/{id:guid}/recommended-needs", h => Id(h.PrivateWorker), Worker);
        On("GET /api/v1/needs/{id:guid}", h => Id(h.DraftNeed), h => [h.NeedTitle]);
        On("GET /api/v1/needs/{id:guid}/plan", h => Id(h.DraftNeed), h => [h.NeedTitle]);
        On("GET /api/v1/needs/{id:guid}/matches", h => Id(h.DraftNeed), h => [h.NeedTitle]);
        On("GET /api/v1/needs/{id:guid}/similar", h => Id(h.DraftNeed), h => [h.NeedTitle]);
        On("GET /api/v1/needs/{id:guid}/attachments/{attachmentId:guid}", h => new() { ["id"] = h.DraftNeed.ToString(), ["attachmentId"] = h.NeedAttachment.ToString() }, h => [h.NeedTitle, h.NeedFile]);
        On("GET /api/v1/offers/{id:guid}", h => Id(h.DraftOffer), h => [h.OfferTitle]);
        On("GET /api/v1/offers/{id:guid}/recommended-needs", h => Id(h.DraftOffer), h => [h.OfferTitle]);
        On("GET /api/v1/offers/{id:guid}/attachments/{attachmentId:guid}", h => new() { ["id"] = h.DraftOffer.ToString(), ["attachmentId"] = h.OfferAttachment.ToString() }, h => [h.OfferTitle, h.OfferFile]);
        On("GET /api/v1/orders/{id:guid}", h => Id(h.Order), h => [h.OrderTitle]);
        On("GET /api/v1/orders/{id:guid}/files/", h => Id(h.Order), h => [h.OrderTitle, h.OrderFileName]);
        On("GET /api/v1/orders/{id:guid}/files/{fileId:guid}", h => new() { ["id"] = h.Order.ToString(), ["fileId"] = h.OrderFile.ToString() }, h => [h.OrderTitle, h.OrderFileName]);
        On("GET /api/v1/plans/{id:guid}", h => Id(h.Plan), _ => []);
        On("GET /api/v1/plans/{id:guid}/candidate-options", h => Id(h.Plan), _ => []);
        On("GET /api/v1/organizations/{id:guid}", h => Id(h.Organization), h => [h.OrganizationName]);
        On("GET /api/v1/storefronts/{id:guid}", h => Id(h.Storefront), h => [h.StorefrontName]);
        On("GET /api/v1/popularization-activities/{id:guid}/participants", h => Id(h.Activity), h => [h.ParticipantName, h.ParticipantPhone]);
        On("GET /api/v1/e-stations/{id:guid}/subscriptions", h => IdOf(h, "questionStation"), h => [M(h, "subscriberName")]);
        On("GET /api/v1/e-stations/{id:guid}/questions", h => IdOf(h, "questionStation"), h => [M(h, "askerName"), M(h, "questionText")]);
        On("GET /api/v1/e-station-questions/{id:guid}", h => IdOf(h, "question"), h => [M(h, "askerName"), M(h, "questionText")]);
        On("GET /api/v1/e-station-questions/by-key/{key}", _ => new() { ["key"] = new string('a', 32) }, h => [M(h, "askerName"), M(h, "questionText")]);
        On("GET /api/v1/e-stations/{id:guid}/devices", h => IdOf(h, "kioskStation"), h => [M(h, "deviceName")]);
        On("GET /api/v1/e-stations/{id:guid}/posts", h => IdOf(h, "kioskStation"), h => [M(h, "postTitle")]);
        // A kiosk answers only to its own device token: a guessed one shows nothing of the station's own posts.
        On("GET /api/v1/e-station-kiosks/{token}", _ => new() { ["token"] = new string('a', 64) }, h => [M(h, "postTitle")]);
        On("GET /api/v1/e-station-kiosks/{token}/items/{source}/{id:guid}", h => new() { ["token"] = new string('a', 64), ["source"] = "post", ["id"] = M(h, "post") }, h => [M(h, "postTitle")]);
        On("GET /api/v1/e-station-kiosks/{token}/quiz", _ => new() { ["token"] = new string('a', 64) }, h => [M(h, "postTitle")]);
        On("GET /api/v1/e-stations/{id:guid}/usage/export.xlsx", h => IdOf(h, "kioskStation"), h => [M(h, "deviceName")]);
        On("GET /api/v1/e-station-subscriptions/by-key/{key}/feed", _ => new() { ["key"] = new string('a', 32) }, h => [M(h, "subscriberName")]);
        On("GET /api/v1/surveys/{id:guid}", h => Id(h.DraftSurvey), h => [h.SurveyName]);
        On("GET /api/v1/surveys/{id:guid}/results", h => Id(h.DraftSurvey), h => [h.SurveyName]);
        On("GET /api/v1/surveys/{id:guid}/export", h => Id(h.DraftSurvey), h => [h.SurveyName]);
        On("GET /api/v1/surveys/{id:guid}/invitations", h => Id(h.DraftSurvey), h => [h.SurveyName]);
        On("GET /api/v1/surveys/{id:guid}/qr.png", h => Id(h.DraftSurvey), h => [h.SurveyName]);
        On("GET /api/v1/surveys/{id:guid}/crosstab", h => Id(h.DraftSurvey), h => [h.SurveyName]);

        // Records of the other features: refused outright, or (a public record) answered without what it hides.
        static string M(Hidden h, string key) => h.More[key];
        Dictionary<string, string> IdOf(Hidden h, string key) => Id(Guid.Parse(M(h, key)));
        void Open(string key, Func<Hidden, Dictionary<string, string>> route, Func<Hidden, string[]> secrets) => r[key] = new Probe(route, secrets, Answers: true);
        On("GET /api/v1/agencies/{id:guid}", h => IdOf(h, "agency"), h => [M(h, "agencyName"), M(h, "agencyPhone")]);
        string[] Named(Hidden h) => [h.WorkerName, h.WorkerPhone];
        On("GET /api/v1/associations/{id:guid}/members", h => IdOf(h, "association"), Named);
        On("GET /api/v1/contest-entries/{id:guid}", h => IdOf(h, "entry"), h => [M(h, "entryTitle"), M(h, "student")]);
        Open("GET /api/v1/contests/{id:guid}/entries", h => IdOf(h, "contest"), h => [M(h, "entryTitle"), M(h, "student")]);
        Open("GET /api/v1/contests/{id:guid}/school-options", h => IdOf(h, "contest"), h => [M(h, "schoolName")]);
        On("GET /api/v1/contests/{id:guid}/expert-review", h => IdOf(h, "contest"), h => [M(h, "entryTitle"), h.WorkerName]);
        On("GET /api/v1/contests/{id:guid}/expert-options", h => IdOf(h, "contest"), h => [h.WorkerName, h.WorkerPhone]);
        On("GET /api/v1/contest-entries/{id:guid}/attachments/{attachmentId:guid}",
            h => new() { ["id"] = M(h, "entry"), ["attachmentId"] = M(h, "entryAttachment") }, h => [M(h, "entryFile")]);
        On("GET /api/v1/contest-entries/{id:guid}/certificate", h => IdOf(h, "entry"), h => [M(h, "entryTitle"), M(h, "student")]);
        On("GET /api/v1/contest-assignments/{id:guid}", h => IdOf(h, "contestAssignment"), h => [M(h, "entryTitle"), M(h, "student")]);
        Open("GET /api/v1/e-stations/{id:guid}", h => IdOf(h, "station"), h => [M(h, "stationContact"), M(h, "stationPhone")]);
        On("GET /api/v1/experts/{id:guid}", h => IdOf(h, "expert"), h => [.. Named(h), M(h, "expertise")]);
        On("GET /api/v1/fairs/{fairId:guid}/projects/{id:guid}/attachments/{attachmentId:guid}",
            h => new() { ["fairId"] = M(h, "fair"), ["id"] = M(h, "project"), ["attachmentId"] = M(h, "projectAttachment") }, h => [M(h, "projectTitle"), M(h, "projectFile")]);
        Open("GET /api/v1/fairs/{id:guid}/catalogue", h => IdOf(h, "fair"), h => [M(h, "projectTitle")]);
        Open("GET /api/v1/fairs/{id:guid}/projects", h => IdOf(h, "fair"), h => [M(h, "projectTitle")]);
        Open("GET /api/v1/honours/calls/{id:guid}/nominations", h => IdOf(h, "honourCall"), h => [h.WorkerName, M(h, "nominationReason")]);
        On("GET /api/v1/honours/calls/{id:guid}/expert-review", h => IdOf(h, "honourCall"), h => [h.WorkerName, M(h, "nominationReason")]);
        On("GET /api/v1/honours/calls/{id:guid}/expert-options", h => IdOf(h, "honourCall"), h => [h.WorkerName, h.WorkerPhone]);
        On("GET /api/v1/indicators/linkage-tasks/{id:guid}", h => IdOf(h, "linkageTask"), h => [M(h, "linkageTitle")]);
        Open("GET /api/v1/popularization-activities/{id:guid}/service-records", h => IdOf(h, "serviceActivity"), h => [M(h, "volunteerName"), M(h, "volunteerPhone")]);
        On("GET /api/v1/popularization-activities/{id:guid}/volunteer-call/applications", h => IdOf(h, "recruitActivity"), h => [M(h, "applicantNote")]);
        On("GET /api/v1/proposals/{id:guid}", h => IdOf(h, "proposal"), h => [M(h, "proposalTitle")]);
        On("GET /api/v1/science-contents/{id:guid}", h => IdOf(h, "content"), h => [M(h, "contentTitle")]);
        On("GET /api/v1/science-contents/{id:guid}/images/{imageId:guid}", h => new() { ["id"] = M(h, "content"), ["imageId"] = M(h, "contentImage") }, h => [M(h, "contentTitle")]);
        On("GET /api/v1/think-tank/topics/{id:guid}", h => IdOf(h, "topic"), h => [M(h, "topicTitle")]);
        On("GET /api/v1/volunteers/{id:guid}", h => IdOf(h, "volunteer"), h => [M(h, "volunteerName"), M(h, "volunteerPhone")]);
        On("GET /api/v1/volunteers/{id:guid}/service-record", h => IdOf(h, "volunteer"), h => [M(h, "volunteerName"), M(h, "volunteerPhone")]);
        Open("GET /api/v1/workstations/{id:guid}", h => IdOf(h, "workstation"), Named);
        On("GET /api/v1/association-management/{id:guid}", h => IdOf(h, "managedAssociation"), h => [M(h, "partyInstructor"), M(h, "rectificationReasons")]);
        On("GET /api/v1/association-inspections/{id:guid}/attachments/{attachmentId:guid}",
            h => new() { ["id"] = M(h, "inspection"), ["attachmentId"] = M(h, "inspectionAttachment") }, h => [M(h, "inspectionFile")]);
        On("GET /api/v1/society-rectifications/{id:guid}/attachments/{attachmentId:guid}",
            h => new() { ["id"] = M(h, "rectification"), ["attachmentId"] = M(h, "rectificationAttachment") }, h => [M(h, "rectificationFile")]);
        On("GET /api/v1/think-tank/topics/{id:guid}/expert-review", h => IdOf(h, "topic"), h => [M(h, "topicTitle"), h.WorkerName]);
        On("GET /api/v1/think-tank/topics/{id:guid}/expert-candidates", h => IdOf(h, "topic"), h => [h.WorkerName, h.WorkerPhone]);
        On("GET /api/v1/think-tank/topics/{id:guid}/upward-calls", h => IdOf(h, "topic"), h => [M(h, "topicTitle")]);
        On("GET /api/v1/think-tank/assignments/{id:guid}", h => IdOf(h, "assignment"), h => [M(h, "topicTitle"), h.WorkerName]);
        Open("GET /api/v1/science-literacy/member-units/{id:guid}", h => IdOf(h, "memberUnit"), h => [M(h, "memberContact"), "隐藏联系人", M(h, "memberEvidence")]);
        On("GET /api/v1/science-literacy/member-units/{id:guid}/assessments/{assessmentId:guid}/evidence",
            h => new() { ["id"] = M(h, "memberUnit"), ["assessmentId"] = M(h, "memberAssessment") }, h => [M(h, "memberEvidence")]);
        On("GET /api/v1/science-boards/{id:guid}/refreshes/{refreshId:guid}/photo",
            h => new() { ["id"] = M(h, "board"), ["refreshId"] = M(h, "boardRefresh") }, h => [M(h, "boardPhoto")]);
        // 活动统计 are public numbers; their 佐证材料 (file names and files) are for the managers of the tally's place only.
        Open("GET /api/v1/popularization-activities/{id:guid}/tallies", h => IdOf(h, "tallyActivity"), h => [M(h, "tallyEvidence")]);
        On("GET /api/v1/popularization-activities/{id:guid}/tallies/{tallyId:guid}/evidence/{evidenceId:guid}",
            h => new() { ["id"] = M(h, "tallyActivity"), ["tallyId"] = M(h, "tally"), ["evidenceId"] = M(h, "tallyEvidenceId") }, h => [M(h, "tallyEvidence")]);
        return r;
    }

    /// <summary>Every /api/v1 GET endpoint whose route takes a value.</summary>
    private IReadOnlyList<string> LookupRoutes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/v1", StringComparison.Ordinal) && raw.Contains('{', StringComparison.Ordinal)
                && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => e.RoutePattern.RawText!)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public async Task No_role_of_another_county_reads_or_learns_the_name_of_a_hidden_record_of_DaYing_through_any_lookup()
    {
        var hidden = await HiddenAsync();
        var attackers = await AttackersAsync();
        var routes = LookupRoutes();
        Assert.True(routes.Count > 30, $"only {routes.Count} look-ups found");

        var missing = new List<string>();
        var violations = new List<string>();
        var attempts = 0;
        foreach (var route in routes)
        {
            var key = $"GET {route}";
            if (OpenByDesign.ContainsKey(key))
            {
                continue;
            }

            if (!Rules.TryGetValue(key, out var probe))
            {
                missing.Add(key);
                continue;
            }

            var url = Url(route, probe.Route(hidden));
            foreach (var (who, client) in attackers)
            {
                using var response = await client.GetAsync(url);
                attempts++;
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                if (status is not (401 or 403 or 404) && !(probe.Answers && status == 200))
                {
                    violations.Add($"{who}: {key} → {status} {body[..Math.Min(200, body.Length)]}");
                }

                foreach (var secret in probe.Secrets(hidden).Where(s => !string.IsNullOrEmpty(s) && body.Contains(s, StringComparison.Ordinal)))
                {
                    violations.Add($"{who}: {key} names “{secret}”");
                }
            }
        }

        var owner = await app.SignInAsync("daying");
        var blind = new List<string>();
        foreach (var key in OwnerSees)
        {
            var probe = Rules[key];
            using var response = await owner.GetAsync(Url(key["GET ".Length..], probe.Route(hidden)));
            var disposition = response.Content.Headers.ContentDisposition;
            var text = await response.Content.ReadAsStringAsync() + disposition?.FileNameStar + disposition?.FileName;
            if (!response.IsSuccessStatusCode || !probe.Secrets(hidden).Any(s => !string.IsNullOrEmpty(s) && text.Contains(s, StringComparison.Ordinal)))
            {
                blind.Add($"{key} → {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
            }
        }

        Assert.True(blind.Count == 0, "大英县管理员读不到（或读不出名称的）隐藏记录：\n" + string.Join("\n", blind));

        // The county's auditor (审计员) reads the same hidden records for oversight, but not a private worker's phone.
        var auditor = await app.SignInAsync("daying-auditor");
        var auditorBlind = new List<string>();
        foreach (var key in OwnerSees.Except(AuditorNeedsNot, StringComparer.Ordinal))
        {
            var probe = Rules[key];
            using var response = await auditor.GetAsync(Url(key["GET ".Length..], probe.Route(hidden)));
            var disposition = response.Content.Headers.ContentDisposition;
            var text = await response.Content.ReadAsStringAsync() + disposition?.FileNameStar + disposition?.FileName;
            if (!response.IsSuccessStatusCode || !probe.Secrets(hidden).Any(s => !string.IsNullOrEmpty(s) && text.Contains(s, StringComparison.Ordinal)))
            {
                auditorBlind.Add($"{key} → {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
            }
        }

        Assert.True(auditorBlind.Count == 0, "大英县审计员读不到（或读不出名称的）隐藏记录：\n" + string.Join("\n", auditorBlind));
        var auditedWorker = await auditor.GetStringAsync($"/api/v1/workers/{hidden.PrivateWorker}");
        Assert.Contains(hidden.WorkerName, auditedWorker);
        Assert.DoesNotContain(hidden.WorkerPhone, auditedWorker);
        // A rule for a look-up the host does not have would never be tried (there is no list of a need's attachments).
        Assert.Empty(Rules.Keys.Concat(OpenByDesign.Keys).Except(routes.Select(r => $"GET {r}"), StringComparer.Ordinal));
        Assert.True(missing.Count == 0 && violations.Count == 0,
            "GET endpoints with a route value but no look-up rule:\n" + string.Join("\n", missing)
            + $"\n{violations.Count} violations in {attempts} attempts:\n" + string.Join("\n", violations));
        Assert.True(attempts >= 200, $"only {attempts} attempts");
    }

    private static string Url(string pattern, Dictionary<string, string> values)
    {
        var url = pattern;
        foreach (var (name, value) in values)
        {
            url = System.Text.RegularExpressions.Regex.Replace(url, "\\{" + name + "(:[^}]*)?\\}", value);
        }

        Assert.DoesNotContain("{", url);
        return url;
    }

    /// <summary>The hidden records: made by 大英县's own users, as they would (drafts, a direct order with its contract), or taken from the demo.</summary>
    private async Task<Hidden> HiddenAsync()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var enterprise = await app.SignInAsync("enterprise");
        var worker = await app.SignInAsync("worker");
        var (organization, workerId) = await app.QueryAsync(async db => (
            (await db.Users.Where(u => u.UserName == "enterprise").Select(u => u.OrganizationId).SingleAsync())!.Value,
            (await db.Users.Where(u => u.UserName == "worker").Select(u => u.ScienceWorkerId).SingleAsync())!.Value));

        var needTitle = $"隐藏需求{token}";
        var need = (await (await enterprise.PostJsonAsync("/api/v1/needs", ProblemDetailsTests.NeedBody(needTitle))).OkJsonAsync())["id"]!.GetValue<string>();
        var needFile = $"需求附件{token}.pdf";
        var needAttachment = (await (await Market.MarketFiles.UploadAsync(enterprise, $"/api/v1/needs/{need}/attachments", Market.MarketFiles.Pdf, needFile)).OkJsonAsync())["id"]!.GetValue<string>();

        var offerTitle = $"隐藏所能{token}";
        var offer = (await (await worker.PostJsonAsync("/api/v1/offers", new
        {
            kind = "Service", title = offerTitle, description = "提供柑橘保鲜技术咨询。", disciplineCodes = new[] { "21030" }, industryCodes = new[] { "2614" },
            regionCode = DaYing, priceMode = "Negotiable",
        })).OkJsonAsync())["id"]!.GetValue<string>();
        var offerFile = $"所能附件{token}.pdf";
        var offerAttachment = (await (await Market.MarketFiles.UploadAsync(worker, $"/api/v1/offers/{offer}/attachments", Market.MarketFiles.Pdf, offerFile)).OkJsonAsync())["id"]!.GetValue<string>();

        var orderTitle = $"隐藏订单{token}";
        var order = (await (await enterprise.PostJsonAsync("/api/v1/orders", new { title = orderTitle, buyerOrganizationId = organization, providerWorkerId = workerId, regionCode = DaYing })).OkJsonAsync())["id"]!.GetValue<string>();
        var orderFileName = $"订单合同{token}.pdf";
        var orderFile = (await (await Market.MarketFiles.UploadAsync(enterprise, $"/api/v1/orders/{order}/files", Market.MarketFiles.Pdf, orderFileName)).OkJsonAsync())["id"]!.GetValue<string>();

        // An organization the county entered but has not verified, and a 科创工作室 its owner closed.
        var daying = await app.SignInAsync("daying");
        var organizationName = $"未审核单位{token}";
        var unverified = (await (await daying.PostJsonAsync("/api/v1/organizations", new { name = organizationName, kind = "Enterprise", creditCode = AccessScopeTests.NewCreditCode(DaYing), industryCode = "3091", regionCode = DaYing })).OkJsonAsync())["id"]!.GetValue<string>();
        Assert.False(await app.QueryAsync(db => db.Organizations.Where(o => o.Id == Guid.Parse(unverified)).Select(o => o.IsVerified).SingleAsync()));
        var owner = await app.QueryAsync(db => db.ScienceWorkers
            .Where(w => w.RegionCode.StartsWith(DaYing) && w.IsPublicProfile && w.UserId == null && !db.Storefronts.Any(s => s.OwnerWorkerId == w.Id))
            .OrderByDescending(w => w.Id).Select(w => w.Id).FirstAsync());
        var storefrontName = $"已关闭工作室{token}";
        var storefront = (await (await daying.PostJsonAsync("/api/v1/storefronts", new { name = storefrontName, introduction = "柑橘技术服务", regionCode = DaYing, ownerWorkerId = owner })).OkJsonAsync())["id"]!.GetValue<string>();
        await (await daying.PostAsync($"/api/v1/storefronts/{storefront}/close", null)).OkJsonAsync();

        // A questionnaire the county is still drafting (not yet sent out).
        var surveyName = $"未发放问卷{token}";
        var survey = (await (await daying.PostJsonAsync("/api/v1/surveys", new { name = surveyName, year = OwnYear, regionCode = DaYing, distribution = "Anonymous", distributed = 100, template = true })).OkJsonAsync())["id"]!.GetValue<string>();

        var more = await OtherFeaturesAsync(token, daying, worker);
        // A society's 党建 record: its 党建指导员 is for the county's admins only.
        var society = Guid.Parse((await (await daying.PostJsonAsync("/api/v1/associations", new { name = $"矩阵测试学会{token}", kind = "Society", regionCode = DaYing })).OkJsonAsync())["id"]!.GetValue<string>());
        more["partyInstructor"] = $"指导员{token}";
        await (await daying.PutJsonAsync($"/api/v1/association-management/{society}/party", new { instructorName = more["partyInstructor"], formalMembers = 2, form = "Joint", establishedOn = "2020-07-01" })).OkJsonAsync();
        more["managedAssociation"] = society.ToString();
        // Its 清理整顿 (no 2017 年检): the reasons are for the county's admins only.
        more["rectificationReasons"] = $"整顿原因{token}";
        more["rectification"] = (await (await daying.PostJsonAsync($"/api/v1/association-management/{society}/rectifications", new { year = 2017, reasons = more["rectificationReasons"], deadline = "2030-12-31" })).OkJsonAsync())["id"]!.GetValue<string>();
        // Its 整改材料: for its leads and the county's managers.
        more["rectificationFile"] = $"整改材料{token}.pdf";
        more["rectificationAttachment"] = (await (await Market.MarketFiles.UploadAsync(daying, $"/api/v1/society-rectifications/{more["rectification"]}/attachments", Market.MarketFiles.Pdf, more["rectificationFile"])).OkJsonAsync())["id"]!.GetValue<string>();
        // Its 年检 materials: for its leads and the county's managers.
        more["inspection"] = (await (await daying.PostJsonAsync($"/api/v1/association-management/{society}/inspections", new { year = 2018, individualMembers = 0, groupMembers = 0 })).OkJsonAsync())["id"]!.GetValue<string>();
        more["inspectionFile"] = $"年检材料{token}.pdf";
        more["inspectionAttachment"] = (await (await Market.MarketFiles.UploadAsync(daying, $"/api/v1/association-inspections/{more["inspection"]}/attachments", Market.MarketFiles.Pdf, more["inspectionFile"])).OkJsonAsync())["id"]!.GetValue<string>();
        // A visitor's subscription and question at a station of 大英县 (seen only by its staff, and by the visitor through their own link).
        var station = await app.QueryAsync(db => db.EStations.Where(x => x.RegionCode.StartsWith(DaYing)).OrderBy(x => x.Id).Select(x => x.Id).FirstAsync());
        more["subscriberName"] = $"订阅人{token}";
        await (await app.Anonymous().PostJsonAsync($"/api/v1/e-stations/{station}/subscriptions", new { subscriberKind = "Resident", subscriberName = more["subscriberName"], tags = new[] { "健康" } })).OkJsonAsync();
        more["askerName"] = $"提问人{token}";
        more["questionText"] = $"隐藏问题{token}";
        more["question"] = (await (await app.Anonymous().PostJsonAsync($"/api/v1/e-stations/{station}/questions", new { askerName = more["askerName"], text = more["questionText"] })).OkJsonAsync())["id"]!.GetValue<string>();
        more["questionStation"] = station.ToString();
        // The station's kiosk device and own post (seen by its staff, and the post on its own kiosk only).
        more["kioskStation"] = station.ToString();
        more["deviceName"] = $"隐藏设备{token}";
        await (await daying.PostJsonAsync($"/api/v1/e-stations/{station}/devices", new { name = more["deviceName"] })).OkJsonAsync();
        more["postTitle"] = $"隐藏发布{token}";
        more["post"] = (await (await daying.PostJsonAsync($"/api/v1/e-stations/{station}/posts", new { title = more["postTitle"], body = "本站通知", tags = new[] { "健康" } })).OkJsonAsync())["id"]!.GetValue<string>();
        // A 纲要实施成员单位: its contact and its assessment's evidence are the county admin's only.
        more["memberContact"] = KexieApp.NewPhone();
        more["memberUnit"] = (await (await daying.PostJsonAsync("/api/v1/science-literacy/member-units", new { regionCode = DaYing, name = $"隐藏成员单位{token}", joinedOn = "2024-01-01", contactName = "隐藏联系人", contactPhone = more["memberContact"] })).OkJsonAsync())["id"]!.GetValue<string>();
        more["memberAssessment"] = (await (await daying.PostJsonAsync($"/api/v1/science-literacy/member-units/{more["memberUnit"]}/assessments", new { year = 2025, result = "完成" })).OkJsonAsync())["id"]!.GetValue<string>();
        more["memberEvidence"] = $"隐藏考核表{token}.pdf";
        await (await Market.MarketFiles.UploadAsync(daying, $"/api/v1/science-literacy/member-units/{more["memberUnit"]}/assessments/{more["memberAssessment"]}/evidence", Market.MarketFiles.Pdf, more["memberEvidence"])).OkJsonAsync();
        // A 科普宣传栏's refresh photo is the county admin's only (built in 2026: the demo's counts stay as they are).
        more["board"] = (await (await daying.PostJsonAsync("/api/v1/science-boards", new { regionCode = DaYing, name = $"隐藏宣传栏{token}", kind = "Board", builtOn = "2026-01-01" })).OkJsonAsync())["id"]!.GetValue<string>();
        more["boardRefresh"] = (await (await daying.PostJsonAsync($"/api/v1/science-boards/{more["board"]}/refreshes", new { day = "2026-02-01", topic = "隐藏更新" })).OkJsonAsync())["id"]!.GetValue<string>();
        more["boardPhoto"] = $"隐藏照片{token}.png";
        await (await Market.MarketFiles.UploadAsync(daying, $"/api/v1/science-boards/{more["board"]}/refreshes/{more["boardRefresh"]}/photo", Market.MarketFiles.Png, more["boardPhoto"], "image/png")).OkJsonAsync();

        // A tally's evidence photo: for 大英县's managers only (the tally itself is public).
        var tallied = await app.QueryAsync(db => db.EventTallies.Where(t => t.RegionCode.StartsWith(DaYing)).OrderBy(t => t.Id).Select(t => new { t.Id, t.ActivityId }).FirstAsync());
        more["tallyActivity"] = tallied.ActivityId.ToString();
        more["tally"] = tallied.Id.ToString();
        more["tallyEvidence"] = $"隐藏佐证{token}.png";
        more["tallyEvidenceId"] = (await (await Market.MarketFiles.UploadAsync(daying, $"/api/v1/popularization-activities/{tallied.ActivityId}/tallies/{tallied.Id}/evidence", Market.MarketFiles.Png, more["tallyEvidence"], "image/png")).OkJsonAsync())["id"]!.GetValue<string>();

        return await app.QueryAsync(async db =>
        {
            var secret = await db.ScienceWorkers.Where(w => w.RegionCode.StartsWith(DaYing) && w.RegionCode != DaYing && !w.IsPublicProfile && w.UserId == null)
                .OrderBy(w => w.Id).Select(w => new { w.Id, w.Name, w.Phone, w.RegionCode }).FirstAsync();
            var township = await db.Regions.Where(x => x.Code == secret.RegionCode).Select(x => x.Name).SingleAsync();
            var plan = await db.ResponsePlans.Where(p => p.RegionCode.StartsWith(DaYing)).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            var participant = await db.ActivityParticipants.Where(p => p.RegionCode.StartsWith(DaYing)).OrderBy(p => p.Id).Select(p => new { p.ActivityId, p.Name, p.Phone }).FirstAsync();
            return new Hidden(
                secret.Id, secret.Name, secret.Phone, township,
                Guid.Parse(need), needTitle, Guid.Parse(needAttachment), needFile,
                Guid.Parse(offer), offerTitle, Guid.Parse(offerAttachment), offerFile,
                Guid.Parse(order), orderTitle, Guid.Parse(orderFile), orderFileName,
                plan, participant.ActivityId, participant.Name, participant.Phone,
                Guid.Parse(unverified), organizationName, Guid.Parse(storefront), storefrontName,
                Guid.Parse(survey), surveyName, more);
        });
    }

    /// <summary>
    /// Hidden records of the other features, made by 大英县's own users or taken from the demo: an agency not yet admitted, an
    /// association with a private worker among its members, a contest's unawarded work and an unverified school, an e-station's
    /// contact, a private worker in the expert library, on a workstation and nominated for an honour, a fair project still in
    /// draft with its attachment, a linkage task, a volunteer and their service record, a proposal, a draft 科普 article and a
    /// think-tank topic.
    /// </summary>
    private async Task<Dictionary<string, string>> OtherFeaturesAsync(string token, HttpClient daying, HttpClient worker)
    {
        static string IdOf(System.Text.Json.Nodes.JsonNode node) => node["id"]!.GetValue<string>();
        var more = new Dictionary<string, string>(StringComparer.Ordinal);
        var staff = await app.SignInAsync("daying-staff");
        var privateWorker = await app.QueryAsync(db => db.ScienceWorkers.Where(w => w.RegionCode.StartsWith(DaYing) && w.RegionCode != DaYing && !w.IsPublicProfile && w.UserId == null)
            .OrderBy(w => w.Id).Select(w => w.Id).FirstAsync());
        var organization = await app.QueryAsync(db => db.Organizations.Where(o => o.RegionCode.StartsWith(DaYing) && o.IsVerified).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());

        more["agencyName"] = $"待入驻机构{token}";
        more["agencyPhone"] = KexieApp.NewPhone();
        more["agency"] = IdOf(await (await daying.PostJsonAsync("/api/v1/agencies", new { name = more["agencyName"], creditCode = AccessScopeTests.NewCreditCode(DaYing), serviceScope = "技术咨询", regionCode = DaYing, contactName = "王经理", contactPhone = more["agencyPhone"] })).OkJsonAsync());

        var association = IdOf(await (await daying.PostJsonAsync("/api/v1/associations", new { name = $"会员测试农技协{token}", kind = "RuralTechAssociation", regionCode = DaYing })).OkJsonAsync());
        await (await daying.PostJsonAsync($"/api/v1/associations/{association}/members", new { scienceWorkerId = privateWorker, role = "Member" })).OkJsonAsync();
        more["association"] = association;

        more["contest"] = IdOf(await (await daying.PostJsonAsync("/api/v1/contests", new { name = $"查询测试大赛{token}", year = OwnYear, regionCode = DaYing, categories = new[] { "科技创新成果" }, recommendQuota = 5 })).OkJsonAsync());
        more["schoolName"] = $"未审核学校{token}";
        var school = IdOf(await (await daying.PostJsonAsync("/api/v1/organizations", new { name = more["schoolName"], kind = "School", creditCode = AccessScopeTests.NewCreditCode(DaYing), industryCode = "8334", regionCode = DaYing })).OkJsonAsync());
        more["entryTitle"] = $"未获奖作品{token}";
        more["student"] = $"学生{token}";
        more["entry"] = IdOf(await (await daying.PostJsonAsync($"/api/v1/contests/{more["contest"]}/entries", new { schoolId = school, title = more["entryTitle"], category = "科技创新成果", students = new[] { more["student"] }, teacher = "李老师" })).OkJsonAsync());
        more["entryFile"] = $"研究报告{token}.pdf";
        more["entryAttachment"] = IdOf(await (await Market.MarketFiles.UploadAsync(daying, $"/api/v1/contest-entries/{more["entry"]}/attachments", Market.MarketFiles.Pdf, more["entryFile"])).OkJsonAsync());

        more["stationContact"] = $"站长{token}";
        more["stationPhone"] = KexieApp.NewPhone();
        more["station"] = IdOf(await (await staff.PostJsonAsync("/api/v1/e-stations", new { name = $"社区e站{token}", siteKind = "Community", regionCode = DaYing, contactName = more["stationContact"], contactPhone = more["stationPhone"] })).OkJsonAsync());

        more["expertise"] = $"柑橘黄龙病防控{token}";
        more["expert"] = IdOf(await (await daying.PostJsonAsync("/api/v1/experts", new { workerId = privateWorker, level = "County", expertise = more["expertise"], researchDirections = new[] { "黄龙病" }, profile = "长期在基层从事植保。" })).OkJsonAsync());
        more["workstation"] = IdOf(await (await staff.PostJsonAsync("/api/v1/workstations", new { name = $"查询测试专家工作站{token}", kind = "ExpertWorkstation", level = "County", hostOrganizationId = organization, expertWorkerIds = new[] { privateWorker }, foundedOn = "2023-01-01" })).OkJsonAsync());

        var honourCall = IdOf(await (await daying.PostJsonAsync("/api/v1/honours/calls", new { name = $"查询测试人才评选{token}", kind = "OutstandingTalent", year = OwnYear, regionCode = DaYing })).OkJsonAsync());
        more["nominationReason"] = $"推荐理由{token}";
        await (await daying.PostJsonAsync($"/api/v1/honours/calls/{honourCall}/nominations", new { workerId = privateWorker, reason = more["nominationReason"] })).OkJsonAsync();
        more["honourCall"] = honourCall;

        var fair = IdOf(await (await daying.PostJsonAsync("/api/v1/fairs", new { name = $"查询测试科创会{token}", description = "用于越权查询测试", regionCode = DaYing })).OkJsonAsync());
        more["projectTitle"] = $"草稿项目{token}";
        var project = IdOf(await (await daying.PostJsonAsync($"/api/v1/fairs/{fair}/projects", new { category = "TechnologyToPromote", title = more["projectTitle"], description = "柠檬深加工技术", organizationId = organization, regionCode = DaYing })).OkJsonAsync());
        more["projectFile"] = $"项目附件{token}.pdf";
        more["projectAttachment"] = IdOf(await (await Market.MarketFiles.UploadAsync(daying, $"/api/v1/fairs/{fair}/projects/{project}/attachments", Market.MarketFiles.Pdf, more["projectFile"])).OkJsonAsync());
        more["fair"] = fair;
        more["project"] = project;

        more["linkageTitle"] = $"查询测试联动任务{token}";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await (await (await app.SignInAsync("suining")).PostJsonAsync("/api/v1/indicators/linkage-tasks", new { title = more["linkageTitle"], indicatorCode = "W02", regionCodes = new[] { DaYing }, target = 4, startsOn = today.AddDays(-10), dueOn = today.AddDays(10) })).OkJsonAsync();

        more["proposalTitle"] = $"隐藏建言{token}";
        more["proposal"] = IdOf(await (await worker.PostJsonAsync("/api/v1/proposals", new { title = more["proposalTitle"], content = "关于柑橘产业的建议", proposerName = "张工", regionCode = DaYing })).OkJsonAsync());

        more["contentTitle"] = $"未发布科普文章{token}";
        more["content"] = IdOf(await (await staff.PostJsonAsync("/api/v1/science-contents", new { kind = "Article", title = more["contentTitle"], body = "<p>柑橘保鲜小知识</p>", authorOrganization = "大英县科协", regionCode = DaYing })).OkJsonAsync());
        more["contentImage"] = IdOf(await (await Market.MarketFiles.UploadAsync(staff, $"/api/v1/science-contents/{more["content"]}/images", Market.MarketFiles.Png, "保鲜.png", "image/png")).OkJsonAsync());

        var call = IdOf(await (await daying.PostJsonAsync("/api/v1/think-tank/calls", new { title = $"查询测试课题征集{token}", regionCode = DaYing, deadline = today.AddDays(30) })).OkJsonAsync());
        more["topicTitle"] = $"隐藏课题{token}";
        more["topic"] = IdOf(await (await worker.PostJsonAsync($"/api/v1/think-tank/calls/{call}/topics", new { title = more["topicTitle"], summary = "内容", leaderName = "张教授", leaderOrganization = "某学院", regionCode = DaYing })).OkJsonAsync());
        // An expert of the county's 专家库 assigned to review it (the assignment is the expert's and the county's alone).
        more["assignment"] = IdOf(await (await daying.PostJsonAsync($"/api/v1/think-tank/topics/{more["topic"]}/assignments", new { expertId = more["expert"] })).OkJsonAsync());
        // The same expert assigned to the contest's unawarded work (the assignment is the expert's and the county's alone).
        await (await daying.PostJsonAsync($"/api/v1/contests/{more["contest"]}/assignments", new { expertId = more["expert"], entryIds = new[] { more["entry"] } })).OkJsonAsync();

        // A 志愿者招募 of today's 大英县 activity with the worker's application (its note names it).
        var joined = await worker.PostJsonAsync("/api/v1/volunteers/me", new { });
        Assert.True(joined.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, joined.StatusCode.ToString());
        var chinaToday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        more["recruitActivity"] = IdOf(await (await staff.PostJsonAsync("/api/v1/popularization-activities", new { kind = "Lecture", title = $"查询测试志愿者招募{token}", regionCode = DaYing, venue = "蓬莱镇", startsOn = chinaToday, endsOn = chinaToday })).OkJsonAsync());
        await (await staff.PutJsonAsync($"/api/v1/popularization-activities/{more["recruitActivity"]}/volunteer-call", new { slots = 3, deadline = chinaToday })).OkJsonAsync();
        more["applicantNote"] = $"报名说明{token}";
        await (await worker.PostJsonAsync($"/api/v1/popularization-activities/{more["recruitActivity"]}/volunteer-call/applications", new { note = more["applicantNote"] })).OkJsonAsync();

        return await app.QueryAsync(async db =>
        {
            var contestEntry = Guid.Parse(more["entry"]);
            more["contestAssignment"] = (await db.ContestAssignments.Where(a => a.EntryId == contestEntry).Select(a => a.Id).FirstAsync()).ToString();
            more["linkageTask"] = (await db.LinkageTasks.Where(t => t.Title == more["linkageTitle"]).Select(t => t.Id).FirstAsync()).ToString();
            var service = await db.ServiceRecords.Where(x => x.RegionCode.StartsWith(DaYing) && db.PopularizationActivities.Any(a => a.Id == x.ActivityId && a.RegionCode.StartsWith(DaYing)))
                .OrderBy(x => x.Id).Select(x => new { x.ActivityId, x.VolunteerId }).FirstAsync();
            var volunteer = await db.Volunteers.Where(v => v.Id == service.VolunteerId).Select(v => new { v.Name, v.Phone }).SingleAsync();
            more["serviceActivity"] = service.ActivityId.ToString();
            more["volunteer"] = service.VolunteerId.ToString();
            more["volunteerName"] = volunteer.Name;
            more["volunteerPhone"] = volunteer.Phone;
            return more;
        });
    }

    /// <summary>Accounts of 射洪市, one per role, and anonymous.</summary>
    private async Task<List<(string Who, HttpClient Client)>> AttackersAsync()
    {
        var admin = await app.SignInAsync("admin");
        var shehong = await app.SignInAsync("shehong");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var worker = await (await shehong.PostJsonAsync("/api/v1/workers", new { name = "射洪查询者", gender = "Female", birthYear = 1985, employer = "射洪市农业农村局", title = "中级", disciplineCodes = new[] { "21030" }, education = "大学本科", phone = KexieApp.NewPhone(), regionCode = SheHong, isPublicProfile = false })).OkJsonAsync();
        var organization = await app.QueryAsync(db => db.Organizations.Where(o => o.RegionCode.StartsWith(SheHong)).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        var accounts = new (string Name, string Role, Guid? Worker, Guid? Organization)[]
        {
            ($"l-staff-{suffix}", "ServiceCenterStaff", null, null),
            ($"l-worker-{suffix}", "ScienceWorker", Guid.Parse(worker["id"]!.GetValue<string>()), null),
            ($"l-org-{suffix}", "OrganizationMember", null, organization),
            ($"l-agency-{suffix}", "AgencyMember", null, null),
        };
        var clients = new List<(string, HttpClient)> { ("匿名", app.Anonymous()), ("shehong", shehong) };
        foreach (var (name, role, workerId, organizationId) in accounts)
        {
            await (await admin.PostJsonAsync("/api/v1/users", new { userName = name, displayName = $"射洪{Enum.Parse<UserRole>(role).Chinese()}", password = "Kexie@2026", role, regionCode = SheHong, scienceWorkerId = workerId, organizationId })).OkJsonAsync();
            clients.Add((name, await app.SignInAsync(name)));
        }

        return clients;
    }
}

public sealed class LookupMatrixSqliteTests(SqliteApp app) : LookupMatrixTests(app);

public sealed class LookupMatrixPostgresTests(PostgresApp app) : LookupMatrixTests(app);
