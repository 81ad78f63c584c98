using Kexie.Domain.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Infrastructure;

/// <summary>
/// Declares, for the OpenAPI document, the problem-details answers each <c>/api/v1</c> endpoint can give besides its
/// result, from what the endpoint is: every endpoint may answer 400 (a field, a query value, a charset); one that needs a
/// sign-in or a permission 401 and 403; one addressed by a route value (an id, a code) 404; a write 409 (a stale version
/// or a state that does not allow the step); a rate-limited one 429. An endpoint that declares a status itself keeps its own.
/// </summary>
public static class ApiResponses
{
    private static readonly string[] ProblemJson = ["application/problem+json"];

    public static RouteGroupBuilder DescribeProblems(this RouteGroupBuilder group)
    {
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            var metadata = endpoint.Metadata;
            var methods = metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList();
            var permission = metadata.OfType<PermissionRequirement>().LastOrDefault()?.Permission;
            var anonymous = metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();
            var signedIn = !anonymous && (metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any()
                || permission is { Scope: not PermissionScope.Anyone });

            // Downloads answer a file, which the handler's return type (IResult) does not tell the document.
            if (!metadata.OfType<IProducesResponseTypeMetadata>().Any(m => m.StatusCode is >= 200 and < 300)
                && DownloadType(endpoint) is { } download)
            {
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(byte[]), download));
            }

            Add(endpoint, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
            if (signedIn)
            {
                Add(endpoint, StatusCodes.Status401Unauthorized);
                Add(endpoint, StatusCodes.Status403Forbidden);
            }

            if (endpoint is RouteEndpointBuilder { RoutePattern.Parameters.Count: > 0 })
            {
                Add(endpoint, StatusCodes.Status404NotFound);
            }

            if (methods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE"))
            {
                Add(endpoint, StatusCodes.Status409Conflict);
            }

            if (metadata.OfType<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>().Any())
            {
                Add(endpoint, StatusCodes.Status429TooManyRequests);
            }
        });
        return group;
    }

    /// <summary>The content types of a download route: Excel exports and templates, the annual report, stored files.</summary>
    private static string[]? DownloadType(EndpointBuilder endpoint)
    {
        var pattern = (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText ?? string.Empty;
        if (pattern.EndsWith(".xlsx", StringComparison.Ordinal) || pattern.EndsWith("/export", StringComparison.Ordinal))
        {
            return [Kexie.Web.Features.Directory.DirectoryEndpoints.ExcelContentType];
        }

        if (pattern.EndsWith("/reports/annual", StringComparison.Ordinal))
        {
            return ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", Kexie.Web.Features.Directory.DirectoryEndpoints.ExcelContentType];
        }

        return pattern.Contains("/attachments/", StringComparison.Ordinal) || pattern.Contains("/files/", StringComparison.Ordinal)
            ? ["application/octet-stream"]
            : null;
    }

    private static void Add(EndpointBuilder endpoint, int status, Type? type = null)
    {
        if (!endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(m => m.StatusCode == status))
        {
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, type ?? typeof(ProblemDetails), ProblemJson));
        }
    }
}
