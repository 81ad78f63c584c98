using System.Text.Json.Nodes;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Web.Features.Market;
using Kexie.Web.Tests.Workbench;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Notifications;

/// <summary>Each new kind fires once, to the right people, in Chinese with names (no login names, no ids); the 即将到期 reminder once per deadline.</summary>
public abstract class NotificationKindsTests(KexieApp app)
{
    private Task<List<Notification>> StoredAsync(string link, NotificationKind kind) =>
        app.QueryAsync(db => db.Set<Notification>().AsNoTracking().Where(n => n.Link == link && n.Kind == kind).ToListAsync());

    private Task<string> UserIdAsync(string userName) => app.QueryAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private static void AssertReadable(Notification n)
    {
        foreach (var text in new[] { n.Title, n.Body })
        {
            Assert.DoesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}-", text);
            Assert.DoesNotContain("daying", text);
            Assert.DoesNotContain("enterprise", text);
            Assert.DoesNotContain("worker", text);
        }
    }

    [Fact]
    public async Task Submitting_publishing_and_assigning_a_need_notify_admins_owner_and_handler_once()
    {
        var title = $"通知审核需求{WorkbenchSteps.Token()}";
        var needId = await WorkbenchSteps.SubmittedNeedAsync(app, title);
        var link = $"/Market/Needs/Details/{needId}";

        var submitted = Assert.Single(await StoredAsync(link, NotificationKind.ReviewSubmitted));
        Assert.Equal(await UserIdAsync("daying"), submitted.RecipientUserId);
        Assert.Contains(title, submitted.Title);
        Assert.Contains("四川大英天润化工有限公司 张伟", submitted.Body);
        AssertReadable(submitted);

        await (await (await app.SignInAsync("daying")).PostAsync($"/api/v1/needs/{needId}/publish", null)).OkJsonAsync();
        var approved = Assert.Single(await StoredAsync(link, NotificationKind.ReviewApproved));
        Assert.Equal(await UserIdAsync("enterprise"), approved.RecipientUserId);
        Assert.Contains("已审核通过", approved.Title);
        Assert.Contains("大英县科协管理员", approved.Body);
        AssertReadable(approved);

        // Publication assigned the county's staffer by default: they hear of it with the deadline in China time.
        var plan = await (await (await app.SignInAsync("daying-staff")).GetAsync($"/api/v1/needs/{needId}/plan")).OkJsonAsync();
        var planLink = $"/Market/Plans/Details/{WorkbenchSteps.Id(plan)}";
        var assigned = Assert.Single(await StoredAsync(planLink, NotificationKind.PlanAssigned));
        Assert.Equal(await UserIdAsync("daying-staff"), assigned.RecipientUserId);
        var due = DateTimeOffset.Parse(WorkbenchSteps.Str(plan, "responseDueAt"), System.Globalization.CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(8));
        Assert.Contains(due.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), assigned.Body);
        AssertReadable(assigned);

        // Reassigning to another staffer of the county notifies that one (and not the one who reassigned).
        var other = await WorkbenchSteps.NewAccountAsync(app, UserRole.ServiceCenterStaff, WorkbenchSteps.DaYing, "大英县科技云服务中心 陈静");
        var staff = await app.SignInAsync("daying-staff");
        await (await staff.PostJsonAsync($"/api/v1/plans/{WorkbenchSteps.Id(plan)}/handler", new { handlerUserId = other, note = "请接手" })).OkJsonAsync();
        var otherId = await UserIdAsync(other);
        var reassigned = (await StoredAsync(planLink, NotificationKind.PlanAssigned)).Single(n => n.RecipientUserId == otherId);
        Assert.Contains("大英县科技云服务中心 王敏", reassigned.Body);
        Assert.Equal(2, (await StoredAsync(planLink, NotificationKind.PlanAssigned)).Count);

        // The in-app list names the kind in Chinese.
        var mine = (await (await (await app.SignInAsync(other)).GetAsync("/api/v1/notifications?pageSize=50")).OkJsonAsync())["items"]!.AsArray();
        Assert.Contains(mine, n => n!["kindName"]!.GetValue<string>() == "一单一策指派");
    }

    [Fact]
    public async Task Returning_and_rejecting_an_offer_tell_the_worker_why()
    {
        var title = $"通知退回所能{WorkbenchSteps.Token()}";
        var offerId = await WorkbenchSteps.SubmittedOfferAsync(app, title);
        var link = $"/Market/Offers/Details/{offerId}";
        Assert.Single(await StoredAsync(link, NotificationKind.ReviewSubmitted));
        var daying = await app.SignInAsync("daying");

        await (await daying.PostJsonAsync($"/api/v1/offers/{offerId}/return", new { reason = "请补充收费标准" })).OkJsonAsync();
        var returned = Assert.Single(await StoredAsync(link, NotificationKind.ReviewReturned));
        Assert.Equal(await UserIdAsync("worker"), returned.RecipientUserId);
        Assert.Contains("请补充收费标准", returned.Body);
        AssertReadable(returned);

        await (await (await app.SignInAsync("worker")).PostAsync($"/api/v1/offers/{offerId}/submit", null)).OkJsonAsync();
        Assert.Equal(2, (await StoredAsync(link, NotificationKind.ReviewSubmitted)).Count);
        await (await daying.PostJsonAsync($"/api/v1/offers/{offerId}/reject", new { reason = "与已发布所能重复" })).OkJsonAsync();
        var rejected = Assert.Single(await StoredAsync(link, NotificationKind.ReviewRejected));
        Assert.Contains("不予发布", rejected.Title);
        Assert.Contains("与已发布所能重复", rejected.Body);
        Assert.Empty(await StoredAsync(link, NotificationKind.ReviewApproved));
    }

    [Fact]
    public async Task The_deadline_reminder_fires_on_the_working_day_before_once_per_deadline()
    {
        var needId = await WorkbenchSteps.PublishedNeedAsync(app, $"到期提醒{WorkbenchSteps.Token()}");
        var staff = await app.SignInAsync("daying-staff");
        var planId = Guid.Parse(WorkbenchSteps.Id(await (await staff.GetAsync($"/api/v1/needs/{needId}/plan")).OkJsonAsync()));
        var link = $"/Market/Plans/Details/{planId}";

        async Task RemindAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<OverdueScanner>().RemindDueSoonAsync();
        }

        Task SetDueAsync(DateTimeOffset due) => app.QueryAsync(db => db.ResponsePlans.Where(p => p.Id == planId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ResponseDueAt, due)));

        // Far away: nothing yet.
        await SetDueAsync(DateTimeOffset.UtcNow.AddDays(12));
        await RemindAsync();
        Assert.Empty(await StoredAsync(link, NotificationKind.DeadlineApproaching));

        // Due in two hours: reminded once, however often the scanner runs.
        await SetDueAsync(DateTimeOffset.UtcNow.AddHours(2));
        await RemindAsync();
        await RemindAsync();
        var reminder = Assert.Single(await StoredAsync(link, NotificationKind.DeadlineApproaching));
        Assert.Equal(await UserIdAsync("daying-staff"), reminder.RecipientUserId);
        Assert.Contains("到期", reminder.Title);
        AssertReadable(reminder);

        // A new deadline is a new reminder; a past deadline is the overdue scanner's, not this one's.
        await SetDueAsync(DateTimeOffset.UtcNow.AddHours(3));
        await RemindAsync();
        Assert.Equal(2, (await StoredAsync(link, NotificationKind.DeadlineApproaching)).Count);
        await SetDueAsync(DateTimeOffset.UtcNow.AddHours(-1));
        await RemindAsync();
        Assert.Equal(2, (await StoredAsync(link, NotificationKind.DeadlineApproaching)).Count);
    }

    [Fact]
    public void The_reminder_starts_on_the_last_working_day_before_the_deadline()
    {
        using var scope = app.Services.CreateScope();
        var scanner = scope.ServiceProvider.GetRequiredService<OverdueScanner>();
        var china = TimeSpan.FromHours(8);

        // Due Monday 2026-12-07 10:00 → Friday 2026-12-04 00:00; due Wednesday → Tuesday.
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 0, 0, 0, china), scanner.ReminderStart(new DateTimeOffset(2026, 12, 7, 10, 0, 0, china)));
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 0, 0, 0, china), scanner.ReminderStart(new DateTimeOffset(2026, 12, 9, 16, 30, 0, china)));
    }
}

public sealed class NotificationKindsSqliteTests(SqliteApp app) : NotificationKindsTests(app);

public sealed class NotificationKindsPostgresTests(PostgresApp app) : NotificationKindsTests(app);
