using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Kexie.Data;
using Kexie.Domain.Directory;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Accounts;

/// <summary>Helpers to sign up as a person would: ask for a code, read it from the 短信发件箱, register.</summary>
internal static partial class SignUpSupport
{
    public const string Password = "Signup2026a";

    public static HttpClient Client(this KexieApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    public static Task<HttpResponseMessage> SendCodeAsync(this HttpClient client, string phone, string purpose = "SignUp", string? regionCode = "510923") =>
        client.PostJsonAsync("/api/v1/auth/codes", new { phone, purpose, regionCode });

    /// <summary>The code in the newest outbox message to <paramref name="phone"/>.</summary>
    public static Task<string> LastCodeAsync(this KexieApp app, string phone) => app.QueryAsync(async db =>
    {
        var text = await db.TextMessageOutbox.Where(m => m.Phone == phone).OrderByDescending(m => m.Id).Select(m => m.Text).FirstAsync();
        return SixDigits().Match(text).Value;
    });

    public static async Task<string> CodeForAsync(this KexieApp app, HttpClient client, string phone, string purpose = "SignUp")
    {
        await (await client.SendCodeAsync(phone, purpose)).OkJsonAsync();
        return await app.LastCodeAsync(phone);
    }

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, object body) => client.PostJsonAsync("/api/v1/auth/register", body);

    /// <summary>Lets the resend interval pass for a phone (the newest code is made a minute older).</summary>
    public static Task AgeCodesAsync(this KexieApp app, string phone, TimeSpan by) => app.QueryAsync(async db =>
    {
        var codes = await db.OneTimeCodes.Where(c => c.Phone == phone).ToListAsync();
        foreach (var code in codes)
        {
            db.Entry(code).Property(c => c.CreatedAt).CurrentValue = code.CreatedAt - by;
            db.Entry(code).Property(c => c.ExpiresAt).CurrentValue = code.ExpiresAt - by;
        }

        return await db.SaveChangesAsync();
    });

    [GeneratedRegex("(?<!\\d)\\d{6}(?!\\d)")]
    private static partial Regex SixDigits();
}

/// <summary>Sign-up by phone code, claims, organization review, invitations, password reset and account administration.</summary>
public abstract class SignUpTests(KexieApp app)
{
    private const string DaYing = "510923";

    [Fact]
    public async Task A_worker_signs_up_with_the_phone_of_a_directory_profile_claims_it_and_publishes_an_offer()
    {
        var daying = await app.SignInAsync("daying");
        var phone = KexieApp.NewPhone();
        var profile = await (await daying.PostJsonAsync("/api/v1/workers", new { name = "导入的李工", gender = "Male", birthYear = 1980, employer = "大英县农业农村局", title = "中级", disciplineCodes = new[] { "21030" }, education = "大学本科", phone, regionCode = DaYing, isPublicProfile = false })).OkJsonAsync();
        var profileId = Guid.Parse(profile["id"]!.GetValue<string>());

        var client = app.Client();
        var code = await app.CodeForAsync(client, phone);
        var registered = await (await client.RegisterAsync(new { phone, code, password = SignUpSupport.Password, name = "李工", kind = "Worker", regionCode = "510981" })).OkJsonAsync();
        Assert.Contains("已认领", registered["message"]!.GetValue<string>());
        Assert.Equal(profileId, Guid.Parse(registered["account"]!["scienceWorkerId"]!.GetValue<string>()));
        Assert.Equal(DaYing, registered["account"]!["regionCode"]!.GetValue<string>());
        Assert.Equal(1, await app.QueryAsync(db => db.ScienceWorkers.CountAsync(w => w.Phone == phone)));
        Assert.NotNull(await app.QueryAsync(db => db.ScienceWorkers.Where(w => w.Id == profileId).Select(w => w.UserId).FirstAsync()));

        // The new account publishes an offer in its own name (no 403), and signs in by phone.
        await (await client.PostJsonAsync("/api/v1/offers", new { kind = "Service", title = "柠檬病虫害防治技术服务", description = "<p>现场指导</p>", disciplineCodes = new[] { "21030" }, priceMode = "Negotiable" })).OkJsonAsync();
        var again = app.Client();
        var me = await (await again.PostJsonAsync("/api/v1/auth/login", new { userName = phone, password = SignUpSupport.Password })).OkJsonAsync();
        Assert.Equal("李工", me["displayName"]!.GetValue<string>());

        // The phone is taken now: no second account.
        var refused = await app.Client().SendCodeAsync(phone);
        Assert.Contains("已注册", await refused.AssertValidationProblemAsync("phone"));
    }

