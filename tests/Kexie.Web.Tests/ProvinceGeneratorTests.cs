using System.Net.Http.Json;
using System.Text.Json;
using Kexie.Data;
using Kexie.Data.Seeding;
using Kexie.Data.SharedData;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kexie.Web.Tests;

/// <summary>
/// The province generator (issue 16) on PostgreSQL, at 1/2000 of 四川's size, in a database of its own: what it writes is
/// placed in the province's real regions, linked the way the platform links it, and served by the host.
/// </summary>
public sealed class ProvinceGeneratorTests(ProvinceGeneratorTests.Province province) : IClassFixture<ProvinceGeneratorTests.Province>
{
    private static readonly ProvinceSize Size = new(0.0005);
    private readonly PostgresApp app = province.App;
    private readonly ProvinceReport report = province.Report;
    private readonly Counts before = province.Before;

    /// <summary>One generation for the class, in a database of its own.</summary>
    public sealed class Province : IAsyncLifetime
    {
        public PostgresApp App { get; } = new();

        public ProvinceReport Report { get; private set; } = null!;

        internal Counts Before { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            await App.InitializeAsync();
            Before = await CountAsync(App);
            await using var scope = App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
            var dataPath = SharedDataPath.Resolve(App.Services.GetRequiredService<IConfiguration>()["SharedData:Path"]);
            var generator = new ProvinceGenerator(db, scope.ServiceProvider.GetRequiredService<IWorkingCalendar>(), NullLogger<ProvinceGenerator>.Instance);
            Report = await generator.GenerateAsync(dataPath, Size, "51", seed: 7);
        }

        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }

    [Fact]
    public async Task It_writes_the_counts_of_its_size()
    {
        var after = await CountAsync(app);
        Assert.Equal(Size.Workers, after.Workers - before.Workers);
        Assert.Equal(Size.Organizations, after.Organizations - before.Organizations);
        Assert.Equal(Size.Needs, after.Needs - before.Needs);
        Assert.Equal(Size.Offers, after.Offers - before.Offers);
        Assert.Equal(Size.Notifications, after.Notifications - before.Notifications);
        Assert.True(after.Orders - before.Orders >= Size.Orders * 0.8, $"订单 {after.Orders - before.Orders} 笔");
        Assert.True(after.Users - before.Users >= Size.People, $"账号 {after.Users - before.Users} 个");
        Assert.True(after.Facts >= Size.Facts, $"指标事实 {after.Facts} 条");
        Assert.True(after.Audit >= Size.AuditRows, $"审计记录 {after.Audit} 条");
        Assert.Equal(after.Needs - before.Needs, report.Rows["科技需求"]);
    }

    [Fact]
    public async Task Everything_lies_in_the_province_real_regions_and_needs_lie_where_their_organizations_are()
    {
        var (regions, workerRegions, organizationRegions, misplacedNeeds, prefectures) = await app.QueryAsync(async db =>
        {
            var codes = (await db.Regions.Select(r => r.Code).ToListAsync()).ToHashSet();
            var workers = await db.ScienceWorkers.Where(w => w.Phone.StartsWith("166")).Select(w => w.RegionCode).ToListAsync();
            var organizations = await db.Organizations.Where(o => o.Address!.Contains("所在地") && !o.RegionCode.StartsWith("5109")).Select(o => o.RegionCode).ToListAsync();
            var misplaced = await db.Needs.CountAsync(n => db.Organizations.Any(o => o.Id == n.OrganizationId && o.RegionCode != n.RegionCode));
            var cities = workers.Select(w => w[..4]).Distinct().Count();
            return (codes, workers, organizations, misplaced, cities);
        });
        Assert.Equal(Size.Workers, workerRegions.Count);
        Assert.All(workerRegions, r => Assert.True(r.StartsWith("51", StringComparison.Ordinal) && regions.Contains(r), r));
        Assert.All(organizationRegions, r => Assert.True(r.StartsWith("51", StringComparison.Ordinal) && regions.Contains(r), r));
        Assert.Equal(0, misplacedNeeds);
        Assert.True(prefectures >= 15, $"科技工作者只分布在 {prefectures} 个市州"); // 四川 has 21; 360 people reach most of them
    }

    [Fact]
    public async Task Each_worker_is_claimed_by_its_account_and_each_published_need_has_a_handler_of_its_county()
    {
        var (unlinked, plans, wrongHandlers) = await app.QueryAsync(async db =>
        {
            var workers = await db.ScienceWorkers.Where(w => w.Phone.StartsWith("166")).Select(w => new { w.Id, w.UserId, w.Phone }).ToListAsync();
            var users = await db.Users.Where(u => u.PhoneNumber!.StartsWith("166")).ToDictionaryAsync(u => u.Id);
            var broken = workers.Count(w => w.UserId is null || !users.TryGetValue(w.UserId, out var user) || user.ScienceWorkerId != w.Id || user.PhoneNumber != w.Phone || user.Role != UserRole.ScienceWorker);
            var staff = await db.Users.Where(u => u.Role == UserRole.ServiceCenterStaff).ToDictionaryAsync(u => u.Id, u => u.RegionCode);
            var handled = await db.ResponsePlans.Select(p => new { p.HandlerUserId, p.RegionCode }).ToListAsync();
            var generated = handled.Where(p => p.HandlerUserId is not null && staff.ContainsKey(p.HandlerUserId) && !p.RegionCode.StartsWith("5109")).ToList();
            var wrong = generated.Count(p => !p.RegionCode.StartsWith(staff[p.HandlerUserId!], StringComparison.Ordinal));
            return (broken, generated.Count, wrong);
        });
        Assert.Equal(0, unlinked);
        Assert.True(plans > 0);
        Assert.Equal(0, wrongHandlers);
    }

    [Fact]
    public async Task The_host_serves_the_generated_market_and_its_people_can_sign_in()
    {
        var (county, phone) = await app.QueryAsync(async db =>
        {
            var need = await db.Needs.Where(n => n.PublishedAt != null && !n.RegionCode.StartsWith("5109")).OrderBy(n => n.RegionCode).FirstAsync();
            var user = await db.Users.Where(u => u.PhoneNumber!.StartsWith("166")).OrderBy(u => u.PhoneNumber).FirstAsync();
            return (need.RegionCode[..6], user.PhoneNumber!);
        });
        using var client = app.Anonymous();
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/needs?regionCode={county}", TestContext.Current.CancellationToken);
        Assert.True(page.GetProperty("total").GetInt32() > 0);

        using var signedIn = await app.SignInAsync(phone);
        var me = await signedIn.GetFromJsonAsync<JsonElement>("/api/v1/auth/me", TestContext.Current.CancellationToken);
        Assert.Equal("科技工作者", me.GetProperty("roleName").GetString());
    }

    private static Task<Counts> CountAsync(PostgresApp app) => app.QueryAsync(async db => new Counts(
        await db.Users.CountAsync(),
        await db.ScienceWorkers.CountAsync(),
        await db.Organizations.CountAsync(),
        await db.Needs.CountAsync(),
        await db.Offers.CountAsync(),
        await db.Orders.CountAsync(),
        await db.Notifications.CountAsync(),
        await db.IndicatorFacts.LongCountAsync(),
        await db.AuditEntries.LongCountAsync()));

    internal sealed record Counts(int Users, int Workers, int Organizations, int Needs, int Offers, int Orders, int Notifications, long Facts, long Audit);
}
