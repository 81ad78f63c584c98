using System.Net;
using System.Net.Http.Json;
using System.Text;
using Kexie.Data;
using Kexie.Domain.Market;
using Kexie.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// Every write endpoint of /api/v1 (read from the host's own endpoint list) × every role of another county (admin, staff,
/// science worker, organization member) and anonymous × a record of 大英县 (in the route, or referenced by the body). Each
/// attempt must be refused with 401, 403 or 404 — or, for a create that names another county's party, 400/403 on that field —
/// and must change nothing: the target row is byte-for-byte the same and the attacker has no audit entry. An endpoint without
/// a rule here fails the test, so a new endpoint is covered from its first line. The county's own auditor (审计员) attacks
/// too, and must be refused with a 403 everywhere: its role holds no write permission (the catalogue is checked as well).
/// </summary>
public abstract class WriteMatrixTests(KexieApp app)
{
    private const string DaYing = "510923";

    /// <summary>The year of the contest, honour call and survey this class writes in 大英县: one of its own, never the demo's (TestYears).</summary>
    private int OwnYear => TestYears.OwnYear(nameof(WriteMatrixTests), app.Provider);
    private const string SheHong = "510981";

    /// <summary>How an endpoint is attacked: the route values, the body, and the record whose row must not change.</summary>
    private sealed record Attack(Func<Targets, Dictionary<string, string>> Route, Func<Targets, object?> Body, Func<Targets, (Type Type, object Id)?> Row, bool Multipart = false);

    /// <summary>Records of 大英县 the attacks aim at, and parties of 射洪市 the attackers are.</summary>
    private sealed record Targets(
        Guid PrivateWorker, Guid PublicWorker, Guid Organization, Guid Association, Guid AssociationMember, Guid Agency, Guid Content,
        Guid Activity, Guid Participant, Guid EStation, Guid Call, Guid Topic, Guid Proposal, Guid Offer, Guid Need, Guid Plan,
        Guid Order, Guid Ticket, Guid Fair, Guid FairProject, Guid Storefront, Guid Expert, Guid LinkageTask, Guid SheHongOrganization,
        Guid Application, string Account,
        Guid Venue, Guid VenueVisit, Guid TallyActivity, Guid Tally, Guid PlanCandidate, Guid Contest, Guid ContestEntry, Guid HonourCall, Guid Nomination, Guid Workstation,
        Guid VolunteerTeam, Guid Volunteer, Guid ServiceActivity, Guid ServiceRecord, Guid LiteracySurvey, Guid LiteracyTarget, Guid Survey,
        Guid Inspection, Guid LeadershipPost,
        Guid TerminalStation, Guid Terminal, Guid Question, Guid DeviceStation, Guid Device, Guid PostStation, Guid Post, Guid QuizQuestion,
        Guid AgreementProject, Guid Agreement, Guid SocietyActivity,
        Guid MemberUnit, Guid MemberTask, Guid MemberAssessment, Guid Board, Guid BoardRefresh,
        Guid SuggestionSurvey, Guid SuggestionResponse, Guid Rectification, Guid Partner = default, Guid Evidence = default, Guid Series = default,
        Guid RecruitActivity = default, Guid VolunteerCall = default, Guid VolunteerApplication = default, Guid WebQuiz = default, int Year = 0);

    /// <summary>Endpoints open by design to anyone or to every signed-in user whatever their region (no record of another region is written in another's name).</summary>
    private static readonly HashSet<string> OpenByDesign = new(StringComparer.Ordinal)
    {
        "POST /api/v1/auth/login",
        "POST /api/v1/auth/logout",
        "POST /api/v1/auth/token",
        "POST /api/v1/auth/token/refresh",
        "POST /api/v1/auth/token/revoke",
        "POST /api/v1/auth/codes",
        "POST /api/v1/auth/register",
        "POST /api/v1/auth/password/reset",
        "POST /api/v1/matching/suggest-disciplines",
        "POST /api/v1/needs/similar",
        "POST /api/v1/notifications/{id:guid}/read",
        "POST /api/v1/notifications/read-all",
        "PUT /api/v1/notifications/settings",
        "POST /api/v1/popularization-activities/{id:guid}/registrations",
        "POST /api/v1/e-stations/{id:guid}/subscriptions",
        "POST /api/v1/e-stations/{id:guid}/questions",
        "POST /api/v1/think-tank/calls/{id:guid}/topics",
        "POST /api/v1/proposals/",
        "POST /api/v1/volunteers/me",
        // Any registered volunteer may apply to a public call, wherever they live: it writes their own application only.
        "POST /api/v1/popularization-activities/{id:guid}/volunteer-call/applications",
        "POST /api/v1/surveys/{id:guid}/responses",
        "POST /api/v1/web-quizzes/{id:guid}/attempts",
        "POST /api/v1/expert-conflicts/",
    };

    private static Dictionary<string, string> Id(Guid id) => new() { ["id"] = id.ToString() };

    private static readonly Dictionary<string, Attack> Rules = BuildRules();

