using Kexie.Data;
using Kexie.Domain.Directory;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Talent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kexie.E2E;

/// <summary>
/// 人才与组织 used the way the county uses it (issue 14's walk): the county puts a society that missed its 年检 under 清理整顿 and
/// records the result, after a refused 年检 value is pointed out by its field with what was typed kept. The journey sets up its own
/// society (a name with a random token), so nothing counts another journey's records.
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
    }
}
