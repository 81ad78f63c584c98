using Kexie.Domain.Market;

namespace Kexie.Domain.Tests.Market;

/// <summary>
/// A person's explicit choices stay; a kind they were never shown (added to the platform after they saved) follows the
/// default for everyone, so its e-mail reaches them.
/// </summary>
public class NotificationPreferenceTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The kinds a settings page showed before 活动报名 (13) was added.</summary>
    private static readonly NotificationKind[] BeforeActivityRegistration = [.. Enum.GetValues<NotificationKind>().Where(k => k != NotificationKind.ActivityRegistration)];

    [Fact]
    public void Defaults_send_email_for_every_kind_but_the_opt_in_ones_and_no_text()
    {
        var defaults = NotificationPreference.Defaults("u1");

        foreach (var kind in Enum.GetValues<NotificationKind>())
        {
            Assert.Equal(kind != NotificationKind.SubscribedContent, defaults.Wants(kind, NotificationChannel.Email));
            Assert.False(defaults.Wants(kind, NotificationChannel.Text));
            Assert.False(defaults.Chose(kind));
        }
    }

    [Fact]
    public void A_kind_added_after_saving_follows_the_default_while_the_shown_kinds_keep_the_choice()
    {
        var preference = NotificationPreference.Defaults("u1");

        // Saved when 活动报名 did not exist yet: e-mail only for new inquiries, a text message for overdue plans.
        preference.Set([NotificationKind.OrderInquiry], [NotificationKind.ResponseOverdue], dailyDigest: false, At, shown: BeforeActivityRegistration);

        Assert.True(preference.Wants(NotificationKind.ActivityRegistration, NotificationChannel.Email));
        Assert.False(preference.Wants(NotificationKind.ActivityRegistration, NotificationChannel.Text));
        Assert.False(preference.Chose(NotificationKind.ActivityRegistration));

        // The explicit choices on the kinds shown stay: opted out of review results, in for inquiries, text for overdue.
        Assert.False(preference.Wants(NotificationKind.ReviewApproved, NotificationChannel.Email));
        Assert.True(preference.Wants(NotificationKind.OrderInquiry, NotificationChannel.Email));
        Assert.True(preference.Wants(NotificationKind.ResponseOverdue, NotificationChannel.Text));
        Assert.False(preference.Wants(NotificationKind.OrderInquiry, NotificationChannel.Text));
    }

    [Fact]
    public void An_opt_in_kind_added_later_stays_off_until_chosen()
    {
        var preference = NotificationPreference.Defaults("u1");
        preference.Set([NotificationKind.OrderInquiry], [], dailyDigest: true, At, shown: [NotificationKind.OrderInquiry, NotificationKind.ReviewApproved]);

        Assert.False(preference.Wants(NotificationKind.SubscribedContent, NotificationChannel.Email));
        Assert.False(preference.Wants(NotificationKind.ReviewApproved, NotificationChannel.Email));
    }

    [Fact]
    public void Saving_on_settings_that_show_every_kind_makes_an_opt_out_of_the_new_kind_explicit()
    {
        var preference = NotificationPreference.Defaults("u1");
        preference.Set([NotificationKind.OrderInquiry], [], dailyDigest: true, At, shown: BeforeActivityRegistration);

        // Saved again on today's page (every kind shown), leaving 活动报名 unticked: that is now their choice.
        preference.Set([NotificationKind.OrderInquiry], [], dailyDigest: true, At.AddDays(1));

        Assert.True(preference.Chose(NotificationKind.ActivityRegistration));
        Assert.False(preference.Wants(NotificationKind.ActivityRegistration, NotificationChannel.Email));
        Assert.Equal(NotificationPreference.AllKinds, preference.ShownKinds);
    }

    [Fact]
    public void A_choice_on_a_kind_not_shown_is_not_kept()
    {
        var preference = NotificationPreference.Defaults("u1");

        // A client that did not show 活动报名 cannot have chosen a text message for it.
        preference.Set([], [NotificationKind.ActivityRegistration], dailyDigest: true, At, shown: BeforeActivityRegistration);

        Assert.False(preference.Wants(NotificationKind.ActivityRegistration, NotificationChannel.Text));
        Assert.True(preference.Wants(NotificationKind.ActivityRegistration, NotificationChannel.Email));
    }
}
