using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Kexie.Data;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Web.Tests.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// A grant in the settings is a real power for the think tank, service tickets, surveys and organization reviews too: the
/// domain asks for a manager of the record's region and the permission says which managers. In a host whose settings grant
/// <c>thinktank.calls.manage</c>, <c>thinktank.topics.review</c>, <c>thinktank.proposals.decide</c>, <c>market.tickets.manage</c>,
/// <c>talent.surveys.manage</c> and <c>directory.organizations.review</c> to service-centre staff, a staffer acts on records of
/// their county and not on another county's; in the demo host (default grants) the staffer is refused with 403 and the record
/// is unchanged, page forms included.
/// </summary>
public abstract class GrantedManagementTests(GrantedManagementApp granted, KexieApp plain)
{
    private const string DaYing = "510923";
    private const string SheHong = "510981";

    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Token() => Guid.NewGuid().ToString("N")[..8];

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();

    [Fact]
    public async Task Staff_granted_the_think_tank_permissions_run_calls_review_topics_and_decide_proposals_of_their_county_only()
    {
        var token = Token();
        var (staff, _) = await granted.CreateUserAsync(UserRole.ServiceCenterStaff, "服务中心 钱宁");
        var (stranger, _) = await granted.CreateUserAsync(UserRole.ServiceCenterStaff, "射洪服务中心 孔明", SheHong);
        var (worker, _) = await granted.CreateUserAsync(UserRole.ScienceWorker, "赵研究员");

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostJsonAsync("/api/v1/think-tank/calls", new { title = $"越权征集{token}", regionCode = DaYing, deadline = ChinaToday.AddDays(30) })).StatusCode);
        var call = await (await staff.PostJsonAsync("/api/v1/think-tank/calls", new { title = $"县域产业智库课题征集{token}", regionCode = DaYing, deadline = ChinaToday.AddDays(30) })).OkJsonAsync();
        var topic = await (await worker.PostJsonAsync($"/api/v1/think-tank/calls/{Id(call)}/topics", new
        {
            title = $"盐化工园区安全研究{token}", summary = "园区安全风险评估", leaderName = "赵研究员", leaderOrganization = "大英县盐化工研究所", regionCode = DaYing,
        })).OkJsonAsync();
        var topicId = Id(topic);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"/api/v1/think-tank/topics/{topicId}/reviews", new { expertName = "越权", score = 99 })).StatusCode);
        await (await staff.PostJsonAsync($"/api/v1/think-tank/topics/{topicId}/reviews", new { expertName = "李专家", score = 88 })).OkJsonAsync();
        await (await staff.GetAsync($"/api/v1/think-tank/topics/{topicId}/expert-review")).OkJsonAsync();
        Assert.Equal("已立项", Str(await (await staff.PostAsync($"/api/v1/think-tank/topics/{topicId}/approve", null)).OkJsonAsync(), "statusName"));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsync($"/api/v1/think-tank/calls/{Id(call)}/close", null)).StatusCode);
        await (await staff.PostAsync($"/api/v1/think-tank/calls/{Id(call)}/close", null)).OkJsonAsync();

        var proposal = await (await worker.PostJsonAsync("/api/v1/proposals", new { title = $"盐卤资源综合利用建议{token}", content = "建议统筹盐卤资源开发。", proposerName = "赵研究员", regionCode = DaYing })).OkJsonAsync();
        var adopt = new { level = "County", adoptedBy = "大英县人民政府" };
        Assert.NotEqual(HttpStatusCode.OK, (await stranger.PostJsonAsync($"/api/v1/proposals/{Id(proposal)}/adopt", adopt)).StatusCode);
        Assert.Equal("Adopted", Str(await (await staff.PostJsonAsync($"/api/v1/proposals/{Id(proposal)}/adopt", adopt)).OkJsonAsync(), "status"));
    }

    [Fact]
    public async Task Without_the_grant_a_staffer_is_refused_think_tank_decisions_and_nothing_changes()
    {
        var token = Token();
        var daying = await plain.SignInAsync("daying");
        var staff = await plain.SignInAsync("daying-staff");
        var worker = await plain.SignInAsync("worker");
        var call = await (await daying.PostJsonAsync("/api/v1/think-tank/calls", new { title = $"未授权测试征集{token}", regionCode = DaYing, deadline = ChinaToday.AddDays(30) })).OkJsonAsync();
        var topic = await (await worker.PostJsonAsync($"/api/v1/think-tank/calls/{Id(call)}/topics", new
        {
            title = $"柠檬品牌建设研究{token}", summary = "品牌建设", leaderName = "张教授", leaderOrganization = "遂宁职业技术学院", regionCode = DaYing,
        })).OkJsonAsync();
        var topicId = Id(topic);
        await (await daying.PostJsonAsync($"/api/v1/think-tank/topics/{topicId}/reviews", new { expertName = "李专家", score = 90 })).OkJsonAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync($"/api/v1/think-tank/calls/{Id(call)}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync($"/api/v1/think-tank/topics/{topicId}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/v1/think-tank/topics/{topicId}/expert-review")).StatusCode);

        // The page's step form takes withdrawals from applicants; its review steps need the review permission too.
        var page = await staff.GetStringAsync($"/ThinkTank/Topics/{topicId}");
        var version = (await (await staff.GetAsync($"/api/v1/think-tank/topics/{topicId}")).OkJsonAsync())["version"]!.GetValue<int>();
        var forged = await staff.PostAsync($"/ThinkTank/Topics/{topicId}?handler=Step", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LoginTestSupport.TokenOf(page),
            ["step"] = "approve",
            ["version"] = version.ToString(CultureInfo.InvariantCulture),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("专家评审中", Str(await (await daying.GetAsync($"/api/v1/think-tank/topics/{topicId}")).OkJsonAsync(), "statusName"));
        Assert.True((await (await daying.GetAsync($"/api/v1/think-tank/calls/{Id(call)}")).OkJsonAsync())["acceptsApplications"]!.GetValue<bool>());

        var proposal = await (await worker.PostJsonAsync("/api/v1/proposals", new { title = $"未授权测试建言{token}", content = "建议加强科普阵地建设。", proposerName = "张教授", regionCode = DaYing })).OkJsonAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostJsonAsync($"/api/v1/proposals/{Id(proposal)}/adopt", new { level = "County", adoptedBy = "大英县人民政府" })).StatusCode);
        Assert.Equal("Submitted", Str(await (await daying.GetAsync($"/api/v1/proposals/{Id(proposal)}")).OkJsonAsync(), "status"));
    }

    [Fact]
    public async Task Staff_granted_ticket_management_correct_a_colleagues_ticket_of_their_county_only()
    {
        var (recorder, _) = await granted.CreateUserAsync(UserRole.ServiceCenterStaff, "服务中心 孙悦");
        var (colleague, _) = await granted.CreateUserAsync(UserRole.ServiceCenterStaff, "服务中心 李青");
        var (stranger, _) = await granted.CreateUserAsync(UserRole.ServiceCenterStaff, "射洪服务中心 何平", SheHong);
        var ticket = new { kind = "Training", targetText = "蓬莱镇种植户", servedOn = ChinaToday, regionCode = DaYing, participantCount = 30 };
        var id = Id(await (await recorder.PostJsonAsync("/api/v1/service-tickets", ticket)).OkJsonAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PutJsonAsync($"/api/v1/service-tickets/{id}", ticket with { participantCount = 99 })).StatusCode);
        Assert.Equal(32, (await (await colleague.PutJsonAsync($"/api/v1/service-tickets/{id}", ticket with { participantCount = 32 })).OkJsonAsync())["participantCount"]!.GetValue<int>());
        Assert.Equal(32, await granted.QueryAsync(db => db.ServiceTickets.Where(t => t.Id == Guid.Parse(id)).Select(t => t.ParticipantCount).SingleAsync()));
    }

    [Fact]
    public async Task Without_the_grant_a_staffer_corrects_only_their_own_tickets()
    {
        var daying = await plain.SignInAsync("daying");
        var staff = await plain.SignInAsync("daying-staff");
        var ticket = new { kind = "Training", targetText = $"回马镇养殖户{Token()}", servedOn = ChinaToday, regionCode = DaYing, participantCount = 20 };
        var theirs = Id(await (await daying.PostJsonAsync("/api/v1/service-tickets", ticket)).OkJsonAsync());
        var own = Id(await (await staff.PostJsonAsync("/api/v1/service-tickets", ticket)).OkJsonAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PutJsonAsync($"/api/v1/service-tickets/{theirs}", ticket with { participantCount = 99 })).StatusCode);
        Assert.Equal(20, await plain.QueryAsync(db => db.ServiceTickets.Where(t => t.Id == Guid.Parse(theirs)).Select(t => t.ParticipantCount).SingleAsync()));
        await (await staff.PutJsonAsync($"/api/v1/service-tickets/{own}", ticket with { participantCount = 21 })).OkJsonAsync();
        Assert.Equal(25, (await (await daying.PutJsonAsync($"/api/v1/service-tickets/{own}", ticket with { participantCount = 25 })).OkJsonAsync())["participantCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Staff_granted_survey_management_run_surveys_of_their_county_only_and_without_it_are_refused()
    {
        var body = new { name = "科技工作者状况调查", year = TestYears.Next(granted.Provider), regionCode = DaYing, distribution = "Anonymous", template = true };
        var (staff, _) = await granted.CreateUserAsync(UserRole.ServiceCenterStaff, "服务中心 周密");
        var (stranger, _) = await granted.CreateUserAsync(UserRole.ServiceCenterStaff, "射洪服务中心 唐林", SheHong);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostJsonAsync("/api/v1/surveys", body)).StatusCode);
        var survey = await (await staff.PostJsonAsync("/api/v1/surveys", body)).OkJsonAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"/api/v1/surveys/{Id(survey)}/status", new { status = "Open" })).StatusCode);
        Assert.Equal("Open", Str(await (await staff.PostJsonAsync($"/api/v1/surveys/{Id(survey)}/status", new { status = "Open" })).OkJsonAsync(), "status"));

        var daying = await plain.SignInAsync("daying");
        var plainStaff = await plain.SignInAsync("daying-staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await plainStaff.PostJsonAsync("/api/v1/surveys", body)).StatusCode);
        var draft = await (await daying.PostJsonAsync("/api/v1/surveys", body)).OkJsonAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await plainStaff.PostJsonAsync($"/api/v1/surveys/{Id(draft)}/status", new { status = "Open" })).StatusCode);
        Assert.Equal("Draft", Str(await (await daying.GetAsync($"/api/v1/surveys/{Id(draft)}")).OkJsonAsync(), "status"));
    }

    [Fact]
    public async Task Staff_granted_organization_review_approve_applications_of_their_county_only_and_without_it_are_refused()
    {
        var (staff, _) = await granted.CreateUserAsync(UserRole.ServiceCenterStaff, "服务中心 郑和");
        var (stranger, _) = await granted.CreateUserAsync(UserRole.ServiceCenterStaff, "射洪服务中心 冯远", SheHong);
        var application = await ApplyAsync(granted, "大英县授权审核测试化工有限公司");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/organization-applications/{application}/approve", null)).StatusCode);
        await (await staff.PostAsync($"/api/v1/organization-applications/{application}/approve", null)).OkJsonAsync();
        Assert.Equal(OrganizationApplicationStatus.Approved, await granted.QueryAsync(db => db.OrganizationApplications.Where(a => a.Id == application).Select(a => a.Status).SingleAsync()));

        var pending = await ApplyAsync(plain, "大英县未授权审核测试食品有限公司");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await plain.SignInAsync("daying-staff")).PostAsync($"/api/v1/organization-applications/{pending}/approve", null)).StatusCode);
        Assert.Equal(OrganizationApplicationStatus.Pending, await plain.QueryAsync(db => db.OrganizationApplications.Where(a => a.Id == pending).Select(a => a.Status).SingleAsync()));
    }

    /// <summary>A company signs up in 大英县 as a person would; returns its pending application.</summary>
    private static async Task<Guid> ApplyAsync(KexieApp app, string name)
    {
        var phone = KexieApp.NewPhone();
        var company = app.Client();
        var code = await app.CodeForAsync(company, phone);
        await (await company.RegisterAsync(new
        {
            phone, code, password = SignUpSupport.Password, name = "吴经理", kind = "Organization", regionCode = DaYing,
            creditCode = AccessScopeTests.NewCreditCode(DaYing), organizationName = $"{name}{Token()}",
        })).OkJsonAsync();
        return await app.QueryAsync(db => db.OrganizationApplications.Where(a => a.ApplicantPhone == phone).Select(a => a.Id).SingleAsync());
    }
    [Fact]
    public async Task Staff_granted_contests_honours_and_linkage_hold_them_in_their_county_only_and_are_refused_without_the_grant()
    {
        var token = Token();
        var year = ChinaToday.Year;
        var (staff, _) = await granted.CreateUserAsync(UserRole.ServiceCenterStaff, "服务中心 钱宁");
        var (stranger, _) = await granted.CreateUserAsync(UserRole.ServiceCenterStaff, "射洪服务中心 孔明", SheHong);

        // 青少年科技创新大赛: held, moved to 评审中 and closed by the granted staffer of the holding county only.
        var contestBody = new { name = $"大英县青少年科技创新大赛{token}", year, regionCode = DaYing, categories = new[] { "科技创新成果" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostJsonAsync("/api/v1/contests", contestBody)).StatusCode);
        var contest = await (await staff.PostJsonAsync("/api/v1/contests", contestBody)).OkJsonAsync();
        Assert.NotEqual(HttpStatusCode.OK, (await stranger.PostJsonAsync($"/api/v1/contests/{Id(contest)}/status", new { status = "Reviewing" })).StatusCode);
        Assert.Equal("Reviewing", Str(await (await staff.PostJsonAsync($"/api/v1/contests/{Id(contest)}/status", new { status = "Reviewing" })).OkJsonAsync(), "status"));

        // 荣誉评选: opened and closed by the granted staffer of the call's county; another county's staff cannot.
        var callBody = new { name = $"大英县{year}年优秀科技工作者评选{token}", kind = "OutstandingTalent", year, regionCode = DaYing, quota = 2 };
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostJsonAsync("/api/v1/honours/calls", callBody)).StatusCode);
        var call = await (await staff.PostJsonAsync("/api/v1/honours/calls", callBody)).OkJsonAsync();
        Assert.NotEqual(HttpStatusCode.OK, (await stranger.PostAsync($"/api/v1/honours/calls/{Id(call)}/close", null)).StatusCode);
        await (await staff.PostAsync($"/api/v1/honours/calls/{Id(call)}/close", null)).OkJsonAsync();

        // 联动任务: the granted county staffer assigns to a township of its county, never to another county's.
        var task = new { title = $"新增注册科技工作者{token}", indicatorCode = "W02", regionCodes = new[] { "510923100" }, target = 5, startsOn = ChinaToday, dueOn = ChinaToday.AddDays(30) };
        Assert.Equal("510923100", (await (await staff.PostJsonAsync("/api/v1/indicators/linkage-tasks", task)).OkJsonAsync()).AsArray().Single()!["regionCode"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostJsonAsync("/api/v1/indicators/linkage-tasks", task)).StatusCode);

        // The demo host keeps the defaults: its staffer is refused all three, and nothing is written.
        var plainStaff = await plain.SignInAsync("daying-staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await plainStaff.PostJsonAsync("/api/v1/contests", contestBody)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await plainStaff.PostJsonAsync("/api/v1/honours/calls", callBody)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await plainStaff.PostJsonAsync("/api/v1/indicators/linkage-tasks", task)).StatusCode);
        Assert.Equal(0, await plain.QueryAsync(db => db.Contests.CountAsync(c => c.Name.EndsWith(token))));
        Assert.Equal(0, await plain.QueryAsync(db => db.HonourCalls.CountAsync(c => c.Name.EndsWith(token))));
    }

}

