using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;

namespace Kexie.Web.Infrastructure;

/// <summary>Endpoint metadata: the permission an endpoint requires. Every write endpoint of /api/v1 carries one.</summary>
public sealed record PermissionRequirement(Permission Permission);

/// <summary>A feature's permissions, registered once by its module.</summary>
public sealed record FeaturePermissions(IReadOnlyList<Permission> Permissions);

/// <summary>Settings section <c>Authorization</c>: role → permission names added to or removed from the features' defaults.</summary>
public sealed class AuthorizationSettings
{
    public Dictionary<UserRole, List<string>> Grants { get; set; } = [];

    public Dictionary<UserRole, List<string>> Revokes { get; set; } = [];
}

public static class PermissionSetup
{
    /// <summary>Registers a feature's permissions with the catalogue.</summary>
    public static IServiceCollection AddPermissions(this IServiceCollection services, IReadOnlyList<Permission> permissions) =>
        services.AddSingleton(new FeaturePermissions(permissions));

    /// <summary>The grants (defaults plus the <c>Authorization</c> settings) and the one <see cref="AccessPolicy"/>.</summary>
    public static IServiceCollection AddAccessPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("Authorization").Get<AuthorizationSettings>() ?? new AuthorizationSettings();
        services.AddSingleton(sp => new PermissionGrants(
            sp.GetServices<FeaturePermissions>().SelectMany(f => f.Permissions),
            settings.Grants.ToDictionary(kv => kv.Key, kv => (IReadOnlyCollection<string>)kv.Value),
            settings.Revokes.ToDictionary(kv => kv.Key, kv => (IReadOnlyCollection<string>)kv.Value)));
        services.AddSingleton<AccessPolicy>();
        return services;
    }

    /// <summary>
    /// Requires <paramref name="permission"/>: anonymous callers of a permission that needs a sign-in get 401, callers whose role
    /// does not hold it 403 (problem details naming the operation). Which records the caller may touch is decided after this,
    /// by the feature's service and the domain, against each record's own region.
    /// </summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new PermissionRequirement(permission));
        if (permission.Scope == PermissionScope.Anyone)
        {
            builder.AllowAnonymous();
        }

        builder.AddEndpointFilter(async (context, next) =>
        {
            var policy = context.HttpContext.RequestServices.GetRequiredService<AccessPolicy>();
            return policy.Decide(context.HttpContext.User.ToActor(), permission) switch
            {
                AccessDecision.SignInRequired => TypedResults.Problem(title: "请先登录", detail: $"“{permission.DisplayName}”需要先登录", statusCode: StatusCodes.Status401Unauthorized),
                AccessDecision.Denied => TypedResults.Problem(title: "无权执行此操作", detail: DeniedMessage(policy, permission), statusCode: StatusCodes.Status403Forbidden),
                _ => await next(context),
            };
        });
        return builder;
    }

    /// <summary>“您的角色没有“审核科技需求”的权限，可由平台管理员、科协管理员办理”: names the operation and who may do it.</summary>
    public static string DeniedMessage(AccessPolicy policy, Permission permission)
    {
        var holders = Enum.GetValues<UserRole>().Where(r => policy.Grants.Holds(r, permission)).Select(r => r.Chinese()).ToList();
        return holders.Count == 0
            ? $"您的角色没有“{permission.DisplayName}”的权限"
            : $"您的角色没有“{permission.DisplayName}”的权限，可由{string.Join("、", holders)}办理";
    }
}

/// <summary>
/// The permission a page handler (<c>OnPost…</c>) requires, named by its feature's catalogue and field:
/// <c>[RequiresPermission(typeof(MarketPermissions), nameof(MarketPermissions.EditNeeds))]</c>. Checked by
/// <see cref="PermissionPageFilter"/> before the handler runs, with the same <see cref="AccessPolicy"/> as the API, so a
/// grant or revocation in the settings holds on the pages too. A handler that serves several steps names the weakest
/// permission among them; the domain's rules decide the stronger ones.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresPermissionAttribute(Type catalogue, string field) : Attribute
{
    public Permission Permission { get; } =
        catalogue.GetField(field, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)?.GetValue(null) as Permission
        ?? throw new InvalidOperationException($"{catalogue.Name}.{field} is not a permission");
}

/// <summary>Applies <see cref="RequiresPermissionAttribute"/> to page handlers: sign-in page for anonymous, 403 page naming the operation otherwise.</summary>
public sealed class PermissionPageFilter(AccessPolicy policy) : Microsoft.AspNetCore.Mvc.Filters.IAsyncPageFilter
{
    /// <summary>The <see cref="HttpContext.Items"/> key of the Chinese name of the operation a page handler performs.</summary>
    public const string OperationItem = "kexie:operation";

    // A handler's attribute is read (and its permission resolved by reflection) once per process, not on every post.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<System.Reflection.MethodInfo, RequiresPermissionAttribute?> Required = new();

    private static RequiresPermissionAttribute? RequiredBy(System.Reflection.MethodInfo method) =>
        Required.GetOrAdd(method, m => m.GetCustomAttributes(typeof(RequiresPermissionAttribute), false).FirstOrDefault() as RequiresPermissionAttribute);

    public Task OnPageHandlerSelectionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod?.MethodInfo is { } method && RequiredBy(method) is { } required)
        {
            // The operation log names a page post by the operation it performs.
            context.HttpContext.Items[OperationItem] = required.Permission.DisplayName;
            switch (policy.Decide(context.HttpContext.User.ToActor(), required.Permission))
            {
                case AccessDecision.SignInRequired:
                    context.Result = new Microsoft.AspNetCore.Mvc.ChallengeResult();
                    return;
                case AccessDecision.Denied when context.HandlerInstance is Pages.KexiePageModel page:
                    context.Result = page.Denied(PermissionSetup.DeniedMessage(policy, required.Permission));
                    return;
                case AccessDecision.Denied:
                    context.Result = new Microsoft.AspNetCore.Mvc.StatusCodeResult(StatusCodes.Status403Forbidden);
                    return;
            }
        }

        await next();
    }
}
