using Microsoft.Extensions.Options;

namespace Kexie.Web.Features.Notifications;

/// <summary>SMTP settings (section <c>Smtp</c>). E-mail is off unless <see cref="Host"/> is set.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Sender address, e.g. <c>noreply@kexie.example.cn</c>.</summary>
    public string From { get; set; } = "noreply@kexie.local";

    public string FromName { get; set; } = "科协云";

    /// <summary>The site's public address (e.g. <c>https://kxy.example.cn</c>), so links in e-mails are absolute.</summary>
    public string? SiteUrl { get; set; }

    /// <summary><see cref="SiteUrl"/> without surrounding space or a trailing slash; null when it is not set.</summary>
    public string? SiteBase => string.IsNullOrWhiteSpace(SiteUrl) ? null : SiteUrl.Trim().TrimEnd('/');

    /// <summary>A site path (<c>/Market/…</c>) made absolute with <see cref="SiteUrl"/> when it is set; anything else as it is.</summary>
    public string AbsoluteLink(string link) => SiteBase is { } site && link.StartsWith('/') ? site + link : link;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

public sealed record EmailMessage(string To, string Subject, string Body);

/// <summary>Sends e-mail. <see cref="IsEnabled"/> is false for the no-op sender, so callers skip the work of composing.</summary>
public interface IEmailSender
{
    bool IsEnabled { get; }

    Task SendAsync(EmailMessage message, CancellationToken ct = default);
}

/// <summary>The default: e-mail is off (no <c>Smtp:Host</c>), nothing is sent.</summary>
public sealed class NoOpEmailSender : IEmailSender
{
    public bool IsEnabled => false;

    public Task SendAsync(EmailMessage message, CancellationToken ct = default) => Task.CompletedTask;
}

/// <summary>
/// Plain-text UTF-8 mail through an SMTP relay with MailKit: STARTTLS when the server offers it (or implicit TLS on port 465
/// when <see cref="SmtpOptions.EnableSsl"/> is set), authentication when a user name is configured.
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options) : IEmailSender
{
    public bool IsEnabled => true;

    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        var o = options.Value;
        var mail = new MimeKit.MimeMessage();
        mail.From.Add(new MimeKit.MailboxAddress(o.FromName, o.From));
        mail.To.Add(MimeKit.MailboxAddress.Parse(message.To));
        mail.Subject = message.Subject;
        var body = new MimeKit.TextPart(MimeKit.Text.TextFormat.Plain);
        body.SetText(System.Text.Encoding.UTF8, message.Body);
        mail.Body = body;

        using var client = new MailKit.Net.Smtp.SmtpClient();
        var security = o.EnableSsl
            ? (o.Port == 465 ? MailKit.Security.SecureSocketOptions.SslOnConnect : MailKit.Security.SecureSocketOptions.StartTls)
            : MailKit.Security.SecureSocketOptions.StartTlsWhenAvailable;
        await client.ConnectAsync(o.Host ?? throw new InvalidOperationException("未配置 Smtp:Host"), o.Port, security, ct);
        if (!string.IsNullOrEmpty(o.UserName))
        {
            await client.AuthenticateAsync(o.UserName, o.Password ?? string.Empty, ct);
        }

        await client.SendAsync(mail, ct);
        await client.DisconnectAsync(true, ct);
    }
}
