using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Security;

/// <summary>The endpoint list of the real host, read from its routing data: what the permission and matrix tests are generated from.</summary>
public static class EndpointPermissions
{
    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Every /api/v1 write endpoint: method, route pattern and the permission it declares (null when none).</summary>
    public static IReadOnlyList<(string Method, string Route, PermissionRequirement? Requirement)> ApiWrites(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Intersect(WriteMethods)
                .Select(m => (m, e.RoutePattern.RawText!, e.Metadata.GetMetadata<PermissionRequirement>())))
            .OrderBy(x => x.Item2, StringComparer.Ordinal).ThenBy(x => x.m, StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<string> WritesWithoutPermission(IServiceProvider services) =>
        ApiWrites(services).Where(w => w.Requirement is null).Select(w => $"{w.Method} {w.Route}").ToList();
}
