using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kexie.Web.Features.Matching;

/// <summary>
/// Readiness of a node (GET /api/v1/health/ready, for a load balancer): not ready until this node's match index has
/// been built from the database. The node serves pages and the API while it builds; only matches wait for it.
/// </summary>
public sealed class MatchIndexReadiness(MatchIndexHost host) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = host.Status();
        return Task.FromResult(status.Ready
            ? HealthCheckResult.Healthy($"匹配索引已建立（{status.Documents:N0} 条）")
            : HealthCheckResult.Unhealthy("匹配索引建立中"));
    }
}
