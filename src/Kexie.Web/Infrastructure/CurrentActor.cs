using System.Security.Claims;
using Kexie.Data;
using Kexie.Domain.Identity;
using Microsoft.AspNetCore.Identity;

namespace Kexie.Web.Infrastructure;

/// <summary>Claim types carried in the sign-in cookie.</summary>
public static class KexieClaims
{
    public const string Role = "kexie:role";
    public const string Region = "kexie:region";
    public const string DisplayName = "kexie:name";
    public const string ScienceWorker = "kexie:worker";
    public const string Organization = "kexie:org";

    public static Actor ToActor(this ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || !Enum.TryParse<UserRole>(principal.FindFirstValue(Role), out var role))
        {
            return Actor.Public;
        }

        return new Actor(
            principal.FindFirstValue(ClaimTypes.NameIdentifier),
            principal.FindFirstValue(ClaimTypes.Name),
            role,
            principal.FindFirstValue(Region) ?? "-",
            Guid.TryParse(principal.FindFirstValue(ScienceWorker), out var worker) ? worker : null,
            Guid.TryParse(principal.FindFirstValue(Organization), out var org) ? org : null,
            principal.FindFirstValue(DisplayName));
    }
}

/// <summary>Adds role, region and links to the principal when a user signs in.</summary>
public sealed class KexieClaimsFactory(UserManager<AppUser> users, Microsoft.Extensions.Options.IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(KexieClaims.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(KexieClaims.Region, user.RegionCode));
        identity.AddClaim(new Claim(KexieClaims.DisplayName, user.DisplayName));
        if (user.ScienceWorkerId is { } worker)
        {
            identity.AddClaim(new Claim(KexieClaims.ScienceWorker, worker.ToString()));
        }

        if (user.OrganizationId is { } org)
        {
            identity.AddClaim(new Claim(KexieClaims.Organization, org.ToString()));
        }

        return identity;
    }
}

/// <summary>The actor of the current HTTP request, for auditing and access decisions.</summary>
public sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public Actor Actor => accessor.HttpContext?.User.ToActor() ?? Actor.System;
}
