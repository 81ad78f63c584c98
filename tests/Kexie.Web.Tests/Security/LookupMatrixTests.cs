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
    private const string SheHong = "510981";

    /// <summary>How a look-up is tried: the route values naming the hidden record, and the words its answer must not contain.</summary>
    private sealed record Probe(Func<Hidden, Dictionary<string, string>> Route, Func<Hidden, string[]> Secrets);

    /// <summary>Records of 大英县 that no role of 射洪市 (nor anyone anonymous) may read, and what would name them.</summary>
    private sealed record Hidden(
        Guid PrivateWorker, string WorkerName, string WorkerPhone, string WorkerTownship,
        Guid DraftNeed, string NeedTitle, Guid NeedAttachment, string NeedFile,
        Guid DraftOffer, string OfferTitle, Guid OfferAttachment, string OfferFile,
        Guid Order, string OrderTitle, Guid OrderFile, string OrderFileName,
        Guid Plan, Guid Activity, string ParticipantName, string ParticipantPhone,
        Guid Organization, string OrganizationName, Guid Storefront, string StorefrontName,
        Guid DraftSurvey, string SurveyName,
        Guid Station, string SubscriberName, Guid Question, string AskerName, string QuestionText);

    /// <summary>Look-ups open by design: public code lists and regions, the import templates, published fairs, contests and calls.</summary>
    private static readonly Dictionary<string, string> OpenByDesign = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/regions/{code}"] = "行政区划是公开的代码表",
        ["GET /api/v1/regions/{code}/children"] = "行政区划是公开的代码表",
        ["GET /api/v1/regions/{code}/ancestry"] = "行政区划是公开的代码表",
        ["GET /api/v1/lookups/{kind}"] = "学科、行业等代码表是公开的",
        ["GET /api/v1/dictionaries/{type}"] = "字典是公开的代码表",
        ["GET /api/v1/imports/{kind}/template.xlsx"] = "导入模板不含数据",
        ["GET /api/v1/e-stations/{id:guid}/terminals"] = "e站终端（类型、安放地点）是公开的",
    };

    /// <summary>
    /// Look-ups of records that are public once published (fairs, contests, calls, stations, venues, teams, directory
    /// entries…) or whose hidden variant this matrix does not make yet: listed here by name so that a new look-up still
    /// fails the test until someone decides. Each should get a hidden record and a rule (see the report of issue 10).
    /// </summary>
    private static readonly HashSet<string> NotYetProbed = new(StringComparer.Ordinal)
    {
        "GET /api/v1/agencies/{id:guid}",
        "GET /api/v1/associations/{id:guid}",
        "GET /api/v1/associations/{id:guid}/members",
        "GET /api/v1/contest-entries/{id:guid}",
        "GET /api/v1/contests/{id:guid}",
        "GET /api/v1/contests/{id:guid}/entries",
        "GET /api/v1/contests/{id:guid}/school-options",
        "GET /api/v1/contests/{id:guid}/upward-targets",
        "GET /api/v1/e-stations/{id:guid}",
        "GET /api/v1/e-stations/{id:guid}/usage",
        "GET /api/v1/experts/{id:guid}",
        "GET /api/v1/fairs/{fairId:guid}/projects/{id:guid}/attachments/{attachmentId:guid}",
        "GET /api/v1/fairs/{id:guid}",
        "GET /api/v1/fairs/{id:guid}/catalogue",
        "GET /api/v1/fairs/{id:guid}/projects",
        "GET /api/v1/honours/calls/{id:guid}",
        "GET /api/v1/honours/calls/{id:guid}/nominations",
        "GET /api/v1/indicators/linkage-tasks/{id:guid}",
        "GET /api/v1/popularization-activities/{id:guid}",
        "GET /api/v1/popularization-activities/{id:guid}/service-records",
        "GET /api/v1/popularization-activities/{id:guid}/tallies",
        "GET /api/v1/proposals/{id:guid}",
        "GET /api/v1/science-contents/{id:guid}",
        "GET /api/v1/think-tank/calls/{id:guid}",
        "GET /api/v1/think-tank/topics/{id:guid}",
        "GET /api/v1/venues/{id:guid}",
        "GET /api/v1/venues/{id:guid}/visits",
        "GET /api/v1/volunteer-teams/{id:guid}",
        "GET /api/v1/volunteers/{id:guid}",
        "GET /api/v1/workstations/{id:guid}",
    };

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
        On("GET /api/v1/needs/{id:guid}/attachments/", h => Id(h.DraftNeed), h => [h.NeedTitle, h.NeedFile]);
        On("GET /api/v1/needs/{id:guid}/attachments/{attachmentId:guid}", h => new() { ["id"] = h.DraftNeed.ToString(), ["attachmentId"] = h.NeedAttachment.ToString() }, h => [h.NeedTitle, h.NeedFile]);
        On("GET /api/v1/offers/{id:guid}", h => Id(h.DraftOffer), h => [h.OfferTitle]);
        On("GET /api/v1/offers/{id:guid}/recommended-needs", h => Id(h.DraftOffer), h => [h.OfferTitle]);
        On("GET /api/v1/offers/{id:guid}/attachments/", h => Id(h.DraftOffer), h => [h.OfferTitle, h.OfferFile]);
        On("GET /api/v1/offers/{id:guid}/attachments/{attachmentId:guid}", h => new() { ["id"] = h.DraftOffer.ToString(), ["attachmentId"] = h.OfferAttachment.ToString() }, h => [h.OfferTitle, h.OfferFile]);
        On("GET /api/v1/orders/{id:guid}", h => Id(h.Order), h => [h.OrderTitle]);
        On("GET /api/v1/orders/{id:guid}/files/", h => Id(h.Order), h => [h.OrderTitle, h.OrderFileName]);
        On("GET /api/v1/orders/{id:guid}/files/{fileId:guid}", h => new() { ["id"] = h.Order.ToString(), ["fileId"] = h.OrderFile.ToString() }, h => [h.OrderTitle, h.OrderFileName]);
        On("GET /api/v1/plans/{id:guid}", h => Id(h.Plan), _ => []);
        On("GET /api/v1/plans/{id:guid}/candidate-options", h => Id(h.Plan), _ => []);
        On("GET /api/v1/organizations/{id:guid}", h => Id(h.Organization), h => [h.OrganizationName]);
        On("GET /api/v1/storefronts/{id:guid}", h => Id(h.Storefront), h => [h.StorefrontName]);
        On("GET /api/v1/popularization-activities/{id:guid}/participants", h => Id(h.Activity), h => [h.ParticipantName, h.ParticipantPhone]);
        On("GET /api/v1/e-stations/{id:guid}/subscriptions", h => Id(h.Station), h => [h.SubscriberName]);
        On("GET /api/v1/e-stations/{id:guid}/questions", h => Id(h.Station), h => [h.AskerName, h.QuestionText]);
        On("GET /api/v1/e-station-questions/{id:guid}", h => Id(h.Question), h => [h.AskerName, h.QuestionText]);
        On("GET /api/v1/e-station-questions/by-key/{key}", _ => new() { ["key"] = new string('a', 32) }, h => [h.AskerName, h.QuestionText]);
        On("GET /api/v1/e-station-subscriptions/by-key/{key}/feed", _ => new() { ["key"] = new string('a', 32) }, h => [h.SubscriberName]);
        On("GET /api/v1/surveys/{id:guid}", h => Id(h.DraftSurvey), h => [h.SurveyName]);
        On("GET /api/v1/surveys/{id:guid}/results", h => Id(h.DraftSurvey), h => [h.SurveyName]);
        On("GET /api/v1/surveys/{id:guid}/export", h => Id(h.DraftSurvey), h => [h.SurveyName]);
        On("GET /api/v1/surveys/{id:guid}/invitations", h => Id(h.DraftSurvey), h => [h.SurveyName]);
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
            if (OpenByDesign.ContainsKey(key) || NotYetProbed.Contains(key))
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
                if (status is not (401 or 403 or 404))
                {
                    violations.Add($"{who}: {key} → {status} {body[..Math.Min(200, body.Length)]}");
                }

                foreach (var secret in probe.Secrets(hidden).Where(s => !string.IsNullOrEmpty(s) && body.Contains(s, StringComparison.Ordinal)))
                {
                    violations.Add($"{who}: {key} names “{secret}”");
                }
            }
        }

        Assert.True(missing.Count == 0 && violations.Count == 0,
            "GET endpoints with a route value but no look-up rule:\n" + string.Join("\n", missing)
            + $"\n{violations.Count} violations in {attempts} attempts:\n" + string.Join("\n", violations));
        Assert.True(attempts >= 105, $"only {attempts} attempts");
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
        var survey = (await (await daying.PostJsonAsync("/api/v1/surveys", new { name = surveyName, year = 2026, regionCode = DaYing, distribution = "Anonymous", distributed = 100, template = true })).OkJsonAsync())["id"]!.GetValue<string>();

        // A visitor's subscription and question at a station of 大英县 (seen only by its staff, and by the visitor through their own link).
        var station = await app.QueryAsync(db => db.EStations.Where(x => x.RegionCode.StartsWith(DaYing)).OrderBy(x => x.Id).Select(x => x.Id).FirstAsync());
        var subscriberName = $"订阅人{token}";
        await (await app.Anonymous().PostJsonAsync($"/api/v1/e-stations/{station}/subscriptions", new { subscriberKind = "Resident", subscriberName, tags = new[] { "健康" } })).OkJsonAsync();
        var askerName = $"提问人{token}";
        var questionText = $"隐藏问题{token}";
        var question = (await (await app.Anonymous().PostJsonAsync($"/api/v1/e-stations/{station}/questions", new { askerName, text = questionText })).OkJsonAsync())["id"]!.GetValue<string>();

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
                Guid.Parse(survey), surveyName,
                station, subscriberName, Guid.Parse(question), askerName, questionText);
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