public sealed class GrantedManagementSqliteTests(GrantedManagementSqliteApp granted, SqliteApp plain)
    : GrantedManagementTests(granted, plain), IClassFixture<GrantedManagementSqliteApp>;

public sealed class GrantedManagementPostgresTests(GrantedManagementPostgresApp granted, PostgresApp plain)
    : GrantedManagementTests(granted, plain), IClassFixture<GrantedManagementPostgresApp>;

/// <summary>
/// A host (no demo data; the tests make their users) whose settings grant service-centre staff the think tank's, the service
/// tickets', the surveys' and the organization reviews' management permissions that default to the association admins.
/// </summary>
public abstract class GrantedManagementApp : KexieApp
{
    private static readonly string[] Granted =
        ["thinktank.calls.manage", "thinktank.topics.review", "thinktank.proposals.decide", "market.tickets.manage", "talent.surveys.manage", "directory.organizations.review",
         "talent.contests.manage", "talent.honours.manage", "indicators.linkage.assign"];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Matching:TrainClassifier", "false");
        for (var i = 0; i < Granted.Length; i++)
        {
            builder.UseSetting($"Authorization:Grants:ServiceCenterStaff:{i}", Granted[i]);
        }
    }

}

public sealed class GrantedManagementSqliteApp : GrantedManagementApp
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"kexie-test-granted-{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string ConnectionString => $"Data Source={file}";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class GrantedManagementPostgresApp : GrantedManagementApp
{
    private readonly string database = $"kexie_test_granted_{Guid.NewGuid():N}";
    private readonly string server = Environment.GetEnvironmentVariable("KEXIE_TEST_POSTGRES")
        ?? throw new InvalidOperationException("未设置 KEXIE_TEST_POSTGRES：PostgreSQL 测试需要一个数据库服务器。");

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override string ConnectionString => new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
        GC.SuppressFinalize(this);
    }
}