    private static Dictionary<string, Attack> BuildRules()
    {
        var none = new Dictionary<string, string>();
        var r = new Dictionary<string, Attack>(StringComparer.Ordinal);
        void On(string key, Func<Targets, Dictionary<string, string>> route, Func<Targets, object?> body, Func<Targets, (Type, object)?> row, bool multipart = false) =>
            r[key] = new Attack(route, body, row, multipart);
        (Type, object)? Row<T>(Guid id) => (typeof(T), id);

        // Directory
        object WorkerBody(Targets t) => new { name = "篡改", gender = "Male", birthYear = 1980, employer = "x", title = "中级", disciplineCodes = new[] { "21030" }, education = "大学本科", phone = "13900000000", regionCode = DaYing, isPublicProfile = true };
        On("POST /api/v1/workers/", _ => none, WorkerBody, _ => null);
        On("PUT /api/v1/workers/{id:guid}", t => Id(t.PrivateWorker), WorkerBody, t => Row<Kexie.Domain.Directory.ScienceWorker>(t.PrivateWorker));
        On("DELETE /api/v1/workers/{id:guid}", t => Id(t.PrivateWorker), _ => null, t => Row<Kexie.Domain.Directory.ScienceWorker>(t.PrivateWorker));
        object OrgBody(Targets t) => new { name = "篡改单位", kind = "Enterprise", creditCode = AccessScopeTests.NewCreditCode(DaYing), industryCode = "3091", regionCode = DaYing };
        On("POST /api/v1/organizations/", _ => none, OrgBody, _ => null);
        On("PUT /api/v1/organizations/{id:guid}", t => Id(t.Organization), OrgBody, t => Row<Kexie.Domain.Directory.Organization>(t.Organization));
        On("POST /api/v1/organizations/{id:guid}/verify", t => Id(t.Organization), _ => null, t => Row<Kexie.Domain.Directory.Organization>(t.Organization));
        On("DELETE /api/v1/organizations/{id:guid}", t => Id(t.Organization), _ => null, t => Row<Kexie.Domain.Directory.Organization>(t.Organization));
        object AssociationBody(Targets t) => new { name = "篡改学会", kind = "Society", regionCode = DaYing };
        On("POST /api/v1/associations/", _ => none, AssociationBody, _ => null);
        On("PUT /api/v1/associations/{id:guid}", t => Id(t.Association), AssociationBody, t => Row<Kexie.Domain.Directory.Association>(t.Association));
        On("POST /api/v1/associations/{id:guid}/members", t => Id(t.Association), t => new { scienceWorkerId = t.PublicWorker, role = "Member" }, t => Row<Kexie.Domain.Directory.Association>(t.Association));
        On("DELETE /api/v1/associations/{id:guid}/members/{memberId:guid}", t => new() { ["id"] = t.Association.ToString(), ["memberId"] = t.AssociationMember.ToString() }, _ => null, t => Row<Kexie.Domain.Directory.Association>(t.Association));
        object AgencyBody(Targets t) => new { name = "篡改机构", creditCode = AccessScopeTests.NewCreditCode(DaYing), serviceScope = "技术转移", regionCode = DaYing };
        On("POST /api/v1/agencies/", _ => none, AgencyBody, _ => null);
        On("PUT /api/v1/agencies/{id:guid}", t => Id(t.Agency), AgencyBody, t => Row<Kexie.Domain.Directory.ServiceAgency>(t.Agency));
        On("POST /api/v1/agencies/{id:guid}/admit", t => Id(t.Agency), _ => null, t => Row<Kexie.Domain.Directory.ServiceAgency>(t.Agency));
        On("POST /api/v1/agencies/{id:guid}/suspend", t => Id(t.Agency), _ => null, t => Row<Kexie.Domain.Directory.ServiceAgency>(t.Agency));
        // Code lists: the platform admin's alone (no attacker of a county may add or change an entry).
        On("POST /api/v1/dictionaries/{type}", _ => new() { ["type"] = "education" }, _ => new { code = "99", name = "冒名学历", synonyms = new[] { "冒名" } }, _ => null);
        On("PUT /api/v1/dictionaries/{type}/{code}", _ => new() { ["type"] = "education", ["code"] = "21" }, _ => new { sort = 1, enabled = false, synonyms = new[] { "冒名" } }, _ => null);
        On("POST /api/v1/users/", _ => none, _ => new { userName = $"m{Guid.NewGuid():N}"[..12], displayName = "冒名", password = "Kexie@2026x", role = "AssociationAdmin", regionCode = DaYing }, _ => null);
        On("POST /api/v1/imports/{kind}", _ => new() { ["kind"] = "workers" }, _ => "姓名,性别,出生年份,工作单位,职称,学科代码,学历,政治面貌,手机号,行政区划代码,公开资料\n冒名,男,1980,x,中级,21030,大学本科,群众,13900000001,510923,否\n", _ => null, multipart: true);

        // Sign-up: the county's review, invitations, account administration
        foreach (var step in new[] { "approve", "return" })
        {
            On($"POST /api/v1/organization-applications/{{id:guid}}/{step}", t => Id(t.Application), _ => new { reason = "越权" }, t => Row<Kexie.Domain.Directory.OrganizationApplication>(t.Application));
        }

        On("POST /api/v1/organization-invitations/", _ => none, _ => new { phone = "13900000003" }, _ => null);
        foreach (var step in new[] { "disable", "enable", "reset-password" })
        {
            On($"POST /api/v1/users/{{id}}/{step}", t => new() { ["id"] = t.Account }, _ => null, t => (typeof(AppUser), t.Account));
        }

        On("PUT /api/v1/users/{id}/links", t => new() { ["id"] = t.Account }, t => new { scienceWorkerId = t.PublicWorker, organizationId = t.Organization }, t => (typeof(AppUser), t.Account));

        // Popularization
        object ContentBody(Targets t) => new { kind = "Article", title = "篡改", body = "<p>篡改</p>", authorOrganization = "大英县科协", regionCode = DaYing };
        On("POST /api/v1/science-contents/", _ => none, ContentBody, _ => null);
        On("PUT /api/v1/science-contents/{id:guid}", t => Id(t.Content), ContentBody, t => Row<Kexie.Domain.Popularization.ScienceContent>(t.Content));
        foreach (var step in new[] { "submit", "publish", "return", "reject", "withdraw", "close" })
        {
            On($"POST /api/v1/science-contents/{{id:guid}}/{step}", t => Id(t.Content), _ => new { reason = "越权" }, t => Row<Kexie.Domain.Popularization.ScienceContent>(t.Content));
        }

        On("POST /api/v1/science-contents/{id:guid}/images", t => Id(t.Content), _ => "图片", t => Row<Kexie.Domain.Popularization.ScienceContent>(t.Content), multipart: true);
        On("DELETE /api/v1/science-contents/{id:guid}/images/{imageId:guid}", t => new() { ["id"] = t.Content.ToString(), ["imageId"] = Guid.NewGuid().ToString() }, _ => null, t => Row<Kexie.Domain.Popularization.ScienceContent>(t.Content));

        object ActivityBody(Targets t) => new { kind = "ScienceWeek", title = "篡改", description = "x", regionCode = DaYing, venue = "x", startsOn = "2027-05-01", endsOn = "2027-05-02" };
        On("POST /api/v1/popularization-activities/", _ => none, ActivityBody, _ => null);
        On("PUT /api/v1/popularization-activities/{id:guid}", t => Id(t.Activity), ActivityBody, t => Row<Kexie.Domain.Popularization.PopularizationActivity>(t.Activity));
        On("POST /api/v1/popularization-activities/{id:guid}/cancel", t => Id(t.Activity), _ => new { reason = "越权" }, t => Row<Kexie.Domain.Popularization.PopularizationActivity>(t.Activity));
        On("POST /api/v1/popularization-activities/{id:guid}/participants", t => Id(t.Activity), _ => new { name = "冒名", phone = "13900000002", checkIn = true }, t => Row<Kexie.Domain.Popularization.PopularizationActivity>(t.Activity));
        On("POST /api/v1/popularization-activities/{id:guid}/participants/{participantId:guid}/check-in", t => new() { ["id"] = t.Activity.ToString(), ["participantId"] = t.Participant.ToString() }, _ => null, t => Row<Kexie.Domain.Popularization.ActivityParticipant>(t.Participant));
        On("POST /api/v1/popularization-activities/{id:guid}/participants/{participantId:guid}/confirm", t => new() { ["id"] = t.Activity.ToString(), ["participantId"] = t.Participant.ToString() }, _ => null, t => Row<Kexie.Domain.Popularization.ActivityParticipant>(t.Participant));
        On("POST /api/v1/popularization-activities/{id:guid}/participants/{participantId:guid}/decline", t => new() { ["id"] = t.Activity.ToString(), ["participantId"] = t.Participant.ToString() }, _ => new { reason = "越权" }, t => Row<Kexie.Domain.Popularization.ActivityParticipant>(t.Participant));
        object StationBody(Targets t) => new { name = "篡改", siteKind = "School", regionCode = DaYing };
        On("POST /api/v1/e-stations/", _ => none, StationBody, _ => null);
        On("PUT /api/v1/e-stations/{id:guid}", t => Id(t.EStation), StationBody, t => Row<Kexie.Domain.Popularization.EStation>(t.EStation));
        On("POST /api/v1/e-stations/{id:guid}/suspend", t => Id(t.EStation), _ => null, t => Row<Kexie.Domain.Popularization.EStation>(t.EStation));
        On("POST /api/v1/e-stations/{id:guid}/resume", t => Id(t.EStation), _ => null, t => Row<Kexie.Domain.Popularization.EStation>(t.EStation));
        On("PUT /api/v1/e-stations/{id:guid}/usage/{day}", t => new() { ["id"] = t.EStation.ToString(), ["day"] = "2026-01-05" }, _ => new { visits = 999, interactions = 999 }, t => Row<Kexie.Domain.Popularization.EStation>(t.EStation));
        On("POST /api/v1/e-stations/{id:guid}/terminals", t => Id(t.TerminalStation), _ => new { name = "冒名终端", kind = "TouchScreen", placeKind = "School", place = "冒名", installedOn = "2025-01-05" }, t => Row<Kexie.Domain.Popularization.EStation>(t.TerminalStation));
        On("POST /api/v1/e-stations/{id:guid}/terminals/{terminalId:guid}/remove", t => new() { ["id"] = t.TerminalStation.ToString(), ["terminalId"] = t.Terminal.ToString() }, _ => null, t => Row<Kexie.Domain.Popularization.EStationTerminal>(t.Terminal));
        On("POST /api/v1/e-station-questions/{id:guid}/answers", t => Id(t.Question), _ => new { text = "冒名答复" }, t => Row<Kexie.Domain.Popularization.EStationQuestion>(t.Question));
        // A visitor's own link: a guessed key reaches nothing.
        var guessed = new Dictionary<string, string> { ["key"] = new string('a', 32) };
        On("POST /api/v1/e-station-questions/by-key/{key}/follow-ups", _ => guessed, _ => new { text = "冒名追问" }, t => Row<Kexie.Domain.Popularization.EStationQuestion>(t.Question));
        On("PUT /api/v1/e-station-subscriptions/by-key/{key}/tags", _ => guessed, _ => new { tags = new[] { "防疫" } }, _ => null);
        On("POST /api/v1/e-station-subscriptions/by-key/{key}/cancel", _ => guessed, _ => null, _ => null);
        // 科普e站屏: the station's staff issue devices and publish to their own station; a kiosk's token reaches only its own station, and a guessed one nothing.
        On("POST /api/v1/e-stations/{id:guid}/devices", t => Id(t.DeviceStation), _ => new { name = "冒名设备" }, t => Row<Kexie.Domain.Popularization.EStation>(t.DeviceStation));
        On("POST /api/v1/e-stations/{id:guid}/devices/{deviceId:guid}/revoke", t => new() { ["id"] = t.DeviceStation.ToString(), ["deviceId"] = t.Device.ToString() }, _ => null, t => Row<Kexie.Domain.Popularization.EStationDevice>(t.Device));
        On("POST /api/v1/e-stations/{id:guid}/posts", t => Id(t.PostStation), _ => new { title = "冒名发布", body = "冒名", tags = new[] { "健康" } }, t => Row<Kexie.Domain.Popularization.EStation>(t.PostStation));
        On("POST /api/v1/e-stations/{id:guid}/posts/{postId:guid}/withdraw", t => new() { ["id"] = t.PostStation.ToString(), ["postId"] = t.Post.ToString() }, _ => null, t => Row<Kexie.Domain.Popularization.EStationPost>(t.Post));
        var guessedToken = new string('a', 64);
        On("POST /api/v1/e-station-kiosks/{token}/items/{source}/{id:guid}/likes", t => new() { ["token"] = guessedToken, ["source"] = "post", ["id"] = t.Post.ToString() }, _ => null, t => Row<Kexie.Domain.Popularization.EStationPost>(t.Post));
        On("POST /api/v1/e-station-kiosks/{token}/questions", _ => new() { ["token"] = guessedToken }, _ => new { text = "冒名提问" }, _ => null);
        On("POST /api/v1/e-station-kiosks/{token}/heartbeats", _ => new() { ["token"] = guessedToken }, _ => null, t => Row<Kexie.Domain.Popularization.EStationDevice>(t.Device));
        On("POST /api/v1/e-station-kiosks/{token}/quiz-attempts", _ => new() { ["token"] = guessedToken }, t => new { answers = new[] { new { questionId = t.QuizQuestion, choice = 0 } } }, t => Row<Kexie.Domain.Popularization.QuizQuestion>(t.QuizQuestion));
        // 知识竞答题库: the region's staff only.
        On("POST /api/v1/web-quizzes/", _ => none, _ => new { regionCode = DaYing, title = "冒名竞赛", opensOn = "2026-01-01" }, _ => null);
        On("POST /api/v1/web-quizzes/{id:guid}/close", t => Id(t.WebQuiz), _ => null, t => Row<Kexie.Domain.Popularization.WebQuiz>(t.WebQuiz));
        On("POST /api/v1/quiz-questions/", _ => none, _ => new { regionCode = DaYing, tag = "健康", stem = "冒名出题", options = new[] { "甲", "乙" }, answer = 0 }, _ => null);
        On("POST /api/v1/quiz-questions/{id:guid}/retire", t => Id(t.QuizQuestion), _ => null, t => Row<Kexie.Domain.Popularization.QuizQuestion>(t.QuizQuestion));
        On("PUT /api/v1/quiz-questions/{id:guid}", t => Id(t.QuizQuestion), _ => new { tag = "健康", stem = "篡改题干", options = new[] { "甲", "乙" }, answer = 1 }, t => Row<Kexie.Domain.Popularization.QuizQuestion>(t.QuizQuestion));
        On("POST /api/v1/quiz-questions/{id:guid}/reinstate", t => Id(t.QuizQuestion), _ => null, t => Row<Kexie.Domain.Popularization.QuizQuestion>(t.QuizQuestion));
        object VenueBody(Targets t) => new { name = "篡改阵地", kind = "ActivityRoom", level = "County", regionCode = DaYing, status = "Open", openedOn = "2020-01-01" };
        On("POST /api/v1/venues/", _ => none, VenueBody, _ => null);
        On("PUT /api/v1/venues/{id:guid}", t => Id(t.Venue), VenueBody, t => Row<Kexie.Domain.Popularization.Venue>(t.Venue));
        On("POST /api/v1/venues/{id:guid}/visits", t => Id(t.Venue), _ => new { day = "2021-01-05", groups = 1, visitors = 999, place = "冒名" }, t => Row<Kexie.Domain.Popularization.Venue>(t.Venue));
        On("DELETE /api/v1/venues/{id:guid}/visits/{visitId:guid}", t => new() { ["id"] = t.Venue.ToString(), ["visitId"] = t.VenueVisit.ToString() }, _ => null, t => Row<Kexie.Domain.Popularization.VenueVisit>(t.VenueVisit));
        On("POST /api/v1/popularization-activities/{id:guid}/tallies", t => Id(t.Activity), _ => new { day = "2026-01-05", sessions = 1, participants = 9999 }, t => Row<Kexie.Domain.Popularization.PopularizationActivity>(t.Activity));
        On("DELETE /api/v1/popularization-activities/{id:guid}/tallies/{tallyId:guid}", t => new() { ["id"] = t.TallyActivity.ToString(), ["tallyId"] = t.Tally.ToString() }, _ => null, t => Row<Kexie.Domain.Popularization.EventTally>(t.Tally));
        // A partner unit and a tally's evidence on 大英县's tallied activity; 大英县's demo 科技活动周 series.
        On("POST /api/v1/popularization-activities/{id:guid}/partners", t => Id(t.TallyActivity), _ => new { role = "Host", name = "冒名主办单位" }, t => Row<Kexie.Domain.Popularization.PopularizationActivity>(t.TallyActivity));
        On("DELETE /api/v1/popularization-activities/{id:guid}/partners/{partnerId:guid}", t => new() { ["id"] = t.TallyActivity.ToString(), ["partnerId"] = t.Partner.ToString() }, _ => null, t => Row<Kexie.Domain.Popularization.ActivityPartner>(t.Partner));
        Dictionary<string, string> TallyOf(Targets t) => new() { ["id"] = t.TallyActivity.ToString(), ["tallyId"] = t.Tally.ToString() };
        On("POST /api/v1/popularization-activities/{id:guid}/tallies/{tallyId:guid}/evidence", TallyOf, _ => "照片", t => Row<Kexie.Domain.Popularization.EventTally>(t.Tally), multipart: true);
        On("DELETE /api/v1/popularization-activities/{id:guid}/tallies/{tallyId:guid}/evidence/{evidenceId:guid}", t => new(TallyOf(t)) { ["evidenceId"] = t.Evidence.ToString() }, _ => null, t => Row<Kexie.Domain.Popularization.EventTallyEvidence>(t.Evidence));
        On("POST /api/v1/activity-series/", _ => none, _ => new { regionCode = DaYing, name = "冒名活动系列", kind = "ScienceWeek", startsOn = "2026-05-17" }, _ => null);
        On("PUT /api/v1/activity-series/{id:guid}", t => Id(t.Series), _ => new { regionCode = DaYing, year = 2025, name = "篡改系列", kind = "ScienceWeek", startsOn = "2025-05-18" }, t => Row<Kexie.Domain.Popularization.ActivitySeries>(t.Series));

        object TeamBody(Targets t) => new { name = "冒名服务队", kind = "ScienceService", regionCode = DaYing };
        On("POST /api/v1/volunteer-teams/", _ => none, TeamBody, _ => null);
        On("PUT /api/v1/volunteer-teams/{id:guid}", t => Id(t.VolunteerTeam), TeamBody, t => Row<Kexie.Domain.Popularization.VolunteerTeam>(t.VolunteerTeam));
        On("POST /api/v1/volunteers/", _ => none, t => new { name = "冒名志愿者", phone = "13900000009", regionCode = DaYing, teamId = t.VolunteerTeam }, _ => null);
        On("POST /api/v1/popularization-activities/{id:guid}/service-records", t => Id(t.ServiceActivity), t => new { volunteerId = t.Volunteer }, _ => null);
        foreach (var step in new[] { "sign-out", "confirm", "reject" })
        {
            On($"POST /api/v1/popularization-activities/{{id:guid}}/service-records/{{recordId:guid}}/{step}", t => new() { ["id"] = t.ServiceActivity.ToString(), ["recordId"] = t.ServiceRecord.ToString() }, _ => new { minutes = 600, reason = "越权" }, t => Row<Kexie.Domain.Popularization.ServiceRecord>(t.ServiceRecord));
        }
        // 志愿者招募 of a 大英县 activity with the worker's application: only the county's organisers change the call or decide, only the volunteer withdraws.
        On("PUT /api/v1/popularization-activities/{id:guid}/volunteer-call", t => Id(t.RecruitActivity), _ => new { slots = 999, deadline = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)) }, t => Row<Kexie.Domain.Popularization.VolunteerCall>(t.VolunteerCall));
        On("POST /api/v1/popularization-activities/{id:guid}/volunteer-call/close", t => Id(t.RecruitActivity), _ => null, t => Row<Kexie.Domain.Popularization.VolunteerCall>(t.VolunteerCall));
        foreach (var step in new[] { "withdraw", "accept", "decline" })
        {
            On($"POST /api/v1/popularization-activities/{{id:guid}}/volunteer-call/applications/{{applicationId:guid}}/{step}", t => new() { ["id"] = t.RecruitActivity.ToString(), ["applicationId"] = t.VolunteerApplication.ToString() }, _ => new { reason = "越权" }, t => Row<Kexie.Domain.Popularization.VolunteerApplication>(t.VolunteerApplication));
        }

        // The demo's 2025 result and target of 大英县: a "correction" in another's name must change neither.
        On("POST /api/v1/science-literacy/surveys", _ => none, _ => new { regionCode = DaYing, year = 2025, rate = 99.9, sampleSize = 1, source = "冒名", surveyedOn = "2025-10-01" }, t => Row<Kexie.Domain.Popularization.LiteracySurvey>(t.LiteracySurvey));
        On("DELETE /api/v1/science-literacy/surveys/{id:guid}", t => Id(t.LiteracySurvey), _ => null, t => Row<Kexie.Domain.Popularization.LiteracySurvey>(t.LiteracySurvey));
        On("POST /api/v1/science-literacy/targets", _ => none, _ => new { regionCode = DaYing, year = 2025, rate = 1, plan = "冒名" }, t => Row<Kexie.Domain.Popularization.LiteracyTarget>(t.LiteracyTarget));
        // A 纲要实施成员单位 of 大英县 with a task and an assessment.
        const string Units = "/api/v1/science-literacy/member-units";
        Dictionary<string, string> Task(Targets t) => new() { ["id"] = t.MemberUnit.ToString(), ["taskId"] = t.MemberTask.ToString() };
        On($"POST {Units}/", _ => none, _ => new { regionCode = DaYing, name = "冒名单位", joinedOn = "2024-01-01" }, t => Row<Kexie.Domain.Popularization.LiteracyMemberUnit>(t.MemberUnit));
        On($"PUT {Units}/{{id:guid}}", t => Id(t.MemberUnit), _ => new { name = "篡改", joinedOn = "2024-01-01" }, t => Row<Kexie.Domain.Popularization.LiteracyMemberUnit>(t.MemberUnit));
        On($"POST {Units}/{{id:guid}}/leave", t => Id(t.MemberUnit), _ => new { leftOn = "2025-06-30" }, t => Row<Kexie.Domain.Popularization.LiteracyMemberUnit>(t.MemberUnit));
        On($"POST {Units}/{{id:guid}}/tasks", t => Id(t.MemberUnit), _ => new { year = 2025, text = "冒名任务" }, t => Row<Kexie.Domain.Popularization.LiteracyMemberUnit>(t.MemberUnit));
        On($"POST {Units}/{{id:guid}}/tasks/{{taskId:guid}}/done", Task, _ => new { completedOn = "2025-06-30" }, t => Row<Kexie.Domain.Popularization.LiteracyMemberTask>(t.MemberTask));
        On($"DELETE {Units}/{{id:guid}}/tasks/{{taskId:guid}}", Task, _ => null, t => Row<Kexie.Domain.Popularization.LiteracyMemberTask>(t.MemberTask));
        On($"POST {Units}/{{id:guid}}/assessments", t => Id(t.MemberUnit), _ => new { year = 2025, result = "未完成", score = 1 }, t => Row<Kexie.Domain.Popularization.LiteracyMemberAssessment>(t.MemberAssessment));
        On($"POST {Units}/{{id:guid}}/assessments/{{assessmentId:guid}}/evidence", t => new() { ["id"] = t.MemberUnit.ToString(), ["assessmentId"] = t.MemberAssessment.ToString() }, _ => "考核表",
            t => Row<Kexie.Domain.Popularization.LiteracyMemberAssessment>(t.MemberAssessment), multipart: true);
        // A 科普宣传栏 of 大英县 with a content refresh (built in 2026: the demo's 2020 and 2025 counts stay as they are).
        const string BoardsApi = "/api/v1/science-boards";
        Dictionary<string, string> Refresh(Targets t) => new() { ["id"] = t.Board.ToString(), ["refreshId"] = t.BoardRefresh.ToString() };
        On($"POST {BoardsApi}/", _ => none, _ => new { regionCode = DaYing, name = "冒名宣传栏", kind = "Board", builtOn = "2026-01-01" }, t => Row<Kexie.Domain.Popularization.ScienceBoard>(t.Board));
        On($"PUT {BoardsApi}/{{id:guid}}", t => Id(t.Board), _ => new { regionCode = DaYing, name = "篡改", kind = "Board", builtOn = "2026-01-01" }, t => Row<Kexie.Domain.Popularization.ScienceBoard>(t.Board));
        On($"POST {BoardsApi}/{{id:guid}}/refreshes", t => Id(t.Board), _ => new { day = "2026-03-01", topic = "冒名更新" }, t => Row<Kexie.Domain.Popularization.ScienceBoard>(t.Board));
        On($"DELETE {BoardsApi}/{{id:guid}}/refreshes/{{refreshId:guid}}", Refresh, _ => null, t => Row<Kexie.Domain.Popularization.ScienceBoardRefresh>(t.BoardRefresh));
        On($"POST {BoardsApi}/{{id:guid}}/refreshes/{{refreshId:guid}}/photo", Refresh, _ => "照片", t => Row<Kexie.Domain.Popularization.ScienceBoardRefresh>(t.BoardRefresh), multipart: true);

        // Think tank and proposals
        On("POST /api/v1/think-tank/calls/", _ => none, _ => new { title = "篡改", description = "x", regionCode = DaYing, deadline = "2027-12-31" }, _ => null);
        On("POST /api/v1/think-tank/calls/{id:guid}/close", t => Id(t.Call), _ => null, t => Row<Kexie.Domain.ThinkTank.ThinkTankCall>(t.Call));
        On("PUT /api/v1/think-tank/calls/{id:guid}/rubric", t => Id(t.Call), _ => new { rubric = new[] { new { name = "篡改", weight = 100, maxScore = 10 } } }, t => Row<Kexie.Domain.ThinkTank.ThinkTankCall>(t.Call));
        On("POST /api/v1/think-tank/topics/{id:guid}/assignments", t => Id(t.Topic), t => new { expertId = t.Expert }, t => Row<Kexie.Domain.ThinkTank.ThinkTankTopic>(t.Topic));
        On("POST /api/v1/think-tank/topics/{id:guid}/recommend", t => Id(t.Topic), t => new { targetCallId = t.Call }, t => Row<Kexie.Domain.ThinkTank.ThinkTankTopic>(t.Topic));
        // Scoring is the assigned expert's alone (no attacker is one): an assignment nobody of 射洪市 holds answers not found.
        On("POST /api/v1/think-tank/assignments/{id:guid}/score", _ => Id(Guid.NewGuid()), _ => new { scores = new[] { 10, 10, 10, 10 }, opinion = "冒名" }, _ => null);
        On("POST /api/v1/think-tank/topics/{id:guid}/reviews", t => Id(t.Topic), _ => new { expertName = "冒名", score = 99, opinion = "x" }, t => Row<Kexie.Domain.ThinkTank.ThinkTankTopic>(t.Topic));
        foreach (var step in new[] { "approve", "reject", "conclude", "withdraw" })
        {
            On($"POST /api/v1/think-tank/topics/{{id:guid}}/{step}", t => Id(t.Topic), _ => new { reason = "越权", result = "越权" }, t => Row<Kexie.Domain.ThinkTank.ThinkTankTopic>(t.Topic));
        }

        On("POST /api/v1/proposals/{id:guid}/adopt", t => Id(t.Proposal), _ => new { level = "County", adoptedBy = "冒名" }, t => Row<Kexie.Domain.ThinkTank.Proposal>(t.Proposal));
        On("POST /api/v1/proposals/{id:guid}/decline", t => Id(t.Proposal), _ => new { reason = "越权" }, t => Row<Kexie.Domain.ThinkTank.Proposal>(t.Proposal));

        // Market: offers and needs
        object OfferBody(Targets t) => new { kind = "Service", title = "冒名所能", description = "x", providerWorkerId = t.PublicWorker, disciplineCodes = new[] { "21030" }, regionCode = SheHong, priceMode = "Negotiable" };
        On("POST /api/v1/offers/", _ => none, OfferBody, _ => null);
        On("PUT /api/v1/offers/{id:guid}", t => Id(t.Offer), OfferBody, t => Row<Offer>(t.Offer));
        On("DELETE /api/v1/offers/{id:guid}", t => Id(t.Offer), _ => null, t => Row<Offer>(t.Offer));
        object NeedBody(Targets t) => new { title = "冒名需求", problem = "x", organizationId = t.Organization, industryCodes = new[] { "1511" }, regionCode = SheHong };
        On("POST /api/v1/needs/", _ => none, NeedBody, _ => null);
        On("PUT /api/v1/needs/{id:guid}", t => Id(t.Need), NeedBody, t => Row<Need>(t.Need));
        On("DELETE /api/v1/needs/{id:guid}", t => Id(t.Need), _ => null, t => Row<Need>(t.Need));
        foreach (var step in new[] { "submit", "publish", "return", "reject", "withdraw", "close" })
        {
            On($"POST /api/v1/offers/{{id:guid}}/{step}", t => Id(t.Offer), _ => new { reason = "越权" }, t => Row<Offer>(t.Offer));
            On($"POST /api/v1/needs/{{id:guid}}/{step}", t => Id(t.Need), _ => new { reason = "越权" }, t => Row<Need>(t.Need));
        }

        On("POST /api/v1/offers/{id:guid}/attachments/", t => Id(t.Offer), _ => "附件", t => Row<Offer>(t.Offer), multipart: true);
        On("DELETE /api/v1/offers/{id:guid}/attachments/{attachmentId:guid}", t => new() { ["id"] = t.Offer.ToString(), ["attachmentId"] = Guid.NewGuid().ToString() }, _ => null, t => Row<Offer>(t.Offer));
        On("POST /api/v1/needs/{id:guid}/attachments/", t => Id(t.Need), _ => "附件", t => Row<Need>(t.Need), multipart: true);
        On("DELETE /api/v1/needs/{id:guid}/attachments/{attachmentId:guid}", t => new() { ["id"] = t.Need.ToString(), ["attachmentId"] = Guid.NewGuid().ToString() }, _ => null, t => Row<Need>(t.Need));

        // Market: plans, orders, tickets
        On("POST /api/v1/plans/{id:guid}/handler", t => Id(t.Plan), _ => new { handlerUserId = "shehong", note = "越权" }, t => Row<ResponsePlan>(t.Plan));
        On("POST /api/v1/plans/{id:guid}/contacts", t => Id(t.Plan), _ => new { contactedName = "冒名", channel = "Phone", note = "x" }, t => Row<ResponsePlan>(t.Plan));
        On("POST /api/v1/plans/{id:guid}/candidates", t => Id(t.Plan), t => new { kind = "Worker", targetId = t.PublicWorker, explanation = "越权" }, t => Row<ResponsePlan>(t.Plan));
        On("POST /api/v1/plans/{id:guid}/candidates/refresh", t => Id(t.Plan), _ => null, t => Row<ResponsePlan>(t.Plan));
        On("POST /api/v1/plans/{id:guid}/candidates/{candidateId:guid}/drop", t => new() { ["id"] = t.Plan.ToString(), ["candidateId"] = t.PlanCandidate.ToString() }, _ => new { reason = "WrongField", note = "越权" }, t => Row<ResponsePlan>(t.Plan));
        On("POST /api/v1/plans/{id:guid}/candidates/{candidateId:guid}/restore", t => new() { ["id"] = t.Plan.ToString(), ["candidateId"] = t.PlanCandidate.ToString() }, _ => new { note = "越权" }, t => Row<ResponsePlan>(t.Plan));
        On("POST /api/v1/plans/{id:guid}/negotiation", t => Id(t.Plan), _ => new { note = "越权" }, t => Row<ResponsePlan>(t.Plan));
        On("POST /api/v1/plans/{id:guid}/deal", t => Id(t.Plan), t => new { orderId = t.Order, note = "越权" }, t => Row<ResponsePlan>(t.Plan));
        On("POST /api/v1/plans/{id:guid}/close", t => Id(t.Plan), _ => new { reason = "越权" }, t => Row<ResponsePlan>(t.Plan));
        On("POST /api/v1/orders/", _ => none, t => new { title = "冒名订单", buyerOrganizationId = t.Organization, providerWorkerId = t.PublicWorker }, _ => null);
        foreach (var step in new[] { "agree", "proposals", "confirm", "deliver", "accept", "settle", "cancel", "dispute", "resolve", "rate" })
        {
            On($"POST /api/v1/orders/{{id:guid}}/{step}", t => Id(t.Order), _ => new { contractAmount = 5_000_000, proposalNumber = 1, reason = "越权", note = "越权", stars = 1 }, t => Row<Order>(t.Order));
        }

        On("POST /api/v1/orders/{id:guid}/files/", t => Id(t.Order), _ => "合同", t => Row<Order>(t.Order), multipart: true);
        On("DELETE /api/v1/orders/{id:guid}/files/{fileId:guid}", t => new() { ["id"] = t.Order.ToString(), ["fileId"] = Guid.NewGuid().ToString() }, _ => null, t => Row<Order>(t.Order));
        object TicketBody(Targets t) => new { kind = "Consultation", targetOrganizationId = t.Organization, servedOn = "2026-06-01", regionCode = DaYing };
        On("POST /api/v1/service-tickets/", _ => none, TicketBody, _ => null);
        On("PUT /api/v1/service-tickets/{id:guid}", t => Id(t.Ticket), TicketBody, t => Row<ServiceTicket>(t.Ticket));

        // Market: fairs and storefronts
        object FairBody(Targets t) => new { name = "冒名科创会", description = "x", regionCode = DaYing };
        On("POST /api/v1/fairs/", _ => none, FairBody, _ => null);
        On("PUT /api/v1/fairs/{id:guid}", t => Id(t.Fair), FairBody, t => Row<Fair>(t.Fair));
        On("POST /api/v1/fairs/{id:guid}/close", t => Id(t.Fair), _ => null, t => Row<Fair>(t.Fair));
        On("POST /api/v1/fairs/{id:guid}/reopen", t => Id(t.Fair), _ => null, t => Row<Fair>(t.Fair));
        On("POST /api/v1/fairs/{id:guid}/projects", t => Id(t.Fair), t => new { category = "TechnologyToPromote", title = "冒名项目", description = "x", organizationId = t.Organization, regionCode = SheHong }, t => Row<Fair>(t.Fair));
        foreach (var step in new[] { "submit", "select", "return", "reject", "withdraw" })
        {
            On($"POST /api/v1/fairs/{{fairId:guid}}/projects/{{id:guid}}/{step}", t => new() { ["fairId"] = t.Fair.ToString(), ["id"] = t.FairProject.ToString() }, _ => new { reason = "越权" }, t => Row<FairProject>(t.FairProject));
        }

        On("POST /api/v1/fairs/{fairId:guid}/projects/{id:guid}/attachments/", t => new() { ["fairId"] = t.Fair.ToString(), ["id"] = t.FairProject.ToString() }, _ => "附件", t => Row<FairProject>(t.FairProject), multipart: true);
        On("DELETE /api/v1/fairs/{fairId:guid}/projects/{id:guid}/attachments/{attachmentId:guid}", t => new() { ["fairId"] = t.Fair.ToString(), ["id"] = t.FairProject.ToString(), ["attachmentId"] = Guid.NewGuid().ToString() }, _ => null, t => Row<FairProject>(t.FairProject));
        object StorefrontBody(Targets t) => new { name = "冒名工作室", introduction = "x", regionCode = SheHong, ownerWorkerId = t.PublicWorker };
        On("POST /api/v1/storefronts/", _ => none, StorefrontBody, _ => null);
        On("PUT /api/v1/storefronts/{id:guid}", t => Id(t.Storefront), StorefrontBody, t => Row<Storefront>(t.Storefront));
        On("POST /api/v1/storefronts/{id:guid}/open", t => Id(t.Storefront), _ => null, t => Row<Storefront>(t.Storefront));
        On("POST /api/v1/storefronts/{id:guid}/close", t => Id(t.Storefront), _ => null, t => Row<Storefront>(t.Storefront));

        // Talent and indicators
        object ExpertBody(Targets t) => new { workerId = t.PublicWorker, level = "County", expertise = "冒名", researchDirections = new[] { "x" } };
        On("POST /api/v1/experts/", _ => none, ExpertBody, _ => null);
        On("PUT /api/v1/experts/{id:guid}", t => Id(t.Expert), ExpertBody, t => Row<Kexie.Domain.Talent.Expert>(t.Expert));
        On("POST /api/v1/experts/{id:guid}/withdraw", t => Id(t.Expert), _ => new { reason = "越权" }, t => Row<Kexie.Domain.Talent.Expert>(t.Expert));
        On("POST /api/v1/experts/{id:guid}/reinstate", t => Id(t.Expert), _ => null, t => Row<Kexie.Domain.Talent.Expert>(t.Expert));
        object ContestBody(Targets t) => new { name = "冒名大赛", year = t.Year, regionCode = DaYing, categories = new[] { "科技创新成果" }, recommendQuota = 99 };
        On("POST /api/v1/contests/", _ => none, ContestBody, _ => null);
        On("PUT /api/v1/contests/{id:guid}", t => Id(t.Contest), ContestBody, t => Row<Kexie.Domain.Talent.Contest>(t.Contest));
        On("POST /api/v1/contests/{id:guid}/status", t => Id(t.Contest), _ => new { status = "Closed" }, t => Row<Kexie.Domain.Talent.Contest>(t.Contest));
        On("POST /api/v1/contests/{id:guid}/entries", t => Id(t.Contest), t => new { schoolId = t.Organization, title = "冒名作品", category = "科技创新成果", students = new[] { "冒名" } }, t => Row<Kexie.Domain.Talent.Contest>(t.Contest));
        On("POST /api/v1/contest-entries/{id:guid}/attachments", t => Id(t.ContestEntry), _ => "冒名附件", t => Row<Kexie.Domain.Talent.ContestEntry>(t.ContestEntry), multipart: true);
        On("DELETE /api/v1/contest-entries/{id:guid}/attachments/{attachmentId:guid}", t => new() { ["id"] = t.ContestEntry.ToString(), ["attachmentId"] = Guid.NewGuid().ToString() }, _ => null, t => Row<Kexie.Domain.Talent.ContestEntry>(t.ContestEntry));
        On("DELETE /api/v1/expert-conflicts/{id:guid}", _ => Id(Guid.NewGuid()), _ => null, _ => null);
        On("POST /api/v1/contest-entries/{id:guid}/review", t => Id(t.ContestEntry), _ => new { passed = false, score = 1, opinion = "越权" }, t => Row<Kexie.Domain.Talent.ContestEntry>(t.ContestEntry));
        On("POST /api/v1/contest-entries/{id:guid}/award", t => Id(t.ContestEntry), _ => new { award = "First" }, t => Row<Kexie.Domain.Talent.ContestEntry>(t.ContestEntry));
        On("POST /api/v1/contests/{id:guid}/assignments", t => Id(t.Contest), t => new { expertId = t.Expert, category = "科技创新成果" }, t => Row<Kexie.Domain.Talent.Contest>(t.Contest));
        On("POST /api/v1/contests/{id:guid}/rounds/close", t => Id(t.Contest), _ => null, t => Row<Kexie.Domain.Talent.Contest>(t.Contest));
        On("POST /api/v1/contests/{id:guid}/rounds/open", t => Id(t.Contest), _ => null, t => Row<Kexie.Domain.Talent.Contest>(t.Contest));
        On("POST /api/v1/contests/{id:guid}/rounds/advance", t => Id(t.Contest), _ => new { top = 1, reason = "越权晋级", category = "科技创新成果" }, t => Row<Kexie.Domain.Talent.Contest>(t.Contest));
        On("POST /api/v1/contest-assignments/{id:guid}/score", _ => Id(Guid.NewGuid()), _ => new { scores = new[] { 30, 30, 20, 20 }, opinion = "冒名" }, _ => null);
        On("POST /api/v1/contest-assignments/{id:guid}/decline", _ => Id(Guid.NewGuid()), _ => new { reason = "冒名" }, _ => null);
        On("POST /api/v1/contest-entries/{id:guid}/recommend", t => Id(t.ContestEntry), t => new { targetContestId = t.Contest }, t => Row<Kexie.Domain.Talent.ContestEntry>(t.ContestEntry));
        On("POST /api/v1/honours/calls", _ => none, t => new { name = "冒名评选", kind = "OutstandingTalent", year = t.Year, regionCode = DaYing }, _ => null);
        On("POST /api/v1/honours/calls/{id:guid}/close", t => Id(t.HonourCall), _ => null, t => Row<Kexie.Domain.Talent.HonourCall>(t.HonourCall));
        On("POST /api/v1/honours/calls/{id:guid}/nominations", t => Id(t.HonourCall), t => new { workerId = t.PublicWorker, reason = "越权" }, t => Row<Kexie.Domain.Talent.HonourCall>(t.HonourCall));
        On("POST /api/v1/honours/calls/{id:guid}/unit-nominations", t => Id(t.HonourCall), t => new { associationId = t.Association, workerId = t.PublicWorker, reason = "越权" }, t => Row<Kexie.Domain.Talent.HonourCall>(t.HonourCall));
        On("POST /api/v1/honours/nominations/{id:guid}/decide", t => Id(t.Nomination), _ => new { selected = true, note = "越权" }, t => Row<Kexie.Domain.Talent.Nomination>(t.Nomination));
        On("PUT /api/v1/honours/calls/{id:guid}/rubric", t => Id(t.HonourCall), _ => new { rubric = new[] { new { name = "越权", weight = 100, maxScore = 10 } } }, t => Row<Kexie.Domain.Talent.HonourCall>(t.HonourCall));
        On("POST /api/v1/honours/calls/{id:guid}/assignments", t => Id(t.HonourCall), t => new { expertIds = new[] { t.Expert } }, t => Row<Kexie.Domain.Talent.Nomination>(t.Nomination));
        On("POST /api/v1/honours/calls/{id:guid}/expert-review/close", t => Id(t.HonourCall), _ => null, t => Row<Kexie.Domain.Talent.HonourCall>(t.HonourCall));
        On("POST /api/v1/honours/reviews/{id:guid}/score", _ => Id(Guid.NewGuid()), _ => new { scores = new[] { 10, 10, 10 }, opinion = "冒名" }, _ => null);
        object WorkstationBody(Targets t) => new { name = "冒名工作站", kind = "ExpertWorkstation", level = "County", hostOrganizationId = t.Organization, foundedOn = "2023-01-01" };
        On("POST /api/v1/workstations/", _ => none, WorkstationBody, _ => null);
        On("PUT /api/v1/workstations/{id:guid}", t => Id(t.Workstation), WorkstationBody, t => Row<Kexie.Domain.Talent.Workstation>(t.Workstation));
        // Managed associations: 年检, 党建, leadership, 换届 of a 大英县 association.
        const string Managed = "/api/v1/association-management";
        On($"POST {Managed}/{{id:guid}}/inspections", t => Id(t.Association), _ => new { year = 2019, individualMembers = 1, groupMembers = 0 }, t => Row<Kexie.Domain.Directory.Association>(t.Association));
        On($"POST {Managed}/inspections/{{inspectionId:guid}}/decide", t => new() { ["inspectionId"] = t.Inspection.ToString() }, _ => new { result = "Failed", opinion = "越权" }, t => Row<Kexie.Domain.Talent.Inspection>(t.Inspection));
        On($"POST {Managed}/{{id:guid}}/rectifications", t => Id(t.Association), _ => new { year = 2019, reasons = "冒名整顿", deadline = "2030-12-31" }, t => Row<Kexie.Domain.Directory.Association>(t.Association));
        On($"POST {Managed}/rectifications/{{rectificationId:guid}}/conclude", t => new() { ["rectificationId"] = t.Rectification.ToString() }, _ => new { result = "Revoked", outcome = "越权" }, t => Row<Kexie.Domain.Talent.Rectification>(t.Rectification));
        On($"POST {Managed}/rectifications/{{rectificationId:guid}}/accept", t => new() { ["rectificationId"] = t.Rectification.ToString() }, _ => new { outcome = "越权" }, t => Row<Kexie.Domain.Talent.Rectification>(t.Rectification));
        On($"POST {Managed}/rectifications/{{rectificationId:guid}}/return", t => new() { ["rectificationId"] = t.Rectification.ToString() }, _ => new { reason = "越权" }, t => Row<Kexie.Domain.Talent.Rectification>(t.Rectification));
        // A society's own 整改报告: only its 会长/副会长 or the region's admins.
        On("POST /api/v1/society-rectifications/{id:guid}/report", t => Id(t.Rectification), _ => new { report = "冒名整改报告" }, t => Row<Kexie.Domain.Talent.Rectification>(t.Rectification));
        On("POST /api/v1/society-rectifications/{id:guid}/attachments", t => Id(t.Rectification), _ => "冒名整改材料", t => Row<Kexie.Domain.Talent.Rectification>(t.Rectification), multipart: true);
        On($"POST {Managed}/inspections/{{inspectionId:guid}}/return", t => new() { ["inspectionId"] = t.Inspection.ToString() }, _ => new { reason = "越权" }, t => Row<Kexie.Domain.Talent.Inspection>(t.Inspection));
        // A society's own 年检: only its 会长/副会长 or the region's admins.
        const string Own = "/api/v1/association-inspections";
        On($"POST {Own}/associations/{{associationId:guid}}", t => new() { ["associationId"] = t.Association.ToString() }, _ => new { year = 2019, individualMembers = 1, groupMembers = 0 }, t => Row<Kexie.Domain.Directory.Association>(t.Association));
        On($"POST {Own}/{{id:guid}}/resubmit", t => Id(t.Inspection), _ => new { year = 2019, individualMembers = 1, groupMembers = 0 }, t => Row<Kexie.Domain.Talent.Inspection>(t.Inspection));
        On($"POST {Own}/{{id:guid}}/attachments", t => Id(t.Inspection), _ => "冒名材料", t => Row<Kexie.Domain.Talent.Inspection>(t.Inspection), multipart: true);
        On($"PUT {Managed}/{{id:guid}}/party", t => Id(t.Association), _ => new { instructorName = "冒名", formalMembers = 5, form = "Joint", establishedOn = "2020-01-01" }, t => Row<Kexie.Domain.Directory.Association>(t.Association));
        On($"POST {Managed}/{{id:guid}}/posts", t => Id(t.Association), _ => new { personName = "冒名", kind = "PartTimeViceChair", from = "2020-01-01" }, t => Row<Kexie.Domain.Directory.Association>(t.Association));
        On($"POST {Managed}/posts/{{postId:guid}}/end", t => new() { ["postId"] = t.LeadershipPost.ToString() }, _ => new { until = "2021-01-01" }, t => Row<Kexie.Domain.Talent.LeadershipPost>(t.LeadershipPost));
        On($"POST {Managed}/{{id:guid}}/congresses", t => Id(t.Association), _ => new { term = 99, heldOn = "2020-01-01" }, t => Row<Kexie.Domain.Directory.Association>(t.Association));
        On("PUT /api/v1/workstations/{id:guid}/outputs", t => Id(t.Workstation), _ => new { year = 2024, projects = 3, patents = 1 }, t => Row<Kexie.Domain.Talent.Workstation>(t.Workstation));
        On("POST /api/v1/workstations/{id:guid}/end", t => Id(t.Workstation), _ => new { endedOn = "2024-01-01" }, t => Row<Kexie.Domain.Talent.Workstation>(t.Workstation));
        On("POST /api/v1/workstations/{id:guid}/agreements", t => Id(t.Workstation), t => new { subject = "冒名协议", signedOn = "2024-01-01", organizationIds = new[] { t.Organization }, institution = "冒名大学" }, t => Row<Kexie.Domain.Talent.Workstation>(t.Workstation));
        // A society's activities: only its 会长/副会长 or the region's admins.
        On("POST /api/v1/society-activities/associations/{associationId:guid}", t => new() { ["associationId"] = t.Association.ToString() }, _ => new { kind = "FeaturedExchange", title = "冒名活动", heldOn = "2020-01-01" }, t => Row<Kexie.Domain.Directory.Association>(t.Association));
        Dictionary<string, string> AgreementRoute(Targets t) => new() { ["id"] = t.AgreementProject.ToString(), ["agreementId"] = t.Agreement.ToString() };
        On("PUT /api/v1/workstations/{id:guid}/agreements/{agreementId:guid}", AgreementRoute, t => new { subject = "冒名协议", signedOn = "2024-01-01", organizationIds = new[] { t.Organization }, institution = "冒名大学" }, t => Row<Kexie.Domain.Talent.CooperationAgreement>(t.Agreement));
        On("DELETE /api/v1/workstations/{id:guid}/agreements/{agreementId:guid}", AgreementRoute, _ => null, t => Row<Kexie.Domain.Talent.CooperationAgreement>(t.Agreement));
        On("PUT /api/v1/society-activities/{id:guid}", t => Id(t.SocietyActivity), _ => new { kind = "FeaturedExchange", title = "冒名活动", heldOn = "2020-01-01" }, t => Row<Kexie.Domain.Talent.SocietyActivity>(t.SocietyActivity));
        On("DELETE /api/v1/society-activities/{id:guid}", t => Id(t.SocietyActivity), _ => null, t => Row<Kexie.Domain.Talent.SocietyActivity>(t.SocietyActivity));
        object SurveyBody(Targets t) => new { name = "冒名问卷", year = t.Year, regionCode = DaYing, distribution = "Invitation", template = true };
        On("POST /api/v1/surveys/", _ => none, SurveyBody, _ => null);
        On("PUT /api/v1/surveys/{id:guid}", t => Id(t.Survey), SurveyBody, t => Row<Kexie.Domain.Talent.Survey>(t.Survey));
        On("POST /api/v1/surveys/{id:guid}/status", t => Id(t.Survey), _ => new { status = "Open" }, t => Row<Kexie.Domain.Talent.Survey>(t.Survey));
        On("POST /api/v1/surveys/{id:guid}/invitations", t => Id(t.Survey), _ => new { count = 3 }, t => Row<Kexie.Domain.Talent.Survey>(t.Survey));
        On("POST /api/v1/surveys/{id:guid}/topics", t => Id(t.Survey), _ => new { topic = "冒名主题" }, t => Row<Kexie.Domain.Talent.Survey>(t.Survey));
        On("POST /api/v1/surveys/{id:guid}/suggestions/{responseId:guid}", t => new() { ["id"] = t.SuggestionSurvey.ToString(), ["responseId"] = t.SuggestionResponse.ToString() },
            _ => new { topic = "其他", state = "Forwarded" }, t => Row<Kexie.Domain.Talent.SurveyResponse>(t.SuggestionResponse));
        On("POST /api/v1/indicators/refresh", _ => new() { ["?"] = "full=true" }, _ => null, _ => null);
        On("POST /api/v1/indicators/weight-sets", _ => none, _ => new { name = "冒名权重", groupWeights = new Dictionary<string, decimal> { ["ServingEnterprises"] = 1m } }, _ => null);
        On("POST /api/v1/indicators/linkage-tasks", _ => none, _ => new { title = "冒名任务", indicatorCode = "E01", regionCodes = new[] { DaYing }, target = 10, startsOn = "2026-01-01", dueOn = "2026-12-31" }, _ => null);
        On("PUT /api/v1/indicators/report-template", _ => new() { ["?"] = "region=" + DaYing }, _ => new { text = "# 自身建设\n冒名模板{截至}" }, _ => null);
        On("POST /api/v1/indicators/linkage-tasks/{id:guid}/comments", t => Id(t.LinkageTask), _ => new { text = "越权" }, t => Row<Kexie.Domain.Indicators.LinkageTask>(t.LinkageTask));
        return r;
    }

    /// <summary>What the auditor may write: its own account (sign-in, tokens, notifications); the rest is what anyone may do anonymously.</summary>
    private static readonly HashSet<string> AuditorsOwn = new(StringComparer.Ordinal) { "account.signin", "account.tokens.revoke", "notifications.read", "notifications.settings" };

    [Fact]
    public void The_auditor_holds_no_permission_that_a_write_endpoint_requires_but_its_own_accounts()
    {
        var policy = app.Services.GetRequiredService<Kexie.Domain.Authorization.AccessPolicy>();
        var auditor = new Actor("a", "a", UserRole.Auditor, DaYing);
        var held = EndpointPermissions.ApiWrites(app.Services)
            .Where(w => w.Requirement is { } r && r.Permission.Scope != Kexie.Domain.Authorization.PermissionScope.Anyone && !AuditorsOwn.Contains(r.Permission.Name)
                && policy.Can(auditor, r.Permission, DaYing))
            .Select(w => $"{w.Method} {w.Route} ({w.Requirement!.Permission.Name})")
            .ToList();
        Assert.True(held.Count == 0, "审计员持有写权限：\n" + string.Join("\n", held));
        Assert.DoesNotContain(policy.Grants.Of(UserRole.Auditor), p => p.Scope != Kexie.Domain.Authorization.PermissionScope.Anyone && !AuditorsOwn.Contains(p.Name)
            && EndpointPermissions.ApiWrites(app.Services).Any(w => w.Requirement?.Permission == p));
    }

    [Fact]
    public async Task No_role_of_another_county_nor_the_countys_auditor_changes_anything_of_DaYing_through_any_write_endpoint()
    {
        var targets = await TargetsAsync();
        var attackers = await AttackersAsync(targets);
        var endpoints = EndpointPermissions.ApiWrites(app.Services);
        Assert.True(endpoints.Count > 100, $"only {endpoints.Count} write endpoints found");

        var missing = new List<string>();
        var violations = new List<string>();
        var attempts = 0;
        foreach (var (method, route, requirement) in endpoints)
        {
            var key = $"{method} {route}";
            if (OpenByDesign.Contains(key))
            {
                continue;
            }

            if (!Rules.TryGetValue(key, out var attack))
            {
                missing.Add(key);
                continue;
            }

            foreach (var (who, client) in attackers)
            {
                var row = attack.Row(targets);
                var before = row is { } r ? await FingerprintAsync(r.Type, r.Id) : null;
                var auditBefore = who == "匿名" ? 0 : await AuditCountAsync(who);
                using var response = await SendAsync(client, method, Url(route, attack.Route(targets)), attack.Body(targets), attack.Multipart);
                attempts++;
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                var refused = status is 401 or 403 or 404
                    || (status == 400 && row is null && body.Contains("不存在", StringComparison.Ordinal))
                    || (status == 400 && body.Contains("\"regionCode\"", StringComparison.Ordinal))
                    || (status == 200 && key == "POST /api/v1/imports/{kind}" && body.Contains("\"created\":0", StringComparison.Ordinal));
                if (who.StartsWith("m-auditor-", StringComparison.Ordinal) && requirement?.Permission.Scope != Kexie.Domain.Authorization.PermissionScope.Anyone)
                {
                    // The county's own auditor: no region or party rule needed, the permission refuses it first. (What anyone may
                    // do anonymously — an e-station screen's token, a subscription's key — it meets as any visitor does.)
                    refused = status == 403;
                }

                if (!refused)
                {
                    violations.Add($"{who}: {key} → {status} {body[..Math.Min(200, body.Length)]}");
                }

                if (row is { } changed && await FingerprintAsync(changed.Type, changed.Id) != before)
                {
                    violations.Add($"{who}: {key} changed the {changed.Type.Name} it targets");
                }

                if (who != "匿名" && await AuditCountAsync(who) != auditBefore)
                {
                    violations.Add($"{who}: {key} wrote audit entries");
                }
            }
        }

        Assert.True(missing.Count == 0, "write endpoints without a matrix rule:\n" + string.Join("\n", missing));
        Assert.True(violations.Count == 0, $"{violations.Count} violations in {attempts} attempts:\n" + string.Join("\n", violations));
        Assert.True(attempts > 400, $"only {attempts} attempts");
    }

    private static string Url(string pattern, Dictionary<string, string> values)
    {
        var url = pattern;
        foreach (var (name, value) in values)
        {
            url = System.Text.RegularExpressions.Regex.Replace(url, "\\{" + name + "(:[^}]*)?\\}", value);
        }

        return values.TryGetValue("?", out var query) ? $"{url}?{query}" : url;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url, object? body, bool multipart)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (multipart)
        {
            var content = new MultipartFormDataContent();
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(body as string ?? "x"));
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            content.Add(file, "file", "file.csv");
            request.Content = content;
            if (url.Contains("/imports/", StringComparison.Ordinal))
            {
                request.RequestUri = new Uri(url + "?dryRun=false", UriKind.Relative);
            }
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json.Options);
        }

        return await client.SendAsync(request);
    }

    private Task<int> AuditCountAsync(string userName) => app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.UserName == userName));

    private Task<string?> FingerprintAsync(Type type, object id) => app.QueryAsync(async db =>
    {
        var entity = await db.FindAsync(type, id);
        if (entity is null)
        {
            return null;
        }

        var entry = db.Entry(entity);
        var values = entry.CurrentValues.Properties.Select(p => $"{p.Name}={System.Text.Json.JsonSerializer.Serialize(entry.CurrentValues[p])}");
        var owned = entry.Navigations.Where(n => n.Metadata.TargetEntityType.IsOwned()).Select(n => $"{n.Metadata.Name}={System.Text.Json.JsonSerializer.Serialize(n.CurrentValue)}");
        return string.Join(";", values.Concat(owned));
    });

    /// <summary>Records of 大英县 from the demo (and, where the demo has none, created by the county's own admin).</summary>
    private async Task<Targets> TargetsAsync()
    {
        var daying = await app.SignInAsync("daying");
        Guid Required(Guid? id, string what) => id ?? throw new InvalidOperationException($"演示数据中没有大英县的{what}");

        // Records the demo does not always have: made by 大英县's own admin and staff, as they would.
        var org = await app.QueryAsync(db => db.Organizations.Where(o => o.RegionCode.StartsWith(DaYing) && o.IsVerified).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        var owner = await app.QueryAsync(db => db.ScienceWorkers.Where(w => w.RegionCode.StartsWith(DaYing) && w.IsPublicProfile && w.UserId == null).OrderBy(w => w.Id).Select(w => w.Id).FirstAsync());
        var staff = await app.SignInAsync("daying-staff");
        await (await staff.PostJsonAsync("/api/v1/service-tickets", new { kind = "Consultation", targetOrganizationId = org, servedOn = "2026-06-01", regionCode = DaYing })).OkJsonAsync();
        var fair = await (await daying.PostJsonAsync("/api/v1/fairs", new { name = "矩阵测试科创会", description = "用于越权测试", regionCode = DaYing })).OkJsonAsync();
        await (await daying.PostJsonAsync($"/api/v1/fairs/{fair["id"]!.GetValue<string>()}/projects", new { category = "TechnologyToPromote", title = "矩阵测试项目", description = "柠檬深加工技术", organizationId = org, regionCode = DaYing })).OkJsonAsync();
        await (await daying.PostJsonAsync("/api/v1/storefronts", new { name = "矩阵测试工作室", introduction = "柑橘技术服务", regionCode = DaYing, ownerWorkerId = owner })).OkJsonAsync();
        var account = (await (await daying.PostJsonAsync("/api/v1/users", new { userName = $"matrix-{Guid.NewGuid():N}"[..16], displayName = "矩阵测试账号", password = "Kexie@2026", role = "ScienceWorker", regionCode = DaYing })).OkJsonAsync())["id"]!.GetValue<string>();
        var applicantPhone = KexieApp.NewPhone();
        var applicant = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        await (await applicant.PostJsonAsync("/api/v1/auth/codes", new { phone = applicantPhone, purpose = "SignUp", regionCode = DaYing })).OkJsonAsync();
        var smsCode = await app.QueryAsync(db => db.TextMessageOutbox.Where(m => m.Phone == applicantPhone).OrderByDescending(m => m.Id).Select(m => m.Text).FirstAsync());
        await (await applicant.PostJsonAsync("/api/v1/auth/register", new { phone = applicantPhone, code = System.Text.RegularExpressions.Regex.Match(smsCode, "\\d{6}").Value, password = "Matrix2026a", name = "矩阵申请人", kind = "Organization", regionCode = DaYing, creditCode = AccessScopeTests.NewCreditCode(DaYing), organizationName = "矩阵测试入驻单位" })).OkJsonAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await (await (await app.SignInAsync("suining")).PostJsonAsync("/api/v1/indicators/linkage-tasks", new { title = "矩阵测试任务", indicatorCode = "W02", regionCodes = new[] { DaYing }, target = 4, startsOn = today.AddDays(-10), dueOn = today.AddDays(10) })).OkJsonAsync();

        // A 大英县 contest with a school's work.
        var contest = (await (await daying.PostJsonAsync("/api/v1/contests", new { name = "矩阵测试青少年科技创新大赛", year = OwnYear, regionCode = DaYing, categories = new[] { "科技创新成果" }, recommendQuota = 5 })).OkJsonAsync())["id"]!.GetValue<string>();
        var school = await app.QueryAsync(db => db.Organizations.Where(o => o.RegionCode.StartsWith(DaYing) && o.Kind == Kexie.Domain.Directory.OrganizationKind.School).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        var contestEntry = (await (await daying.PostJsonAsync($"/api/v1/contests/{contest}/entries", new { schoolId = school, title = "矩阵测试作品", category = "科技创新成果", students = new[] { "张同学" }, teacher = "李老师" })).OkJsonAsync())["id"]!.GetValue<string>();

        // A 大英县 honour call with a nomination, and a workstation.
        var honourCall = (await (await daying.PostJsonAsync("/api/v1/honours/calls", new { name = "矩阵测试优秀科技人才评选", kind = "OutstandingTalent", year = OwnYear, regionCode = DaYing })).OkJsonAsync())["id"]!.GetValue<string>();
        var nomination = (await (await daying.PostJsonAsync($"/api/v1/honours/calls/{honourCall}/nominations", new { workerId = owner, reason = "矩阵测试推荐" })).OkJsonAsync())["id"]!.GetValue<string>();
        var survey = (await (await daying.PostJsonAsync("/api/v1/surveys", new { name = "矩阵测试问卷", year = OwnYear, regionCode = DaYing, distribution = "Invitation", template = true })).OkJsonAsync())["id"]!.GetValue<string>();
        var workstation = (await (await staff.PostJsonAsync("/api/v1/workstations", new { name = "矩阵测试专家工作站", kind = "ExpertWorkstation", level = "County", hostOrganizationId = org, foundedOn = "2023-01-01" })).OkJsonAsync())["id"]!.GetValue<string>();

        // A 纲要实施成员单位 of 大英县 with a 2025 task and assessment.
        var memberUnit = (await (await daying.PostJsonAsync("/api/v1/science-literacy/member-units", new { regionCode = DaYing, name = "矩阵测试成员单位", joinedOn = "2024-01-01" })).OkJsonAsync())["id"]!.GetValue<string>();
        var memberTask = (await (await daying.PostJsonAsync($"/api/v1/science-literacy/member-units/{memberUnit}/tasks", new { year = 2025, text = "矩阵测试任务" })).OkJsonAsync())["id"]!.GetValue<string>();
        var memberAssessment = (await (await daying.PostJsonAsync($"/api/v1/science-literacy/member-units/{memberUnit}/assessments", new { year = 2025, result = "完成" })).OkJsonAsync())["id"]!.GetValue<string>();
        var board = (await (await daying.PostJsonAsync("/api/v1/science-boards", new { regionCode = DaYing, name = "矩阵测试宣传栏", kind = "Board", builtOn = "2026-01-01" })).OkJsonAsync())["id"]!.GetValue<string>();
        var boardRefresh = (await (await daying.PostJsonAsync($"/api/v1/science-boards/{board}/refreshes", new { day = "2026-02-01", topic = "矩阵测试更新" })).OkJsonAsync())["id"]!.GetValue<string>();
        var webQuiz = (await (await daying.PostJsonAsync("/api/v1/web-quizzes", new { regionCode = DaYing, title = "矩阵测试网上竞赛", opensOn = "2026-01-01" })).OkJsonAsync())["id"]!.GetValue<string>();

        // A partner unit and an evidence photo on the first tallied activity of 大英县 (the one the tally rules aim at).
        var tallied = await app.QueryAsync(db => db.EventTallies.Where(v => v.RegionCode.StartsWith(DaYing)).OrderBy(v => v.Id).Select(v => new { v.Id, v.ActivityId }).FirstAsync());
        var partner = (await (await daying.PostJsonAsync($"/api/v1/popularization-activities/{tallied.ActivityId}/partners", new { role = "CoOrganizer", name = "矩阵测试协办单位" })).OkJsonAsync())["id"]!.GetValue<string>();
        var evidence = (await (await Market.MarketFiles.UploadAsync(daying, $"/api/v1/popularization-activities/{tallied.ActivityId}/tallies/{tallied.Id}/evidence", Market.MarketFiles.Png, "矩阵测试照片.png", "image/png")).OkJsonAsync())["id"]!.GetValue<string>();
        // A 大英县 society under 清理整顿 (it has no 2018 年检).
        var rectifiedSociety = (await (await daying.PostJsonAsync("/api/v1/associations", new { name = $"矩阵测试整顿学会{Guid.NewGuid():N}"[..16], kind = "Society", regionCode = DaYing })).OkJsonAsync())["id"]!.GetValue<string>();
        var rectification = (await (await daying.PostJsonAsync($"/api/v1/association-management/{rectifiedSociety}/rectifications", new { year = 2018, reasons = "矩阵测试：未按期年检", deadline = "2030-12-31" })).OkJsonAsync())["id"]!.GetValue<string>();

        // A 志愿者招募 of today's 大英县 activity, and the worker's application to it.
        var chinaToday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var recruitActivity = (await (await staff.PostJsonAsync("/api/v1/popularization-activities", new { kind = "Lecture", title = "矩阵测试志愿者招募活动", regionCode = DaYing, venue = "蓬莱镇", startsOn = chinaToday, endsOn = chinaToday })).OkJsonAsync())["id"]!.GetValue<string>();
        var volunteerCall = (await (await staff.PutJsonAsync($"/api/v1/popularization-activities/{recruitActivity}/volunteer-call", new { slots = 3, deadline = chinaToday })).OkJsonAsync())["id"]!.GetValue<string>();
        var volunteerWorker = await app.SignInAsync("worker");
        var joined = await volunteerWorker.PostJsonAsync("/api/v1/volunteers/me", new { });
        Assert.True(joined.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, joined.StatusCode.ToString());
        var volunteerApplication = (await (await volunteerWorker.PostJsonAsync($"/api/v1/popularization-activities/{recruitActivity}/volunteer-call/applications", new { note = "矩阵测试报名" })).OkJsonAsync())["id"]!.GetValue<string>();

        // A 大英县 plan with a candidate to drop or restore: the staff add one by hand when no plan has any yet.
        if (!await app.QueryAsync(db => db.ResponsePlans.AnyAsync(p => p.RegionCode.StartsWith(DaYing) && p.Candidates.Any())))
        {
            var open = await app.QueryAsync(db => db.ResponsePlans.Where(p => p.RegionCode.StartsWith(DaYing) && (p.Status == ResponsePlanStatus.New || p.Status == ResponsePlanStatus.Responded || p.Status == ResponsePlanStatus.Negotiating))
                .OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
            await (await staff.PostJsonAsync($"/api/v1/plans/{open}/candidates", new { kind = "Worker", targetId = owner, note = "矩阵测试候选" })).OkJsonAsync();
        }

        return await app.QueryAsync(async db =>
        {
            var worker = await db.ScienceWorkers.Where(w => w.RegionCode.StartsWith(DaYing) && !w.IsPublicProfile && w.UserId == null).OrderBy(w => w.Id).Select(w => (Guid?)w.Id).FirstOrDefaultAsync();
            var publicWorker = await db.ScienceWorkers.Where(w => w.RegionCode.StartsWith(DaYing) && w.IsPublicProfile && w.UserId == null).OrderBy(w => w.Id).Select(w => (Guid?)w.Id).FirstOrDefaultAsync();
            var organization = await db.Organizations.Where(o => o.RegionCode.StartsWith(DaYing) && o.IsVerified).OrderBy(o => o.Id).Select(o => (Guid?)o.Id).FirstOrDefaultAsync();
            var association = await db.Associations.Include(a => a.Members).Where(a => a.RegionCode == DaYing && a.Members.Count > 0).OrderBy(a => a.Id).FirstOrDefaultAsync();
            var activity = await db.ActivityParticipants.Where(p => p.RegionCode.StartsWith(DaYing)).OrderBy(p => p.Id).Select(p => new { p.Id, p.ActivityId }).FirstOrDefaultAsync();
            var plan = await db.ResponsePlans.Where(p => p.RegionCode.StartsWith(DaYing) && p.Candidates.Any()).OrderBy(p => p.Id)
                .Select(p => new { p.Id, p.NeedId, Candidate = p.Candidates.OrderBy(c => c.Id).Select(c => (Guid?)c.Id).FirstOrDefault() }).FirstOrDefaultAsync();
            var project = await db.FairProjects.Where(p => p.RegionCode.StartsWith(DaYing)).OrderBy(p => p.Id).Select(p => new { p.Id, p.FairId }).FirstOrDefaultAsync();
            var tally = await db.EventTallies.Where(v => v.RegionCode.StartsWith(DaYing)).OrderBy(v => v.Id).Select(v => new { v.Id, v.ActivityId }).FirstOrDefaultAsync();
            var service = await db.ServiceRecords.Where(x => x.RegionCode.StartsWith(DaYing)).OrderBy(x => x.Id).Select(x => new { x.Id, x.ActivityId, x.VolunteerId }).FirstOrDefaultAsync();
            var venueVisit = await db.VenueVisits.Where(v => v.RegionCode.StartsWith(DaYing)).OrderBy(v => v.Id).Select(v => new { v.Id, v.VenueId }).FirstOrDefaultAsync();
            var terminal = await db.EStationTerminals.Where(x => x.RegionCode.StartsWith(DaYing)).OrderBy(x => x.Id).Select(x => new { x.Id, x.StationId }).FirstOrDefaultAsync();
            var device = await db.EStationDevices.Where(x => x.RegionCode.StartsWith(DaYing) && x.RevokedAt == null).OrderBy(x => x.Id).Select(x => new { x.Id, x.StationId }).FirstOrDefaultAsync();
            var post = await db.EStationPosts.Where(x => x.RegionCode.StartsWith(DaYing) && x.WithdrawnAt == null).OrderBy(x => x.Id).Select(x => new { x.Id, x.StationId }).FirstOrDefaultAsync();
            var shehongOrganization = await db.Organizations.Where(o => o.RegionCode.StartsWith(SheHong)).OrderBy(o => o.Id).Select(o => (Guid?)o.Id).FirstOrDefaultAsync();
            var agreement = await db.CooperationAgreements.Where(x => x.RegionCode.StartsWith(DaYing)).OrderBy(x => x.Id).Select(x => new { x.Id, x.WorkstationId }).FirstOrDefaultAsync();
            var suggestion = await db.SurveyResponses.Where(x => x.RegionCode == DaYing && x.Valid && x.Suggestion != null).OrderBy(x => x.Id).Select(x => new { x.Id, x.SurveyId }).FirstOrDefaultAsync();
            return new Targets(
                Required(worker, "非公开科技工作者"),
                Required(publicWorker, "公开科技工作者"),
                Required(organization, "已审核单位"),
                Required(association?.Id, "有会员的学会"),
                Required(association?.Members.First().Id, "学会会员"),
                Required(await db.ServiceAgencies.Where(a => a.RegionCode.StartsWith(DaYing)).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(), "服务机构"),
                Required(await db.ScienceContents.Where(c => c.RegionCode.StartsWith(DaYing)).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(), "科普资源"),
                Required(activity?.ActivityId, "有报名的科普活动"),
                Required(activity?.Id, "科普活动报名"),
                Required(await db.EStations.Where(e => e.RegionCode.StartsWith(DaYing)).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(), "科普e站"),
                Required(await db.ThinkTankCalls.Where(c => c.RegionCode.StartsWith(DaYing)).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(), "课题征集"),
                Required(await db.ThinkTankTopics.Where(c => c.RegionCode.StartsWith(DaYing)).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(), "智库课题"),
                Required(await db.Proposals.Where(p => p.RegionCode.StartsWith(DaYing)).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(), "建言"),
                Required(await db.Offers.Where(o => o.RegionCode.StartsWith(DaYing) && o.Status == ReviewStatus.Published).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(), "已发布所能"),
                Required(plan?.NeedId, "有一单一策的需求"),
                Required(plan?.Id, "一单一策"),
                Required(await db.Orders.Where(o => o.RegionCode.StartsWith(DaYing)).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(), "订单"),
                Required(await db.ServiceTickets.Where(t => t.RegionCode.StartsWith(DaYing)).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(), "服务单"),
                Required(project?.FairId, "有项目的科创会"),
                Required(project?.Id, "科创会项目"),
                Required(await db.Storefronts.Where(s => s.RegionCode.StartsWith(DaYing)).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(), "科创工作室"),
                Required(await db.Experts.Where(e => e.RegionCode.StartsWith(DaYing)).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(), "专家"),
                Required(await db.LinkageTasks.Where(t => t.RegionCode.StartsWith(DaYing)).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(), "联动任务"),
                Required(shehongOrganization, "射洪市单位"),
                Required(await db.OrganizationApplications.Where(a => a.ApplicantPhone == applicantPhone).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(), "单位入驻申请"),
                account,
                Required(venueVisit?.VenueId, "有接待记录的科普阵地"),
                Required(venueVisit?.Id, "接待记录"),
                Required(tally?.ActivityId, "有统计的科普活动"),
                Required(tally?.Id, "活动统计"),
                Required(plan?.Candidate, "一单一策候选"),
                Guid.Parse(contest),
                Guid.Parse(contestEntry),
                Guid.Parse(honourCall),
                Guid.Parse(nomination),
                Guid.Parse(workstation),
                Required(await db.VolunteerTeams.Where(x => x.RegionCode.StartsWith(DaYing)).OrderBy(x => x.Id).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(), "志愿服务队"),
                Required(service?.VolunteerId, "有服务记录的志愿者"),
                Required(service?.ActivityId, "有志愿服务的科普活动"),
                Required(service?.Id, "志愿服务记录"),
                Required(await db.LiteracySurveys.Where(x => x.RegionCode == DaYing && x.Year == 2025).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(), "公民科学素质调查结果"),
                Required(await db.LiteracyTargets.Where(x => x.RegionCode == DaYing && x.Year == 2025).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(), "科学素质纲要目标"),
                Guid.Parse(survey),
                Required(await db.Inspections.Where(x => x.RegionCode.StartsWith(DaYing) && x.Status == Kexie.Domain.Talent.InspectionStatus.Submitted).OrderBy(x => x.Id).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(), "待评定的年检"),
                Required(await db.LeadershipPosts.Where(x => x.RegionCode.StartsWith(DaYing) && x.Until == null).OrderBy(x => x.Id).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(), "在任领导职务"),
                Required(terminal?.StationId, "有终端的科普e站"),
                Required(terminal?.Id, "e站终端"),
                Required(await db.EStationQuestions.Where(x => x.RegionCode.StartsWith(DaYing)).OrderBy(x => x.Id).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(), "e站提问"),
                Required(device?.StationId, "有e站屏设备的科普e站"),
                Required(device?.Id, "e站屏设备"),
                Required(post?.StationId, "有自助发布的科普e站"),
                Required(post?.Id, "e站自助发布"),
                Required(await db.QuizQuestions.Where(x => x.RegionCode == DaYing && x.RetiredAt == null).OrderBy(x => x.Id).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(), "知识竞答题目"),
                Required(agreement?.WorkstationId, "有合作协议的产学研合作项目"),
                Required(agreement?.Id, "产学研合作协议"),
                Required(await db.SocietyActivities.Where(x => x.RegionCode.StartsWith(DaYing)).OrderBy(x => x.Id).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(), "学会活动"),
                Guid.Parse(memberUnit),
                Guid.Parse(memberTask),
                Guid.Parse(memberAssessment),
                Guid.Parse(board),
                Guid.Parse(boardRefresh),
                Required(suggestion?.SurveyId, "有意见建议的问卷"),
                Required(suggestion?.Id, "问卷意见建议"),
                Guid.Parse(rectification),
                Guid.Parse(partner),
                Guid.Parse(evidence),
                Required(await db.ActivitySeries.Where(x => x.RegionCode == DaYing).OrderBy(x => x.Year).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(), "活动系列"),
                Guid.Parse(recruitActivity),
                Guid.Parse(volunteerCall),
                Guid.Parse(volunteerApplication),
                Guid.Parse(webQuiz),
                OwnYear);
        });
    }

    /// <summary>Accounts of 射洪市, one per role, made for this test so their audit trail is theirs alone; and anonymous.</summary>
    private async Task<List<(string Who, HttpClient Client)>> AttackersAsync(Targets targets)
    {
        var admin = await app.SignInAsync("admin");
        var shehong = await app.SignInAsync("shehong");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var phone = KexieApp.NewPhone();
        var worker = await (await shehong.PostJsonAsync("/api/v1/workers", new { name = "射洪测试者", gender = "Female", birthYear = 1985, employer = "射洪市农业农村局", title = "中级", disciplineCodes = new[] { "21030" }, education = "大学本科", phone, regionCode = SheHong, isPublicProfile = false })).OkJsonAsync();
        var accounts = new (string Name, string Role, Guid? Worker, Guid? Organization)[]
        {
            ($"m-admin-{suffix}", "AssociationAdmin", null, null),
            ($"m-staff-{suffix}", "ServiceCenterStaff", null, null),
            ($"m-worker-{suffix}", "ScienceWorker", Guid.Parse(worker["id"]!.GetValue<string>()), null),
            ($"m-org-{suffix}", "OrganizationMember", null, targets.SheHongOrganization),
            ($"m-agency-{suffix}", "AgencyMember", null, null),
        };
        // The county's own auditor, made by the county's admin (an auditor of 射洪市 would be refused by region alone).
        var auditorName = $"m-auditor-{suffix}";
        await (await (await app.SignInAsync("daying")).PostJsonAsync("/api/v1/users", new { userName = auditorName, displayName = "大英县审计员", password = "Kexie@2026", role = "Auditor", regionCode = DaYing })).OkJsonAsync();
        var clients = new List<(string, HttpClient)> { ("匿名", app.Anonymous()) };
        foreach (var (name, role, workerId, organizationId) in accounts)
        {
            await (await admin.PostJsonAsync("/api/v1/users", new { userName = name, displayName = $"射洪{Enum.Parse<UserRole>(role).Chinese()}", password = "Kexie@2026", role, regionCode = SheHong, scienceWorkerId = workerId, organizationId })).OkJsonAsync();
            clients.Add((name, await app.SignInAsync(name)));
        }

        clients.Add((auditorName, await app.SignInAsync(auditorName)));

        return clients;
    }
}

public sealed class WriteMatrixSqliteTests(SqliteApp app) : WriteMatrixTests(app);

public sealed class WriteMatrixPostgresTests(PostgresApp app) : WriteMatrixTests(app);
