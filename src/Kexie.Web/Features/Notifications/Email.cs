using System.Net;
using System.Net.Mail;
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

/// <summary>Plain-text UTF-8 mail through an SMTP relay (System.Net.Mail).</summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options) : IEmailSender
{
    public bool IsEnabled => true;

    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        var o = options.Value;
        using var client = new SmtpClient(o.Host, o.Port) { EnableSsl = o.EnableSsl, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (!string.IsNullOrEmpty(o.UserName))
        {
            client.Credentials = new NetworkCredential(o.UserName, o.Password);
        }

        using var mail = new MailMessage
        {
            From = new MailAddress(o.From, o.FromName, System.Text.Encoding.UTF8),
            Subject = message.Subject,
            SubjectEncoding = System.Text.Encoding.UTF8,
            Body = message.Body,
            BodyEncoding = System.Text.Encoding.UTF8,
            IsBodyHtml = false,
        };
        mail.To.Add(new MailAddress(message.To));
        await client.SendMailAsync(mail, ct);
    }
}
