using Kexie.Data.Seeding;
using Kexie.Domain.Market;
using Kexie.Web.Features.Market;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kexie.Web.Tests.Workbench.WorkbenchSteps;

namespace Kexie.Web.Tests.Walk;

public abstract partial class FirstUseFixTests
{
    [Fact]
    public async Task The_seeded_demo_plans_have_candidates_without_anyone_rematching()
    {
        var filled = await app.Services.GetRequiredService<DemoPlanMatching>().Completion.WaitAsync(TimeSpan.FromMinutes(15), TestContext.Current.CancellationToken);
        Assert.True(filled > 0);
        var titles = MarketDemoSeeder.CountyNeeds.Select(n => n.Title).ToList();
        var plans = await app.QueryAsync(db => db.ResponsePlans.AsNoTracking()
            .Where(p => db.Needs.Any(n => n.Id == p.NeedId && titles.Contains(n.Title))
                && (p.Status == ResponsePlanStatus.New || p.Status == ResponsePlanStatus.Responded || p.Status == ResponsePlanStatus.Negotiating))
            .Select(p => new { p.Id, Candidates = p.Candidates.Count(c => c.DroppedAt == null && c.ProposedByUserId == null) })
            .ToListAsync());
        Assert.True(plans.Count >= 10, $"演示一单一策只有 {plans.Count} 个在办");
        Assert.All(plans, p => Assert.True(p.Candidates > 0, $"一单一策 {p.Id} 没有候选"));

        // As the county's staffer opens one: candidates, each with the engine's reason.
        var staff = await app.SignInAsync("daying-staff");
        var plan = await (await staff.GetAsync($"/api/v1/plans/{plans[0].Id}")).OkJsonAsync();
        Assert.NotEmpty(plan["candidates"]!.AsArray());
        Assert.All(plan["candidates"]!.AsArray(), c => Assert.StartsWith("排第", Str(c!, "explanation")));
    }
}
