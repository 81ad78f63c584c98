using System.Net;
using Kexie.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using static Kexie.Web.Tests.Workbench.WorkbenchSteps;

namespace Kexie.Web.Tests.Market;

/// <summary>
/// The 登记联系 form of a 一单一策 plan page: a contact without 联系对象 is refused next to that field with everything typed
/// kept (not as an alert on top of a reloaded, emptied form), and nothing is written; filled in, it is recorded.
/// </summary>
public abstract class PlanContactFormTests(KexieApp app)
{
    [Fact]
    public async Task A_contact_without_a_name_is_refused_next_to_the_field_with_the_note_and_channel_kept()
    {
        var staff = await app.SignInAsync("daying-staff");
        var needId = await PublishedNeedAsync(app, $"联系表单保留输入{Token()}");
        var planId = Id(await (await staff.GetAsync($"/api/v1/needs/{needId}/plan")).OkJsonAsync());
        var page = $"/Market/Plans/Details/{planId}";
        var html = await staff.GetStringAsync(page);
        var formAt = html.IndexOf("id=\"contact-form\"", StringComparison.Ordinal);
        Assert.True(formAt > 0, "the plan page has no 登记联系 form");
        var version = System.Text.RegularExpressions.Regex.Match(html[formAt..], "name=\"version\" value=\"(\\d+)\"").Groups[1].Value;
        Assert.NotEmpty(version);
        var note = $"已电话沟通，约定下周上门{Token()}";
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LoginTestSupport.TokenOf(html),
            ["version"] = version, ["contactedName"] = "", ["channel"] = "Visit", ["note"] = note, ["candidateId"] = "",
        };

        var refused = await staff.PostAsync($"{page}?handler=Contact", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Matches("data-valmsg-for=\"contactedName\"[^>]*>联系对象不能为空", refusedHtml);
        Assert.Contains($"value=\"{note}\"", refusedHtml);
        Assert.Matches("<option value=\"Visit\" selected=\"selected\">上门走访</option>", refusedHtml);
        Assert.DoesNotContain("role=\"alert\"", refusedHtml);
        Assert.Equal(0, await app.QueryAsync(db => db.ResponsePlans.Where(p => p.Id == Guid.Parse(planId)).SelectMany(p => p.Contacts).CountAsync()));

        // Named, the same form is recorded and listed.
        form["__RequestVerificationToken"] = LoginTestSupport.TokenOf(refusedHtml);
        form["contactedName"] = "周经理";
        var saved = await staff.PostAsync($"{page}?handler=Contact", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await staff.GetStringAsync(page);
        Assert.Contains("已登记联系情况", after);
        Assert.Matches($"通过上门走访联系 <strong>周经理</strong>：{note}", after);
    }
}

public sealed class PlanContactFormSqliteTests(SqliteApp app) : PlanContactFormTests(app);

public sealed class PlanContactFormPostgresTests(PostgresApp app) : PlanContactFormTests(app);
