using Kexie.Domain.Authorization;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Notifications;

/// <summary>
/// In-app notifications and their copies: e-mail (SMTP through MailKit when <c>Smtp:Host</c> is set), text messages
/// (<see cref="ITextMessageSender"/>), each as the recipient chose (通知设置); the daily digest for staff and admins.
/// </summary>
public sealed class NotificationsModule : IFeatureModule
{
    public IReadOnlyList<Permission> Permissions => NotificationPermissions.All;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmtpOptions>(configuration.GetSection("Smtp"));
        if (!string.IsNullOrWhiteSpace(configuration["Smtp:Host"]))
        {
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
        else
        {
            services.AddSingleton<IEmailSender, NoOpEmailSender>();
        }

        services.AddTextMessages(configuration);
        services.AddSingleton<EmailSignal>();
        services.AddScoped<EmailOutbox>();
        services.AddHostedService<EmailDispatchService>();
        services.AddScoped<Notifier>();
        services.AddScoped<NotificationService>();
        services.Configure<NotificationOptions>(configuration.GetSection("Notifications"));
        services.AddScoped<NotificationPreferences>();
        services.AddScoped<TextOutbox>();
        services.AddHostedService<TextDispatchService>();
        services.AddScoped<DigestSender>();
        services.AddHostedService<DigestService>();
    }

    public void MapEndpoints(RouteGroupBuilder api) => NotificationEndpoints.MapNotifications(api);
}
