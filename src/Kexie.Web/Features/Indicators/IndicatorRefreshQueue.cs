using System.Threading.Channels;
using Kexie.Data.Indicators;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;

namespace Kexie.Web.Features.Indicators;

/// <summary>Where the platform-wide full refresh stands. <c>RunNumber</c>: the run that will cover the request just accepted.</summary>
public sealed record IndicatorRefreshStatus(
    string State,
    bool Running,
    bool Pending,
    long? RunNumber,
    long LastCompletedRun,
    DateTimeOffset? LastRequestedAt,
    string? LastRequestedBy,
    DateTimeOffset? LastStartedAt,
    DateTimeOffset? LastFinishedAt,
    RefreshResult? LastResult,
    string? LastError);

/// <summary>
/// The platform-wide full indicator refresh (re-derives every record: seconds of work and a write lock on the facts)
/// runs in the background, one at a time: requests that come while one runs are coalesced into at most one pending
/// run, which starts when the current one ends and covers all of them. Only the platform admin may request it.
/// Per node; the refresher itself serialises runs across nodes (advisory lock on PostgreSQL).
/// </summary>
public sealed class IndicatorRefreshQueue(TimeProvider clock, Kexie.Domain.Authorization.AccessPolicy policy)
{
    public const string StatusUrl = "/api/v1/indicators/refresh/status";

    private readonly Lock gate = new();
    private readonly Channel<bool> signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private bool running;
    private long? pendingRun;
    private long lastAssignedRun;
    private long lastCompletedRun;
    private DateTimeOffset? lastRequestedAt;
    private string? lastRequestedBy;
    private DateTimeOffset? lastStartedAt;
    private DateTimeOffset? lastFinishedAt;
    private RefreshResult? lastResult;
    private string? lastError;

    /// <summary>Queues a full refresh for the platform admin; coalesced with one already pending.</summary>
    public IndicatorRefreshStatus RequestFull(Actor actor)
    {
        // A full refresh recomputes every region: only one who refreshes the whole country may start it.
        if (!policy.Can(actor, IndicatorPermissions.Refresh, Kexie.Domain.Regions.RegionCode.Country))
        {
            throw new AccessDeniedException("只有平台管理员可以发起全量重算指标");
        }

        long run;
        lock (gate)
        {
            pendingRun ??= ++lastAssignedRun;
            run = pendingRun.Value;
            lastRequestedAt = clock.GetUtcNow();
            lastRequestedBy = actor.Name;
        }

        signal.Writer.TryWrite(true);
        return Snapshot(run);
    }

    public IndicatorRefreshStatus Status(Actor actor)
    {
        if (!policy.Can(actor, IndicatorPermissions.Refresh))
        {
            throw new AccessDeniedException("只有管理员可以查看指标重算状态");
        }

        return Snapshot(null);
    }

    internal async Task<long?> WaitForRunAsync(CancellationToken ct)
    {
        while (true)
        {
            lock (gate)
            {
                if (pendingRun is { } run && !running)
                {
                    pendingRun = null;
                    running = true;
                    lastStartedAt = clock.GetUtcNow();
                    return run;
                }
            }

            if (!await signal.Reader.WaitToReadAsync(ct))
            {
                return null;
            }

            signal.Reader.TryRead(out _);
        }
    }

    internal void Finished(long run, RefreshResult? result, string? error)
    {
        lock (gate)
        {
            running = false;
            lastCompletedRun = run;
            lastFinishedAt = clock.GetUtcNow();
            lastResult = result;
            lastError = error;
        }
    }

    private IndicatorRefreshStatus Snapshot(long? run)
    {
        lock (gate)
        {
            var state = running ? (pendingRun is null ? "运行中" : "运行中（另有一次排队）") : pendingRun is null ? "空闲" : "排队中";
            return new IndicatorRefreshStatus(state, running, pendingRun is not null, run, lastCompletedRun, lastRequestedAt, lastRequestedBy,
                lastStartedAt, lastFinishedAt, lastResult, lastError);
        }
    }
}

/// <summary>Runs the queued full refreshes, one after another, each in its own scope.</summary>
public sealed class IndicatorRefreshWorker(IndicatorRefreshQueue queue, IServiceScopeFactory scopes, ILogger<IndicatorRefreshWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            long? run;
            try
            {
                run = await queue.WaitForRunAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (run is not { } number)
            {
                return;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<IndicatorRefresher>().RefreshAsync(full: true, stoppingToken);
                queue.Finished(number, result, null);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                queue.Finished(number, null, "服务停止，重算已中断");
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "指标全量重算失败");
                queue.Finished(number, null, "重算失败，请查看服务器日志");
            }
        }
    }
}
