using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kexie.Web.Infrastructure;

/// <summary>
/// Liveness is GET /api/v1/health (the process answers); readiness is GET /api/v1/health/ready: 200 when every check
/// tagged <see cref="ReadyTag"/> passes (modules register them, e.g. the match index), else 503 — a reverse proxy or
/// orchestrator sends traffic to a node only once it is ready.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IEndpointConventionBuilder MapReadiness(this IEndpointRouteBuilder app, string pattern) =>
        app.MapHealthChecks(pattern, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteAsync,
        }).WithMetadata(new HttpMethodMetadata(["GET", "HEAD"])).WithTags("运维").WithDisplayName("节点就绪状态").AllowAnonymous();

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status == HealthStatus.Healthy ? "就绪" : "未就绪",
            checks = report.Entries.Select(e => new { name = e.Key, ready = e.Value.Status == HealthStatus.Healthy, description = e.Value.Description }),
        }, JsonSerializerOptions.Web, http.RequestAborted);
    }
}
