using Kexie.Data;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace Kexie.Web.Features.Market;

/// <summary>
/// The public needs and offers lists (pages <c>/Market/Needs</c>, <c>/Market/Offers</c> and API <c>GET /api/v1/needs</c>,
/// <c>GET /api/v1/offers</c>: filters, search words, pages, cursors) as an anonymous visitor sees them, answered from this
/// node's memory (ASP.NET Core output caching, <see cref="Name"/>) while the data they show has not changed (issue 16).
/// <list type="bullet">
/// <item>An entry is valid only under the <see cref="PublicMarketStamp"/> of the region subtree the response shows, read first
/// (one statement): the county of the <c>region</c> filter (a township's page shows parties of its whole county: a record is
/// placed in its party's county), or the whole platform when there is no filter. The stamp is part of the key, so a record
/// published, withdrawn, edited or closed on any node moves it in the write's transaction and the next request on every node
/// reads afresh; a write in another county keeps the entry. It is the public market's own stamp, not the front page's: it
/// moves only when what an anonymous visitor sees may change (a published public record, or one that was, saved; a party's
/// name, a worker's public flag, a region: every stamp), not with drafts, submissions awaiting review, plans and their
/// contacts, orders and their steps, so under the platform's usual writes the unfiltered searches' entries live on. Option
/// lists come from reference data written only at start-up.</item>
/// <item>Signed-in users (a principal, or any <c>Authorization</c> header) bypass it both ways: what they see depends on
/// their role and region. So does a request with a TempData cookie (a notice waiting for the visitor).</item>
/// <item>A response is kept only if it is a 200 without <c>Set-Cookie</c> (but the deletion of a TempData cookie the request did
/// not have, which a page that reads TempData always writes: dropped) and not marked <c>no-store</c>/<c>no-cache</c>/
/// <c>private</c> (an antiforgery token marks its response so): nothing tied to one visitor is shared.</item>
/// <item>Bounded: <see cref="SizeLimit"/> for all entries, <see cref="MaximumBodySize"/> a response; concurrent misses of one
/// key wait for the first (locking). <see cref="Lifetime"/> is a backstop for memory, not for correctness.</item>
/// </list>
/// The need detail page (<c>/Market/Needs/Details/{id}</c>, <see cref="DetailName"/>) is kept the same way under the whole
/// platform's stamp (its match candidates are offers, public workers and experts of any county, shown only while published or
/// public: their titles and states move the stamp) and this node's match index as it is now (built at, version, classifier
/// ready: the candidates come from it, and any write to it makes another key); handlers (<c>?handler=</c>: downloads) are not
/// kept. The offer detail page and the detail APIs are not kept: the API is one read by primary key, which a stamp check
/// could not save.
/// </summary>
/// <param name="detail">the need detail page's policy: the platform's stamp and the match index's state, no handlers.</param>
public sealed class PublicMarketCache(bool detail = false) : IOutputCachePolicy
{
    public const string Name = "PublicMarket";

    /// <summary>The need detail page's policy.</summary>
    public const string DetailName = "PublicMarketDetail";

    /// <summary>An entry's longest life (memory backstop; entries are replaced when the stamp moves).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>All entries of the node's output cache together (bytes).</summary>
    public const long SizeLimit = 64L * 1024 * 1024;

    /// <summary>A response larger than this is not kept (bytes).</summary>
    public const long MaximumBodySize = 1024 * 1024;

    private const string TempDataCookie = ".AspNetCore.Mvc.CookieTempDataProvider";

    private static bool IsTempDataDeletion(string? cookie) =>
        cookie is not null
        && cookie.StartsWith(TempDataCookie + "=;", StringComparison.Ordinal)
        && cookie.Contains("expires=Thu, 01 Jan 1970 00:00:00 GMT", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The region subtree whose stamp covers a list filtered by <paramref name="region"/>: its county (or the code itself above
    /// county level); null (the whole platform) with no filter, several or a malformed one.
    /// </summary>
    public static string? Scope(StringValues region)
    {
        if (region.Count != 1 || region[0]?.Trim() is not { Length: > 0 } code || !Kexie.Domain.Regions.RegionCode.IsWellFormed(code))
        {
            return null;
        }

        return Kexie.Domain.Regions.RegionCode.CountyOf(code);
    }

    /// <summary>Whether the request may be answered from, or leave, a shared entry: an anonymous GET with no state of its own.</summary>
    public static bool IsAnonymous(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method)
        && http.User.Identity?.IsAuthenticated != true
        && StringValues.IsNullOrEmpty(http.Request.Headers.Authorization)
        && !http.Request.Cookies.ContainsKey(TempDataCookie);

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        if (!IsAnonymous(http))
        {
            context.EnableOutputCaching = false;
            return;
        }

        var index = string.Empty;
        if (detail)
        {
            // The candidates come from the node's match index: only once it is built, under its state now (a write to it
            // after this read makes the kept page newer than its key, never older).
            var status = http.RequestServices.GetRequiredService<Kexie.Web.Features.Matching.MatchIndexHost>().Status();
            if (!status.Ready || http.Request.Query.ContainsKey("handler"))
            {
                context.EnableOutputCaching = false;
                return;
            }

            index = string.Create(System.Globalization.CultureInfo.InvariantCulture, $":{status.BuiltAt?.UtcTicks}:{status.Version}:{status.ClassifierReady}");
        }

        var scope = detail ? null : Scope(http.Request.Query["region"]);
        var stamp = await PublicMarketStamp.ReadAsync(http.RequestServices.GetRequiredService<KexieDbContext>(), scope, cancellation);
        // A page that reads TempData deletes the TempData cookie on every response; this request had none (or it would not be
        // here), so the deletion is nothing to this visitor or to the next: dropped before the response starts (this callback,
        // registered before the page's, runs after them), so the response can be kept.
        http.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            if (headers.SetCookie is { Count: > 0 } cookies && cookies.All(IsTempDataDeletion))
            {
                headers.Remove(Microsoft.Net.Http.Headers.HeaderNames.SetCookie);
            }

            return Task.CompletedTask;
        }, http.Response);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Lifetime;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["stamp"] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{scope}:{stamp.Version}{index}");
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        var cacheControl = response.Headers.CacheControl.ToString();
        if (response.StatusCode != StatusCodes.Status200OK
            || !StringValues.IsNullOrEmpty(response.Headers.SetCookie)
            || cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase)
            || cacheControl.Contains("no-cache", StringComparison.OrdinalIgnoreCase)
            || cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase)
            || !IsAnonymous(context.HttpContext))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
