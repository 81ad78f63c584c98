using System.Net;
using Kexie.Web.Tests.Security;

namespace Kexie.Web.Tests.Market;

/// <summary>
/// Forms report every mistake at once: the need, offer and activity forms (and their API) refuse two bad fields with both
/// messages, each beside its field, with what was typed kept, and save nothing.
/// </summary>
public abstract class FormErrorsTests(KexieApp app)
{
    private static string Token() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task The_need_form_shows_a_missing_title_and_a_bad_budget_together_with_the_problem_kept()
    {
        var enterprise = await app.SignInAsync("enterprise");
        var html = await enterprise.GetStringAsync("/Market/Needs/Edit");
        var problem = $"蒸发结晶能耗高，希望优化工艺{Token()}";
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LoginTestSupport.TokenOf(html),
            ["Input.Title"] = "", ["Input.Problem"] = problem, ["Input.IndustryCodes"] = "2613", ["Input.BudgetMin"] = "两万块", ["Input.BudgetMax"] = "",
            ["Input.RegionCode"] = "510923", ["Input.Visibility"] = "Public",
        };
        var refused = await enterprise.PostAsync("/Market/Needs/Edit", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Matches("data-valmsg-for=\"Input.Title\"[^>]*>需求名称不能为空", page);
        Assert.Matches("data-valmsg-for=\"Input.BudgetMin\"[^>]*>[^<]*不是有效的金额", page);
        Assert.Contains(problem, page);
        Assert.Equal(0, await app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Needs, n => n.Problem.Contains(problem))));
    }

    [Fact]
    public async Task The_activity_form_and_api_report_every_bad_field()
    {
        var staff = await app.SignInAsync("daying-staff");
        var title = $"科技活动周开幕式{Token()}";
        var html = await staff.GetStringAsync("/Popularization/Activities/Edit");
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LoginTestSupport.TokenOf(html),
            ["Input.Kind"] = "ScienceWeek", ["Input.Title"] = title, ["Input.RegionCode"] = "510923", ["Input.Venue"] = "",
            ["Input.StartsOn"] = DateTime.UtcNow.AddHours(8).AddDays(5).ToString("yyyy-MM-dd"), ["Input.Capacity"] = "五十",
        };
        var page = await (await staff.PostAsync("/Popularization/Activities/Edit", new FormUrlEncodedContent(form))).Content.ReadAsStringAsync();
        Assert.Matches("data-valmsg-for=\"Input.Venue\"[^>]*>活动地点不能为空", page);
        Assert.Matches("data-valmsg-for=\"Input.Capacity\"[^>]*>人数上限“五十”不是有效的数字", page);
        Assert.Contains($"value=\"{title}\"", page);

        var problem = await (await staff.PostJsonAsync("/api/v1/popularization-activities", new { kind = "ScienceWeek", title = "", regionCode = "510923", venue = "", startsOn = "2026-12-30", capacity = 0 })).ReadNodeAsync();
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        foreach (var field in new[] { "title", "venue", "capacity" })
        {
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem["errors"]![field]![0]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task The_offer_api_reports_a_missing_title_and_a_missing_price_together()
    {
        var worker = await app.SignInAsync("worker");
        var problem = await (await worker.PostJsonAsync("/api/v1/offers", new
        {
            kind = "Service", title = "", description = "提供测土配方施肥技术指导。", disciplineCodes = new[] { "2103040" }, regionCode = "510923", priceMode = "Fixed",
        })).ReadNodeAsync();
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.NotNull(problem["errors"]!["title"]);
        Assert.NotNull(problem["errors"]!["priceMin"]);
    }
}

public sealed class FormErrorsSqliteTests(SqliteApp app) : FormErrorsTests(app);

public sealed class FormErrorsPostgresTests(PostgresApp app) : FormErrorsTests(app);
