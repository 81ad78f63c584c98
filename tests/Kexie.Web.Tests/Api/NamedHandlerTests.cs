using System.Reflection;
using Kexie.Web.Features.Account;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Api;

/// <summary>
/// Every /api/v1 endpoint is a named static handler (docs/architecture.md, "How an endpoint is written"), not an inline lambda:
/// the handler's <see cref="MethodInfo"/>, which minimal APIs put in the endpoint metadata, must not be compiler-generated.
/// </summary>
public sealed class NamedHandlerTests(SqliteApp app)
{
    /// <summary>
    /// Features whose endpoints may still be inline lambdas (namespace under Kexie.Web.Features): none since every feature was
    /// converted (2026-12-05). Kept so the test below still proves the list holds only features with lambdas.
    /// </summary>
    private static readonly string[] NotYetConverted = [];

    /// <summary>A lambda, an anonymous method or a local function: the compiler names them with angle brackets.</summary>
    public static bool IsCompilerGenerated(MethodInfo method) =>
        method.Name.Contains('<') || Outermost(method.DeclaringType)?.Name.Contains('<') == true || method.DeclaringType?.Name.Contains('<') == true;

    private static Type? Outermost(Type? type)
    {
        while (type?.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }

    private static string? Feature(MethodInfo method)
    {
        const string prefix = "Kexie.Web.Features.";
        var ns = Outermost(method.DeclaringType)?.Namespace ?? "";
        return ns.StartsWith(prefix, StringComparison.Ordinal) ? ns[prefix.Length..].Split('.')[0] : null;
    }

    private IReadOnlyList<(string Route, MethodInfo Handler)> ApiHandlers() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .Select(e => (Route: $"{string.Join(",", e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [])} {e.RoutePattern.RawText}", Handler: e.Metadata.GetMetadata<MethodInfo>()))
            .Where(x => x.Handler is not null && x.Handler.Module.Assembly == typeof(AuthEndpoints).Assembly) // ours, not the framework's (health checks)
            .Select(x => (x.Route, x.Handler!))
            .ToList();

    [Fact]
    public void The_detection_tells_a_lambda_from_a_named_handler()
    {
        Func<int> lambda = () => 42;
        Assert.True(IsCompilerGenerated(lambda.Method));
        Assert.True(IsCompilerGenerated(((Delegate)Local).Method));
        Assert.False(IsCompilerGenerated(typeof(AuthEndpoints).GetMethod(nameof(AuthEndpoints.IssueToken))!));

        // The host really carries the handler in the endpoint metadata (otherwise the test below would pass on nothing).
        var token = Assert.Single(ApiHandlers(), h => h.Route == "POST /api/v1/auth/token");
        Assert.Equal(nameof(AuthEndpoints.IssueToken), token.Handler.Name);
        Assert.True(ApiHandlers().Count > 300);

        static int Local() => 1;
    }

    [Fact]
    public void Every_api_endpoint_is_a_named_handler()
    {
        var lambdas = ApiHandlers()
            .Where(h => IsCompilerGenerated(h.Handler) && !NotYetConverted.Contains(Feature(h.Handler)))
            .Select(h => $"{h.Route} ({Outermost(h.Handler.DeclaringType)?.FullName})")
            .ToList();
        Assert.True(lambdas.Count == 0, "endpoints written as inline lambdas (make them named static handlers with typed results):\n" + string.Join("\n", lambdas));
    }

    [Fact]
    public void The_list_of_features_left_holds_only_features_that_still_have_lambdas()
    {
        var withLambdas = ApiHandlers().Where(h => IsCompilerGenerated(h.Handler)).Select(h => Feature(h.Handler)).ToHashSet();
        Assert.All(NotYetConverted, feature => Assert.True(withLambdas.Contains(feature), $"{feature} has no lambda left: remove it from NotYetConverted"));
    }
}
