namespace Kexie.Web.Features.Notifications;

/// <summary>A text message (短信) to a mainland mobile number.</summary>
public sealed record TextMessage(string Phone, string Text);

/// <summary>
/// Sends text messages (one-time codes, notification copies). External SMS gateways cannot be reached from every
/// deployment, so the default keeps messages on the platform (log and the admin-visible outbox); a real gateway adapter
/// is chosen by settings.
/// </summary>
public interface ITextMessageSender
{
    /// <summary>False when messages go nowhere a person would read them on their phone (development outbox).</summary>
    bool DeliversToPhones { get; }

    Task SendAsync(TextMessage message, CancellationToken ct = default);
}

/// <summary>Development default: writes each message to the log (the sign-up stream adds the admin-visible outbox).</summary>
public sealed class LoggingTextMessageSender(ILogger<LoggingTextMessageSender> logger) : ITextMessageSender
{
    public bool DeliversToPhones => false;

    public Task SendAsync(TextMessage message, CancellationToken ct = default)
    {
        logger.LogInformation("短信（开发发件箱）→ {Phone}: {Text}", message.Phone, message.Text);
        return Task.CompletedTask;
    }
}
