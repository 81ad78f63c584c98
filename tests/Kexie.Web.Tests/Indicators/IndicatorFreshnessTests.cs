using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kexie.Data;
using Kexie.Data.Indicators;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using Kexie.Web.Features.Indicators;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kexie.Web.Tests.Indicators;

/// <summary>
/// Dashboards and rankings that may be up to N seconds old (<see cref="IndicatorFreshness"/>, issue 16): what is answered
/// from the last ranking says when it is true as of, and the ranking computed after the writes equals one ranked afresh.
/// Fixtures in 贵阳市 5201 (贵州 52), where no other test writes; the period is 2025.
/// </summary>
public abstract class IndicatorFreshnessTests(KexieApp app)
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly Actor Guizhou = new("freshness-test", "freshness-test", UserRole.AssociationAdmin, "52");

    private static ScienceWorker Worker(string region, DateTimeOffset createdAt)
    {
        var worker = ScienceWorker.Create(
            new ScienceWorkerData("测试专家", Gender.Male, 1980, "测试单位", "研究员", [], "硕士研究生", null, KexieApp.NewPhone(), region, false),
            _ => true);
        worker.CreatedAt = createdAt.ToUniversalTime();
        return worker;
    }

    private static Organization Org(string region, DateTimeOffset createdAt)
    {
        var organization = Organization.Create(
            new OrganizationData("测试企业" + Guid.NewGuid().ToString("N")[..8], OrganizationKind.Enterprise, Kexie.Data.Seeding.DemoSeeder.CreditCodeFor(region, Random.Shared, OrganizationKind.Enterprise), null, region, null, null, null),
            _ => true);
        organization.CreatedAt = createdAt.ToUniversalTime();
        return organization;
    }

    private Task AddAsync(params object[] records) => app.QueryAsync(async db =>
    {
        db.AddRange(records);
        return await db.SaveChangesAsync();
    });

    /// <summary>A ranking read as a dashboard reads it, with a freshness of <paramref name="maxStale"/> and the given cache.</summary>
    private async Task<(PeerRanking Ranking, DateTimeOffset? AsOf)> RankAsync(RankingCache cache, TimeSpan maxStale, bool requireCurrent = false)
    {
        var freshness = new IndicatorFreshness(app.Services.GetRequiredService<IServiceScopeFactory>(), new ConfigurationBuilder().Build(), TimeProvider.System, NullLogger<IndicatorFreshness>.Instance)
        {
            MaxStale = maxStale,
        };
        await using var scope = app.Services.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var service = new IndicatorService(
            s.GetRequiredService<KexieDbContext>(), s.GetRequiredService<IndicatorEngine>(), s.GetRequiredService<IndicatorRefresher>(), cache,
            s.GetRequiredService<Kexie.Domain.Authorization.AccessPolicy>(), freshness)
        {
            RequireCurrent = requireCurrent,
        };
        var ranking = await service.RankAsync(Guizhou, "520102", "2025", 0, CancellationToken.None);
        await freshness.Running;
        return (ranking, service.AsOf);
    }

    private static List<(string Code, decimal? Score, int? Rank, int? PreviousRank)> Scores(PeerRanking ranking) =>
        ranking.Current.Entries.OrderBy(e => e.RegionCode, StringComparer.Ordinal)
            .Select(e => (e.RegionCode, e.Score, e.Rank, ranking.Previous.Find(e.RegionCode)?.Rank)).ToList();

    [Fact]
    public async Task A_ranking_answered_from_the_last_one_says_its_time_and_the_next_equals_one_ranked_afresh()
    {
        var at = new DateTimeOffset(2025, 4, 4, 10, 0, 0, Cst);
        var gone = Worker("520103", at.AddDays(2));
        await AddAsync(Worker("520102", at), Worker("520102", at), Org("520103", at), gone);
        var cache = new RankingCache();

        // Waiting (1 ms allowed): the pending writes are applied first, the ranking computed; true as of the read.
        var readAt = DateTimeOffset.UtcNow;
        var (first, firstAsOf) = await RankAsync(cache, TimeSpan.FromMilliseconds(1));
        Assert.NotNull(firstAsOf);
        Assert.True(firstAsOf >= readAt.AddSeconds(-1), $"{firstAsOf:O} < {readAt:O}");
        Assert.Equal(2m, first.Values.Single(v => v.RegionCode == "520102").Values["W01"]);

        // Writes into the period: a sibling county's worker and organization, and a worker of 520103 deleted.
        await AddAsync(Worker("520111", at.AddMonths(1)), Org("520111", at.AddDays(3)), Worker("520102", at.AddMonths(2)));
        await app.QueryAsync(async db =>
        {
            db.ScienceWorkers.Remove(await db.ScienceWorkers.SingleAsync(w => w.Id == gone.Id));
            return await db.SaveChangesAsync();
        });
        var written = DateTimeOffset.UtcNow;

        // An hour allowed: the last ranking is answered as it was, and says so — its time is before the writes.
        var (stale, staleAsOf) = await RankAsync(cache, TimeSpan.FromHours(1));
        Assert.NotNull(staleAsOf);
        Assert.True(staleAsOf < written, $"{staleAsOf:O} ≥ {written:O}");
        Assert.Equal(Scores(first), Scores(stale));
        Assert.Equal(2m, stale.Values.Single(v => v.RegionCode == "520102").Values["W01"]);

        // 刷新 (RequireCurrent) under the same hour's allowance: the writes are applied and the ranking brought up to date
        // first — it equals one computed from scratch, peer by peer, true as of after the writes.
        var (current, currentAsOf) = await RankAsync(cache, TimeSpan.FromHours(1), requireCurrent: true);
        Assert.NotNull(currentAsOf);
        Assert.True(currentAsOf >= written, $"{currentAsOf:O} < {written:O}");
        var fresh = await app.QueryAsync(db => new IndicatorEngine(db).RankAsync(PeerGroup.Of("520102"), Period.OfYear(2025), WeightSet.BuiltInDefault));
        Assert.Equal(Scores(fresh), Scores(current));
        Assert.Equal(
            fresh.Values.OrderBy(v => v.RegionCode, StringComparer.Ordinal).Select(v => (v.RegionCode, string.Join(",", v.Values.OrderBy(x => x.Key).Select(x => $"{x.Key}={x.Value}")))),
            current.Values.OrderBy(v => v.RegionCode, StringComparer.Ordinal).Select(v => (v.RegionCode, string.Join(",", v.Values.OrderBy(x => x.Key).Select(x => $"{x.Key}={x.Value}")))));
        Assert.Equal(3m, current.Values.Single(v => v.RegionCode == "520102").Values["W01"]);
        Assert.Equal(1m, first.Values.Single(v => v.RegionCode == "520103").Values["W01"]);
        Assert.True(current.Values.Single(v => v.RegionCode == "520103").Values["W01"] is null or 0m);
        Assert.Equal(1m, current.Values.Single(v => v.RegionCode == "520111").Values["W01"]);
    }

    [Fact]
    public async Task The_dashboard_says_as_of_when_its_figures_are_true()
    {
        await AddAsync(Worker("520112", new DateTimeOffset(2025, 6, 6, 10, 0, 0, Cst)));
        var admin = await app.SignInAsync("admin");
        var userName = $"fresh-52-{Guid.NewGuid():N}"[..24];
        (await admin.PostJsonAsync("/api/v1/users", new { userName, displayName = "贵州管理员", password = "Kexie@2026x", role = nameof(UserRole.AssociationAdmin), regionCode = "52" })).EnsureSuccessStatusCode();
        var guizhou = await app.SignInAsync(userName, "Kexie@2026x");
        var before = DateTimeOffset.UtcNow.ToOffset(ChinaTime.Offset);
        var page = await (await guizhou.GetAsync("/Indicators?Region=520112&period=2025")).Content.ReadAsStringAsync();
        var after = DateTimeOffset.UtcNow.ToOffset(ChinaTime.Offset);
        var shown = Regex.Match(page, "<span id=\"as-of\">数据截至 (\\d\\d:\\d\\d)</span>");
        Assert.True(shown.Success, "数据截至 not on the page");

        // The tests' setting waits for current figures: true as of the view.
        Assert.Contains(shown.Groups[1].Value, new[] { before.ToString("HH:mm"), after.ToString("HH:mm") });
        var api = await (await guizhou.GetAsync("/api/v1/indicators/rankings?region=520112&period=2025")).OkJsonAsync();
        var asOf = api["asOf"]!.GetValue<DateTimeOffset>();
        Assert.InRange(asOf, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    /// <summary>
    /// The rankings API on a node that may answer up to an hour old (as the platform's 30 s, made long so the test does not
    /// race the clock): after a record is written, the default answer is the last ranking, which does not count it, and says
    /// as of when (before the write); <c>fresh=true</c> applies the pending change and ranks at the current version — the
    /// record counts and <c>asOf</c> is after the write. An unreadable <c>fresh</c> is a problem naming the field. 白云区
    /// 520113 in 2018, where no other test writes (its peers, 贵州's counties, have no data that year before the write).
    /// </summary>
    [Fact]
    public async Task The_rankings_API_answers_the_last_ranking_with_its_time_and_fresh_true_counts_a_record_just_written()
    {
        await using var node = app.WithWebHostBuilder(b => b.UseSetting("Indicators:MaxStaleSeconds", "3600"));
        var admin = node.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        (await admin.PostJsonAsync("/api/v1/auth/login", new { userName = "admin", password = Kexie.Data.Seeding.DemoSeeder.DemoPassword })).EnsureSuccessStatusCode();
        const string Url = "/api/v1/indicators/rankings?region=520113&period=2018";
        static JsonNode? Entry(JsonNode ranking) => ranking["entries"]!.AsArray().Single(e => e!["regionCode"]!.GetValue<string>() == "520113");

        var before = await (await admin.GetAsync(Url + "&fresh=true")).OkJsonAsync();
        Assert.Null(Entry(before)!["score"]?.GetValue<decimal?>());

        await AddAsync(Worker("520113", new DateTimeOffset(2018, 7, 1, 10, 0, 0, Cst)));
        var written = DateTimeOffset.UtcNow;
        var stale = await (await admin.GetAsync(Url)).OkJsonAsync();
        Assert.Null(Entry(stale)!["score"]?.GetValue<decimal?>());
        Assert.True(stale["asOf"]!.GetValue<DateTimeOffset>() < written, $"asOf {stale["asOf"]} 应早于写入时间 {written:O}");

        var fresh = await (await admin.GetAsync(Url + "&fresh=true")).OkJsonAsync();
        Assert.NotNull(Entry(fresh)!["score"]?.GetValue<decimal?>());
        Assert.Equal(1, Entry(fresh)!["rank"]!.GetValue<int>());
        Assert.True(fresh["asOf"]!.GetValue<DateTimeOffset>() >= written.AddMilliseconds(-1), $"asOf {fresh["asOf"]} 应不早于写入时间 {written:O}");

        Assert.Equal("刷新应为 true 或 false", await (await admin.GetAsync(Url + "&fresh=yes")).AssertValidationProblemAsync("fresh"));

        // The API reference says so, in Chinese, with the parameter.
        var rankings = (await (await admin.GetAsync("/openapi/v1.json")).OkJsonAsync())["paths"]!["/api/v1/indicators/rankings"]!["get"]!;
        Assert.Contains("fresh=true", rankings["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(rankings["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "fresh");
    }

    [Fact]
    public void As_of_words_give_the_time_today_and_the_date_before()
    {
        var now = new DateTimeOffset(2026, 12, 6, 2, 30, 0, TimeSpan.Zero); // 10:30 in China
        Assert.Equal("数据截至 10:05", Kexie.Web.Pages.Indicators.IndexModel.AsOfWords(new DateTimeOffset(2026, 12, 6, 2, 5, 9, TimeSpan.Zero), now));
        Assert.Equal("数据截至 2026-12-05 23:59", Kexie.Web.Pages.Indicators.IndexModel.AsOfWords(new DateTimeOffset(2026, 12, 5, 15, 59, 0, TimeSpan.Zero), now));

        // Older than the view (answered from the last ranking): to the second, so 20 s behind does not read as "now".
        Assert.Equal("数据截至 10:05:09", Kexie.Web.Pages.Indicators.IndexModel.AsOfWords(new DateTimeOffset(2026, 12, 6, 2, 5, 9, TimeSpan.Zero), now, behind: true));
    }
}

public sealed class IndicatorFreshnessSqliteTests(SqliteApp app) : IndicatorFreshnessTests(app);

public sealed class IndicatorFreshnessPostgresTests(PostgresApp app) : IndicatorFreshnessTests(app);

/// <summary>
/// <see cref="RankingCache.GetRecentAsync{T}"/> on its own: the last value is answered while one newer value is computed,
/// never older than allowed, each with the time it is true as of.
/// </summary>
public sealed class RankingCacheFreshnessTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);

    // Versions this process's refresher never issued: ChangesSince cannot tell what changed, so a new value is computed.
    private static RollupVersion V(int n) => new(n, 1_000_000_000L + n);

    [Fact]
    public async Task The_last_value_is_answered_while_one_newer_value_is_computed()
    {
        var cache = new RankingCache();
        var allowed = TimeSpan.FromMinutes(60);
        var computed = 0;
        var held = new TaskCompletionSource<string>();
        Task<string> Compute(string value) => Task.FromResult(value);

        var (a, asOfA) = await cache.GetRecentAsync(V(1), T0, "k", new DateOnly(2025, 12, 31), T0, allowed, () => { computed++; return Compute("A"); });
        Assert.Equal(("A", T0), (a, asOfA));

        // Rollups changed 20 minutes on: "A" is answered with its time, "B" computed meanwhile (held), once.
        var later = T0.AddMinutes(20);
        var (b, asOfB) = await cache.GetRecentAsync(V(2), later, "k", new DateOnly(2025, 12, 31), later, allowed, () => { computed++; return held.Task; });
        Assert.Equal(("A", T0), (b, asOfB));
        var (c, asOfC) = await cache.GetRecentAsync(V(3), later, "k", new DateOnly(2025, 12, 31), later, allowed, () => { computed++; return Compute("never"); });
        Assert.Equal(("A", T0), (c, asOfC));
        Assert.Equal(2, computed);

        // Done: "B" is answered, true as of the reading that started it; too young to start another.
        held.SetResult("B");
        var (d, asOfD) = ("A", T0);
        for (var i = 0; i < 500 && d == "A"; i++)
        {
            // The computation's last step may finish on another thread; until then "A" is still the answer.
            await Task.Delay(10);
            (d, asOfD) = await cache.GetRecentAsync(V(3), later.AddMinutes(1), "k", new DateOnly(2025, 12, 31), later.AddMinutes(1), allowed, () => { computed++; return Compute("never"); });
        }

        Assert.Equal(("B", later), (d, asOfD));
        Assert.Equal(2, computed);

        // Older than allowed: the reader waits for the new value.
        var much = T0.AddHours(3);
        var (e, asOfE) = await cache.GetRecentAsync(V(4), much, "k", new DateOnly(2025, 12, 31), much, allowed, () => { computed++; return Compute("C"); });
        Assert.Equal(("C", much), (e, asOfE));
        Assert.Equal(3, computed);

        // At the same version the value is current: true as of the reader's time.
        var (f, asOfF) = await cache.GetRecentAsync(V(4), much.AddMinutes(5), "k", new DateOnly(2025, 12, 31), much.AddMinutes(5), allowed, () => { computed++; return Compute("never"); });
        Assert.Equal(("C", much.AddMinutes(5)), (f, asOfF));
        Assert.Equal(3, computed);
    }

    [Fact]
    public async Task One_computation_per_key_at_a_time_and_a_reader_of_a_newer_version_starts_the_next_after_it()
    {
        var cache = new RankingCache();
        var lastDay = new DateOnly(2025, 12, 31);
        var (computed, running, most) = (0, 0, 0);
        var held = new List<TaskCompletionSource<string>>();
        Func<Task<string>> Compute() => async () =>
        {
            var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (held)
            {
                computed++;
                most = Math.Max(most, ++running);
                held.Add(gate);
            }

            try
            {
                return await gate.Task;
            }
            finally
            {
                lock (held)
                {
                    running--;
                }
            }
        };

        // A cold start: readers allowed an hour's old answer wait for the one computation, none starts its own beside it.
        var first = cache.GetRecentAsync(V(1), T0, "k", lastDay, T0, TimeSpan.FromHours(1), Compute());
        var second = cache.GetRecentAsync(V(1), T0, "k", lastDay, T0, TimeSpan.FromHours(1), Compute());

        // A reader of a newer version that wants a current answer (刷新) waits for it to end, then starts the next.
        var fresh = cache.GetRecentAsync(V(2), T0.AddMinutes(1), "k", lastDay, T0.AddMinutes(1), TimeSpan.Zero, Compute());
        Assert.Equal(1, computed);
        Assert.False(fresh.IsCompleted);

        held[0].SetResult("A");
        Assert.Equal(("A", T0), await first);
        Assert.Equal(("A", T0), await second);
        for (var i = 0; i < 500 && Volatile.Read(ref computed) < 2; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(2, computed);
        Assert.False(fresh.IsCompleted);
        held[1].SetResult("B");
        Assert.Equal(("B", T0.AddMinutes(1)), await fresh);
        Assert.Equal(1, most);
    }
}
