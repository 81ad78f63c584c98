using Kexie.Web.Features.Matching;

namespace Kexie.Web.Features.Market;

/// <summary>
/// The seeded demo's 一单一策 plans are written by <c>MarketDemoSeeder</c> (Kexie.Data), which cannot ask the match index:
/// without this they would show 候选（0） until someone clicks 重新匹配候选. After start-up (never blocking it), once the
/// index is built and the discipline classifier is ready (or has had its time), the open demo plans that have never had a
/// candidate are asked the candidate source once, by the same path the button takes
/// (<see cref="ResponsePlanService.ProposeDemoCandidatesAsync"/>). Only with <c>Demo:Seed</c> on; a plan that already has
/// candidates (or dropped ones) is left alone, so a restart changes nothing.
/// </summary>
public sealed class DemoPlanMatching(IServiceScopeFactory scopes, MatchIndexHost host, IConfiguration configuration, ILogger<DemoPlanMatching> logger) : BackgroundService
{
    /// <summary>How long the fill waits for the classifier before it asks without it.</summary>
    public static readonly TimeSpan ClassifierWait = TimeSpan.FromMinutes(10);

    private readonly TaskCompletionSource<int> done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the number of plans given candidates (0 when there was nothing to do or it failed).</summary>
    public Task<int> Completion => done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!configuration.GetValue("Demo:Seed", true))
            {
                done.TrySetResult(0);
                return;
            }

            await host.WhenClassifierReadyAsync(ClassifierWait, stoppingToken);
            await host.WhenDisciplinesReadAsync(stoppingToken);
            await using var scope = scopes.CreateAsyncScope();
            var filled = await scope.ServiceProvider.GetRequiredService<ResponsePlanService>().ProposeDemoCandidatesAsync(stoppingToken);
            if (filled > 0)
            {
                logger.LogInformation("演示数据的 {Count} 个一单一策已按智能匹配给出候选", filled);
            }

            done.TrySetResult(filled);
        }
        catch (OperationCanceledException)
        {
            done.TrySetCanceled(stoppingToken);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "为演示数据的一单一策匹配候选失败，可在一单一策页面点“重新匹配候选”");
            done.TrySetResult(0);
        }
    }
}
