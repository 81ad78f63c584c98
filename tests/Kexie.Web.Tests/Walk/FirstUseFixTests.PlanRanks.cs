using System.Text.RegularExpressions;
using static Kexie.Web.Tests.Workbench.WorkbenchSteps;

namespace Kexie.Web.Tests.Walk;

public abstract partial class FirstUseFixTests
{
    [Fact]
    public async Task A_plans_ranks_have_no_gaps_and_its_table_shows_the_score_of_its_reasons()
    {
        var needId = await PublishedNeedAsync(app, $"含盐废水降本排名{Token()}");
        var staff = await app.SignInAsync("daying-staff");
        var plan = await (await staff.GetAsync($"/api/v1/needs/{needId}/plan")).OkJsonAsync();
        var planId = Id(plan);
        Assert.True(plan["candidates"]!.AsArray().Count >= 3, "需要至少3个候选");

        // The best one dropped: the rest are ranked from 1 again, as listed.
        var first = plan["candidates"]!.AsArray()[0]!;
        await (await staff.PostJsonAsync($"/api/v1/plans/{planId}/candidates/{Id(first)}/drop", new { reason = "WrongField", note = "方向不符" })).OkJsonAsync();
        var after = (await (await staff.GetAsync($"/api/v1/plans/{planId}")).OkJsonAsync())["candidates"]!.AsArray();
        for (var i = 0; i < after.Count; i++)
        {
            var score = after[i]!["score"]!.GetValue<double>();
            Assert.StartsWith($"排第{i + 1}位（综合得分{score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}）：", Str(after[i]!, "explanation"));
            // One lead, composed by the list from the engine's reason (the stored reason has no rank of its own).
            Assert.Single(Regex.Matches(Str(after[i]!, "explanation"), "排第\\d+位"));
        }
        // The dropped one keeps the engine's reason, without a rank: it is no longer in the list.
        var dropped = (await (await staff.GetAsync($"/api/v1/plans/{planId}")).OkJsonAsync())["droppedCandidates"]!.AsArray();
        var reason = Str(Assert.Single(dropped)!, "explanation");
        Assert.DoesNotContain("排第", reason, StringComparison.Ordinal);
        Assert.Contains("得分主要来自", reason, StringComparison.Ordinal);

        // The page: each row's 得分 is the number its reason gives.
        var page = await (await staff.GetAsync($"/Market/Plans/Details/{planId}")).Content.ReadAsStringAsync();
        var table = page[page.IndexOf("id=\"candidates\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        var rows = Row().Matches(table);
        Assert.Equal(after.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal($"排第{i + 1}位（综合得分{rows[i].Groups["score"].Value}）：", rows[i].Groups["lead"].Value);
        }
    }

    [GeneratedRegex("<td data-label=\"得分\">(?<score>[0-9.]+)</td>\\s*<td data-label=\"推荐理由\" class=\"explain\">(?<lead>排第\\d+位（综合得分[0-9.]+）：)")]
    private static partial Regex Row();
}
