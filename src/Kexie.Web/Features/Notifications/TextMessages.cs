using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Kexie.Data;
using Kexie.Data.Accounts;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Features.Notifications;

/// <summary>
/// A text message (短信) to a mainland mobile number. <paramref name="RegionCode"/>: the region it concerns, where known, so
/// that region's admins see it in the outbox. <paramref name="Parameters"/>: template values a gateway fills in (e.g. code).
/// </summary>
public sealed record TextMessage(string Phone, string Text, string? RegionCode = null, IReadOnlyDictionary<string, string>? Parameters = null);

/// <summary>
/// Sends text messages (one-time codes, notification copies). External SMS gateways cannot be reached from every
/// deployment, so the default keeps messages on the platform (log and the admin-visible outbox); a real gateway adapter
/// is chosen by settings (<c>Sms:Provider</c>).
/// </summary>
public interface ITextMessageSender
{
    /// <summary>False when messages go nowhere a person would read them on their phone (development outbox).</summary>
    bool DeliversToPhones { get; }

    Task SendAsync(TextMessage message, CancellationToken ct = default);
}

/// <summary>Settings section <c>Sms</c>.</summary>
public sealed class SmsOptions
{
    public const string Section = "Sms";

    /// <summary><c>Outbox</c> (default: the 短信发件箱 table and the log, nothing leaves the platform) or <c>Http</c>.</summary>
    public string Provider { get; set; } = "Outbox";

    /// <summary>Minutes a one-time code is accepted.</summary>
    public int CodeMinutes { get; set; } = 5;

    /// <summary>Seconds before another code may be sent to the same phone.</summary>
    public int ResendSeconds { get; set; } = 60;

    public HttpSmsOptions Http { get; set; } = new();
}

/// <summary>
/// <c>Sms:Http:*</c>: a gateway that takes one JSON POST per message (<c>{phone, signName, templateCode, text, params}</c>,
/// <c>Authorization: Bearer {ApiKey}</c>) and answers 2xx when it accepted it. Most Chinese SMS providers are reached this
/// way directly or through a small relay that holds their SDK.
/// </summary>
public sealed class HttpSmsOptions
{
    public string? Url { get; set; }

    /// <summary>短信签名, e.g. 【大英县科协】.</summary>
    public string? SignName { get; set; }

    /// <summary>The provider's approved template for codes (模板编号).</summary>
    public string? TemplateCode { get; set; }

    public string? ApiKey { get; set; }

    public int TimeoutSeconds { get; set; } = 10;
}

public static class TextMessageSetup
{
    public static IServiceCollection AddTextMessages(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmsOptions>(configuration.GetSection(SmsOptions.Section));
        var provider = configuration[$"{SmsOptions.Section}:Provider"];
        if (string.Equals(provider, "Http", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(configuration[$"{SmsOptions.Section}:Http:Url"]))
            {
                throw new InvalidOperationException("Sms:Provider=Http 需要设置 Sms:Http:Url（短信网关地址）");
            }

            services.AddHttpClient(HttpTextMessageSender.ClientName);
            services.AddSingleton<ITextMessageSender, HttpTextMessageSender>();
        }
        else if (string.IsNullOrWhiteSpace(provider) || string.Equals(provider, "Outbox", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<ITextMessageSender, OutboxTextMessageSender>();
        }
        else
        {
            throw new InvalidOperationException($"Sms:Provider 取值“{provider}”不正确（Outbox 或 Http）");
        }

        return services;
    }

    /// <summary>Writes one outbox row in its own scope (senders are singletons; the caller's transaction is not involved).</summary>
    internal static async Task RecordAsync(IServiceScopeFactory scopes, TextMessageRecord record, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
        db.TextMessageOutbox.Add(record);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>What the outbox keeps of a message that went to a real phone: digits runs of 4–8 (codes) blanked out.</summary>
    internal static string Redact(string text) => Regex.Replace(text, "(?<!\\d)\\d{4,8}(?!\\d)", m => new string('*', m.Length));
}

/// <summary>
/// Development default: each message goes to the 短信发件箱 table (readable by admins on 系统管理 → 短信发件箱) and to the
/// log. Nothing reaches a phone.
/// </summary>
public sealed class OutboxTextMessageSender(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OutboxTextMessageSender> logger) : ITextMessageSender
{
    public const string Channel = "开发发件箱";

    public bool DeliversToPhones => false;

    public async Task SendAsync(TextMessage message, CancellationToken ct = default)
    {
        logger.LogInformation("短信（开发发件箱）→ {Phone}: {Text}", message.Phone, message.Text);
        await TextMessageSetup.RecordAsync(scopes, new TextMessageRecord
        {
            At = clock.GetUtcNow(),
            Phone = message.Phone,
            Text = message.Text,
            RegionCode = message.RegionCode,
            Channel = Channel,
            Delivered = false,
        }, ct);
    }
}

/// <summary>
/// A real gateway (<c>Sms:Provider=Http</c>): one JSON POST per message. The outbox keeps a copy with the code blanked
/// out and whether the gateway accepted it; a refusal is logged and thrown, so the caller can tell the person.
/// </summary>
public sealed class HttpTextMessageSender(IHttpClientFactory clients, IOptionsMonitor<SmsOptions> options, IServiceScopeFactory scopes, TimeProvider clock, ILogger<HttpTextMessageSender> logger) : ITextMessageSender
{
    public const string ClientName = "sms";
    public const string Channel = "短信网关";

    public bool DeliversToPhones => true;

    public async Task SendAsync(TextMessage message, CancellationToken ct = default)
    {
        var settings = options.CurrentValue.Http;
        var record = new TextMessageRecord
        {
            At = clock.GetUtcNow(),
            Phone = message.Phone,
            Text = TextMessageSetup.Redact(message.Text),
            RegionCode = message.RegionCode,
            Channel = Channel,
        };
        try
        {
            using var client = clients.CreateClient(ClientName);
            client.Timeout = TimeSpan.FromSeconds(Math.Max(1, settings.TimeoutSeconds));
            using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url)
            {
                Content = JsonContent.Create(new
                {
                    phone = message.Phone,
                    signName = settings.SignName,
                    templateCode = settings.TemplateCode,
                    text = message.Text,
                    @params = message.Parameters ?? new Dictionary<string, string>(),
                }),
            };
            if (!string.IsNullOrEmpty(settings.ApiKey))
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", settings.ApiKey);
            }

            using var response = await client.SendAsync(request, ct);
            record.Delivered = response.IsSuccessStatusCode;
            if (!response.IsSuccessStatusCode)
            {
                record.Error = $"短信网关返回 {(int)response.StatusCode}";
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            record.Error = "短信网关无法连接或超时";
            logger.LogWarning(e, "短信网关发送失败 → {Phone}", message.Phone);
        }

        await TextMessageSetup.RecordAsync(scopes, record, CancellationToken.None);
        if (!record.Delivered)
        {
            logger.LogWarning("短信未送达 → {Phone}: {Error}", message.Phone, record.Error);
            throw new TextMessageFailedException();
        }
    }
}

/// <summary>The gateway did not accept the message (HTTP 503 for the person: try again later).</summary>
public sealed class TextMessageFailedException() : Exception("短信发送失败，请稍后再试");
