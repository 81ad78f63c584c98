using Kexie.Data.Indicators;

namespace Kexie.Web.Features.Indicators;

/// <summary>
/// How old the dashboards' and rankings' data may be (issue 16: a province's dashboards under writes). With
/// <c>Indicators:MaxStaleSeconds</c> N above zero, a read does not wait for the pending record changes or a new ranking:
/// it is answered from the rollups and the ranking already there while this node applies the changes
/// (<see cref="RefreshInBackground"/>, one at a time; across nodes the refresher's advisory lock serialises them) and
/// computes the newer ranking (<see cref="RankingCache.GetRecentAsync{T}"/>, one at a time per ranking), as long as what it
/// answers holds every change up to N seconds ago; the page says as of when (“数据截至 HH:mm”). Zero (the tests'
/// setting): every read applies the pending changes first and waits for its ranking, as before.
/// </summary>
public sealed class IndicatorFreshness(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<IndicatorFreshness> logger)
{
    private int refreshing;

    /// <summary>How old an answer may be; zero: always current.</summary>
    public TimeSpan MaxStale { get; init; } = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("Indicators:MaxStaleSeconds", 0)));

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The background refresh of this node now running, if any (tests wait for it).</summary>
    public Task Running { get; private set; } = Task.CompletedTask;

    /// <summary>Applies the pending record changes in the background, unless this node is doing so already.</summary>
    public void RefreshInBackground()
    {
        if (Interlocked.CompareExchange(ref refreshing, 1, 0) != 0)
        {
            return;
        }

        Running = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IndicatorRefresher>().RefreshAsync();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "指标增量刷新（后台）失败，下次读取时重试");
            }
            finally
            {
                Volatile.Write(ref refreshing, 0);
            }
        });
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a scope of its own, not the request's: a ranking computed in the background for all
    /// readers outlives the request that started it (its context and cancellation).
    /// </summary>
    public async Task<T> DetachedAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}