    [Fact]
    public async Task The_register_page_has_the_sites_county_chosen()
    {
        var page = await (await app.Anonymous().GetAsync("/Account/Register")).Content.ReadAsStringAsync();
        Assert.Matches("<option value=\"510923\" selected=\"selected\">[^<]*大英县</option>", page);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "selected=\"selected\">[^<]*县"));
    }

    [Fact]
    public async Task A_profile_linked_to_another_account_is_not_claimed_and_nothing_is_created()
    {
        var daying = await app.SignInAsync("daying");
        var phone = KexieApp.NewPhone();
        var profile = await (await daying.PostJsonAsync("/api/v1/workers", new { name = "已关联者", gender = "Female", birthYear = 1985, phone, regionCode = DaYing, isPublicProfile = false })).OkJsonAsync();
        await (await daying.PostJsonAsync("/api/v1/users", new { userName = $"linked{Guid.NewGuid():N}"[..14], displayName = "已关联者", password = "Kexie@2026", role = "ScienceWorker", regionCode = DaYing, scienceWorkerId = Guid.Parse(profile["id"]!.GetValue<string>()) })).OkJsonAsync();
        // Counted by this test's phone and name only: other tests register people on the same app at the same time.
        var usersBefore = await app.QueryAsync(db => db.Users.CountAsync(u => u.PhoneNumber == phone || u.DisplayName == "冒认者"));

        var client = app.Client();
        var code = await app.CodeForAsync(client, phone);
        var message = await (await client.RegisterAsync(new { phone, code, password = SignUpSupport.Password, name = "冒认者", kind = "Worker", regionCode = DaYing })).AssertValidationProblemAsync("phone");
        Assert.Contains("已关联其他账号", message);
        Assert.Contains("科协", message);
        Assert.Equal(usersBefore, await app.QueryAsync(db => db.Users.CountAsync(u => u.PhoneNumber == phone || u.DisplayName == "冒认者")));
        Assert.Equal(1, await app.QueryAsync(db => db.ScienceWorkers.CountAsync(w => w.Phone == phone)));
    }

    [Fact]
    public async Task A_new_worker_gets_a_private_profile_in_the_chosen_county()
    {
        var phone = KexieApp.NewPhone();
        var client = app.Client();
        var code = await app.CodeForAsync(client, phone);
        var registered = await (await client.RegisterAsync(new { phone, code, password = SignUpSupport.Password, name = "新科技工作者", kind = "Worker", regionCode = DaYing })).OkJsonAsync();
        var workerId = Guid.Parse(registered["account"]!["scienceWorkerId"]!.GetValue<string>());
        var worker = await app.QueryAsync(db => db.ScienceWorkers.AsNoTracking().FirstAsync(w => w.Id == workerId));
        Assert.Equal(DaYing, worker.RegionCode);
        Assert.False(worker.IsPublicProfile);
        Assert.Equal(phone, worker.Phone);
    }

    [Fact]
    public async Task Codes_expire_are_used_once_are_bound_to_their_purpose_and_end_after_five_wrong_tries()
    {
        var client = app.Client();
        var phone = KexieApp.NewPhone();
        var body = (string code) => new { phone, code, password = SignUpSupport.Password, name = "验证码测试", kind = "Worker", regionCode = DaYing };

        // Expired.
        var first = await app.CodeForAsync(client, phone);
        await app.AgeCodesAsync(phone, TimeSpan.FromMinutes(6));
        Assert.Contains("已过期", await (await client.RegisterAsync(body(first))).AssertValidationProblemAsync("code"));

        // A sign-up code does not reset a password.
        var second = await app.CodeForAsync(client, phone);
        Assert.Equal("code", (await (await client.PostJsonAsync("/api/v1/auth/password/reset", new { phone, code = second, newPassword = "Another2026a" })).ReadNodeAsync())["errors"]!.AsObject().First().Key);

        // Five wrong tries end the code: the right one is refused afterwards.
        var wrong = second == "000000" ? "111111" : "000000";
        for (var i = 0; i < 4; i++)
        {
            Assert.Contains("不正确", await (await client.RegisterAsync(body(wrong))).AssertValidationProblemAsync("code"));
        }

        Assert.Contains("次数过多", await (await client.RegisterAsync(body(wrong))).AssertValidationProblemAsync("code"));
        Assert.Contains("次数过多", await (await client.RegisterAsync(body(second))).AssertValidationProblemAsync("code"));
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.PhoneNumber == phone)));

        // Only a hash is stored.
        Assert.False(await app.QueryAsync(db => db.OneTimeCodes.AnyAsync(c => c.Phone == phone && c.CodeHash.Contains(second))));

        // A fresh code works; a refused registration (bad credit code) leaves it usable.
        await app.AgeCodesAsync(phone, TimeSpan.FromMinutes(2));
        var third = await app.CodeForAsync(client, phone);
        await (await client.RegisterAsync(new { phone, code = third, password = SignUpSupport.Password, name = "验证码测试", kind = "Organization", regionCode = DaYing, creditCode = "91510923MA0000000X", organizationName = "x" })).AssertValidationProblemAsync("creditCode");
        await (await client.RegisterAsync(body(third))).OkJsonAsync();

        // Password reset by phone code: the code works once, the new password signs in, the old one does not.
        await app.AgeCodesAsync(phone, TimeSpan.FromMinutes(2));
        var reset = await app.CodeForAsync(app.Client(), phone, "ResetPassword");
        var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostJsonAsync("/api/v1/auth/password/reset", new { phone, code = reset, newPassword = "Another2026a" })).StatusCode);
        Assert.Contains("已使用", await (await anonymous.PostJsonAsync("/api/v1/auth/password/reset", new { phone, code = reset, newPassword = "Third2026a" })).AssertValidationProblemAsync("code"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().PostJsonAsync("/api/v1/auth/login", new { userName = phone, password = SignUpSupport.Password })).StatusCode);
        await (await app.Client().PostJsonAsync("/api/v1/auth/login", new { userName = phone, password = "Another2026a" })).OkJsonAsync();
    }

    [Fact]
    public async Task A_second_code_within_a_minute_is_a_429_and_a_reset_code_for_an_unknown_phone_reads_like_a_sent_one()
    {
        var client = app.Client();
        var phone = KexieApp.NewPhone();
        await (await client.SendCodeAsync(phone)).OkJsonAsync();
        var again = await client.SendCodeAsync(phone);
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.NotNull(again.Headers.RetryAfter?.Delta);
        Assert.Contains("秒后再试", (await again.ReadNodeAsync())["detail"]!.GetValue<string>());

        var unknown = KexieApp.NewPhone();
        var answer = await (await client.SendCodeAsync(unknown, "ResetPassword")).OkJsonAsync();
        Assert.Equal("验证码已发送，请查收短信", answer["message"]!.GetValue<string>());
        Assert.False(await app.QueryAsync(db => db.TextMessageOutbox.AnyAsync(m => m.Phone == unknown)));
        await (await client.SendCodeAsync("12345")).AssertValidationProblemAsync("phone");
    }

    [Fact]
    public async Task A_new_company_waits_for_its_county_then_publishes_needs_and_invites_a_colleague()
    {
        var phone = KexieApp.NewPhone();
        var creditCode = AccessScopeTests.NewCreditCode(DaYing);
        var company = app.Client();
        var code = await app.CodeForAsync(company, phone);
        var registered = await (await company.RegisterAsync(new { phone, code, password = SignUpSupport.Password, name = "王经理", kind = "Organization", regionCode = DaYing, creditCode, organizationName = "大英县注册测试食品有限公司" })).OkJsonAsync();
        Assert.True(registered["pendingReview"]!.GetValue<bool>());
        Assert.Contains("大英县科协审核", registered["message"]!.GetValue<string>());
        Assert.Null(registered["account"]!["organizationId"]);

        var need = new { title = "柠檬饮料杀菌工艺改进", problem = "<p>需要降低热杀菌对风味的影响</p>", industryCodes = new[] { "1523" } };
        var pending = await company.PostJsonAsync("/api/v1/needs", need);
        Assert.Equal(HttpStatusCode.Forbidden, pending.StatusCode);
        Assert.Contains("尚待县科协审核", (await pending.ReadNodeAsync())["detail"]!.GetValue<string>());

        // Another county's admin does not see it; 大英县's admin approves it.
        var application = await app.QueryAsync(db => db.OrganizationApplications.Where(a => a.ApplicantPhone == phone).Select(a => a.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).PostAsync($"/api/v1/organization-applications/{application}/approve", null)).StatusCode);
        var daying = await app.SignInAsync("daying");
        var list = await (await daying.GetAsync("/api/v1/organization-applications?status=Pending&pageSize=200")).OkJsonAsync();
        Assert.Contains(list["items"]!.AsArray(), a => a!["creditCode"]!.GetValue<string>() == creditCode);
        var approved = await (await daying.PostAsync($"/api/v1/organization-applications/{application}/approve", null)).OkJsonAsync();
        Assert.Equal("审核通过", approved["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await daying.PostAsync($"/api/v1/organization-applications/{application}/approve", null)).StatusCode);
        Assert.True(await app.QueryAsync(db => db.Organizations.Where(o => o.CreditCode == creditCode).Select(o => o.IsVerified).FirstAsync()));

        // Signed in again, the company publishes; a second sign-up for the same code is sent to the administrator.
        var confirmed = app.Client();
        await (await confirmed.PostJsonAsync("/api/v1/auth/login", new { userName = phone, password = SignUpSupport.Password })).OkJsonAsync();
        await (await confirmed.PostJsonAsync("/api/v1/needs", need)).OkJsonAsync();
        var other = KexieApp.NewPhone();
        var otherCode = await app.CodeForAsync(app.Client(), other);
        Assert.Contains("单位管理员", await (await app.Client().RegisterAsync(new { phone = other, code = otherCode, password = SignUpSupport.Password, name = "赵某", kind = "Organization", regionCode = DaYing, creditCode, organizationName = "随便" })).AssertValidationProblemAsync("creditCode"));

        // The administrator invites a colleague, who joins without review and publishes at once.
        var colleague = KexieApp.NewPhone();
        var invitation = await (await confirmed.PostJsonAsync("/api/v1/organization-invitations", new { phone = colleague })).OkJsonAsync();
        var invitationCode = invitation["code"]!.GetValue<string>();
        Assert.Contains(invitationCode, await app.QueryAsync(db => db.TextMessageOutbox.Where(m => m.Phone == colleague).Select(m => m.Text).FirstAsync()));
        var joining = app.Client();
        var joinCode = await app.CodeForAsync(joining, colleague);
        var joined = await (await joining.RegisterAsync(new { phone = colleague, code = joinCode, password = SignUpSupport.Password, name = "钱工", kind = "Organization", invitationCode })).OkJsonAsync();
        Assert.False(joined["pendingReview"]!.GetValue<bool>());
        var organizationId = await app.QueryAsync(db => db.Organizations.Where(o => o.CreditCode == creditCode).Select(o => o.Id).FirstAsync());
        Assert.Equal(organizationId, Guid.Parse(joined["account"]!["organizationId"]!.GetValue<string>()));
        await (await joining.PostJsonAsync("/api/v1/needs", need)).OkJsonAsync();

        // A colleague is not the administrator: no invitations from them.
        Assert.Equal(HttpStatusCode.Forbidden, (await joining.PostJsonAsync("/api/v1/organization-invitations", new { phone = KexieApp.NewPhone() })).StatusCode);
    }

    [Fact]
    public async Task Claiming_a_directory_organization_without_accounts_waits_for_review_and_can_be_returned()
    {
        var daying = await app.SignInAsync("daying");
        var creditCode = AccessScopeTests.NewCreditCode(DaYing);
        await (await daying.PostJsonAsync("/api/v1/organizations", new { name = "大英县名录测试机械厂", kind = "Enterprise", creditCode, industryCode = "3091", regionCode = DaYing })).OkJsonAsync();
        var phone = KexieApp.NewPhone();
        var client = app.Client();
        var code = await app.CodeForAsync(client, phone);
        var registered = await (await client.RegisterAsync(new { phone, code, password = SignUpSupport.Password, name = "孙厂长", kind = "Organization", regionCode = DaYing, creditCode })).OkJsonAsync();
        Assert.Contains("认领已有单位", registered["message"]!.GetValue<string>());
        var application = await app.QueryAsync(db => db.OrganizationApplications.Where(a => a.ApplicantPhone == phone).Select(a => new { a.Id, a.Kind }).FirstAsync());
        Assert.Equal(OrganizationApplicationKind.Claim, application.Kind);

        await (await daying.PostJsonAsync($"/api/v1/organization-applications/{application.Id}/return", new { reason = " " })).AssertValidationProblemAsync("reason");
        var returned = await (await daying.PostJsonAsync($"/api/v1/organization-applications/{application.Id}/return", new { reason = "请提供营业执照" })).OkJsonAsync();
        Assert.Equal("已退回", returned["status"]!.GetValue<string>());
        Assert.Null(await app.QueryAsync(db => db.Users.Where(u => u.PhoneNumber == phone).Select(u => u.OrganizationId).FirstAsync()));
        Assert.Contains("请提供营业执照", await app.QueryAsync(db => db.TextMessageOutbox.Where(m => m.Phone == phone).OrderByDescending(m => m.Id).Select(m => m.Text).FirstAsync()));
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_its_tokens_stop_an_admin_reset_password_works_once_shown()
    {
        var daying = await app.SignInAsync("daying");
        var userName = $"dis{Guid.NewGuid():N}"[..14];
        var created = await (await daying.PostJsonAsync("/api/v1/users", new { userName, displayName = "停用测试", password = "Kexie@2026", role = "ServiceCenterStaff", regionCode = DaYing })).OkJsonAsync();
        var id = created["id"]!.GetValue<string>();
        var token = (await (await app.Client().PostJsonAsync("/api/v1/auth/token", new { userName, password = "Kexie@2026" })).OkJsonAsync())["accessToken"]!.GetValue<string>();
        var bearer = app.Client();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await (await bearer.GetAsync("/api/v1/auth/me")).OkJsonAsync();

        // Another county's admin cannot find the account.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).PostAsync($"/api/v1/users/{id}/disable", null)).StatusCode);

        var disabled = await (await daying.PostAsync($"/api/v1/users/{id}/disable", null)).OkJsonAsync();
        Assert.True(disabled["disabled"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/v1/auth/me")).StatusCode);
        var refused = await app.Client().PostJsonAsync("/api/v1/auth/login", new { userName, password = "Kexie@2026" });
        Assert.Equal(HttpStatusCode.Locked, refused.StatusCode);
        Assert.Contains("停用", (await refused.ReadNodeAsync())["detail"]!.GetValue<string>());

        await (await daying.PostAsync($"/api/v1/users/{id}/enable", null)).OkJsonAsync();
        await (await app.Client().PostJsonAsync("/api/v1/auth/login", new { userName, password = "Kexie@2026" })).OkJsonAsync();

        var reset = await (await daying.PostAsync($"/api/v1/users/{id}/reset-password", null)).OkJsonAsync();
        var temporary = reset["temporaryPassword"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().PostJsonAsync("/api/v1/auth/login", new { userName, password = "Kexie@2026" })).StatusCode);
        await (await app.Client().PostJsonAsync("/api/v1/auth/login", new { userName, password = temporary })).OkJsonAsync();

        // An admin cannot disable their own account.
        var own = await app.QueryAsync(db => db.Users.Where(u => u.UserName == "daying").Select(u => u.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await daying.PostAsync($"/api/v1/users/{own}/disable", null)).StatusCode);
    }

    [Fact]
    public async Task An_admin_links_and_unlinks_an_account_to_records_of_their_subtree_only()
    {
        var daying = await app.SignInAsync("daying");
        var userName = $"lnk{Guid.NewGuid():N}"[..14];
        var id = (await (await daying.PostJsonAsync("/api/v1/users", new { userName, displayName = "关联测试", password = "Kexie@2026", role = "ScienceWorker", regionCode = DaYing })).OkJsonAsync())["id"]!.GetValue<string>();
        var worker = await (await daying.PostJsonAsync("/api/v1/workers", new { name = "关联档案", gender = "Male", birthYear = 1979, phone = KexieApp.NewPhone(), regionCode = DaYing, isPublicProfile = false })).OkJsonAsync();
        var workerId = Guid.Parse(worker["id"]!.GetValue<string>());
        var linked = await (await daying.PutJsonAsync($"/api/v1/users/{id}/links", new { scienceWorkerId = workerId })).OkJsonAsync();
        Assert.Equal(workerId, Guid.Parse(linked["scienceWorkerId"]!.GetValue<string>()));
        Assert.Equal(id, await app.QueryAsync(db => db.ScienceWorkers.Where(w => w.Id == workerId).Select(w => w.UserId).FirstAsync()));

        // A private worker of another county reads as unknown.
        var shehongWorker = await app.QueryAsync(db => db.ScienceWorkers.Where(w => w.RegionCode.StartsWith("510981") && !w.IsPublicProfile).Select(w => w.Id).FirstAsync());
        Assert.Contains("不存在", await (await daying.PutJsonAsync($"/api/v1/users/{id}/links", new { scienceWorkerId = shehongWorker })).AssertValidationProblemAsync("scienceWorkerId"));

        var unlinked = await (await daying.PutJsonAsync($"/api/v1/users/{id}/links", new { })).OkJsonAsync();
        Assert.Null(unlinked["scienceWorkerId"]);
        Assert.Null(await app.QueryAsync(db => db.ScienceWorkers.Where(w => w.Id == workerId).Select(w => w.UserId).FirstAsync()));
    }

    [Fact]
    public async Task The_forgot_password_page_resets_by_code_and_the_users_page_disables_an_account()
    {
        var phone = KexieApp.NewPhone();
        var client = app.Client();
        var code = await app.CodeForAsync(client, phone);
        await (await client.RegisterAsync(new { phone, code, password = SignUpSupport.Password, name = "页面测试", kind = "Worker", regionCode = DaYing })).OkJsonAsync();
        await app.AgeCodesAsync(phone, TimeSpan.FromMinutes(2));

        var person = app.Client();
        var form = await person.GetStringAsync("/Account/ForgotPassword");
        var token = Kexie.Web.Tests.Security.LoginTestSupport.TokenOf(form);
        var sent = await person.PostAsync("/Account/ForgotPassword?handler=SendCode", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Input.Phone"] = phone }));
        Assert.Contains("验证码已发送", await sent.Content.ReadAsStringAsync());
        var resetCode = await app.LastCodeAsync(phone);
        var done = await person.PostAsync("/Account/ForgotPassword", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Input.Phone"] = phone, ["Input.Code"] = resetCode, ["Input.NewPassword"] = "Paged2026a" }));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/Account/Login", done.Headers.Location?.OriginalString);
        await (await app.Client().PostJsonAsync("/api/v1/auth/login", new { userName = phone, password = "Paged2026a" })).OkJsonAsync();

        // 大英县's admin disables the account on the users page.
        var daying = await app.SignInAsync("daying");
        var id = await app.QueryAsync(db => db.Users.Where(u => u.PhoneNumber == phone).Select(u => u.Id).FirstAsync());
        var page = await daying.GetStringAsync($"/Admin/Users?q={phone}");
        Assert.Contains("科技工作者：页面测试", page);
        var disabled = await daying.PostAsync($"/Admin/Users?handler=Disable&id={id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Kexie.Web.Tests.Security.LoginTestSupport.TokenOf(page) }));
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Locked, (await app.Client().PostJsonAsync("/api/v1/auth/login", new { userName = phone, password = "Paged2026a" })).StatusCode);
    }

    [Fact]
    public async Task The_outbox_shows_the_platform_admin_everything_and_a_county_admin_its_region_only()
    {
        var phone = KexieApp.NewPhone();
        await (await app.Client().SendCodeAsync(phone, regionCode: "510981")).OkJsonAsync();
        var all = await (await (await app.SignInAsync("admin")).GetAsync($"/api/v1/admin/text-messages?phone={phone}")).OkJsonAsync();
        Assert.Equal(1, all["total"]!.GetValue<int>());
        var daying = await (await (await app.SignInAsync("daying")).GetAsync($"/api/v1/admin/text-messages?phone={phone}")).OkJsonAsync();
        Assert.Equal(0, daying["total"]!.GetValue<int>());
        var shehong = await (await (await app.SignInAsync("shehong")).GetAsync($"/api/v1/admin/text-messages?phone={phone}")).OkJsonAsync();
        Assert.Equal(1, shehong["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).GetAsync("/api/v1/admin/text-messages")).StatusCode);
        var page = await (await app.SignInAsync("admin")).GetStringAsync($"/Admin/TextMessages?phone={phone}");
        Assert.Contains(await app.LastCodeAsync(phone), page);
    }
}

public sealed class SignUpSqliteTests(SqliteApp app) : SignUpTests(app);

public sealed class SignUpPostgresTests(PostgresApp app) : SignUpTests(app);
