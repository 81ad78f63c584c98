using System.Diagnostics;
using System.Threading.Channels;
using Kexie.Data;
using Kexie.Data.Security;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Features.Admin;

/// <summary>
/// The operation log's queue: requests hand their row over without waiting (a bounded in-memory channel); a background
/// writer saves them in batches. When the database falls behind by more than <see cref="Capacity"/> rows, new rows are
/// dropped and counted (a warning in the server log) rather than slowing requests down.
/// </summary>
public sealed class OperationLogQueue
{
    public const int Capacity = 10_000;

    private readonly Channel<OperationLogEntry> channel = Channel.CreateBounded<OperationLogEntry>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private long dropped;

    internal ChannelReader<OperationLogEntry> Reader => channel.Reader;

    /// <summary>Rows dropped because the queue was full, since the last time the writer reported them.</summary>
    internal long TakeDropped() => Interlocked.Exchange(ref dropped, 0);

    public void Enqueue(OperationLogEntry entry)
    {
        if (!channel.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref dropped);
        }
    }

    internal void Complete() => channel.Writer.TryComplete();
}

/// <summary>
/// Records every state-changing request (POST/PUT/PATCH/DELETE) under /api and to a Razor page handler: time, user and
/// the user's region, method and route pattern, the operation's Chinese name, final status code (read once the response
/// is complete, so errors handled further out count), client address, user agent and duration.
/// </summary>
public sealed class OperationLogMiddleware(RequestDelegate next, OperationLogQueue queue, TimeProvider clock)
{
    public Task InvokeAsync(HttpContext http)
    {
        var method = http.Request.Method;
        if (!(HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method))
            || http.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            return next(http);
        }

        var endpoint = http.GetEndpoint();
        var page = endpoint?.Metadata.GetMetadata<PageActionDescriptor>();
        var isApi = http.Request.Path.StartsWithSegments("/api");
        if (page is null && !isApi)
        {
            return next(http);
        }

        var at = clock.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var (route, operation) = Describe(http, endpoint, page);
        http.Response.OnCompleted(() =>
        {
            var user = http.User;
            var authenticated = user.Identity?.IsAuthenticated == true;
            queue.Enqueue(new OperationLogEntry
            {
                At = at,
                UserId = authenticated ? user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value : null,
                UserName = authenticated ? user.Identity!.Name : null,
                DisplayName = authenticated ? Truncate(user.FindFirst(KexieClaims.DisplayName)?.Value, 50) : null,
                RegionCode = authenticated ? user.FindFirst(KexieClaims.Region)?.Value : null,
                Method = method.ToUpperInvariant(),
                Route = route,
                Operation = operation ?? Truncate(http.Items[PermissionPageFilter.OperationItem] as string, 200),
                StatusCode = http.Response.StatusCode,
                Ip = ClientAddress.Of(http),
                UserAgent = ClientAddress.UserAgent(http),
                DurationMs = (int)Math.Min(int.MaxValue, Stopwatch.GetElapsedTime(started).TotalMilliseconds),
            });
            return Task.CompletedTask;
        });
        return next(http);
    }

    private static readonly System.Text.RegularExpressions.Regex RecordIds = new(
        "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}([0-9a-fA-F]*)",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    private static (string Route, string? Operation) Describe(HttpContext http, Endpoint? endpoint, PageActionDescriptor? page)
    {
        if (page is not null)
        {
            var handler = http.Request.Query["handler"].ToString();
            if (handler.Length == 0 && http.GetRouteValue("handler") is string fromRoute)
            {
                handler = fromRoute;
            }

            return (Truncate(handler.Length == 0 ? page.ViewEnginePath : $"{page.ViewEnginePath}?handler={handler}", 300)!, null);
        }

        if (endpoint is not RouteEndpoint routeEndpoint)
        {
            // No endpoint matched (a 404 or 405): the raw path, with record ids and tokens masked, since the log is read by people.
            return (Truncate(RecordIds.Replace(http.Request.Path.Value ?? "/", "{id}"), 300) ?? "/", null);
        }

        var pattern = "/" + (routeEndpoint.RoutePattern.RawText ?? string.Empty).Trim('/');
        var summary = endpoint.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary;
        if (string.IsNullOrWhiteSpace(summary) && endpoint.Metadata.GetMetadata<ITagsMetadata>()?.Tags.FirstOrDefault() is { } tag)
        {
            summary = $"{tag}：{Verb(http.Request.Method)}";
        }

        return (Truncate(pattern, 300)!, Truncate(OperationName(summary), 200));
    }

    /// <summary>
    /// The operation as people name it: an endpoint's summary up to its first parenthesis or semicolon, where the notes for
    /// developers begin ("获取短信验证码（purpose：SignUp …）" → "获取短信验证码"). Rows written before the cut are read through it too.
    /// </summary>
    public static string? OperationName(string? summary)
    {
        if (string.IsNullOrWhiteSpace(summary))
        {
            return summary;
        }

        var cut = summary.IndexOfAny(['（', '(', '；', ';']);
        return cut > 0 ? summary[..cut].Trim() : summary;
    }

    private static string Verb(string method) =>
        HttpMethods.IsDelete(method) ? "删除" : HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) ? "修改" : "提交";

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}

/// <summary>Saves queued operation-log rows in batches; on shutdown, saves what is left (for a few seconds at most).</summary>
public sealed class OperationLogWriter(OperationLogQueue queue, IServiceScopeFactory scopes, ILogger<OperationLogWriter> logger) : BackgroundService
{
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await WriteBatchAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                while (queue.Reader.TryPeek(out _))
                {
                    await WriteBatchAsync(drain.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or DbUpdateException or InvalidOperationException)
            {
                logger.LogWarning(e, "停止时未能保存全部操作日志");
            }
        }
    }

    private async Task WriteBatchAsync(CancellationToken ct)
    {
        var batch = new List<OperationLogEntry>(BatchSize);
        while (batch.Count < BatchSize && queue.Reader.TryRead(out var entry))
        {
            batch.Add(entry);
        }

        if (queue.TakeDropped() is var dropped and > 0)
        {
            logger.LogWarning("操作日志队列已满，丢弃 {Count} 条记录", dropped);
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
            db.OperationLog.AddRange(batch);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "保存 {Count} 条操作日志失败", batch.Count);
        }
    }
}

/// <summary>Deletes login- and operation-log rows older than <c>Security:Logs:RetentionDays</c>, hourly.</summary>
public sealed class SecurityLogRetention(IServiceScopeFactory scopes, IOptionsMonitor<SecurityOptions> options, TimeProvider clock, ILogger<SecurityLogRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await PruneAsync(stoppingToken);
                await Task.Delay(TimeSpan.FromHours(1), clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public async Task PruneAsync(CancellationToken ct)
    {
        var days = options.CurrentValue.Logs.RetentionDays;
        if (days <= 0)
        {
            return;
        }

        try
        {
            var cutoff = clock.GetUtcNow().AddDays(-days);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
            await db.LoginLog.Where(l => l.At < cutoff).ExecuteDeleteAsync(ct);
            await db.OperationLog.Where(o => o.At < cutoff).ExecuteDeleteAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "清理过期的登录和操作日志失败");
        }
    }
}

public static class SecurityLogSetup
{
    public static IServiceCollection AddKexieSecurityLogs(this IServiceCollection services)
    {
        services.AddSingleton<OperationLogQueue>();
        services.AddHostedService<OperationLogWriter>();
        services.AddSingleton<SecurityLogRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<SecurityLogRetention>());
        services.AddScoped<SecurityLogQueries>();
        return services;
    }
}
