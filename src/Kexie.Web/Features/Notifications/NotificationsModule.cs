using Kexie.Domain.Authorization;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Notifications;

/// <summary>In-app notifications and their e-mail copies (SMTP when <c>Smtp:Host</c> is set).</summary>
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
    }

    public void MapEndpoints(RouteGroupBuilder api) => NotificationEndpoints.MapNotifications(api);
}
